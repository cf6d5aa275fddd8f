from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.statement_line_status import StatementLineStatus

T = TypeVar("T", bound="StatementLine")


@_attrs_define
class StatementLine:
    """
    Attributes:
        amount (str): Positive: a credit; negative: a charge (decimal, as a string).
        bank_reference (None | str):
        booked_on (datetime.date):
        confidence (None | str): How the proposal was found (exact, partial...).
        counterparty_account (None | str):
        counterparty_name (None | str):
        id (UUID):
        invoice_id (None | UUID): The invoice matched or proposed.
        note (None | str):
        payment_id (None | UUID):
        reference (None | str):
        remittance (None | str):
        seq (int):
        statement_id (UUID):
        status (StatementLineStatus):
        value_on (datetime.date):
    """

    amount: str
    bank_reference: None | str
    booked_on: datetime.date
    confidence: None | str
    counterparty_account: None | str
    counterparty_name: None | str
    id: UUID
    invoice_id: None | UUID
    note: None | str
    payment_id: None | UUID
    reference: None | str
    remittance: None | str
    seq: int
    statement_id: UUID
    status: StatementLineStatus
    value_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        bank_reference: None | str
        bank_reference = self.bank_reference

        booked_on = self.booked_on.isoformat()

        confidence: None | str
        confidence = self.confidence

        counterparty_account: None | str
        counterparty_account = self.counterparty_account

        counterparty_name: None | str
        counterparty_name = self.counterparty_name

        id = str(self.id)

        invoice_id: None | str
        if isinstance(self.invoice_id, UUID):
            invoice_id = str(self.invoice_id)
        else:
            invoice_id = self.invoice_id

        note: None | str
        note = self.note

        payment_id: None | str
        if isinstance(self.payment_id, UUID):
            payment_id = str(self.payment_id)
        else:
            payment_id = self.payment_id

        reference: None | str
        reference = self.reference

        remittance: None | str
        remittance = self.remittance

        seq = self.seq

        statement_id = str(self.statement_id)

        status = self.status.value

        value_on = self.value_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "bank_reference": bank_reference,
                "booked_on": booked_on,
                "confidence": confidence,
                "counterparty_account": counterparty_account,
                "counterparty_name": counterparty_name,
                "id": id,
                "invoice_id": invoice_id,
                "note": note,
                "payment_id": payment_id,
                "reference": reference,
                "remittance": remittance,
                "seq": seq,
                "statement_id": statement_id,
                "status": status,
                "value_on": value_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))

        booked_on = datetime.date.fromisoformat(d.pop("booked_on"))

        def _parse_confidence(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        confidence = _parse_confidence(d.pop("confidence"))

        def _parse_counterparty_account(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        counterparty_account = _parse_counterparty_account(d.pop("counterparty_account"))

        def _parse_counterparty_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        counterparty_name = _parse_counterparty_name(d.pop("counterparty_name"))

        id = UUID(d.pop("id"))

        def _parse_invoice_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invoice_id_type_0 = UUID(data)

                return invoice_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_payment_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payment_id_type_0 = UUID(data)

                return payment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        payment_id = _parse_payment_id(d.pop("payment_id"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_remittance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remittance = _parse_remittance(d.pop("remittance"))

        seq = d.pop("seq")

        statement_id = UUID(d.pop("statement_id"))

        status = StatementLineStatus(d.pop("status"))

        value_on = datetime.date.fromisoformat(d.pop("value_on"))

        statement_line = cls(
            amount=amount,
            bank_reference=bank_reference,
            booked_on=booked_on,
            confidence=confidence,
            counterparty_account=counterparty_account,
            counterparty_name=counterparty_name,
            id=id,
            invoice_id=invoice_id,
            note=note,
            payment_id=payment_id,
            reference=reference,
            remittance=remittance,
            seq=seq,
            statement_id=statement_id,
            status=status,
            value_on=value_on,
        )

        return statement_line
