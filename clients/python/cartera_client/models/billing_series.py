from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.billing_trend import BillingTrend
    from ..models.monthly_billing import MonthlyBilling


T = TypeVar("T", bound="BillingSeries")


@_attrs_define
class BillingSeries:
    """
    Attributes:
        months (list[MonthlyBilling]):
        trend (BillingTrend):
    """

    months: list[MonthlyBilling]
    trend: BillingTrend

    def to_dict(self) -> dict[str, Any]:
        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)

        trend = self.trend.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "months": months,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.billing_trend import BillingTrend  # noqa: PLC0415
        from ..models.monthly_billing import MonthlyBilling  # noqa: PLC0415

        d = dict(src_dict)
        months = []
        _months = d.pop("months")
        for months_item_data in _months:
            months_item = MonthlyBilling.from_dict(months_item_data)

            months.append(months_item)

        trend = BillingTrend.from_dict(d.pop("trend"))

        billing_series = cls(
            months=months,
            trend=trend,
        )

        return billing_series
