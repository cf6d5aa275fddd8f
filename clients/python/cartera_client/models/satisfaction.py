from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_satisfaction import ClientSatisfaction
    from ..models.satisfaction_figures import SatisfactionFigures


T = TypeVar("T", bound="Satisfaction")


@_attrs_define
class Satisfaction:
    """
    Attributes:
        clients (list[ClientSatisfaction]):
        from_ (datetime.date):
        to (datetime.date):
        total (SatisfactionFigures):
    """

    clients: list[ClientSatisfaction]
    from_: datetime.date
    to: datetime.date
    total: SatisfactionFigures

    def to_dict(self) -> dict[str, Any]:
        clients = []
        for clients_item_data in self.clients:
            clients_item = clients_item_data.to_dict()
            clients.append(clients_item)

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clients": clients,
                "from": from_,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_satisfaction import ClientSatisfaction  # noqa: PLC0415
        from ..models.satisfaction_figures import SatisfactionFigures  # noqa: PLC0415

        d = dict(src_dict)
        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientSatisfaction.from_dict(clients_item_data)

            clients.append(clients_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        total = SatisfactionFigures.from_dict(d.pop("total"))

        satisfaction = cls(
            clients=clients,
            from_=from_,
            to=to,
            total=total,
        )

        return satisfaction
