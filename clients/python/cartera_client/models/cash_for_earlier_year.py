from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CashForEarlierYear")


@_attrs_define
class CashForEarlierYear:
    """
    Attributes:
        amount (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        operation_year (int): The year of the operations the cash paid for.
    """

    amount: str
    operation_year: int

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        operation_year = self.operation_year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "operation_year": operation_year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        operation_year = d.pop("operation_year")

        cash_for_earlier_year = cls(
            amount=amount,
            operation_year=operation_year,
        )

        return cash_for_earlier_year
