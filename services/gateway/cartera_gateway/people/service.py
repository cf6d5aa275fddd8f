"""People's accounts: the brute-force counters and locks, sessions, users of a tenant and what
their roles allow, read and written in the caller's transaction."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import and_, delete, exists, func, insert, literal, or_, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.auth import (
    SESSION_COOKIE,
    SESSION_PREFIX,
    new_session_token,
    token_hash,
)
from cartera_gateway.models import (
    memberships,
    password_resets,
    sessions,
    sign_in_failures,
    tenants,
    users,
)
from cartera_gateway.passwords import hash_password, needs_rehash, verify_password, weakness
from cartera_gateway.people.schemas import PasswordChange, PasswordReset, SignIn, UserIn, UserList
from cartera_gateway.scopes import ROLES, covers
from cartera_shared.app_factory import ServiceRuntime
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
    code = Code.RESET_LINK_INVALID


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
            code=Code.MISSING_SCOPE,
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
        raise UnprocessableEntity(
            f"password: {problem}.", errors=field_error("body", "password", msg=problem)
        )


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
        raise Conflict(
            f"A user with the e-mail {body.email} exists already.", code=Code.ALREADY_EXISTS
        ) from exc
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


@dataclass(frozen=True)
class SignInOutcome:
    """The accounts a sign-in's password opened; the new session's tokens and place when it was
    one."""

    opened: list[Any]
    token: str | None = None
    csrf: str | None = None
    place: dict[str, Any] | None = None
    places: list[dict[str, Any]] | None = None


async def places_of(session: Any, user_id: Any) -> list[dict[str, Any]]:
    """The active tenants a person has a role in, each with its name and the role: the account's
    own tenant (unless a membership row there says otherwise) first, then the memberships by
    name."""
    own = (
        select(
            users.c.tenant_id.label("tenant_id"),
            users.c.role.label("role"),
            literal(0).label("rank"),
        )
        .where(users.c.id == user_id, users.c.status == "active")
        .where(
            ~exists().where(
                memberships.c.user_id == users.c.id, memberships.c.tenant_id == users.c.tenant_id
            )
        )
    )
    joined = select(memberships.c.tenant_id, memberships.c.role, literal(1).label("rank")).where(
        memberships.c.user_id == user_id,
        memberships.c.status == "active",
        # A disabled account is disabled everywhere.
        exists().where(users.c.id == user_id, users.c.status == "active"),
    )
    both = union_all(own, joined).subquery()
    rows = (
        (
            await session.execute(
                select(both.c.tenant_id, both.c.role, tenants.c.name)
                .join(tenants, tenants.c.id == both.c.tenant_id)
                .where(tenants.c.status == "active")
                .order_by(both.c.rank, tenants.c.name, both.c.tenant_id)
            )
        )
        .mappings()
        .all()
    )
    return [{"tenant_id": r["tenant_id"], "name": r["name"], "role": r["role"]} for r in rows]


async def open_session(
    session: Any, user_id: Any, tenant_id: Any, now: datetime, lifetime: timedelta
) -> tuple[str, str]:
    """A new session of the person in the tenant: its token and CSRF token."""
    token = new_session_token()
    csrf = secrets.token_urlsafe(32)
    await session.execute(
        insert(sessions).values(
            token_hash=token_hash(token),
            user_id=user_id,
            tenant_id=tenant_id,
            csrf_token=csrf,
            expires_at=now + lifetime,
        )
    )
    return token, csrf


async def attempt_sign_in(
    session: AsyncSession, body: SignIn, address: str, now: datetime, lifetime: timedelta
) -> SignInOutcome:
    """Try the password on the e-mail's accounts: a session when it opens exactly one, the
    failures counted when it opens none."""
    token: str | None = None
    csrf: str | None = None
    email = body.email.lower()
    query = accounts_query(address).where(users.c.email == email)
    if body.tenant_id is not None:
        query = query.where(
            or_(
                users.c.tenant_id == body.tenant_id,
                exists().where(
                    memberships.c.user_id == users.c.id,
                    memberships.c.tenant_id == body.tenant_id,
                    memberships.c.status == "active",
                ),
            )
        )
    accounts = (
        (
            await session.execute(
                query.order_by(users.c.created_at, users.c.id)
                .limit(MAX_ACCOUNTS_TRIED)
                .with_for_update(of=users)
            )
        )
        .mappings()
        .all()
    )
    # Every account's hash is checked, locked or not, and a made-up one when there is
    # none: the time taken says nothing about which accounts exist or are locked.
    verdicts = await asyncio.gather(
        *(verify_password(body.password, a["password_hash"]) for a in accounts)
        if accounts
        else [verify_password(body.password, None)]
    )
    opened: list[Any] = []
    wrong: list[Any] = []
    for account, valid in zip(accounts, verdicts, strict=False):
        if locked(account, now):
            continue
        if not valid:
            wrong.append(account)
        elif account["status"] == account["tenant_status"] == "active":
            opened.append(account)
    place: dict[str, Any] | None = None
    places: list[dict[str, Any]] = []
    if len(opened) == 1:
        # One password, every tenant the person belongs to: the chosen one, else their own
        # tenant, else the first membership. A person with no place left is let in nowhere.
        places = await places_of(session, opened[0]["id"])
        wanted = body.tenant_id or opened[0]["tenant_id"]
        place = next((p for p in places if p["tenant_id"] == wanted), None)
        if place is None and body.tenant_id is None and places:
            place = places[0]
        if place is None:
            opened = []
    if not opened:
        for account in wrong:
            await count_failure(session, account, address, now)
    elif len(opened) == 1 and place is not None:
        row = opened[0]
        token, csrf = await open_session(session, row["id"], place["tenant_id"], now, lifetime)
        await forget_failures(session, row["id"], address)
        signed_in: dict[str, Any] = {"last_sign_in_at": now}
        if needs_rehash(row["password_hash"]):
            # The password is at hand only now: a hash made with former settings (64 MiB)
            # is replaced by one with today's, once per person.
            signed_in["password_hash"] = await hash_password(body.password)
        await session.execute(update(users).where(users.c.id == row["id"]).values(signed_in))
    return SignInOutcome(opened=opened, token=token, csrf=csrf, place=place, places=places)


async def end_session(session: AsyncSession, hashed_token: str) -> None:
    await session.execute(
        update(sessions).where(sessions.c.token_hash == hashed_token).values(revoked_at=func.now())
    )


async def describe_caller(session: AsyncSession, identity: Identity) -> dict[str, Any]:
    """The tenant's name, and the person when a person calls."""
    answer: dict[str, Any] = {}
    answer["tenant_name"] = await session.scalar(
        select(tenants.c.name).where(tenants.c.id == identity.tenant_id)
    )
    if identity.subject.startswith("user:"):
        row = (
            (
                await session.execute(
                    select(users).where(users.c.id == uuid.UUID(identity.subject[5:]))
                )
            )
            .mappings()
            .one()
        )
        answer["user"] = user_json(row)
        places = await places_of(session, row["id"])
        answer["tenants"] = [p | {"tenant_id": str(p["tenant_id"])} for p in places]
        here = next((p for p in places if p["tenant_id"] == identity.tenant_id), None)
        if here is not None:
            answer["role"] = here["role"]
    return answer


async def store_reset_link(
    session: AsyncSession, identity: Identity, user_id: uuid.UUID, token: str, expires_at: datetime
) -> Any:
    """The person's one reset link from now on (earlier ones are dropped)."""
    row = await managed_user(session, identity, user_id)
    await session.execute(delete(password_resets).where(password_resets.c.user_id == user_id))
    await session.execute(
        insert(password_resets).values(
            token_hash=token_hash(token),
            user_id=user_id,
            tenant_id=identity.tenant_id,
            requested_by=identity.subject,
            expires_at=expires_at,
        )
    )
    return row


async def drop_reset_link(session: AsyncSession, token: str) -> None:
    await session.execute(
        delete(password_resets).where(password_resets.c.token_hash == token_hash(token))
    )


async def reset_password(session: AsyncSession, body: PasswordReset, now: datetime) -> None:
    """Spend the link on a new password; the person's failures and sessions end."""
    row = (
        (
            await session.execute(
                select(password_resets, users.c.email)
                .join(users, users.c.id == password_resets.c.user_id)
                .where(password_resets.c.token_hash == token_hash(body.token))
                .with_for_update(of=password_resets)
            )
        )
        .mappings()
        .first()
    )
    if row is None or row["used_at"] is not None or row["expires_at"] <= now:
        raise ResetLinkInvalid(
            "This reset link is unknown, used, replaced by a later one or expired; "
            "ask for a new one."
        )
    # A weak password refuses the request before anything is written: the link still works.
    check_password(body.password, row["email"])
    password_hash = await hash_password(body.password)
    await session.execute(
        update(password_resets)
        .where(password_resets.c.token_hash == row["token_hash"])
        .values(used_at=now)
    )
    await session.execute(
        update(users).where(users.c.id == row["user_id"]).values(password_hash=password_hash)
    )
    await forget_failures(session, row["user_id"])
    await end_sessions(session, row["user_id"])


async def change_password(
    session: AsyncSession,
    body: PasswordChange,
    user_id: uuid.UUID,
    address: str,
    now: datetime,
    current: Any,
) -> bool:
    """The new password when the current one is right (else a failure counted); whether it was."""
    account = (
        (
            await session.execute(
                accounts_query(address).where(users.c.id == user_id).with_for_update(of=users)
            )
        )
        .mappings()
        .one()
    )
    valid = await verify_password(body.current_password, account["password_hash"])
    accepted = valid and not locked(account, now)
    if not accepted:
        if not valid and not locked(account, now):
            await count_failure(session, account, address, now)
    else:
        if body.new_password == body.current_password:
            raise UnprocessableEntity(
                "new_password: it is the current password.",
                errors=field_error("body", "new_password", msg="the current password"),
            )
        check_password(body.new_password, account["email"])
        await session.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(password_hash=await hash_password(body.new_password))
        )
        await forget_failures(session, user_id)
        # A link mailed earlier would undo this change.
        await session.execute(delete(password_resets).where(password_resets.c.user_id == user_id))
        await end_sessions(session, user_id, keep=current["token_hash"] if current else None)
    return accepted


async def list_users(
    session: AsyncSession, identity: Identity, keyset: Keyset, limit: int
) -> UserList:
    query = select(users).where(users.c.tenant_id == identity.tenant_id)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return UserList.model_validate(
        {"items": [user_json(r) for r in rows], "next_cursor": next_cursor}
    )
