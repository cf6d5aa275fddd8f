from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_at_risk import ClientAtRisk


T = TypeVar("T", bound="ClientsAtRisk")


@_attrs_define
class ClientsAtRisk:
    """
    Attributes:
        as_of (datetime.date):
        items (list[ClientAtRisk]): Most reasons first, then the largest billing of the last six months.
    """

    as_of: datetime.date
    items: list[ClientAtRisk]

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_at_risk import ClientAtRisk  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ClientAtRisk.from_dict(items_item_data)

            items.append(items_item)

        clients_at_risk = cls(
            as_of=as_of,
            items=items,
        )

        return clients_at_risk
