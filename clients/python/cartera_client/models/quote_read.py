from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.quote_read_status import QuoteReadStatus

if TYPE_CHECKING:
    from ..models.quote_read_breakdown_item import QuoteReadBreakdownItem
    from ..models.quote_read_lines_item import QuoteReadLinesItem
    from ..models.quote_totals import QuoteTotals


T = TypeVar("T", bound="QuoteRead")


@_attrs_define
class QuoteRead:
    """A quote (presupuesto). Rates are percentages; decimals are strings.

    Attributes:
        breakdown (list[QuoteReadBreakdownItem]): Per VAT and surcharge rate (percentages): taxable_base, vat,
            surcharge, exemption_reason; decimals as strings.
        client_id (UUID):
        created_at (str): A timestamp (ISO 8601, with its UTC offset).
        currency (str):
        decided_at (None | str): A timestamp (ISO 8601, with its UTC offset), or null.
        id (UUID):
        invoice_id (None | UUID): The draft invoice it became, if any.
        lines (list[QuoteReadLinesItem]): The lines as entered (see LineIn).
        notes (None | str):
        number (str):
        quote_date (datetime.date):
        sent_at (None | str): A timestamp (ISO 8601, with its UTC offset), or null.
        status (QuoteReadStatus):
        totals (QuoteTotals): Decimals, as strings.
        valid_until (datetime.date):
    """

    breakdown: list[QuoteReadBreakdownItem]
    client_id: UUID
    created_at: str
    currency: str
    decided_at: None | str
    id: UUID
    invoice_id: None | UUID
    lines: list[QuoteReadLinesItem]
    notes: None | str
    number: str
    quote_date: datetime.date
    sent_at: None | str
    status: QuoteReadStatus
    totals: QuoteTotals
    valid_until: datetime.date

    def to_dict(self) -> dict[str, Any]:
        breakdown = []
        for breakdown_item_data in self.breakdown:
            breakdown_item = breakdown_item_data.to_dict()
            breakdown.append(breakdown_item)

        client_id = str(self.client_id)

        created_at = self.created_at

        currency = self.currency

        decided_at: None | str
        decided_at = self.decided_at

        id = str(self.id)

        invoice_id: None | str
        if isinstance(self.invoice_id, UUID):
            invoice_id = str(self.invoice_id)
        else:
            invoice_id = self.invoice_id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        notes: None | str
        notes = self.notes

        number = self.number

        quote_date = self.quote_date.isoformat()

        sent_at: None | str
        sent_at = self.sent_at

        status = self.status.value

        totals = self.totals.to_dict()

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "breakdown": breakdown,
                "client_id": client_id,
                "created_at": created_at,
                "currency": currency,
                "decided_at": decided_at,
                "id": id,
                "invoice_id": invoice_id,
                "lines": lines,
                "notes": notes,
                "number": number,
                "quote_date": quote_date,
                "sent_at": sent_at,
                "status": status,
                "totals": totals,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quote_read_breakdown_item import QuoteReadBreakdownItem  # noqa: PLC0415
        from ..models.quote_read_lines_item import QuoteReadLinesItem  # noqa: PLC0415
        from ..models.quote_totals import QuoteTotals  # noqa: PLC0415

        d = dict(src_dict)
        breakdown = []
        _breakdown = d.pop("breakdown")
        for breakdown_item_data in _breakdown:
            breakdown_item = QuoteReadBreakdownItem.from_dict(breakdown_item_data)

            breakdown.append(breakdown_item)

        client_id = UUID(d.pop("client_id"))

        created_at = d.pop("created_at")

        currency = d.pop("currency")

        def _parse_decided_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

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

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = QuoteReadLinesItem.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        number = d.pop("number")

        quote_date = datetime.date.fromisoformat(d.pop("quote_date"))

        def _parse_sent_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        status = QuoteReadStatus(d.pop("status"))

        totals = QuoteTotals.from_dict(d.pop("totals"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        quote_read = cls(
            breakdown=breakdown,
            client_id=client_id,
            created_at=created_at,
            currency=currency,
            decided_at=decided_at,
            id=id,
            invoice_id=invoice_id,
            lines=lines,
            notes=notes,
            number=number,
            quote_date=quote_date,
            sent_at=sent_at,
            status=status,
            totals=totals,
            valid_until=valid_until,
        )

        return quote_read
