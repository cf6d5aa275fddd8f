from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.bridge_client import BridgeClient


T = TypeVar("T", bound="BridgeGroup")


@_attrs_define
class BridgeGroup:
    """
    Attributes:
        amount (str): Sum of the group's changes, euros.
        clients (int):
        items (list[BridgeClient]):
    """

    amount: str
    clients: int
    items: list[BridgeClient]

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        clients = self.clients

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "clients": clients,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bridge_client import BridgeClient  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        clients = d.pop("clients")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BridgeClient.from_dict(items_item_data)

            items.append(items_item)

        bridge_group = cls(
            amount=amount,
            clients=clients,
            items=items,
        )

        return bridge_group
