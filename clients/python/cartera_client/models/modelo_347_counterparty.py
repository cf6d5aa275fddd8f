from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.cash_for_earlier_year import CashForEarlierYear
    from ..models.modelo_347_quarters import Modelo347Quarters
    from ..models.urban_rent import UrbanRent


T = TypeVar("T", bound="Modelo347Counterparty")


@_attrs_define
class Modelo347Counterparty:
    """
    Attributes:
        cash_operation_year (int | None): The year, when `cash_received` is set.
        cash_received (None | str): Cash received in the year for the year's operations, when above 6,000 EUR.
        cash_received_earlier_years (list[CashForEarlierYear]): Cash received in the year for earlier years' operations
            (art. 35.5).
        name (str):
        quarters (Modelo347Quarters):
        rents (list[UrbanRent]):
        tax_id (str):
        total (str): Operations of the year, VAT included (euros).
    """

    cash_operation_year: int | None
    cash_received: None | str
    cash_received_earlier_years: list[CashForEarlierYear]
    name: str
    quarters: Modelo347Quarters
    rents: list[UrbanRent]
    tax_id: str
    total: str

    def to_dict(self) -> dict[str, Any]:
        cash_operation_year: int | None
        cash_operation_year = self.cash_operation_year

        cash_received: None | str
        cash_received = self.cash_received

        cash_received_earlier_years = []
        for cash_received_earlier_years_item_data in self.cash_received_earlier_years:
            cash_received_earlier_years_item = cash_received_earlier_years_item_data.to_dict()
            cash_received_earlier_years.append(cash_received_earlier_years_item)

        name = self.name

        quarters = self.quarters.to_dict()

        rents = []
        for rents_item_data in self.rents:
            rents_item = rents_item_data.to_dict()
            rents.append(rents_item)

        tax_id = self.tax_id

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cash_operation_year": cash_operation_year,
                "cash_received": cash_received,
                "cash_received_earlier_years": cash_received_earlier_years,
                "name": name,
                "quarters": quarters,
                "rents": rents,
                "tax_id": tax_id,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cash_for_earlier_year import CashForEarlierYear  # noqa: PLC0415
        from ..models.modelo_347_quarters import Modelo347Quarters  # noqa: PLC0415
        from ..models.urban_rent import UrbanRent  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_cash_operation_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cash_operation_year = _parse_cash_operation_year(d.pop("cash_operation_year"))

        def _parse_cash_received(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cash_received = _parse_cash_received(d.pop("cash_received"))

        cash_received_earlier_years = []
        _cash_received_earlier_years = d.pop("cash_received_earlier_years")
        for cash_received_earlier_years_item_data in _cash_received_earlier_years:
            cash_received_earlier_years_item = CashForEarlierYear.from_dict(
                cash_received_earlier_years_item_data
            )

            cash_received_earlier_years.append(cash_received_earlier_years_item)

        name = d.pop("name")

        quarters = Modelo347Quarters.from_dict(d.pop("quarters"))

        rents = []
        _rents = d.pop("rents")
        for rents_item_data in _rents:
            rents_item = UrbanRent.from_dict(rents_item_data)

            rents.append(rents_item)

        tax_id = d.pop("tax_id")

        total = d.pop("total")

        modelo_347_counterparty = cls(
            cash_operation_year=cash_operation_year,
            cash_received=cash_received,
            cash_received_earlier_years=cash_received_earlier_years,
            name=name,
            quarters=quarters,
            rents=rents,
            tax_id=tax_id,
            total=total,
        )

        return modelo_347_counterparty
