"""People's accounts: the brute-force counters and locks, sessions, users of a tenant and what
their roles allow, read and written in the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError

from cartera_gateway.auth import (
    SESSION_COOKIE,
    SESSION_PREFIX,
    token_hash,
)
from cartera_gateway.models import (
    sessions,
    sign_in_failures,
    tenants,
    users,
)
from cartera_gateway.passwords import hash_password, weakness
from cartera_gateway.people.schemas import UserIn
from cartera_gateway.scopes import ROLES, covers
from cartera_shared.app_factory import ServiceRuntime
from cartera_shared.identity import Identity
from cartera_shared.problems import (
    Conflict,
    Forbidden,
    NotFound,
    Problem,
    UnprocessableEntity,
)

# Wrong passwords in a row from one address before that address is locked out of the account.
LOCK_AFTER_FAILURES = 5
MAX_LOCK_MINUTES = 60
# Wrong passwords in a row from all addresses together before the account is locked everywhere.
ACCOUNT_CEILING = 100
# An address's count of wrong passwords starts again after a day without one.
FORGET_FAILURES_AFTER = timedelta(days=1)
# Accounts of one e-mail a sign-in without `tenant_id` tries (each costs a password hash).
MAX_ACCOUNTS_TRIED = 10
RESET_TOKEN_PREFIX = "cpr_"


WRONG_PASSWORD = "The e-mail or the password is wrong, or the account is disabled."


class ResetLinkInvalid(Problem):
    status, title, type_slug = 400, "Reset link not valid", "reset-link-invalid"


def client_address(request: Request) -> str:
    """The caller's address as the server saw it (X-Forwarded-For only from TRUSTED_PROXIES,
    whose header may carry any text: cut to what an address column holds)."""
    return request.client.host[:64] if request.client else "unknown"


def must_cover(identity: Identity, role: str, action: str) -> None:
    """Whoever gives a role, or acts on a person holding one, holds at least its scopes: a
    credential with `users:write` alone cannot make an owner, nor take one over."""
    missing = covers(identity.scopes, ROLES[role])
    if missing:
        raise Forbidden(
            f"Only a credential holding every scope of the role '{role}' may {action}; "
            f"this one lacks {', '.join(sorted(missing))}.",
            missing=sorted(missing),
        )


def user_json(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "tenant_id": str(row["tenant_id"]),
        "email": row["email"],
        "name": row["name"],
        "role": row["role"],
        "status": row["status"],
        "last_sign_in_at": row["last_sign_in_at"].isoformat() if row["last_sign_in_at"] else None,
        "created_at": row["created_at"].isoformat(),
    }


def lock_minutes(failures: int) -> int:
    minutes: int = min(2 ** (failures - LOCK_AFTER_FAILURES), MAX_LOCK_MINUTES)
    return minutes


def accounts_query(address: str) -> Any:
    """Accounts, each with its tenant and what this address failed on it."""
    return (
        select(
            users,
            tenants.c.status.label("tenant_status"),
            tenants.c.name.label("tenant_name"),
            sign_in_failures.c.failures.label("address_failures"),
            sign_in_failures.c.locked_until.label("address_locked_until"),
            sign_in_failures.c.last_failed_at.label("address_last_failed_at"),
        )
        .join(tenants, tenants.c.id == users.c.tenant_id)
        .outerjoin(
            sign_in_failures,
            and_(sign_in_failures.c.user_id == users.c.id, sign_in_failures.c.address == address),
        )
    )


def locked(account: Any, now: datetime) -> bool:
    """Locked for this address, or everywhere past the account's ceiling."""
    return any(
        until is not None and until > now
        for until in (account["locked_until"], account["address_locked_until"])
    )


async def count_failure(session: Any, account: Any, address: str, now: datetime) -> None:
    """One more wrong password for the account: from this address, and from all together."""
    last = account["address_last_failed_at"]
    recent = last is not None and now - last < FORGET_FAILURES_AFTER
    failures = (account["address_failures"] if recent else 0) + 1
    locked_until = (
        now + timedelta(minutes=lock_minutes(failures)) if failures >= LOCK_AFTER_FAILURES else None
    )
    values = {"failures": failures, "locked_until": locked_until, "last_failed_at": now}
    await session.execute(
        pg_insert(sign_in_failures)
        .values(user_id=account["id"], address=address, **values)
        .on_conflict_do_update(index_elements=["user_id", "address"], set_=values)
    )
    # Addresses that stopped long ago are forgotten, so the table holds recent guessing only.
    await session.execute(
        delete(sign_in_failures).where(
            sign_in_failures.c.user_id == account["id"],
            sign_in_failures.c.last_failed_at < now - FORGET_FAILURES_AFTER,
            or_(sign_in_failures.c.locked_until.is_(None), sign_in_failures.c.locked_until < now),
        )
    )
    everywhere = account["failed_attempts"] + 1
    await session.execute(
        update(users)
        .where(users.c.id == account["id"])
        .values(
            failed_attempts=everywhere,
            locked_until=(
                now
                + timedelta(
                    minutes=lock_minutes(everywhere - ACCOUNT_CEILING + LOCK_AFTER_FAILURES)
                )
                if everywhere >= ACCOUNT_CEILING
                else None
            ),
        )
    )


async def forget_failures(session: Any, user_id: Any, address: str | None = None) -> None:
    """A right password: the account's count starts again, and this address's (or every one's)."""
    await session.execute(
        update(users).where(users.c.id == user_id).values(failed_attempts=0, locked_until=None)
    )
    forgotten = delete(sign_in_failures).where(sign_in_failures.c.user_id == user_id)
    if address is not None:
        forgotten = forgotten.where(sign_in_failures.c.address == address)
    await session.execute(forgotten)


async def current_session(request: Request, runtime: ServiceRuntime) -> Any:
    header = request.headers.get("Authorization", "")
    token = header.partition(" ")[2].strip() if header else request.cookies.get(SESSION_COOKIE, "")
    if not token.startswith(SESSION_PREFIX):
        return None
    async with runtime.sessions() as session:
        return (
            (
                await session.execute(
                    select(sessions).where(sessions.c.token_hash == token_hash(token))
                )
            )
            .mappings()
            .first()
        )


def check_password(password: str, email: str) -> None:
    problem = weakness(password, email)
    if problem:
        raise UnprocessableEntity(f"password: {problem}.")


async def create_user(session: Any, tenant_id: uuid.UUID, body: UserIn) -> dict[str, Any]:
    check_password(body.password, body.email)
    password_hash = await hash_password(body.password)
    try:
        async with session.begin_nested():
            row = (
                (
                    await session.execute(
                        insert(users)
                        .values(
                            id=uuid.uuid4(),
                            tenant_id=tenant_id,
                            email=body.email.lower(),
                            name=body.name,
                            role=body.role,
                            password_hash=password_hash,
                        )
                        .returning(users)
                    )
                )
                .mappings()
                .one()
            )
    except IntegrityError as exc:
        raise Conflict(f"A user with the e-mail {body.email} exists already.") from exc
    return user_json(row)


async def owners_left(session: Any, tenant_id: uuid.UUID, without: uuid.UUID) -> int:
    count: int = await session.scalar(
        select(func.count()).where(
            users.c.tenant_id == tenant_id,
            users.c.role == "owner",
            users.c.status == "active",
            users.c.id != without,
        )
    )
    return count


async def managed_user(session: Any, identity: Identity, user_id: uuid.UUID) -> Any:
    """A user of the caller's tenant, locked for the change, whom the caller may act on."""
    row = (
        (
            await session.execute(
                select(users, tenants.c.name.label("tenant_name"))
                .join(tenants, tenants.c.id == users.c.tenant_id)
                .where(users.c.tenant_id == identity.tenant_id, users.c.id == user_id)
                .with_for_update(of=users)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"User {user_id} does not exist.")
    must_cover(identity, row["role"], "act on a person who holds it")
    return row


async def end_sessions(session: Any, user_id: Any, *, keep: str | None = None) -> None:
    ended = update(sessions).where(sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None))
    if keep is not None:
        ended = ended.where(sessions.c.token_hash != keep)
    await session.execute(ended.values(revoked_at=func.now()))
