"""People: sign-in, sessions and the users of a tenant with their roles.

Brute force is held back twice: ten sign-in attempts per minute per client address, and an
account locked for a while after five wrong passwords in a row (1, 2, 4 ... up to 60 minutes).
Unknown e-mails take as long as known ones and get the same answer.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, ConfigDict, EmailStr, Field
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from cartera_gateway.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    SESSION_PREFIX,
    authenticate,
    new_session_token,
    token_hash,
)
from cartera_gateway.models import sessions, tenants, users
from cartera_gateway.passwords import hash_password, needs_rehash, verify_password, weakness
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.scopes import ROLES
from cartera_shared.identity import Identity
from cartera_shared.problems import (
    Conflict,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnprocessableEntity,
)
from cartera_shared.text import Input

router = APIRouter(tags=["people"])
Caller = Annotated[Identity, Depends(authenticate)]
Role = Literal["owner", "accountant", "sales", "read_only"]

LOCK_AFTER_FAILURES = 5
MAX_LOCK_MINUTES = 60


def need(identity: Identity, scope: str) -> None:
    if not identity.allows(scope):
        raise Forbidden(f"This credential lacks the scope '{scope}'.")


def scoped(scope: str) -> Any:
    """A caller holding `scope`, checked before the request body is even read."""

    async def check(identity: Caller) -> Identity:
        need(identity, scope)
        return identity

    return Depends(check)


UsersReader = Annotated[Identity, scoped("users:read")]
UsersWriter = Annotated[Identity, scoped("users:write")]


def _sessions(request: Request) -> Any:
    return request.app.state.runtime.sessions


def _user(row: Any) -> dict[str, Any]:
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


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    session: Literal["cookie", "token"] = Field(
        default="cookie",
        description="cookie: an HttpOnly cookie plus a CSRF token (the web app); "
        "token: a bearer token in the answer (scripts).",
    )


def lock_minutes(failures: int) -> int:
    minutes: int = min(2 ** (failures - LOCK_AFTER_FAILURES), MAX_LOCK_MINUTES)
    return minutes


@router.post("/v1/auth/sign-in")
async def sign_in(body: SignIn, request: Request, response: Response) -> Any:
    limits: RateLimits = request.app.state.rate_limits
    await limits.check_sign_in(request.client.host if request.client else "unknown")
    now = datetime.now(UTC)
    email = body.email.lower()
    async with _sessions(request)() as session, session.begin():
        row = (
            (
                await session.execute(
                    select(
                        users,
                        tenants.c.status.label("tenant_status"),
                        tenants.c.name.label("tenant_name"),
                    )
                    .join(tenants, tenants.c.id == users.c.tenant_id)
                    .where(users.c.email == email)
                    .with_for_update(of=users)
                )
            )
            .mappings()
            .first()
        )
        if row is not None and row["locked_until"] and row["locked_until"] > now:
            retry_after = int((row["locked_until"] - now).total_seconds()) + 1
            raise TooManyRequests(
                "Too many wrong passwords: this account is locked for a while.",
                retry_after=retry_after,
            )
        valid = await verify_password(body.password, row["password_hash"] if row else None)
        allowed = valid and row is not None and row["status"] == row["tenant_status"] == "active"
        if not allowed:
            if row is not None and not valid:
                failures = row["failed_attempts"] + 1
                await session.execute(
                    update(users)
                    .where(users.c.id == row["id"])
                    .values(
                        failed_attempts=failures,
                        locked_until=(
                            now + timedelta(minutes=lock_minutes(failures))
                            if failures >= LOCK_AFTER_FAILURES
                            else None
                        ),
                    )
                )
        else:
            token = new_session_token()
            csrf = secrets.token_urlsafe(32)
            lifetime = timedelta(hours=request.app.state.session_hours)
            await session.execute(
                insert(sessions).values(
                    token_hash=token_hash(token),
                    user_id=row["id"],
                    tenant_id=row["tenant_id"],
                    csrf_token=csrf,
                    expires_at=now + lifetime,
                )
            )
            signed_in: dict[str, Any] = {
                "failed_attempts": 0,
                "locked_until": None,
                "last_sign_in_at": now,
            }
            if needs_rehash(row["password_hash"]):
                # The password is at hand only now: a hash made with former settings (64 MiB)
                # is replaced by one with today's, once per person.
                signed_in["password_hash"] = await hash_password(body.password)
            await session.execute(update(users).where(users.c.id == row["id"]).values(signed_in))
    # Outside the transaction, so a failure's counter is committed before the 401.
    if not allowed or row is None:
        raise Unauthorized("The e-mail or the password is wrong, or the account is disabled.")
    answer: dict[str, Any] = {
        "user": _user(row) | {"last_sign_in_at": now.isoformat()},
        "tenant_name": row["tenant_name"],
        "scopes": sorted(ROLES[row["role"]]),
        "expires_at": (now + lifetime).isoformat(),
    }
    if body.session == "token":
        return answer | {"token": token}
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        secure=request.app.state.secure_cookies,
        samesite="lax",
        path="/",
    )
    return answer | {"csrf_token": csrf, "csrf_header": CSRF_HEADER}


async def _current_session(request: Request) -> Any:
    header = request.headers.get("Authorization", "")
    token = header.partition(" ")[2].strip() if header else request.cookies.get(SESSION_COOKIE, "")
    if not token.startswith(SESSION_PREFIX):
        return None
    async with _sessions(request)() as session:
        return (
            (
                await session.execute(
                    select(sessions).where(sessions.c.token_hash == token_hash(token))
                )
            )
            .mappings()
            .first()
        )


@router.post("/v1/auth/sign-out", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out(identity: Caller, request: Request, response: Response) -> Response:
    current = await _current_session(request)
    if current is None:
        raise UnprocessableEntity("Only a person's session can sign out; API keys are revoked.")
    async with _sessions(request)() as session, session.begin():
        await session.execute(
            update(sessions)
            .where(sessions.c.token_hash == current["token_hash"])
            .values(revoked_at=func.now())
        )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/v1/auth/me")
async def me(identity: Caller, request: Request) -> Any:
    """Who is calling: the person (or API key), its tenant and its scopes."""
    answer: dict[str, Any] = {
        "tenant_id": str(identity.tenant_id),
        "subject": identity.subject,
        "scopes": sorted(identity.scopes),
    }
    async with _sessions(request)() as session:
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
            answer["user"] = _user(row)
    current = await _current_session(request)
    if current is not None and SESSION_COOKIE in request.cookies:
        answer["csrf_token"] = current["csrf_token"]
    return answer


class UserIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=1, max_length=200)


class UserPatch(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    status: Literal["active", "disabled"] | None = None
    password: str | None = Field(default=None, min_length=1, max_length=200)


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
    return _user(row)


@router.get("/v1/users")
async def list_users(identity: UsersReader, request: Request) -> Any:
    async with _sessions(request)() as session:
        rows = (
            (
                await session.execute(
                    select(users)
                    .where(users.c.tenant_id == identity.tenant_id)
                    .order_by(users.c.created_at)
                )
            )
            .mappings()
            .all()
        )
    return {"items": [_user(r) for r in rows]}


@router.post("/v1/users", status_code=status.HTTP_201_CREATED)
async def add_user(body: UserIn, identity: UsersWriter, request: Request) -> Any:
    async with _sessions(request)() as session, session.begin():
        return await create_user(session, identity.tenant_id, body)


async def _owners_left(session: Any, tenant_id: uuid.UUID, without: uuid.UUID) -> int:
    count: int = await session.scalar(
        select(func.count()).where(
            users.c.tenant_id == tenant_id,
            users.c.role == "owner",
            users.c.status == "active",
            users.c.id != without,
        )
    )
    return count


@router.patch("/v1/users/{user_id}")
async def change_user(
    user_id: uuid.UUID, body: UserPatch, identity: UsersWriter, request: Request
) -> Any:
    changes = body.model_dump(exclude_none=True)
    if not changes:
        raise UnprocessableEntity("Nothing to change.")
    async with _sessions(request)() as session, session.begin():
        row = (
            (
                await session.execute(
                    select(users)
                    .where(users.c.tenant_id == identity.tenant_id, users.c.id == user_id)
                    .with_for_update()
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            raise NotFound(f"User {user_id} does not exist.")
        demoted = (body.role and body.role != "owner") or body.status == "disabled"
        if (
            row["role"] == "owner"
            and demoted
            and await _owners_left(session, identity.tenant_id, user_id) == 0
        ):
            raise Conflict("A tenant keeps at least one active owner.")
        if "password" in changes:
            check_password(changes["password"], row["email"])
            changes["password_hash"] = await hash_password(changes.pop("password"))
            changes.update(failed_attempts=0, locked_until=None)
        updated = (
            (
                await session.execute(
                    update(users).where(users.c.id == user_id).values(**changes).returning(users)
                )
            )
            .mappings()
            .one()
        )
        if body.status == "disabled" or "password_hash" in changes or body.role:
            # Whatever the person could do before, a new role or password starts from scratch.
            await session.execute(
                update(sessions)
                .where(sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None))
                .values(revoked_at=func.now())
            )
    return _user(updated)
