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
        field_91 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    field_1_30: str
    field_31_60: str
    field_61_90: str
    field_91: str

    def to_dict(self) -> dict[str, Any]:
        field_1_30 = self.field_1_30

        field_31_60 = self.field_31_60

        field_61_90 = self.field_61_90

        field_91 = self.field_91

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "1-30": field_1_30,
                "31-60": field_31_60,
                "61-90": field_61_90,
                "91+": field_91,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1_30 = d.pop("1-30")

        field_31_60 = d.pop("31-60")

        field_61_90 = d.pop("61-90")

        field_91 = d.pop("91+")

        overdue_aging = cls(
            field_1_30=field_1_30,
            field_31_60=field_31_60,
            field_61_90=field_61_90,
            field_91=field_91,
        )

        return overdue_aging
