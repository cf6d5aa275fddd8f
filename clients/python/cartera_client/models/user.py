from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.user_role import UserRole
from ..models.user_status import UserStatus

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A person with an account in one tenant.

    Attributes:
        created_at (datetime.datetime): RFC 3339 in UTC, with `Z` and six fractional digits (e.g.
            2026-12-06T14:30:00.000000Z).
        email (str): Lower-cased; one account per e-mail in each tenant.
        id (UUID):
        last_sign_in_at (datetime.datetime | None): Null before the first sign-in. RFC 3339 in UTC, with `Z` and six
            fractional digits (e.g. 2026-12-06T14:30:00.000000Z).
        name (str):
        role (UserRole):
        status (UserStatus):
        tenant_id (UUID):
    """

    created_at: datetime.datetime
    email: str
    id: UUID
    last_sign_in_at: datetime.datetime | None
    name: str
    role: UserRole
    status: UserStatus
    tenant_id: UUID

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        id = str(self.id)

        last_sign_in_at: None | str
        if isinstance(self.last_sign_in_at, datetime.datetime):
            last_sign_in_at = self.last_sign_in_at.isoformat()
        else:
            last_sign_in_at = self.last_sign_in_at

        name = self.name

        role = self.role.value

        status = self.status.value

        tenant_id = str(self.tenant_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "id": id,
                "last_sign_in_at": last_sign_in_at,
                "name": name,
                "role": role,
                "status": status,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        id = UUID(d.pop("id"))

        def _parse_last_sign_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_sign_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_sign_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_sign_in_at = _parse_last_sign_in_at(d.pop("last_sign_in_at"))

        name = d.pop("name")

        role = UserRole(d.pop("role"))

        status = UserStatus(d.pop("status"))

        tenant_id = UUID(d.pop("tenant_id"))

        user = cls(
            created_at=created_at,
            email=email,
            id=id,
            last_sign_in_at=last_sign_in_at,
            name=name,
            role=role,
            status=status,
            tenant_id=tenant_id,
        )

        return user
