from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.member_role import MemberRole
from ..models.member_status import MemberStatus

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """A person let into this tenant from elsewhere (or invited to it), with a role here.

    Attributes:
        accepted_at (datetime.datetime | None):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        email (str): Lower-cased; one membership per e-mail in each tenant.
        id (UUID):
        invited_by (str): `user:<id>` or `api_key:<id>` of whoever invited.
        revoked_at (datetime.datetime | None):
        role (MemberRole):
        status (MemberStatus):
        tenant_id (UUID):
        user_id (None | UUID): The person, once the invitation is accepted.
    """

    accepted_at: datetime.datetime | None
    created_at: datetime.datetime
    email: str
    id: UUID
    invited_by: str
    revoked_at: datetime.datetime | None
    role: MemberRole
    status: MemberStatus
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

        invited_by = self.invited_by

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
                "invited_by": invited_by,
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

        invited_by = d.pop("invited_by")

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

        role = MemberRole(d.pop("role"))

        status = MemberStatus(d.pop("status"))

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

        member = cls(
            accepted_at=accepted_at,
            created_at=created_at,
            email=email,
            id=id,
            invited_by=invited_by,
            revoked_at=revoked_at,
            role=role,
            status=status,
            tenant_id=tenant_id,
            user_id=user_id,
        )

        return member
