from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="QuoteTotals")


@_attrs_define
class QuoteTotals:
    """Decimals, as strings.

    Attributes:
        irpf (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        surcharge (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    irpf: str
    surcharge: str
    taxable_base: str
    total: str
    vat: str

    def to_dict(self) -> dict[str, Any]:
        irpf = self.irpf

        surcharge = self.surcharge

        taxable_base = self.taxable_base

        total = self.total

        vat = self.vat

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "irpf": irpf,
                "surcharge": surcharge,
                "taxable_base": taxable_base,
                "total": total,
                "vat": vat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        irpf = d.pop("irpf")

        surcharge = d.pop("surcharge")

        taxable_base = d.pop("taxable_base")

        total = d.pop("total")

        vat = d.pop("vat")

        quote_totals = cls(
            irpf=irpf,
            surcharge=surcharge,
            taxable_base=taxable_base,
            total=total,
            vat=vat,
        )

        return quote_totals
