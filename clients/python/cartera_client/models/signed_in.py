from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.signed_in_role_type_0 import SignedInRoleType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.place import Place
    from ..models.user import User


T = TypeVar("T", bound="SignedIn")


@_attrs_define
class SignedIn:
    """A new session. `session: "cookie"` answers `csrf_token` and `csrf_header` (the session is
    in an HttpOnly cookie); `session: "token"` answers `token` instead.

        Attributes:
            expires_at (datetime.datetime): When the session ends. RFC 3339 in UTC, with `Z` and six fractional digits (e.g.
                2026-12-06T14:30:00.000000Z).
            scopes (list[str]): What the person's role allows, sorted.
            tenant_name (str):
            user (User): A person with an account in one tenant.
            csrf_header (None | str | Unset): Only with `session: "cookie"`: `X-CSRF-Token`.
            csrf_token (None | str | Unset): Only with `session: "cookie"`: echo it in `csrf_header` on unsafe requests.
            role (None | SignedInRoleType0 | Unset): The person's role in that tenant.
            tenant_id (None | Unset | UUID): The tenant the session acts in (a membership's, or the account's).
            tenants (list[Place] | None | Unset): Every business the person belongs to: `POST /v1/auth/switch`.
            token (None | str | Unset): Only with `session: "token"`: the bearer token (`cs_...`). Shown once.
    """

    expires_at: datetime.datetime
    scopes: list[str]
    tenant_name: str
    user: User
    csrf_header: None | str | Unset = UNSET
    csrf_token: None | str | Unset = UNSET
    role: None | SignedInRoleType0 | Unset = UNSET
    tenant_id: None | Unset | UUID = UNSET
    tenants: list[Place] | None | Unset = UNSET
    token: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        scopes = self.scopes

        tenant_name = self.tenant_name

        user = self.user.to_dict()

        csrf_header: None | str | Unset
        if isinstance(self.csrf_header, Unset):
            csrf_header = UNSET
        else:
            csrf_header = self.csrf_header

        csrf_token: None | str | Unset
        if isinstance(self.csrf_token, Unset):
            csrf_token = UNSET
        else:
            csrf_token = self.csrf_token

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, SignedInRoleType0):
            role = self.role.value
        else:
            role = self.role

        tenant_id: None | str | Unset
        if isinstance(self.tenant_id, Unset):
            tenant_id = UNSET
        elif isinstance(self.tenant_id, UUID):
            tenant_id = str(self.tenant_id)
        else:
            tenant_id = self.tenant_id

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

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_at": expires_at,
                "scopes": scopes,
                "tenant_name": tenant_name,
                "user": user,
            }
        )
        if csrf_header is not UNSET:
            field_dict["csrf_header"] = csrf_header
        if csrf_token is not UNSET:
            field_dict["csrf_token"] = csrf_token
        if role is not UNSET:
            field_dict["role"] = role
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if tenants is not UNSET:
            field_dict["tenants"] = tenants
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.place import Place  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        scopes = cast(list[str], d.pop("scopes"))

        tenant_name = d.pop("tenant_name")

        user = User.from_dict(d.pop("user"))

        def _parse_csrf_header(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        csrf_header = _parse_csrf_header(d.pop("csrf_header", UNSET))

        def _parse_csrf_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        csrf_token = _parse_csrf_token(d.pop("csrf_token", UNSET))

        def _parse_role(data: object) -> None | SignedInRoleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = SignedInRoleType0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SignedInRoleType0 | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_tenant_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tenant_id_type_0 = UUID(data)

                return tenant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        tenant_id = _parse_tenant_id(d.pop("tenant_id", UNSET))

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

        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.pop("token", UNSET))

        signed_in = cls(
            expires_at=expires_at,
            scopes=scopes,
            tenant_name=tenant_name,
            user=user,
            csrf_header=csrf_header,
            csrf_token=csrf_token,
            role=role,
            tenant_id=tenant_id,
            tenants=tenants,
            token=token,
        )

        return signed_in
