from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CashInWeek")


@_attrs_define
class CashInWeek:
    """
    Attributes:
        amount (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        from_ (datetime.date):
        to (datetime.date):
        week (int): 1 for the week starting on `as_of`.
    """

    amount: str
    from_: datetime.date
    to: datetime.date
    week: int

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        week = self.week

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "from": from_,
                "to": to,
                "week": week,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        week = d.pop("week")

        cash_in_week = cls(
            amount=amount,
            from_=from_,
            to=to,
            week=week,
        )

        return cash_in_week
