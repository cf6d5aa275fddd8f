from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DunningRun")


@_attrs_define
class DunningRun:
    """
    Attributes:
        ran (bool): False when another run held the lock.
        sent (int): Notices sent by mail.
    """

    ran: bool
    sent: int

    def to_dict(self) -> dict[str, Any]:
        ran = self.ran

        sent = self.sent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ran": ran,
                "sent": sent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ran = d.pop("ran")

        sent = d.pop("sent")

        dunning_run = cls(
            ran=ran,
            sent=sent,
        )

        return dunning_run
