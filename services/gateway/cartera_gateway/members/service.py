"""Memberships read and written in the caller's transaction: invitations, their acceptance and
revocation (which ends the person's sessions in that tenant at once)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.auth import token_hash
from cartera_gateway.members.schemas import MemberInvite, MemberList
from cartera_gateway.models import memberships, sessions, tenants, users
from cartera_gateway.passwords import hash_password
from cartera_gateway.people.service import check_password
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset
from cartera_shared.problems import (
    Code,
    Conflict,
    Forbidden,
    NotFound,
    Problem,
    UnprocessableEntity,
    field_error,
)

INVITATION_TOKEN_PREFIX = "cmi_"


class InvitationInvalid(Problem):
    status, title, type_slug = 400, "Invitation not valid", "invitation-invalid"
    code = Code.INVITATION_INVALID


def member_json(row: Any) -> dict[str, Any]:
    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": str(row["id"]),
        "tenant_id": str(row["tenant_id"]),
        "email": row["email"],
        "role": row["role"],
        "status": row["status"],
        "user_id": str(row["user_id"]) if row["user_id"] else None,
        "invited_by": row["invited_by"],
        "created_at": row["created_at"].isoformat(),
        "accepted_at": stamp(row["accepted_at"]),
        "revoked_at": stamp(row["revoked_at"]),
    }


async def list_members(
    session: AsyncSession, identity: Identity, keyset: Keyset, limit: int
) -> MemberList:
    query = select(memberships).where(memberships.c.tenant_id == identity.tenant_id)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return MemberList.model_validate(
        {"items": [member_json(r) for r in rows], "next_cursor": next_cursor}
    )


async def invite(
    session: AsyncSession,
    identity: Identity,
    body: MemberInvite,
    token: str,
    expires_at: datetime,
) -> tuple[Any, str]:
    """The invitation's row and the tenant's name. An e-mail that already has an account of
    this tenant, or a pending or active membership, is a 409; a revoked one is invited again."""
    email = str(body.email).lower()
    tenant_name: Any = await session.scalar(
        select(tenants.c.name).where(tenants.c.id == identity.tenant_id)
    )
    own_account = await session.scalar(
        select(users.c.id).where(users.c.tenant_id == identity.tenant_id, users.c.email == email)
    )
    if own_account is not None:
        raise Conflict(
            f"{email} has an account of this business already: see /v1/users.",
            code=Code.ALREADY_EXISTS,
        )
    values = {
        "role": body.role,
        "status": "invited",
        "invited_by": identity.subject,
        "token_hash": token_hash(token),
        "token_expires_at": expires_at,
        "user_id": None,
        "accepted_at": None,
        "revoked_at": None,
    }
    existing = (
        (
            await session.execute(
                select(memberships)
                .where(memberships.c.tenant_id == identity.tenant_id, memberships.c.email == email)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if existing is not None and existing["status"] != "revoked":
        raise Conflict(
            f"{email} is {existing['status']} here already (membership {existing['id']}).",
            code=Code.ALREADY_EXISTS,
            member_id=str(existing["id"]),
        )
    if existing is not None:
        statement: Any = (
            update(memberships)
            .where(memberships.c.id == existing["id"])
            .values(**values, created_at=func.now())
        )
    else:
        statement = insert(memberships).values(
            id=uuid.uuid4(), tenant_id=identity.tenant_id, email=email, **values
        )
    row = (await session.execute(statement.returning(memberships))).mappings().one()
    return row, tenant_name


async def revoke(session: AsyncSession, identity: Identity, member_id: uuid.UUID) -> Any:
    """The membership revoked, and every session of its person in this tenant ended with it."""
    row = (
        (
            await session.execute(
                update(memberships)
                .where(
                    memberships.c.id == member_id,
                    memberships.c.tenant_id == identity.tenant_id,
                )
                .values(
                    status="revoked",
                    revoked_at=func.coalesce(memberships.c.revoked_at, func.now()),
                    token_hash=None,
                )
                .returning(memberships)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Membership {member_id} does not exist.")
    if row["user_id"] is not None:
        await session.execute(
            update(sessions)
            .where(
                sessions.c.user_id == row["user_id"],
                sessions.c.tenant_id == identity.tenant_id,
                sessions.c.revoked_at.is_(None),
            )
            .values(revoked_at=func.now())
        )
    return row


async def accept(
    session: AsyncSession,
    token: str,
    now: datetime,
    *,
    person: uuid.UUID | None,
    name: str | None,
    password: str | None,
) -> Any:
    """Spend the invitation: the signed-in `person` joins (their e-mail must be the invited
    one), or a person new to Cartera gets an account in the inviting tenant with `password`."""
    row = (
        (
            await session.execute(
                select(memberships, tenants.c.name.label("tenant_name"))
                .join(tenants, tenants.c.id == memberships.c.tenant_id)
                .where(memberships.c.token_hash == token_hash(token))
                .with_for_update(of=memberships)
            )
        )
        .mappings()
        .first()
    )
    if (
        row is None
        or row["status"] != "invited"
        or row["token_expires_at"] is None
        or row["token_expires_at"] <= now
    ):
        raise InvitationInvalid(
            "This invitation is unknown, accepted, revoked, replaced or expired; ask the "
            "business for a new one."
        )
    if person is not None:
        email = await session.scalar(select(users.c.email).where(users.c.id == person))
        if email != row["email"]:
            # The invitation names an address: whoever holds another account cannot take it.
            raise Forbidden(
                "This invitation is for another e-mail address than the signed-in person's."
            )
        user_id = person
    else:
        if await session.scalar(select(users.c.id).where(users.c.email == row["email"]).limit(1)):
            raise Conflict(
                "This e-mail has a Cartera account: sign in with it, then accept the invitation "
                "with that session (no new password).",
                code=Code.INVALID_STATE,
            )
        if not name or not password:
            raise UnprocessableEntity(
                "A person new to Cartera accepts with a name and a password.",
                errors=field_error("body", "password", msg="a name and a password are needed"),
            )
        check_password(password, row["email"])
        user_id = uuid.uuid4()
        await session.execute(
            insert(users).values(
                id=user_id,
                tenant_id=row["tenant_id"],
                email=row["email"],
                name=name,
                role=row["role"],
                password_hash=await hash_password(password),
            )
        )
    return (
        (
            await session.execute(
                update(memberships)
                .where(memberships.c.id == row["id"])
                .values(status="active", user_id=user_id, accepted_at=now, token_hash=None)
                .returning(memberships)
            )
        )
        .mappings()
        .one()
    )
