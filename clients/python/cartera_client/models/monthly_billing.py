from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MonthlyBilling")


@_attrs_define
class MonthlyBilling:
    """
    Attributes:
        invoices (int):
        mom_change_fraction (None | str): Change of the taxable base from the month before: a fraction of 1 (not a
            percentage; -0.2500 is a fall of 25 %); null when that month billed nothing.
        month (str): A month, YYYY-MM.
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        yoy_change_fraction (None | str): Change from the same month a year before: a fraction of 1 (not a percentage);
            null when that month billed nothing.
    """

    invoices: int
    mom_change_fraction: None | str
    month: str
    taxable_base: str
    total: str
    yoy_change_fraction: None | str

    def to_dict(self) -> dict[str, Any]:
        invoices = self.invoices

        mom_change_fraction: None | str
        mom_change_fraction = self.mom_change_fraction

        month = self.month

        taxable_base = self.taxable_base

        total = self.total

        yoy_change_fraction: None | str
        yoy_change_fraction = self.yoy_change_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoices": invoices,
                "mom_change_fraction": mom_change_fraction,
                "month": month,
                "taxable_base": taxable_base,
                "total": total,
                "yoy_change_fraction": yoy_change_fraction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invoices = d.pop("invoices")

        def _parse_mom_change_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mom_change_fraction = _parse_mom_change_fraction(d.pop("mom_change_fraction"))

        month = d.pop("month")

        taxable_base = d.pop("taxable_base")

        total = d.pop("total")

        def _parse_yoy_change_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        yoy_change_fraction = _parse_yoy_change_fraction(d.pop("yoy_change_fraction"))

        monthly_billing = cls(
            invoices=invoices,
            mom_change_fraction=mom_change_fraction,
            month=month,
            taxable_base=taxable_base,
            total=total,
            yoy_change_fraction=yoy_change_fraction,
        )

        return monthly_billing
