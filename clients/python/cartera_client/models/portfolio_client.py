from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.portfolio_client_abc import PortfolioClientAbc

T = TypeVar("T", bound="PortfolioClient")


@_attrs_define
class PortfolioClient:
    """
    Attributes:
        abc (PortfolioClientAbc):
        client_id (None | UUID): The client; null for invoices whose recipient is not a client of the directory (they
            are summed together).
        cumulative_share_fraction (str): Share of this client and all ranked above it: a fraction of 1 (not a
            percentage).
        invoices (int):
        legal_name (None | str):
        rank (int): 1 for the client with the largest taxable base.
        share_fraction (str): Its share of the positive taxable bases: a fraction of 1 (not a percentage).
        tax_id (None | str):
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    abc: PortfolioClientAbc
    client_id: None | UUID
    cumulative_share_fraction: str
    invoices: int
    legal_name: None | str
    rank: int
    share_fraction: str
    tax_id: None | str
    taxable_base: str
    total: str

    def to_dict(self) -> dict[str, Any]:
        abc = self.abc.value

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        cumulative_share_fraction = self.cumulative_share_fraction

        invoices = self.invoices

        legal_name: None | str
        legal_name = self.legal_name

        rank = self.rank

        share_fraction = self.share_fraction

        tax_id: None | str
        tax_id = self.tax_id

        taxable_base = self.taxable_base

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "abc": abc,
                "client_id": client_id,
                "cumulative_share_fraction": cumulative_share_fraction,
                "invoices": invoices,
                "legal_name": legal_name,
                "rank": rank,
                "share_fraction": share_fraction,
                "tax_id": tax_id,
                "taxable_base": taxable_base,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        abc = PortfolioClientAbc(d.pop("abc"))

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        cumulative_share_fraction = d.pop("cumulative_share_fraction")

        invoices = d.pop("invoices")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        rank = d.pop("rank")

        share_fraction = d.pop("share_fraction")

        def _parse_tax_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_id = _parse_tax_id(d.pop("tax_id"))

        taxable_base = d.pop("taxable_base")

        total = d.pop("total")

        portfolio_client = cls(
            abc=abc,
            client_id=client_id,
            cumulative_share_fraction=cumulative_share_fraction,
            invoices=invoices,
            legal_name=legal_name,
            rank=rank,
            share_fraction=share_fraction,
            tax_id=tax_id,
            taxable_base=taxable_base,
            total=total,
        )

        return portfolio_client
