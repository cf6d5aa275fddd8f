"""Memberships: a business's owner invites people of other tenants (the gestoría's staff) with a
role, lists them and revokes them; the invitee accepts with the one account they have (or makes
one). Only owners hold `members:*` (no other role names it). See docs/gateway.md "Memberships".
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Request, status

from cartera_gateway import mail
from cartera_gateway.auth import SESSION_COOKIE, authenticate, scoped
from cartera_gateway.members import service
from cartera_gateway.members.schemas import (
    Invitation,
    InvitationAccept,
    Member,
    MemberInvite,
    MemberList,
)
from cartera_gateway.models import memberships
from cartera_gateway.people.service import client_address, must_cover
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.transaction import Transaction
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part, settings_of
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset, ListCursor, page_limit
from cartera_shared.problems import Code, Forbidden, ServiceUnavailable

router = APIRouter(tags=["people"], responses=errors())

# A gestoría answers in days, not minutes.
INVITATION_DAYS = 7

MembersReader = Annotated[Identity, scoped("members:read")]
MembersWriter = Annotated[Identity, scoped("members:write", live_only=True)]
Settings = Annotated[GatewaySettings, settings_of(GatewaySettings)]
Smtp = Annotated[mail.SmtpSettings, part(mail.SmtpSettings)]


def _problem(code: int, description: str) -> dict[str, Any]:
    return errors(code)[code] | {"description": description}


@router.get("/v1/members")
async def list_members(
    identity: MembersReader,
    session: Transaction,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> MemberList:
    """The people let into this tenant from elsewhere, with the pending invitations and the
    revoked ones, oldest first, a page at a time (`next_cursor`). The tenant's own accounts are
    at /v1/users."""
    keyset = Keyset(memberships.c.created_at, memberships.c.id, cursor=cursor, name="members")
    return await service.list_members(session, identity, keyset, limit)


@router.post(
    "/v1/members",
    status_code=status.HTTP_201_CREATED,
    responses={
        403: _problem(403, "The credential lacks `members:write` (only owners hold it)."),
        **errors(409),
        503: _problem(503, "The mail server did not take the invitation; it was withdrawn."),
    },
)
async def invite_member(
    body: MemberInvite, identity: MembersWriter, runtime: Runtime, settings: Settings, smtp: Smtp
) -> Invitation:
    """Invite a person by e-mail with a role here (`accountant` unless told). Someone with a
    Cartera account joins with it, without a new password; someone new chooses one. The token is
    mailed; without a mail server it comes in the answer for the owner to hand over. An e-mail
    already invited, a member or an account of this tenant is a 409; a revoked one may be invited
    again."""
    must_cover(identity, body.role, "give it")
    token = service.INVITATION_TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + timedelta(days=INVITATION_DAYS)
    async with runtime.sessions() as session, session.begin():
        row, tenant_name = await service.invite(session, identity, body, token, expires_at)
    answer = service.member_json(row) | {
        "invitation_expires_at": expires_at.isoformat(),
        "mailed": False,
        "invitation_token": token,
    }
    if smtp.host:
        message = mail.invitation_message(
            smtp,
            to=row["email"],
            tenant_name=tenant_name,
            role=row["role"],
            link=f"{settings.public_base_url}/app/#/invitation?token={token}",
            days=INVITATION_DAYS,
        )
        try:
            await mail.send(smtp, message)
        except mail.MailNotSent as exc:
            async with runtime.sessions() as session, session.begin():
                await service.revoke(session, identity, row["id"])
            raise ServiceUnavailable(
                "The mail server did not take the invitation; nothing was sent. Try again later.",
                code=Code.MAIL_UNAVAILABLE,
                retry_after=30,
            ) from exc
        # The token is the invitee's: once mailed, nobody else sees it.
        answer |= {"mailed": True, "invitation_token": None}
    return Invitation.model_validate(answer)


@router.delete(
    "/v1/members/{member_id}",
    responses={
        403: _problem(403, "The credential lacks `members:write` (only owners hold it)."),
        **errors(404),
    },
)
async def revoke_member(
    member_id: uuid.UUID, identity: MembersWriter, session: Transaction
) -> Member:
    """Revoke a membership (or a pending invitation): the person's sessions in this tenant end at
    once; their account and their other businesses are untouched. Revoking twice answers the
    same."""
    row = await service.revoke(session, identity, member_id)
    return Member.model_validate(service.member_json(row))


@router.post(
    "/v1/auth/invitation",
    responses={
        400: _problem(400, "The invitation is unknown, accepted, revoked, replaced or expired."),
        403: _problem(403, "The signed-in person's e-mail is not the invited one."),
        **errors(409),
    },
)
async def accept_invitation(
    body: InvitationAccept,
    request: Request,
    runtime: Runtime,
    limits: Annotated[RateLimits, part(RateLimits)],
) -> Member:
    """Accept an invitation. A person with a Cartera account sends their session (cookie with its
    CSRF token, or bearer) and joins without a new password; a person new to Cartera sends no
    session but a `name` and a `password` (409 when the e-mail has an account: sign in first).
    Afterwards `POST /v1/auth/switch` enters the business."""
    person: uuid.UUID | None = None
    if "Authorization" in request.headers or SESSION_COOKIE in request.cookies:
        identity = await authenticate(request)
        if not identity.subject.startswith("user:"):
            raise Forbidden("An API key cannot accept an invitation: a person does.")
        person = uuid.UUID(identity.subject.removeprefix("user:"))
    else:
        await limits.check_password_reset(client_address(request))
    async with runtime.sessions() as session, session.begin():
        row = await service.accept(
            session,
            body.token,
            datetime.now(UTC),
            person=person,
            name=body.name,
            password=body.password,
        )
    return Member.model_validate(service.member_json(row))
