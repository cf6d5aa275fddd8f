from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InstalmentState")


@_attrs_define
class InstalmentState:
    """
    Attributes:
        amount (str): decimal, as a string
        days_overdue (int): Days since the due date when overdue, else 0.
        due_on (datetime.date):
        outstanding (str): decimal, as a string
        paid (str): decimal, as a string
        seq (int):
        status (str): open, partially_paid, settled or overdue.
    """

    amount: str
    days_overdue: int
    due_on: datetime.date
    outstanding: str
    paid: str
    seq: int
    status: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        days_overdue = self.days_overdue

        due_on = self.due_on.isoformat()

        outstanding = self.outstanding

        paid = self.paid

        seq = self.seq

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "days_overdue": days_overdue,
                "due_on": due_on,
                "outstanding": outstanding,
                "paid": paid,
                "seq": seq,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        days_overdue = d.pop("days_overdue")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        outstanding = d.pop("outstanding")

        paid = d.pop("paid")

        seq = d.pop("seq")

        status = d.pop("status")

        instalment_state = cls(
            amount=amount,
            days_overdue=days_overdue,
            due_on=due_on,
            outstanding=outstanding,
            paid=paid,
            seq=seq,
            status=status,
        )

        return instalment_state
