from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.sign_in_session import SignInSession
from ..types import UNSET, Unset

T = TypeVar("T", bound="SignIn")


@_attrs_define
class SignIn:
    """
    Attributes:
        email (str):
        password (str):
        session (SignInSession | Unset): cookie: an HttpOnly cookie plus a CSRF token (the web app); token: a bearer
            token in the answer (scripts). Default: SignInSession.COOKIE.
        tenant_id (None | Unset | UUID): The tenant to sign in to, when the e-mail has accounts in several (the 409
            answer lists those the password opens).
    """

    email: str
    password: str
    session: SignInSession | Unset = SignInSession.COOKIE
    tenant_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        session: str | Unset = UNSET
        if not isinstance(self.session, Unset):
            session = self.session.value

        tenant_id: None | str | Unset
        if isinstance(self.tenant_id, Unset):
            tenant_id = UNSET
        elif isinstance(self.tenant_id, UUID):
            tenant_id = str(self.tenant_id)
        else:
            tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
            }
        )
        if session is not UNSET:
            field_dict["session"] = session
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        _session = d.pop("session", UNSET)
        session: SignInSession | Unset
        if isinstance(_session, Unset):
            session = UNSET
        else:
            session = SignInSession(_session)

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

        sign_in = cls(
            email=email,
            password=password,
            session=session,
            tenant_id=tenant_id,
        )

        return sign_in
