from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.on_time_trend_direction import OnTimeTrendDirection

if TYPE_CHECKING:
    from ..models.on_time_month import OnTimeMonth


T = TypeVar("T", bound="OnTimeTrend")


@_attrs_define
class OnTimeTrend:
    """
    Attributes:
        direction (OnTimeTrendDirection):
        months (list[OnTimeMonth]): The last six months, oldest first.
    """

    direction: OnTimeTrendDirection
    months: list[OnTimeMonth]

    def to_dict(self) -> dict[str, Any]:
        direction = self.direction.value

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "direction": direction,
                "months": months,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.on_time_month import OnTimeMonth  # noqa: PLC0415

        d = dict(src_dict)
        direction = OnTimeTrendDirection(d.pop("direction"))

        months = []
        _months = d.pop("months")
        for months_item_data in _months:
            months_item = OnTimeMonth.from_dict(months_item_data)

            months.append(months_item)

        on_time_trend = cls(
            direction=direction,
            months=months,
        )

        return on_time_trend
