from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Allocation")


@_attrs_define
class Allocation:
    """
    Attributes:
        amount (str): decimal, as a string
        seq (int): The instalment paid.
    """

    amount: str
    seq: int

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        seq = self.seq

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        seq = d.pop("seq")

        allocation = cls(
            amount=amount,
            seq=seq,
        )

        return allocation
