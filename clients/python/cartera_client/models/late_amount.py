from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rate_period import RatePeriod


T = TypeVar("T", bound="LateAmount")


@_attrs_define
class LateAmount:
    """
    Attributes:
        amount (str): The part of the instalment that was late (decimal, as a string).
        days_late (int):
        interest (str): decimal, as a string
        late_through (datetime.date): The day it was paid, or `until` if unpaid.
        periods (list[RatePeriod]): One per half-year (each has its own rate).
    """

    amount: str
    days_late: int
    interest: str
    late_through: datetime.date
    periods: list[RatePeriod]

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        days_late = self.days_late

        interest = self.interest

        late_through = self.late_through.isoformat()

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.to_dict()
            periods.append(periods_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "days_late": days_late,
                "interest": interest,
                "late_through": late_through,
                "periods": periods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_period import RatePeriod  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        days_late = d.pop("days_late")

        interest = d.pop("interest")

        late_through = datetime.date.fromisoformat(d.pop("late_through"))

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = RatePeriod.from_dict(periods_item_data)

            periods.append(periods_item)

        late_amount = cls(
            amount=amount,
            days_late=days_late,
            interest=interest,
            late_through=late_through,
            periods=periods,
        )

        return late_amount
