from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.member_invite_role import MemberInviteRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberInvite")


@_attrs_define
class MemberInvite:
    """
    Attributes:
        email (str):
        role (MemberInviteRole | Unset): The role in this tenant. Default: MemberInviteRole.ACCOUNTANT.
    """

    email: str
    role: MemberInviteRole | Unset = MemberInviteRole.ACCOUNTANT

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        _role = d.pop("role", UNSET)
        role: MemberInviteRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = MemberInviteRole(_role)

        member_invite = cls(
            email=email,
            role=role,
        )

        return member_invite
