from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.aging_buckets import AgingBuckets
    from ..models.client_aging import ClientAging


T = TypeVar("T", bound="Aging")


@_attrs_define
class Aging:
    """
    Attributes:
        as_of (datetime.date):
        clients (list[ClientAging]): Most owed first.
        total (AgingBuckets): What is owed by days past the due date (each a decimal, as a string).
    """

    as_of: datetime.date
    clients: list[ClientAging]
    total: AgingBuckets

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        clients = []
        for clients_item_data in self.clients:
            clients_item = clients_item_data.to_dict()
            clients.append(clients_item)

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "clients": clients,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aging_buckets import AgingBuckets  # noqa: PLC0415
        from ..models.client_aging import ClientAging  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientAging.from_dict(clients_item_data)

            clients.append(clients_item)

        total = AgingBuckets.from_dict(d.pop("total"))

        aging = cls(
            as_of=as_of,
            clients=clients,
            total=total,
        )

        return aging
