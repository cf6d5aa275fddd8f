from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReturnedDebit")


@_attrs_define
class ReturnedDebit:
    """
    Attributes:
        amount (str): What the debit asked for and the bank gave back.
        client_id (UUID):
        end_to_end_id (str):
        invoice_id (UUID):
        invoice_number (str):
        mandate_reference (str):
        presented_again (bool): The instalment went out again in a later remittance (whose own return, if any, is listed
            on its own).
        reason (None | str): The bank's reason as recorded (e.g. the R-transaction code); null for returns recorded
            before 2026-12-07.
        remittance_id (UUID):
        returned_at (datetime.datetime): When the return was recorded (RFC 3339, UTC, `Z`).
        still_owed (str): What the debit's instalment owes now.
    """

    amount: str
    client_id: UUID
    end_to_end_id: str
    invoice_id: UUID
    invoice_number: str
    mandate_reference: str
    presented_again: bool
    reason: None | str
    remittance_id: UUID
    returned_at: datetime.datetime
    still_owed: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        client_id = str(self.client_id)

        end_to_end_id = self.end_to_end_id

        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        mandate_reference = self.mandate_reference

        presented_again = self.presented_again

        reason: None | str
        reason = self.reason

        remittance_id = str(self.remittance_id)

        returned_at = self.returned_at.isoformat()

        still_owed = self.still_owed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "client_id": client_id,
                "end_to_end_id": end_to_end_id,
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "mandate_reference": mandate_reference,
                "presented_again": presented_again,
                "reason": reason,
                "remittance_id": remittance_id,
                "returned_at": returned_at,
                "still_owed": still_owed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        client_id = UUID(d.pop("client_id"))

        end_to_end_id = d.pop("end_to_end_id")

        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        mandate_reference = d.pop("mandate_reference")

        presented_again = d.pop("presented_again")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        remittance_id = UUID(d.pop("remittance_id"))

        returned_at = datetime.datetime.fromisoformat(d.pop("returned_at"))

        still_owed = d.pop("still_owed")

        returned_debit = cls(
            amount=amount,
            client_id=client_id,
            end_to_end_id=end_to_end_id,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            mandate_reference=mandate_reference,
            presented_again=presented_again,
            reason=reason,
            remittance_id=remittance_id,
            returned_at=returned_at,
            still_owed=still_owed,
        )

        return returned_debit
