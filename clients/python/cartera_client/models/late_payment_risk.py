from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_risk import ClientRisk
    from ..models.invoice_risk import InvoiceRisk
    from ..models.risk_model import RiskModel


T = TypeVar("T", bound="LatePaymentRisk")


@_attrs_define
class LatePaymentRisk:
    """
    Attributes:
        as_of (datetime.date):
        clients (list[ClientRisk]): Highest score first.
        invoices (list[InvoiceRisk]): Open invoices, highest score first.
        model (RiskModel):
    """

    as_of: datetime.date
    clients: list[ClientRisk]
    invoices: list[InvoiceRisk]
    model: RiskModel

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        clients = []
        for clients_item_data in self.clients:
            clients_item = clients_item_data.to_dict()
            clients.append(clients_item)

        invoices = []
        for invoices_item_data in self.invoices:
            invoices_item = invoices_item_data.to_dict()
            invoices.append(invoices_item)

        model = self.model.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "clients": clients,
                "invoices": invoices,
                "model": model,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_risk import ClientRisk  # noqa: PLC0415
        from ..models.invoice_risk import InvoiceRisk  # noqa: PLC0415
        from ..models.risk_model import RiskModel  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientRisk.from_dict(clients_item_data)

            clients.append(clients_item)

        invoices = []
        _invoices = d.pop("invoices")
        for invoices_item_data in _invoices:
            invoices_item = InvoiceRisk.from_dict(invoices_item_data)

            invoices.append(invoices_item)

        model = RiskModel.from_dict(d.pop("model"))

        late_payment_risk = cls(
            as_of=as_of,
            clients=clients,
            invoices=invoices,
            model=model,
        )

        return late_payment_risk
