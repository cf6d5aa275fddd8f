from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.cash_forecast_basis import CashForecastBasis

if TYPE_CHECKING:
    from ..models.forecast_excluded import ForecastExcluded
    from ..models.forecast_week import ForecastWeek


T = TypeVar("T", bound="CashForecast")


@_attrs_define
class CashForecast:
    """
    Attributes:
        as_of (datetime.date): Today: what is open and what was paid before it.
        basis (CashForecastBasis): `default_distribution` when the tenant has no settled instalment yet: the documented
            default distribution of days late is all there is (docs/analytics.md).
        clients_with_history (int): Clients with at least one settled instalment in the last two years.
        currency (Literal['EUR']):
        excluded (ForecastExcluded):
        later (str): Expected after the last week shown.
        open_ (str): What the forecast spreads: the open instalments, in total.
        settled_instalments (int): Settled instalments the distributions of days late were made from.
        weeks (list[ForecastWeek]): From the current ISO week, `weeks` of them.
    """

    as_of: datetime.date
    basis: CashForecastBasis
    clients_with_history: int
    currency: Literal["EUR"]
    excluded: ForecastExcluded
    later: str
    open_: str
    settled_instalments: int
    weeks: list[ForecastWeek]

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        basis = self.basis.value

        clients_with_history = self.clients_with_history

        currency = self.currency

        excluded = self.excluded.to_dict()

        later = self.later

        open_ = self.open_

        settled_instalments = self.settled_instalments

        weeks = []
        for weeks_item_data in self.weeks:
            weeks_item = weeks_item_data.to_dict()
            weeks.append(weeks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "basis": basis,
                "clients_with_history": clients_with_history,
                "currency": currency,
                "excluded": excluded,
                "later": later,
                "open": open_,
                "settled_instalments": settled_instalments,
                "weeks": weeks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.forecast_excluded import ForecastExcluded  # noqa: PLC0415
        from ..models.forecast_week import ForecastWeek  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        basis = CashForecastBasis(d.pop("basis"))

        clients_with_history = d.pop("clients_with_history")

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        excluded = ForecastExcluded.from_dict(d.pop("excluded"))

        later = d.pop("later")

        open_ = d.pop("open")

        settled_instalments = d.pop("settled_instalments")

        weeks = []
        _weeks = d.pop("weeks")
        for weeks_item_data in _weeks:
            weeks_item = ForecastWeek.from_dict(weeks_item_data)

            weeks.append(weeks_item)

        cash_forecast = cls(
            as_of=as_of,
            basis=basis,
            clients_with_history=clients_with_history,
            currency=currency,
            excluded=excluded,
            later=later,
            open_=open_,
            settled_instalments=settled_instalments,
            weeks=weeks,
        )

        return cash_forecast
