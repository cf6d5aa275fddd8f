from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlaHours")


@_attrs_define
class SlaHours:
    """
    Attributes:
        high (int):
        low (int):
        normal (int):
        urgent (int):
    """

    high: int
    low: int
    normal: int
    urgent: int

    def to_dict(self) -> dict[str, Any]:
        high = self.high

        low = self.low

        normal = self.normal

        urgent = self.urgent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "high": high,
                "low": low,
                "normal": normal,
                "urgent": urgent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        high = d.pop("high")

        low = d.pop("low")

        normal = d.pop("normal")

        urgent = d.pop("urgent")

        sla_hours = cls(
            high=high,
            low=low,
            normal=normal,
            urgent=urgent,
        )

        return sla_hours
