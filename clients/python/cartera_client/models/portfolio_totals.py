from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PortfolioTotals")


@_attrs_define
class PortfolioTotals:
    """
    Attributes:
        clients (int):
        invoices (int):
        taxable_base (str): Net taxable base of the period (euros, decimal as a string).
        total (str): Invoice totals of the period, VAT included (euros).
    """

    clients: int
    invoices: int
    taxable_base: str
    total: str

    def to_dict(self) -> dict[str, Any]:
        clients = self.clients

        invoices = self.invoices

        taxable_base = self.taxable_base

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clients": clients,
                "invoices": invoices,
                "taxable_base": taxable_base,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        clients = d.pop("clients")

        invoices = d.pop("invoices")

        taxable_base = d.pop("taxable_base")

        total = d.pop("total")

        portfolio_totals = cls(
            clients=clients,
            invoices=invoices,
            taxable_base=taxable_base,
            total=total,
        )

        return portfolio_totals
