from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.billing_series import BillingSeries
    from ..models.client_billing_series import ClientBillingSeries
    from ..models.month_to_date import MonthToDate


T = TypeVar("T", bound="BillingEvolution")


@_attrs_define
class BillingEvolution:
    """
    Attributes:
        clients (list[ClientBillingSeries]): The `client_id` asked for, or the `top` clients by taxable base.
        currency (Literal['EUR']):
        from_ (str): First month shown, YYYY-MM.
        month_to_date (MonthToDate): The month in progress so far against the same days of last month: comparing a month
            that has run six days with a whole month says little.
        to (str): Last month shown, YYYY-MM.
        total (BillingSeries):
    """

    clients: list[ClientBillingSeries]
    currency: Literal["EUR"]
    from_: str
    month_to_date: MonthToDate
    to: str
    total: BillingSeries

    def to_dict(self) -> dict[str, Any]:
        clients = []
        for clients_item_data in self.clients:
            clients_item = clients_item_data.to_dict()
            clients.append(clients_item)

        currency = self.currency

        from_ = self.from_

        month_to_date = self.month_to_date.to_dict()

        to = self.to

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clients": clients,
                "currency": currency,
                "from": from_,
                "month_to_date": month_to_date,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.billing_series import BillingSeries  # noqa: PLC0415
        from ..models.client_billing_series import ClientBillingSeries  # noqa: PLC0415
        from ..models.month_to_date import MonthToDate  # noqa: PLC0415

        d = dict(src_dict)
        clients = []
        _clients = d.pop("clients")
        for clients_item_data in _clients:
            clients_item = ClientBillingSeries.from_dict(clients_item_data)

            clients.append(clients_item)

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        from_ = d.pop("from")

        month_to_date = MonthToDate.from_dict(d.pop("month_to_date"))

        to = d.pop("to")

        total = BillingSeries.from_dict(d.pop("total"))

        billing_evolution = cls(
            clients=clients,
            currency=currency,
            from_=from_,
            month_to_date=month_to_date,
            to=to,
            total=total,
        )

        return billing_evolution
