"""People: sign-in, sessions, passwords and the users of a tenant with their roles.

Brute force is held back three times: ten password attempts per minute per client address; an
account locked for one address after five wrong passwords in a row from it (1, 2, 4 ... up to 60
minutes), so that a stranger guessing cannot lock the person out from their own address; and a
ceiling of a hundred wrong passwords in a row per account from all addresses together, which
then locks the account everywhere the same way (a guesser spread over many addresses). A locked
account, an unknown e-mail and a wrong password get the same answer in the same time.

An e-mail address may have one account in each of several tenants. Sign-in tries the password
against each (or only the chosen tenant's); only the accounts it opens are named.

Nobody sets another person's password: whoever manages the people of a tenant may have a one-time
reset link mailed to them, and each person changes their own with the current one.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from sqlalchemy import delete, func, insert, select, update

from cartera_gateway import mail
from cartera_gateway.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Caller,
    new_session_token,
    scoped,
    token_hash,
)
from cartera_gateway.models import (
    password_resets,
    sessions,
    tenants,
    users,
)
from cartera_gateway.passwords import hash_password, needs_rehash, verify_password
from cartera_gateway.people.schemas import (
    CurrentCaller,
    PasswordChange,
    PasswordReset,
    PasswordResetSent,
    SignedIn,
    SignIn,
    User,
    UserIn,
    UserList,
    UserPatch,
)
from cartera_gateway.people.service import (
    MAX_ACCOUNTS_TRIED,
    RESET_TOKEN_PREFIX,
    WRONG_PASSWORD,
    ResetLinkInvalid,
    accounts_query,
    check_password,
    client_address,
    count_failure,
    create_user,
    current_session,
    end_sessions,
    forget_failures,
    locked,
    managed_user,
    must_cover,
    owners_left,
    user_json,
)
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.scopes import ROLES
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.transaction import Transaction
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part, settings_of
from cartera_shared.identity import Identity
from cartera_shared.problems import (
    Conflict,
    Forbidden,
    ServiceUnavailable,
    Unauthorized,
    UnprocessableEntity,
)

router = APIRouter(tags=["people"], responses=errors())


def _problem(code: int, description: str) -> dict[str, Any]:
    """A problem answer with the shared schema, said in this route's words."""
    return errors(code)[code] | {"description": description}


UsersReader = Annotated[Identity, scoped("users:read")]
UsersWriter = Annotated[Identity, scoped("users:write")]


async def _person(identity: Caller) -> Identity:
    """A signed-in person: API keys have no password of their own."""
    if not identity.subject.startswith("user:"):
        raise Forbidden("Only a signed-in person has a password to change; API keys have none.")
    return identity


Person = Annotated[Identity, Depends(_person)]


Limits = Annotated[RateLimits, part(RateLimits)]
Settings = Annotated[GatewaySettings, settings_of(GatewaySettings)]


SIGN_IN_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: _problem(
        401,
        "The e-mail or the password is wrong, the account is disabled or locked: one answer "
        "for all, in the same time.",
    ),
    409: {
        "description": "The e-mail and password open accounts in several tenants; send the "
        "sign-in again with the `tenant_id` of one of `tenants`.",
        "content": {
            "application/problem+json": {
                "schema": {
                    "allOf": [
                        {"$ref": "#/components/schemas/ProblemDetails"},
                        {
                            "type": "object",
                            "required": ["tenants"],
                            "properties": {
                                "tenants": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["tenant_id", "name"],
                                        "properties": {
                                            "tenant_id": {"type": "string", "format": "uuid"},
                                            "name": {"type": "string"},
                                        },
                                    },
                                }
                            },
                        },
                    ]
                }
            }
        },
    },
}


@router.post(
    "/v1/auth/sign-in",
    responses=SIGN_IN_ANSWERS,
    response_model=SignedIn,
    response_model_exclude_unset=True,
)
async def sign_in(
    body: SignIn,
    request: Request,
    response: Response,
    runtime: Runtime,
    limits: Limits,
    settings: Settings,
) -> SignedIn:
    """Sign a person in: a session in an HttpOnly cookie with a CSRF token (the web app), or a
    bearer token (`session: "token"`, scripts). Ten attempts a minute per address; wrong
    passwords lock the account for the address they come from (see the 401)."""
    address = client_address(request)
    await limits.check_sign_in(address)
    now = datetime.now(UTC)
    email = body.email.lower()
    query = accounts_query(address).where(users.c.email == email)
    if body.tenant_id is not None:
        query = query.where(users.c.tenant_id == body.tenant_id)
    async with runtime.sessions() as session, session.begin():
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
        if not opened:
            for account in wrong:
                await count_failure(session, account, address, now)
        elif len(opened) == 1:
            row = opened[0]
            token = new_session_token()
            csrf = secrets.token_urlsafe(32)
            lifetime = timedelta(hours=settings.session_hours)
            await session.execute(
                insert(sessions).values(
                    token_hash=token_hash(token),
                    user_id=row["id"],
                    tenant_id=row["tenant_id"],
                    csrf_token=csrf,
                    expires_at=now + lifetime,
                )
            )
            await forget_failures(session, row["id"], address)
            signed_in: dict[str, Any] = {"last_sign_in_at": now}
            if needs_rehash(row["password_hash"]):
                # The password is at hand only now: a hash made with former settings (64 MiB)
                # is replaced by one with today's, once per person.
                signed_in["password_hash"] = await hash_password(body.password)
            await session.execute(update(users).where(users.c.id == row["id"]).values(signed_in))
    # Outside the transaction, so a failure's counters are committed before the 401.
    if not opened:
        raise Unauthorized(WRONG_PASSWORD)
    if len(opened) > 1:
        # Only accounts this password opens are named: whoever learns of them holds them.
        raise Conflict(
            "This e-mail and password open accounts in several businesses; sign in again "
            "with the tenant_id of the one to enter.",
            tenants=[{"tenant_id": str(a["tenant_id"]), "name": a["tenant_name"]} for a in opened],
        )
    answer: dict[str, Any] = {
        "user": user_json(row) | {"last_sign_in_at": now.isoformat()},
        "tenant_name": row["tenant_name"],
        "scopes": sorted(ROLES[row["role"]]),
        "expires_at": (now + lifetime).isoformat(),
    }
    if body.session == "token":
        return SignedIn.model_validate(answer | {"token": token})
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    return SignedIn.model_validate(answer | {"csrf_token": csrf, "csrf_header": CSRF_HEADER})


@router.post(
    "/v1/auth/sign-out",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(422),
)
async def sign_out(identity: Caller, request: Request, runtime: Runtime) -> Response:
    """End the caller's session (its cookie is cleared). API keys are revoked instead (422)."""
    current = await current_session(request, runtime)
    if current is None:
        raise UnprocessableEntity("Only a person's session can sign out; API keys are revoked.")
    async with runtime.sessions() as session, session.begin():
        await session.execute(
            update(sessions)
            .where(sessions.c.token_hash == current["token_hash"])
            .values(revoked_at=func.now())
        )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/v1/auth/me", response_model=CurrentCaller, response_model_exclude_unset=True)
async def get_caller(identity: Caller, request: Request, runtime: Runtime) -> CurrentCaller:
    """Who is calling: the person (or API key), its tenant and its scopes."""
    answer: dict[str, Any] = {
        "tenant_id": str(identity.tenant_id),
        "subject": identity.subject,
        "scopes": sorted(identity.scopes),
    }
    async with runtime.sessions() as session:
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
    current = await current_session(request, runtime)
    if current is not None and SESSION_COOKIE in request.cookies:
        answer["csrf_token"] = current["csrf_token"]
    return CurrentCaller.model_validate(answer)


@router.get("/v1/users")
async def list_users(identity: UsersReader, session: Transaction) -> UserList:
    """The tenant's people, oldest first."""
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
    return UserList.model_validate({"items": [user_json(r) for r in rows]})


@router.post(
    "/v1/users",
    status_code=status.HTTP_201_CREATED,
    responses={
        403: _problem(403, "The credential lacks `users:write` or a scope of the role."),
        **errors(409),
    },
)
async def add_user(body: UserIn, identity: UsersWriter, session: Transaction) -> User:
    """Add a person with a role and a first password. Giving a role needs every scope of it;
    an e-mail already in the tenant is a 409."""
    must_cover(identity, body.role, "give it")
    return User.model_validate(await create_user(session, identity.tenant_id, body))


@router.patch(
    "/v1/users/{user_id}",
    responses={
        403: _problem(
            403,
            "The credential lacks `users:write`, a scope of the person's role or of the new one.",
        ),
        **errors(404, 409),
    },
)
async def change_user(
    user_id: uuid.UUID, body: UserPatch, identity: UsersWriter, session: Transaction
) -> User:
    """Change a person's name, role or status. A new role or `disabled` ends their sessions;
    the last active owner cannot be demoted or disabled (409). Passwords are never set here:
    see `password-reset`."""
    changes = body.model_dump(exclude_none=True)
    if not changes:
        raise UnprocessableEntity("Nothing to change.")
    if body.role:
        must_cover(identity, body.role, "give it")
    row = await managed_user(session, identity, user_id)
    demoted = (body.role and body.role != "owner") or body.status == "disabled"
    if (
        row["role"] == "owner"
        and demoted
        and await owners_left(session, identity.tenant_id, user_id) == 0
    ):
        raise Conflict("A tenant keeps at least one active owner.")
    updated = (
        (
            await session.execute(
                update(users).where(users.c.id == user_id).values(**changes).returning(users)
            )
        )
        .mappings()
        .one()
    )
    if body.status == "disabled" or body.role:
        # Whatever the person could do before, a new role starts from scratch.
        await end_sessions(session, user_id)
    return User.model_validate(user_json(updated))


@router.post(
    "/v1/users/{user_id}/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=PasswordResetSent,
    responses={
        403: _problem(403, "The credential lacks `users:write` or a scope of the person's role."),
        **errors(404),
        503: _problem(503, "No mail server is configured, or it did not take the message."),
    },
)
async def send_password_reset(
    user_id: uuid.UUID,
    identity: UsersWriter,
    runtime: Runtime,
    settings: Settings,
    smtp: Annotated[mail.SmtpSettings, part(mail.SmtpSettings)],
) -> PasswordResetSent:
    """Mail the person a one-time link to choose a new password. Earlier links stop working;
    the current password keeps working until the link is used. The token is in the mail only."""
    if not smtp.host:
        raise ServiceUnavailable("No mail server is configured (SMTP_HOST): no link can be sent.")
    minutes = settings.password_reset_minutes
    token = RESET_TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + timedelta(minutes=minutes)
    async with runtime.sessions() as session, session.begin():
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
    link = f"{settings.public_base_url}/app/#/reset?token={token}"
    message = mail.reset_message(
        smtp,
        to=row["email"],
        name=row["name"],
        tenant_name=row["tenant_name"],
        link=link,
        minutes=minutes,
    )
    try:
        await mail.send(smtp, message)
    except mail.MailNotSent as exc:
        # Nobody can know this token; it goes, so a later link is the only one.
        async with runtime.sessions() as session, session.begin():
            await session.execute(
                delete(password_resets).where(password_resets.c.token_hash == token_hash(token))
            )
        raise ServiceUnavailable(
            "The mail server did not take the reset link; nothing was sent. Try again later.",
            retry_after=30,
        ) from exc
    return PasswordResetSent(user_id=user_id, email=row["email"], expires_at=expires_at)


@router.post(
    "/v1/auth/password-reset",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        400: _problem(400, "The link is unknown, used, replaced by a later one or expired.")
    },
)
async def reset_password(
    body: PasswordReset, request: Request, runtime: Runtime, limits: Limits
) -> Response:
    """Choose a new password with a mailed link: the link is spent, the account's wrong-password
    counts and locks are cleared and every session of the person ends."""
    await limits.check_password_reset(client_address(request))
    now = datetime.now(UTC)
    async with runtime.sessions() as session, session.begin():
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
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/v1/auth/password",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        403: _problem(
            403,
            "The current password is wrong (or the account is locked), or the caller is an "
            "API key.",
        )
    },
)
async def change_own_password(
    body: PasswordChange, identity: Person, request: Request, runtime: Runtime, limits: Limits
) -> Response:
    """A signed-in person's new password, given with the current one. Their other sessions end;
    this one goes on. A wrong current password counts as a wrong password at sign-in."""
    address = client_address(request)
    await limits.check_sign_in(address)
    current = await current_session(request, runtime)
    now = datetime.now(UTC)
    user_id = uuid.UUID(identity.subject.removeprefix("user:"))
    async with runtime.sessions() as session, session.begin():
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
                raise UnprocessableEntity("new_password: it is the current password.")
            check_password(body.new_password, account["email"])
            await session.execute(
                update(users)
                .where(users.c.id == user_id)
                .values(password_hash=await hash_password(body.new_password))
            )
            await forget_failures(session, user_id)
            # A link mailed earlier would undo this change.
            await session.execute(
                delete(password_resets).where(password_resets.c.user_id == user_id)
            )
            await end_sessions(session, user_id, keep=current["token_hash"] if current else None)
    if not accepted:
        raise Forbidden("The current password is wrong.")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
