from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaxFigures")


@_attrs_define
class TaxFigures:
    """
    Attributes:
        irpf_withheld_total (None | str): IRPF withheld by the business's clients (their Modelos 111 and 115).
        quarter (int):
        surcharge_total (None | str): Recargo de equivalencia charged.
        taxable_base_total (None | str): Taxable bases of issued invoices.
        vat_total (None | str): VAT charged (output VAT, Modelo 303).
        year (int):
    """

    irpf_withheld_total: None | str
    quarter: int
    surcharge_total: None | str
    taxable_base_total: None | str
    vat_total: None | str
    year: int

    def to_dict(self) -> dict[str, Any]:
        irpf_withheld_total: None | str
        irpf_withheld_total = self.irpf_withheld_total

        quarter = self.quarter

        surcharge_total: None | str
        surcharge_total = self.surcharge_total

        taxable_base_total: None | str
        taxable_base_total = self.taxable_base_total

        vat_total: None | str
        vat_total = self.vat_total

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "irpf_withheld_total": irpf_withheld_total,
                "quarter": quarter,
                "surcharge_total": surcharge_total,
                "taxable_base_total": taxable_base_total,
                "vat_total": vat_total,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_irpf_withheld_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        irpf_withheld_total = _parse_irpf_withheld_total(d.pop("irpf_withheld_total"))

        quarter = d.pop("quarter")

        def _parse_surcharge_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        surcharge_total = _parse_surcharge_total(d.pop("surcharge_total"))

        def _parse_taxable_base_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        taxable_base_total = _parse_taxable_base_total(d.pop("taxable_base_total"))

        def _parse_vat_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vat_total = _parse_vat_total(d.pop("vat_total"))

        year = d.pop("year")

        tax_figures = cls(
            irpf_withheld_total=irpf_withheld_total,
            quarter=quarter,
            surcharge_total=surcharge_total,
            taxable_base_total=taxable_base_total,
            vat_total=vat_total,
            year=year,
        )

        return tax_figures
