from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InstalmentOwed")


@_attrs_define
class InstalmentOwed:
    """An instalment when no interest is computed (the law does not cover the debtor, or a rate
    is missing).

        Attributes:
            amount (str): decimal, as a string
            due_on (datetime.date):
            seq (int):
            unpaid_on_until (str): decimal, as a string
    """

    amount: str
    due_on: datetime.date
    seq: int
    unpaid_on_until: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        due_on = self.due_on.isoformat()

        seq = self.seq

        unpaid_on_until = self.unpaid_on_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "due_on": due_on,
                "seq": seq,
                "unpaid_on_until": unpaid_on_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        seq = d.pop("seq")

        unpaid_on_until = d.pop("unpaid_on_until")

        instalment_owed = cls(
            amount=amount,
            due_on=due_on,
            seq=seq,
            unpaid_on_until=unpaid_on_until,
        )

        return instalment_owed
