from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LatePayerDetails")


@_attrs_define
class LatePayerDetails:
    """`late_payer`: many of a client's last instalments were paid late or are unpaid.

    Attributes:
        considered (int): The client's last instalments due, looked at.
        late (int): Instalments paid late or still unpaid.
        max_days_late (int):
    """

    considered: int
    late: int
    max_days_late: int

    def to_dict(self) -> dict[str, Any]:
        considered = self.considered

        late = self.late

        max_days_late = self.max_days_late

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "considered": considered,
                "late": late,
                "max_days_late": max_days_late,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        considered = d.pop("considered")

        late = d.pop("late")

        max_days_late = d.pop("max_days_late")

        late_payer_details = cls(
            considered=considered,
            late=late,
            max_days_late=max_days_late,
        )

        return late_payer_details
