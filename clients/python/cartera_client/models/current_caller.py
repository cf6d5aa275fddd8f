from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.current_caller_role_type_0 import CurrentCallerRoleType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.place import Place
    from ..models.user import User


T = TypeVar("T", bound="CurrentCaller")


@_attrs_define
class CurrentCaller:
    """Who is calling.

    Attributes:
        scopes (list[str]): Sorted.
        subject (str): `user:<id>` for a person, `api_key:<id>` for a key.
        tenant_id (UUID):
        tenant_name (None | str):
        csrf_token (None | str | Unset): Only when the session comes in the cookie.
        role (CurrentCallerRoleType0 | None | Unset): Only when a person calls: their role in this tenant.
        tenants (list[Place] | None | Unset): Only when a person calls: every business they belong to (the switch).
        user (None | Unset | User): Only when a person calls.
    """

    scopes: list[str]
    subject: str
    tenant_id: UUID
    tenant_name: None | str
    csrf_token: None | str | Unset = UNSET
    role: CurrentCallerRoleType0 | None | Unset = UNSET
    tenants: list[Place] | None | Unset = UNSET
    user: None | Unset | User = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.user import User  # noqa: PLC0415

        scopes = self.scopes

        subject = self.subject

        tenant_id = str(self.tenant_id)

        tenant_name: None | str
        tenant_name = self.tenant_name

        csrf_token: None | str | Unset
        if isinstance(self.csrf_token, Unset):
            csrf_token = UNSET
        else:
            csrf_token = self.csrf_token

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, CurrentCallerRoleType0):
            role = self.role.value
        else:
            role = self.role

        tenants: list[dict[str, Any]] | None | Unset
        if isinstance(self.tenants, Unset):
            tenants = UNSET
        elif isinstance(self.tenants, list):
            tenants = []
            for tenants_type_0_item_data in self.tenants:
                tenants_type_0_item = tenants_type_0_item_data.to_dict()
                tenants.append(tenants_type_0_item)

        else:
            tenants = self.tenants

        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, User):
            user = self.user.to_dict()
        else:
            user = self.user

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scopes": scopes,
                "subject": subject,
                "tenant_id": tenant_id,
                "tenant_name": tenant_name,
            }
        )
        if csrf_token is not UNSET:
            field_dict["csrf_token"] = csrf_token
        if role is not UNSET:
            field_dict["role"] = role
        if tenants is not UNSET:
            field_dict["tenants"] = tenants
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.place import Place  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        scopes = cast(list[str], d.pop("scopes"))

        subject = d.pop("subject")

        tenant_id = UUID(d.pop("tenant_id"))

        def _parse_tenant_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tenant_name = _parse_tenant_name(d.pop("tenant_name"))

        def _parse_csrf_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        csrf_token = _parse_csrf_token(d.pop("csrf_token", UNSET))

        def _parse_role(data: object) -> CurrentCallerRoleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = CurrentCallerRoleType0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurrentCallerRoleType0 | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_tenants(data: object) -> list[Place] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tenants_type_0 = []
                _tenants_type_0 = data
                for tenants_type_0_item_data in _tenants_type_0:
                    tenants_type_0_item = Place.from_dict(tenants_type_0_item_data)

                    tenants_type_0.append(tenants_type_0_item)

                return tenants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Place] | None | Unset, data)

        tenants = _parse_tenants(d.pop("tenants", UNSET))

        def _parse_user(data: object) -> None | Unset | User:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = User.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | User, data)

        user = _parse_user(d.pop("user", UNSET))

        current_caller = cls(
            scopes=scopes,
            subject=subject,
            tenant_id=tenant_id,
            tenant_name=tenant_name,
            csrf_token=csrf_token,
            role=role,
            tenants=tenants,
            user=user,
        )

        return current_caller
