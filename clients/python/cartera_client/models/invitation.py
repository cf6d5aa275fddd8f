from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invitation_role import InvitationRole
from ..models.invitation_status import InvitationStatus

T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """A new invitation. Its token is mailed to the invitee; with no mail server configured it is
    answered here instead (`invitation_token`), for the owner to hand over.

        Attributes:
            accepted_at (datetime.datetime | None):
            created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
            email (str): Lower-cased; one membership per e-mail in each tenant.
            id (UUID):
            invitation_expires_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
            invitation_token (None | str): Only when it was not mailed: the token (`cmi_...`) to accept it with.
            invited_by (str): `user:<id>` or `api_key:<id>` of whoever invited.
            mailed (bool): Whether the invitation went out by mail.
            revoked_at (datetime.datetime | None):
            role (InvitationRole):
            status (InvitationStatus):
            tenant_id (UUID):
            user_id (None | UUID): The person, once the invitation is accepted.
    """

    accepted_at: datetime.datetime | None
    created_at: datetime.datetime
    email: str
    id: UUID
    invitation_expires_at: datetime.datetime
    invitation_token: None | str
    invited_by: str
    mailed: bool
    revoked_at: datetime.datetime | None
    role: InvitationRole
    status: InvitationStatus
    tenant_id: UUID
    user_id: None | UUID

    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        created_at = self.created_at.isoformat()

        email = self.email

        id = str(self.id)

        invitation_expires_at = self.invitation_expires_at.isoformat()

        invitation_token: None | str
        invitation_token = self.invitation_token

        invited_by = self.invited_by

        mailed = self.mailed

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        role = self.role.value

        status = self.status.value

        tenant_id = str(self.tenant_id)

        user_id: None | str
        if isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_at": accepted_at,
                "created_at": created_at,
                "email": email,
                "id": id,
                "invitation_expires_at": invitation_expires_at,
                "invitation_token": invitation_token,
                "invited_by": invited_by,
                "mailed": mailed,
                "revoked_at": revoked_at,
                "role": role,
                "status": status,
                "tenant_id": tenant_id,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        id = UUID(d.pop("id"))

        invitation_expires_at = datetime.datetime.fromisoformat(d.pop("invitation_expires_at"))

        def _parse_invitation_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invitation_token = _parse_invitation_token(d.pop("invitation_token"))

        invited_by = d.pop("invited_by")

        mailed = d.pop("mailed")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        role = InvitationRole(d.pop("role"))

        status = InvitationStatus(d.pop("status"))

        tenant_id = UUID(d.pop("tenant_id"))

        def _parse_user_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        user_id = _parse_user_id(d.pop("user_id"))

        invitation = cls(
            accepted_at=accepted_at,
            created_at=created_at,
            email=email,
            id=id,
            invitation_expires_at=invitation_expires_at,
            invitation_token=invitation_token,
            invited_by=invited_by,
            mailed=mailed,
            revoked_at=revoked_at,
            role=role,
            status=status,
            tenant_id=tenant_id,
            user_id=user_id,
        )

        return invitation
