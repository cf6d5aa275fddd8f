from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="DunningNotice")


@_attrs_define
class DunningNotice:
    """
    Attributes:
        body (str):
        error (None | str):
        id (UUID):
        invoice_id (UUID):
        invoice_number (str):
        level (int):
        sent_at (datetime.datetime): When (RFC 3339, UTC, `Z`).
        status (str): sending, sent, not_sent, failed or no_address.
        subject (str):
        to (None | str): The address it went to; null: the client has none.
    """

    body: str
    error: None | str
    id: UUID
    invoice_id: UUID
    invoice_number: str
    level: int
    sent_at: datetime.datetime
    status: str
    subject: str
    to: None | str

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        error: None | str
        error = self.error

        id = str(self.id)

        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        level = self.level

        sent_at = self.sent_at.isoformat()

        status = self.status

        subject = self.subject

        to: None | str
        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
                "error": error,
                "id": id,
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "level": level,
                "sent_at": sent_at,
                "status": status,
                "subject": subject,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        id = UUID(d.pop("id"))

        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        level = d.pop("level")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        status = d.pop("status")

        subject = d.pop("subject")

        def _parse_to(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to = _parse_to(d.pop("to"))

        dunning_notice = cls(
            body=body,
            error=error,
            id=id,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            level=level,
            sent_at=sent_at,
            status=status,
            subject=subject,
            to=to,
        )

        return dunning_notice
