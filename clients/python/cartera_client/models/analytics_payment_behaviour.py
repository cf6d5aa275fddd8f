from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_payment_figures import ClientPaymentFigures
    from ..models.expected_cash_in import ExpectedCashIn
    from ..models.payment_figures import PaymentFigures


T = TypeVar("T", bound="AnalyticsPaymentBehaviour")


@_attrs_define
class AnalyticsPaymentBehaviour:
    """
    Attributes:
        as_of (datetime.date):
        clients (list[ClientPaymentFigures]): The `client_id` asked for, or every client with instalments.
        currency (Literal['EUR']):
        expected_cash_in (ExpectedCashIn):
        total (PaymentFigures):
    """

    as_of: datetime.date
    clients: list[ClientPaymentFigures]
    currency: Literal["EUR"]
    expected_cash_in: ExpectedCashIn
    total: PaymentFigures

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        clients = []
        for clients_item_data in self.clients:
            clients_item = clients_item_data.to_dict()
            clients.append(clients_item)

        currency = self.currency

        expected_cash_in = self.expected_cash_in.to_dict()

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "clients": clients,
                "currency": currency,
                "expected_cash_in": expected_cash_in,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_payment_figures import ClientPaymentFigures  # noqa: PLC0415
        from ..models.expected_cash_in import ExpectedCashIn  # noqa: PLC0415
        from ..models.payment_figures import PaymentFigures  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientPaymentFigures.from_dict(clients_item_data)

            clients.append(clients_item)

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        expected_cash_in = ExpectedCashIn.from_dict(d.pop("expected_cash_in"))

        total = PaymentFigures.from_dict(d.pop("total"))

        analytics_payment_behaviour = cls(
            as_of=as_of,
            clients=clients,
            currency=currency,
            expected_cash_in=expected_cash_in,
            total=total,
        )

        return analytics_payment_behaviour
