from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TimelineDueDate")


@_attrs_define
class TimelineDueDate:
    """
    Attributes:
        amount (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        due_on (datetime.date):
    """

    amount: str
    due_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        due_on = self.due_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "due_on": due_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        timeline_due_date = cls(
            amount=amount,
            due_on=due_on,
        )

        return timeline_due_date
