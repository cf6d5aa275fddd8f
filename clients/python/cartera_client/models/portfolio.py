from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.abc_classes import AbcClasses
    from ..models.portfolio_client import PortfolioClient
    from ..models.portfolio_concentration import PortfolioConcentration
    from ..models.portfolio_totals import PortfolioTotals


T = TypeVar("T", bound="Portfolio")


@_attrs_define
class Portfolio:
    """
    Attributes:
        abc (AbcClasses):
        concentration (PortfolioConcentration):
        currency (Literal['EUR']):
        from_ (datetime.date): First day of the period.
        items (list[PortfolioClient]): The largest clients first, up to `limit`.
        to (datetime.date): Last day of the period (included).
        totals (PortfolioTotals):
        truncated (bool): True when more clients billed than `limit` shows.
    """

    abc: AbcClasses
    concentration: PortfolioConcentration
    currency: Literal["EUR"]
    from_: datetime.date
    items: list[PortfolioClient]
    to: datetime.date
    totals: PortfolioTotals
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        abc = self.abc.to_dict()

        concentration = self.concentration.to_dict()

        currency = self.currency

        from_ = self.from_.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        to = self.to.isoformat()

        totals = self.totals.to_dict()

        truncated = self.truncated

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "abc": abc,
                "concentration": concentration,
                "currency": currency,
                "from": from_,
                "items": items,
                "to": to,
                "totals": totals,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.abc_classes import AbcClasses  # noqa: PLC0415
        from ..models.portfolio_client import PortfolioClient  # noqa: PLC0415
        from ..models.portfolio_concentration import PortfolioConcentration  # noqa: PLC0415
        from ..models.portfolio_totals import PortfolioTotals  # noqa: PLC0415

        d = dict(src_dict)
        abc = AbcClasses.from_dict(d.pop("abc"))

        concentration = PortfolioConcentration.from_dict(d.pop("concentration"))

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PortfolioClient.from_dict(items_item_data)

            items.append(items_item)

        to = datetime.date.fromisoformat(d.pop("to"))

        totals = PortfolioTotals.from_dict(d.pop("totals"))

        truncated = d.pop("truncated")

        portfolio = cls(
            abc=abc,
            concentration=concentration,
            currency=currency,
            from_=from_,
            items=items,
            to=to,
            totals=totals,
            truncated=truncated,
        )

        return portfolio
