from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.late_amount import LateAmount


T = TypeVar("T", bound="InstalmentInterest")


@_attrs_define
class InstalmentInterest:
    """
    Attributes:
        amount (str): decimal, as a string
        due_on (datetime.date):
        interest (str): decimal, as a string
        late_amounts (list[LateAmount]):
        seq (int):
        unpaid_on_until (str): decimal, as a string
    """

    amount: str
    due_on: datetime.date
    interest: str
    late_amounts: list[LateAmount]
    seq: int
    unpaid_on_until: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        due_on = self.due_on.isoformat()

        interest = self.interest

        late_amounts = []
        for late_amounts_item_data in self.late_amounts:
            late_amounts_item = late_amounts_item_data.to_dict()
            late_amounts.append(late_amounts_item)

        seq = self.seq

        unpaid_on_until = self.unpaid_on_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "due_on": due_on,
                "interest": interest,
                "late_amounts": late_amounts,
                "seq": seq,
                "unpaid_on_until": unpaid_on_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.late_amount import LateAmount  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        interest = d.pop("interest")

        late_amounts = []
        _late_amounts = d.pop("late_amounts")
        for late_amounts_item_data in _late_amounts:
            late_amounts_item = LateAmount.from_dict(late_amounts_item_data)

            late_amounts.append(late_amounts_item)

        seq = d.pop("seq")

        unpaid_on_until = d.pop("unpaid_on_until")

        instalment_interest = cls(
            amount=amount,
            due_on=due_on,
            interest=interest,
            late_amounts=late_amounts,
            seq=seq,
            unpaid_on_until=unpaid_on_until,
        )

        return instalment_interest
