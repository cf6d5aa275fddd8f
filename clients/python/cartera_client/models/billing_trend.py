from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.billing_trend_direction import BillingTrendDirection

T = TypeVar("T", bound="BillingTrend")


@_attrs_define
class BillingTrend:
    """
    Attributes:
        direction (BillingTrendDirection): Least-squares trend of the monthly taxable base; n/a with fewer than two
            months.
        relative_slope_fraction (None | str): Slope divided by the mean month: a fraction of 1 (not a percentage); null
            when the mean is zero.
        slope_per_month (str): Slope in euros per month (decimal as a string).
    """

    direction: BillingTrendDirection
    relative_slope_fraction: None | str
    slope_per_month: str

    def to_dict(self) -> dict[str, Any]:
        direction = self.direction.value

        relative_slope_fraction: None | str
        relative_slope_fraction = self.relative_slope_fraction

        slope_per_month = self.slope_per_month

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "direction": direction,
                "relative_slope_fraction": relative_slope_fraction,
                "slope_per_month": slope_per_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        direction = BillingTrendDirection(d.pop("direction"))

        def _parse_relative_slope_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        relative_slope_fraction = _parse_relative_slope_fraction(d.pop("relative_slope_fraction"))

        slope_per_month = d.pop("slope_per_month")

        billing_trend = cls(
            direction=direction,
            relative_slope_fraction=relative_slope_fraction,
            slope_per_month=slope_per_month,
        )

        return billing_trend
