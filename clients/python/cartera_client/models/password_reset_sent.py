from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="PasswordResetSent")


@_attrs_define
class PasswordResetSent:
    """
    Attributes:
        email (str): Where the link was sent.
        expires_at (datetime.datetime): When the link stops working (used or not).
        user_id (UUID):
    """

    email: str
    expires_at: datetime.datetime
    user_id: UUID

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        expires_at = self.expires_at.isoformat()

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "expires_at": expires_at,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        user_id = UUID(d.pop("user_id"))

        password_reset_sent = cls(
            email=email,
            expires_at=expires_at,
            user_id=user_id,
        )

        return password_reset_sent
