from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.quote_read_status import QuoteReadStatus

if TYPE_CHECKING:
    from ..models.breakdown_read import BreakdownRead
    from ..models.entered_line import EnteredLine
    from ..models.quote_totals import QuoteTotals


T = TypeVar("T", bound="QuoteRead")


@_attrs_define
class QuoteRead:
    """A quote (presupuesto). Rates are percentages; decimals are strings.

    Attributes:
        breakdown (list[BreakdownRead]): Per VAT and surcharge rate.
        client_id (UUID):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        currency (str):
        decided_at (datetime.datetime | None):
        id (UUID):
        invoice_id (None | UUID): The draft invoice it became, if any.
        lines (list[EnteredLine]): The lines as entered.
        notes (None | str):
        number (str):
        quote_date (datetime.date):
        sent_at (datetime.datetime | None):
        status (QuoteReadStatus):
        totals (QuoteTotals): Decimals, as strings.
        valid_until (datetime.date):
    """

    breakdown: list[BreakdownRead]
    client_id: UUID
    created_at: datetime.datetime
    currency: str
    decided_at: datetime.datetime | None
    id: UUID
    invoice_id: None | UUID
    lines: list[EnteredLine]
    notes: None | str
    number: str
    quote_date: datetime.date
    sent_at: datetime.datetime | None
    status: QuoteReadStatus
    totals: QuoteTotals
    valid_until: datetime.date

    def to_dict(self) -> dict[str, Any]:
        breakdown = []
        for breakdown_item_data in self.breakdown:
            breakdown_item = breakdown_item_data.to_dict()
            breakdown.append(breakdown_item)

        client_id = str(self.client_id)

        created_at = self.created_at.isoformat()

        currency = self.currency

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
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
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
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
        from ..models.breakdown_read import BreakdownRead  # noqa: PLC0415
        from ..models.entered_line import EnteredLine  # noqa: PLC0415
        from ..models.quote_totals import QuoteTotals  # noqa: PLC0415

        d = dict(src_dict)
        breakdown = []
        _breakdown = d.pop("breakdown")
        for breakdown_item_data in _breakdown:
            breakdown_item = BreakdownRead.from_dict(breakdown_item_data)

            breakdown.append(breakdown_item)

        client_id = UUID(d.pop("client_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

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
            lines_item = EnteredLine.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        number = d.pop("number")

        quote_date = datetime.date.fromisoformat(d.pop("quote_date"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

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
