from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UrbanRent")


@_attrs_define
class UrbanRent:
    """
    Attributes:
        amount (str): Rent of the year, VAT included (euros).
        cadastral_reference (str):
    """

    amount: str
    cadastral_reference: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        cadastral_reference = self.cadastral_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "cadastral_reference": cadastral_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        cadastral_reference = d.pop("cadastral_reference")

        urban_rent = cls(
            amount=amount,
            cadastral_reference=cadastral_reference,
        )

        return urban_rent
