from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.human_reason_reason import HumanReasonReason

T = TypeVar("T", bound="HumanReason")


@_attrs_define
class HumanReason:
    """
    Attributes:
        count (int):
        reason (HumanReasonReason): What to look at (docs/gateway.md lists each reason's source). The list may grow:
            show a reason you do not know by its name.
    """

    count: int
    reason: HumanReasonReason

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        reason = HumanReasonReason(d.pop("reason"))

        human_reason = cls(
            count=count,
            reason=reason,
        )

        return human_reason
