from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RatePeriod")


@_attrs_define
class RatePeriod:
    """
    Attributes:
        days (int):
        from_ (datetime.date): First late day of the period.
        interest (str): decimal, as a string
        rate (str): Statutory rate of the half-year, a percentage (decimal, as a string).
        through (datetime.date):
    """

    days: int
    from_: datetime.date
    interest: str
    rate: str
    through: datetime.date

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        from_ = self.from_.isoformat()

        interest = self.interest

        rate = self.rate

        through = self.through.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "from": from_,
                "interest": interest,
                "rate": rate,
                "through": through,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days = d.pop("days")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        interest = d.pop("interest")

        rate = d.pop("rate")

        through = datetime.date.fromisoformat(d.pop("through"))

        rate_period = cls(
            days=days,
            from_=from_,
            interest=interest,
            rate=rate,
            through=through,
        )

        return rate_period
