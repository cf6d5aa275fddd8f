from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
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
            token (None | str | Unset): Only with `session: "token"`: the bearer token (`cs_...`). Shown once.
    """

    expires_at: datetime.datetime
    scopes: list[str]
    tenant_name: str
    user: User
    csrf_header: None | str | Unset = UNSET
    csrf_token: None | str | Unset = UNSET
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
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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
            token=token,
        )

        return signed_in
