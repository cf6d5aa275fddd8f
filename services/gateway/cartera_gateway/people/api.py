"""People: sign-in, sessions, passwords and the users of a tenant with their roles.

Brute force is held back three times: ten password attempts per minute per client address; an
account locked for one address after five wrong passwords in a row from it (1, 2, 4 ... up to 60
minutes), so that a stranger guessing cannot lock the person out from their own address; and a
ceiling of a hundred wrong passwords in a row per account from all addresses together, which
then locks the account everywhere the same way (a guesser spread over many addresses). A locked
account, an unknown e-mail and a wrong password get the same answer in the same time.

A person has one account (one password) and may belong to other tenants through memberships
(members/): sign-in enters the account's own tenant, or the chosen one they belong to, and
`POST /v1/auth/switch` moves the session to another. Accounts made before memberships may still
share an e-mail across tenants: sign-in tries the password against each (or only the chosen
tenant's); only the accounts it opens are named (the 409).

Nobody sets another person's password: whoever manages the people of a tenant may have a one-time
reset link mailed to them, and each person changes their own with the current one.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from sqlalchemy import select, update

from cartera_gateway import mail
from cartera_gateway.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Caller,
    scoped,
)
from cartera_gateway.models import (
    users,
)
from cartera_gateway.people import service
from cartera_gateway.people.schemas import (
    CurrentCaller,
    PasswordChange,
    PasswordReset,
    PasswordResetSent,
    SignedIn,
    SignIn,
    SignInChoice,
    SwitchTenant,
    User,
    UserIn,
    UserList,
    UserPatch,
)
from cartera_gateway.people.service import (
    RESET_TOKEN_PREFIX,
    WRONG_PASSWORD,
    client_address,
    create_user,
    current_session,
    end_sessions,
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
from cartera_shared.pagination import Keyset, ListCursor, page_limit
from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    Code,
    Conflict,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
    UnprocessableEntity,
)

router = APIRouter(tags=["people"], responses=errors())


def _problem(code: int, description: str) -> dict[str, Any]:
    """A problem answer with the shared schema, said in this route's words."""
    return errors(code)[code] | {"description": description}


UsersReader = Annotated[Identity, scoped("users:read")]
UsersWriter = Annotated[Identity, scoped("users:write", live_only=True)]


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
        "model": SignInChoice,
        "description": "The e-mail and password open separate accounts in several tenants; send "
        "the sign-in again with the `tenant_id` of one of `tenants`.",
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/SignInChoice"}}},
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
    lifetime = timedelta(hours=settings.session_hours)
    async with runtime.sessions() as session, session.begin():
        outcome = await service.attempt_sign_in(session, body, address, now, lifetime)
    # Outside the transaction, so a failure's counters are committed before the 401.
    opened = outcome.opened
    if not opened:
        raise Unauthorized(WRONG_PASSWORD)
    if len(opened) > 1:
        # Only accounts this password opens are named: whoever learns of them holds them.
        raise Conflict(
            "This e-mail and password open accounts in several businesses; sign in again "
            "with the tenant_id of the one to enter.",
            tenants=[{"tenant_id": str(a["tenant_id"]), "name": a["tenant_name"]} for a in opened],
        )
    row, token, csrf, place = opened[0], outcome.token, outcome.csrf, outcome.place
    if token is None or csrf is None or place is None:
        raise RuntimeError("sign-in opened one account but made no session")
    answer = signed_in_answer(
        user_json(row) | {"last_sign_in_at": now.isoformat()},
        place,
        outcome.places or [],
        now + lifetime,
    )
    return _hand_over(answer, body.session, token, csrf, response, settings, lifetime)


def signed_in_answer(
    user: dict[str, Any], place: dict[str, Any], places: list[dict[str, Any]], expires_at: datetime
) -> dict[str, Any]:
    return {
        "user": user,
        "tenant_id": str(place["tenant_id"]),
        "tenant_name": place["name"],
        "role": place["role"],
        "tenants": [p | {"tenant_id": str(p["tenant_id"])} for p in places],
        "scopes": sorted(ROLES[place["role"]]),
        "expires_at": expires_at.isoformat(),
    }


def _hand_over(
    answer: dict[str, Any],
    mode: str,
    token: str,
    csrf: str,
    response: Response,
    settings: GatewaySettings,
    lifetime: timedelta,
) -> SignedIn:
    """The new session as asked: a bearer token in the answer, or an HttpOnly cookie and its
    CSRF token."""
    if mode == "token":
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
        await service.end_session(session, current["token_hash"])
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post(
    "/v1/auth/switch",
    response_model=SignedIn,
    response_model_exclude_unset=True,
    responses={
        **errors(404),
        403: _problem(403, "The caller is an API key: only a person's session switches."),
        404: _problem(
            404,
            "The person has no role in that tenant (or it does not exist): the same answer for "
            "both.",
        ),
    },
)
async def switch_tenant(
    body: SwitchTenant,
    identity: Person,
    request: Request,
    response: Response,
    runtime: Runtime,
    settings: Settings,
) -> SignedIn:
    """A session in another business the person belongs to, handed over as the current one was
    (cookie or bearer token); the current session ends."""
    current = await current_session(request, runtime)
    if current is None:
        raise Forbidden("Only a person's session can switch; API keys belong to one tenant.")
    user_id = uuid.UUID(identity.subject.removeprefix("user:"))
    now = datetime.now(UTC)
    lifetime = timedelta(hours=settings.session_hours)
    async with runtime.sessions() as session, session.begin():
        places = await service.places_of(session, user_id)
        place = next((p for p in places if p["tenant_id"] == body.tenant_id), None)
        if place is None:
            raise NotFound(f"You do not belong to a tenant {body.tenant_id}.")
        await service.end_session(session, current["token_hash"])
        token, csrf = await service.open_session(
            session, user_id, place["tenant_id"], now, lifetime
        )
        account = (
            (await session.execute(select(users).where(users.c.id == user_id))).mappings().one()
        )
    answer = signed_in_answer(user_json(account), place, places, now + lifetime)
    mode = (
        "cookie"
        if SESSION_COOKIE in request.cookies and "Authorization" not in request.headers
        else "token"
    )
    return _hand_over(answer, mode, token, csrf, response, settings, lifetime)


@router.get("/v1/auth/me", response_model=CurrentCaller, response_model_exclude_unset=True)
async def get_caller(identity: Caller, request: Request, runtime: Runtime) -> CurrentCaller:
    """Who is calling: the person (or API key), its tenant and its scopes."""
    answer: dict[str, Any] = {
        "tenant_id": str(identity.tenant_id),
        "subject": identity.subject,
        "scopes": sorted(identity.scopes),
    }
    async with runtime.sessions() as session:
        answer |= await service.describe_caller(session, identity)
    current = await current_session(request, runtime)
    if current is not None and SESSION_COOKIE in request.cookies:
        answer["csrf_token"] = current["csrf_token"]
    return CurrentCaller.model_validate(answer)


@router.get("/v1/users")
async def list_users(
    identity: UsersReader,
    session: Transaction,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> UserList:
    """The tenant's people, oldest first, a page at a time (`next_cursor`)."""
    keyset = Keyset(users.c.created_at, users.c.id, cursor=cursor, name="users")
    return await service.list_users(session, identity, keyset, limit)


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
        raise Conflict("A tenant keeps at least one active owner.", code=Code.INVALID_STATE)
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
        raise ServiceUnavailable(
            "No mail server is configured (CARTERA_GATEWAY_SMTP_HOST): no link can be sent.",
            code=Code.NOT_CONFIGURED,
        )
    minutes = settings.password_reset_minutes
    token = RESET_TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + timedelta(minutes=minutes)
    async with runtime.sessions() as session, session.begin():
        row = await service.store_reset_link(session, identity, user_id, token, expires_at)
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
            await service.drop_reset_link(session, token)
        raise ServiceUnavailable(
            "The mail server did not take the reset link; nothing was sent. Try again later.",
            code=Code.MAIL_UNAVAILABLE,
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
        await service.reset_password(session, body, now)
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
        accepted = await service.change_password(session, body, user_id, address, now, current)
    if not accepted:
        raise Forbidden("The current password is wrong.")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
