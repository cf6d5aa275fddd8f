from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RateFigures")


@_attrs_define
class RateFigures:
    """
    Attributes:
        surcharge (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        surcharge_rate (str): Recargo de equivalencia; 0.00 when none.
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat_rate (str): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
    """

    surcharge: str
    surcharge_rate: str
    taxable_base: str
    vat: str
    vat_rate: str

    def to_dict(self) -> dict[str, Any]:
        surcharge = self.surcharge

        surcharge_rate = self.surcharge_rate

        taxable_base = self.taxable_base

        vat = self.vat

        vat_rate = self.vat_rate

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "surcharge": surcharge,
                "surcharge_rate": surcharge_rate,
                "taxable_base": taxable_base,
                "vat": vat,
                "vat_rate": vat_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        surcharge = d.pop("surcharge")

        surcharge_rate = d.pop("surcharge_rate")

        taxable_base = d.pop("taxable_base")

        vat = d.pop("vat")

        vat_rate = d.pop("vat_rate")

        rate_figures = cls(
            surcharge=surcharge,
            surcharge_rate=surcharge_rate,
            taxable_base=taxable_base,
            vat=vat,
            vat_rate=vat_rate,
        )

        return rate_figures
