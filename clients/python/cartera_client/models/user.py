from __future__ import annotations

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
        created_at (str): ISO 8601 date and time in UTC, written with `+00:00` (e.g. 2026-12-06T14:30:00+00:00).
        email (str): Lower-cased; one account per e-mail in each tenant.
        id (UUID):
        last_sign_in_at (None | str): Null before the first sign-in. ISO 8601 date and time in UTC, written with
            `+00:00` (e.g. 2026-12-06T14:30:00+00:00).
        name (str):
        role (UserRole):
        status (UserStatus):
        tenant_id (UUID):
    """

    created_at: str
    email: str
    id: UUID
    last_sign_in_at: None | str
    name: str
    role: UserRole
    status: UserStatus
    tenant_id: UUID

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        email = self.email

        id = str(self.id)

        last_sign_in_at: None | str
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
        created_at = d.pop("created_at")

        email = d.pop("email")

        id = UUID(d.pop("id"))

        def _parse_last_sign_in_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

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
