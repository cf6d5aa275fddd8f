from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_behaviour import ClientBehaviour
    from ..models.payment_behaviour import PaymentBehaviour


T = TypeVar("T", bound="Behaviour")


@_attrs_define
class Behaviour:
    """
    Attributes:
        as_of (datetime.date):
        clients (list[ClientBehaviour]): Most overdue first.
        total (PaymentBehaviour):
    """

    as_of: datetime.date
    clients: list[ClientBehaviour]
    total: PaymentBehaviour

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
        from ..models.client_behaviour import ClientBehaviour  # noqa: PLC0415
        from ..models.payment_behaviour import PaymentBehaviour  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientBehaviour.from_dict(clients_item_data)

            clients.append(clients_item)

        total = PaymentBehaviour.from_dict(d.pop("total"))

        behaviour = cls(
            as_of=as_of,
            clients=clients,
            total=total,
        )

        return behaviour
