from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.modelo_347_counterparty import Modelo347Counterparty


T = TypeVar("T", bound="Modelo347")


@_attrs_define
class Modelo347:
    """
    Attributes:
        covers (Literal['sales_only']): Purchases are not covered yet.
        currency (Literal['EUR']):
        files_through_sii (bool):
        items (list[Modelo347Counterparty]):
        note (str):
        threshold (str): Operations above this amount are declared (euros).
        year (int):
    """

    covers: Literal["sales_only"]
    currency: Literal["EUR"]
    files_through_sii: bool
    items: list[Modelo347Counterparty]
    note: str
    threshold: str
    year: int

    def to_dict(self) -> dict[str, Any]:
        covers = self.covers

        currency = self.currency

        files_through_sii = self.files_through_sii

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        note = self.note

        threshold = self.threshold

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "covers": covers,
                "currency": currency,
                "files_through_sii": files_through_sii,
                "items": items,
                "note": note,
                "threshold": threshold,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.modelo_347_counterparty import Modelo347Counterparty  # noqa: PLC0415

        d = dict(src_dict)
        covers = cast(Literal["sales_only"], d.pop("covers"))
        if covers != "sales_only":
            raise ValueError(f"covers must match const 'sales_only', got '{covers}'")

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        files_through_sii = d.pop("files_through_sii")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Modelo347Counterparty.from_dict(items_item_data)

            items.append(items_item)

        note = d.pop("note")

        threshold = d.pop("threshold")

        year = d.pop("year")

        modelo_347 = cls(
            covers=covers,
            currency=currency,
            files_through_sii=files_through_sii,
            items=items,
            note=note,
            threshold=threshold,
            year=year,
        )

        return modelo_347
