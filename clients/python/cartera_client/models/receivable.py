from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.receivable_status import ReceivableStatus

if TYPE_CHECKING:
    from ..models.instalment_state import InstalmentState
    from ..models.late_payment_law import LatePaymentLaw


T = TypeVar("T", bound="Receivable")


@_attrs_define
class Receivable:
    """
    Attributes:
        amount (str): What is owed after rectifications (decimal, as a string).
        cancellation_reason (None | str):
        cancelled_at (datetime.datetime | None): When (RFC 3339, UTC, `Z`).
        client_id (None | UUID):
        currency (str):
        id (UUID):
        instalments (list[InstalmentState]):
        invoice_id (UUID):
        invoice_number (str):
        invoiced (str): The invoice's total to pay (decimal, as a string).
        issue_date (datetime.date):
        late_payment_law (LatePaymentLaw | None): Whether Ley 3/2004 covers the debt; null while the client is not known
            yet.
        outstanding (str): decimal, as a string
        paid (str): decimal, as a string
        status (ReceivableStatus):
    """

    amount: str
    cancellation_reason: None | str
    cancelled_at: datetime.datetime | None
    client_id: None | UUID
    currency: str
    id: UUID
    instalments: list[InstalmentState]
    invoice_id: UUID
    invoice_number: str
    invoiced: str
    issue_date: datetime.date
    late_payment_law: LatePaymentLaw | None
    outstanding: str
    paid: str
    status: ReceivableStatus

    def to_dict(self) -> dict[str, Any]:
        from ..models.late_payment_law import LatePaymentLaw  # noqa: PLC0415

        amount = self.amount

        cancellation_reason: None | str
        cancellation_reason = self.cancellation_reason

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        currency = self.currency

        id = str(self.id)

        instalments = []
        for instalments_item_data in self.instalments:
            instalments_item = instalments_item_data.to_dict()
            instalments.append(instalments_item)

        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        invoiced = self.invoiced

        issue_date = self.issue_date.isoformat()

        late_payment_law: dict[str, Any] | None
        if isinstance(self.late_payment_law, LatePaymentLaw):
            late_payment_law = self.late_payment_law.to_dict()
        else:
            late_payment_law = self.late_payment_law

        outstanding = self.outstanding

        paid = self.paid

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "cancellation_reason": cancellation_reason,
                "cancelled_at": cancelled_at,
                "client_id": client_id,
                "currency": currency,
                "id": id,
                "instalments": instalments,
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "invoiced": invoiced,
                "issue_date": issue_date,
                "late_payment_law": late_payment_law,
                "outstanding": outstanding,
                "paid": paid,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instalment_state import InstalmentState  # noqa: PLC0415
        from ..models.late_payment_law import LatePaymentLaw  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_cancellation_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancellation_reason = _parse_cancellation_reason(d.pop("cancellation_reason"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

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

        currency = d.pop("currency")

        id = UUID(d.pop("id"))

        instalments = []
        _instalments = d.pop("instalments")
        for instalments_item_data in _instalments:
            instalments_item = InstalmentState.from_dict(instalments_item_data)

            instalments.append(instalments_item)

        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        invoiced = d.pop("invoiced")

        issue_date = datetime.date.fromisoformat(d.pop("issue_date"))

        def _parse_late_payment_law(data: object) -> LatePaymentLaw | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                late_payment_law_type_0 = LatePaymentLaw.from_dict(data)

                return late_payment_law_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LatePaymentLaw | None, data)

        late_payment_law = _parse_late_payment_law(d.pop("late_payment_law"))

        outstanding = d.pop("outstanding")

        paid = d.pop("paid")

        status = ReceivableStatus(d.pop("status"))

        receivable = cls(
            amount=amount,
            cancellation_reason=cancellation_reason,
            cancelled_at=cancelled_at,
            client_id=client_id,
            currency=currency,
            id=id,
            instalments=instalments,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            invoiced=invoiced,
            issue_date=issue_date,
            late_payment_law=late_payment_law,
            outstanding=outstanding,
            paid=paid,
            status=status,
        )

        return receivable
