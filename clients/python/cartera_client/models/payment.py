from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.allocation import Allocation


T = TypeVar("T", bound="Payment")


@_attrs_define
class Payment:
    """
    Attributes:
        allocations (list[Allocation]):
        amount (str): decimal, as a string
        applied (str): What went to the instalments (decimal, as a string).
        client_id (None | UUID):
        credit (str): What exceeded the amount owed: client credit (decimal, as a string).
        currency (str):
        id (UUID):
        invoice_id (UUID):
        invoice_number (str):
        method (str):
        paid_on (datetime.date):
        receivable_status (None | str): The receivable's status after this write; null in lists.
        reversed_ (bool):
    """

    allocations: list[Allocation]
    amount: str
    applied: str
    client_id: None | UUID
    credit: str
    currency: str
    id: UUID
    invoice_id: UUID
    invoice_number: str
    method: str
    paid_on: datetime.date
    receivable_status: None | str
    reversed_: bool

    def to_dict(self) -> dict[str, Any]:
        allocations = []
        for allocations_item_data in self.allocations:
            allocations_item = allocations_item_data.to_dict()
            allocations.append(allocations_item)

        amount = self.amount

        applied = self.applied

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        credit = self.credit

        currency = self.currency

        id = str(self.id)

        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        method = self.method

        paid_on = self.paid_on.isoformat()

        receivable_status: None | str
        receivable_status = self.receivable_status

        reversed_ = self.reversed_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "allocations": allocations,
                "amount": amount,
                "applied": applied,
                "client_id": client_id,
                "credit": credit,
                "currency": currency,
                "id": id,
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "method": method,
                "paid_on": paid_on,
                "receivable_status": receivable_status,
                "reversed": reversed_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation import Allocation  # noqa: PLC0415

        d = dict(src_dict)
        allocations = []
        _allocations = d.pop("allocations")
        for allocations_item_data in _allocations:
            allocations_item = Allocation.from_dict(allocations_item_data)

            allocations.append(allocations_item)

        amount = d.pop("amount")

        applied = d.pop("applied")

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        credit = d.pop("credit")

        currency = d.pop("currency")

        id = UUID(d.pop("id"))

        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        method = d.pop("method")

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        def _parse_receivable_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        receivable_status = _parse_receivable_status(d.pop("receivable_status"))

        reversed_ = d.pop("reversed")

        payment = cls(
            allocations=allocations,
            amount=amount,
            applied=applied,
            client_id=client_id,
            credit=credit,
            currency=currency,
            id=id,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            method=method,
            paid_on=paid_on,
            receivable_status=receivable_status,
            reversed_=reversed_,
        )

        return payment
