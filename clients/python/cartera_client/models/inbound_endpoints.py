from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InboundEndpoints")


@_attrs_define
class InboundEndpoints:
    """
    Attributes:
        generic (str): Where Cartera's signed JSON messages go.
        mailgun (str): Where a Mailgun inbound route posts.
    """

    generic: str
    mailgun: str

    def to_dict(self) -> dict[str, Any]:
        generic = self.generic

        mailgun = self.mailgun

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "generic": generic,
                "mailgun": mailgun,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        generic = d.pop("generic")

        mailgun = d.pop("mailgun")

        inbound_endpoints = cls(
            generic=generic,
            mailgun=mailgun,
        )

        return inbound_endpoints
