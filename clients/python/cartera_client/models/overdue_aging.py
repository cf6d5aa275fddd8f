from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OverdueAging")


@_attrs_define
class OverdueAging:
    """Overdue amounts by days past their due date.

    Attributes:
        field_1_30 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        field_31_60 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        field_61_90 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        over_90 (str): More than 90 days past due.
    """

    field_1_30: str
    field_31_60: str
    field_61_90: str
    over_90: str

    def to_dict(self) -> dict[str, Any]:
        field_1_30 = self.field_1_30

        field_31_60 = self.field_31_60

        field_61_90 = self.field_61_90

        over_90 = self.over_90

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "1-30": field_1_30,
                "31-60": field_31_60,
                "61-90": field_61_90,
                "over_90": over_90,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1_30 = d.pop("1-30")

        field_31_60 = d.pop("31-60")

        field_61_90 = d.pop("61-90")

        over_90 = d.pop("over_90")

        overdue_aging = cls(
            field_1_30=field_1_30,
            field_31_60=field_31_60,
            field_61_90=field_61_90,
            over_90=over_90,
        )

        return overdue_aging
