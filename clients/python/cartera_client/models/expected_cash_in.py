from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.cash_in_week import CashInWeek


T = TypeVar("T", bound="ExpectedCashIn")


@_attrs_define
class ExpectedCashIn:
    """
    Attributes:
        later (str): Expected after the last week shown.
        weeks (list[CashInWeek]):
    """

    later: str
    weeks: list[CashInWeek]

    def to_dict(self) -> dict[str, Any]:
        later = self.later

        weeks = []
        for weeks_item_data in self.weeks:
            weeks_item = weeks_item_data.to_dict()
            weeks.append(weeks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "later": later,
                "weeks": weeks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cash_in_week import CashInWeek  # noqa: PLC0415

        d = dict(src_dict)
        later = d.pop("later")

        weeks = []
        _weeks = d.pop("weeks")
        for weeks_item_data in _weeks:
            weeks_item = CashInWeek.from_dict(weeks_item_data)

            weeks.append(weeks_item)

        expected_cash_in = cls(
            later=later,
            weeks=weeks,
        )

        return expected_cash_in
