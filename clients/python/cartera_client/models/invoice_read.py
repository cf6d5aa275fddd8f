from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invoice_read_status import InvoiceReadStatus
from ..models.invoice_read_verifactu_status_type_0 import InvoiceReadVerifactuStatusType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.breakdown_read import BreakdownRead
    from ..models.cancellation import Cancellation
    from ..models.due_date_read import DueDateRead
    from ..models.invoice_verifactu import InvoiceVerifactu
    from ..models.line_read import LineRead
    from ..models.printed_party import PrintedParty
    from ..models.rectification import Rectification
    from ..models.rectification_ref import RectificationRef
    from ..models.totals_read import TotalsRead
    from ..models.withholding_read import WithholdingRead


T = TypeVar("T", bound="InvoiceRead")


@_attrs_define
class InvoiceRead:
    """An invoice or a draft. Amounts are in the invoice's currency; rates are percentages.

    Attributes:
        breakdown (list[BreakdownRead]): Per VAT and surcharge rate.
        client_id (None | UUID):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        currency (str):
        exchange_rate (None | str):
        id (UUID):
        invoice_type (str):
        issue_date (datetime.date | None):
        issued_at (datetime.datetime | None):
        lines (list[LineRead]): The lines as entered (draft) or as issued, with the computed amount.
        notes (None | str):
        number (None | str):
        operation_date (datetime.date | None):
        series (str):
        status (InvoiceReadStatus):
        totals (TotalsRead): The invoice's totals in its currency (decimals, as strings).
        updated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        withholdings (list[WithholdingRead]): Per IRPF rate.
        cancellation (Cancellation | None | Unset): Why, by whom and with which Verifactu record it was cancelled.
        cancelled_at (datetime.datetime | None | Unset):
        due_dates (list[DueDateRead] | Unset): When it is due, per instalment.
        issuer (None | PrintedParty | Unset): The issuer's fiscal data as printed (legal_name, tax_id, country, address,
            ...); null on a draft.
        net_total (None | str | Unset): The total once its rectifications are applied.
        recipient (None | PrintedParty | Unset): The client's fiscal data in force on the issue date, as printed; null
            on a draft or a simplified invoice without a recipient.
        rectification (None | Rectification | Unset): On a rectifying invoice: its type, kind (I/S), reason and the
            rectified invoices.
        rectifications (list[RectificationRef] | Unset): Issued rectifications of this invoice.
        rectifies_id (None | Unset | UUID):
        verifactu (InvoiceVerifactu | None | Unset): The invoice's last Verifactu record and its submission (CSV, the
            AEAT's error, attempts); as `verifactu_status`.
        verifactu_status (InvoiceReadVerifactuStatusType0 | None | Unset): The AEAT's answer to the invoice's last
            Verifactu record (`verifactu.status`): pending, sent, accepted, accepted_with_errors or rejected. Given by `GET
            /v1/invoices` and `GET /v1/invoices/{id}`; null for a draft (no record yet).
    """

    breakdown: list[BreakdownRead]
    client_id: None | UUID
    created_at: datetime.datetime
    currency: str
    exchange_rate: None | str
    id: UUID
    invoice_type: str
    issue_date: datetime.date | None
    issued_at: datetime.datetime | None
    lines: list[LineRead]
    notes: None | str
    number: None | str
    operation_date: datetime.date | None
    series: str
    status: InvoiceReadStatus
    totals: TotalsRead
    updated_at: datetime.datetime
    withholdings: list[WithholdingRead]
    cancellation: Cancellation | None | Unset = UNSET
    cancelled_at: datetime.datetime | None | Unset = UNSET
    due_dates: list[DueDateRead] | Unset = UNSET
    issuer: None | PrintedParty | Unset = UNSET
    net_total: None | str | Unset = UNSET
    recipient: None | PrintedParty | Unset = UNSET
    rectification: None | Rectification | Unset = UNSET
    rectifications: list[RectificationRef] | Unset = UNSET
    rectifies_id: None | Unset | UUID = UNSET
    verifactu: InvoiceVerifactu | None | Unset = UNSET
    verifactu_status: InvoiceReadVerifactuStatusType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.cancellation import Cancellation  # noqa: PLC0415
        from ..models.invoice_verifactu import InvoiceVerifactu  # noqa: PLC0415
        from ..models.printed_party import PrintedParty  # noqa: PLC0415
        from ..models.rectification import Rectification  # noqa: PLC0415

        breakdown = []
        for breakdown_item_data in self.breakdown:
            breakdown_item = breakdown_item_data.to_dict()
            breakdown.append(breakdown_item)

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        created_at = self.created_at.isoformat()

        currency = self.currency

        exchange_rate: None | str
        exchange_rate = self.exchange_rate

        id = str(self.id)

        invoice_type = self.invoice_type

        issue_date: None | str
        if isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        issued_at: None | str
        if isinstance(self.issued_at, datetime.datetime):
            issued_at = self.issued_at.isoformat()
        else:
            issued_at = self.issued_at

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        notes: None | str
        notes = self.notes

        number: None | str
        number = self.number

        operation_date: None | str
        if isinstance(self.operation_date, datetime.date):
            operation_date = self.operation_date.isoformat()
        else:
            operation_date = self.operation_date

        series = self.series

        status = self.status.value

        totals = self.totals.to_dict()

        updated_at = self.updated_at.isoformat()

        withholdings = []
        for withholdings_item_data in self.withholdings:
            withholdings_item = withholdings_item_data.to_dict()
            withholdings.append(withholdings_item)

        cancellation: dict[str, Any] | None | Unset
        if isinstance(self.cancellation, Unset):
            cancellation = UNSET
        elif isinstance(self.cancellation, Cancellation):
            cancellation = self.cancellation.to_dict()
        else:
            cancellation = self.cancellation

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        due_dates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.due_dates, Unset):
            due_dates = []
            for due_dates_item_data in self.due_dates:
                due_dates_item = due_dates_item_data.to_dict()
                due_dates.append(due_dates_item)

        issuer: dict[str, Any] | None | Unset
        if isinstance(self.issuer, Unset):
            issuer = UNSET
        elif isinstance(self.issuer, PrintedParty):
            issuer = self.issuer.to_dict()
        else:
            issuer = self.issuer

        net_total: None | str | Unset
        if isinstance(self.net_total, Unset):
            net_total = UNSET
        else:
            net_total = self.net_total

        recipient: dict[str, Any] | None | Unset
        if isinstance(self.recipient, Unset):
            recipient = UNSET
        elif isinstance(self.recipient, PrintedParty):
            recipient = self.recipient.to_dict()
        else:
            recipient = self.recipient

        rectification: dict[str, Any] | None | Unset
        if isinstance(self.rectification, Unset):
            rectification = UNSET
        elif isinstance(self.rectification, Rectification):
            rectification = self.rectification.to_dict()
        else:
            rectification = self.rectification

        rectifications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rectifications, Unset):
            rectifications = []
            for rectifications_item_data in self.rectifications:
                rectifications_item = rectifications_item_data.to_dict()
                rectifications.append(rectifications_item)

        rectifies_id: None | str | Unset
        if isinstance(self.rectifies_id, Unset):
            rectifies_id = UNSET
        elif isinstance(self.rectifies_id, UUID):
            rectifies_id = str(self.rectifies_id)
        else:
            rectifies_id = self.rectifies_id

        verifactu: dict[str, Any] | None | Unset
        if isinstance(self.verifactu, Unset):
            verifactu = UNSET
        elif isinstance(self.verifactu, InvoiceVerifactu):
            verifactu = self.verifactu.to_dict()
        else:
            verifactu = self.verifactu

        verifactu_status: None | str | Unset
        if isinstance(self.verifactu_status, Unset):
            verifactu_status = UNSET
        elif isinstance(self.verifactu_status, InvoiceReadVerifactuStatusType0):
            verifactu_status = self.verifactu_status.value
        else:
            verifactu_status = self.verifactu_status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "breakdown": breakdown,
                "client_id": client_id,
                "created_at": created_at,
                "currency": currency,
                "exchange_rate": exchange_rate,
                "id": id,
                "invoice_type": invoice_type,
                "issue_date": issue_date,
                "issued_at": issued_at,
                "lines": lines,
                "notes": notes,
                "number": number,
                "operation_date": operation_date,
                "series": series,
                "status": status,
                "totals": totals,
                "updated_at": updated_at,
                "withholdings": withholdings,
            }
        )
        if cancellation is not UNSET:
            field_dict["cancellation"] = cancellation
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at
        if due_dates is not UNSET:
            field_dict["due_dates"] = due_dates
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if net_total is not UNSET:
            field_dict["net_total"] = net_total
        if recipient is not UNSET:
            field_dict["recipient"] = recipient
        if rectification is not UNSET:
            field_dict["rectification"] = rectification
        if rectifications is not UNSET:
            field_dict["rectifications"] = rectifications
        if rectifies_id is not UNSET:
            field_dict["rectifies_id"] = rectifies_id
        if verifactu is not UNSET:
            field_dict["verifactu"] = verifactu
        if verifactu_status is not UNSET:
            field_dict["verifactu_status"] = verifactu_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.breakdown_read import BreakdownRead  # noqa: PLC0415
        from ..models.cancellation import Cancellation  # noqa: PLC0415
        from ..models.due_date_read import DueDateRead  # noqa: PLC0415
        from ..models.invoice_verifactu import InvoiceVerifactu  # noqa: PLC0415
        from ..models.line_read import LineRead  # noqa: PLC0415
        from ..models.printed_party import PrintedParty  # noqa: PLC0415
        from ..models.rectification import Rectification  # noqa: PLC0415
        from ..models.rectification_ref import RectificationRef  # noqa: PLC0415
        from ..models.totals_read import TotalsRead  # noqa: PLC0415
        from ..models.withholding_read import WithholdingRead  # noqa: PLC0415

        d = dict(src_dict)
        breakdown = []
        _breakdown = d.pop("breakdown")
        for breakdown_item_data in _breakdown:
            breakdown_item = BreakdownRead.from_dict(breakdown_item_data)

            breakdown.append(breakdown_item)

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        def _parse_exchange_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate"))

        id = UUID(d.pop("id"))

        invoice_type = d.pop("invoice_type")

        def _parse_issue_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issue_date_type_0 = datetime.date.fromisoformat(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        issue_date = _parse_issue_date(d.pop("issue_date"))

        def _parse_issued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issued_at_type_0 = datetime.datetime.fromisoformat(data)

                return issued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        issued_at = _parse_issued_at(d.pop("issued_at"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineRead.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        def _parse_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        number = _parse_number(d.pop("number"))

        def _parse_operation_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                operation_date_type_0 = datetime.date.fromisoformat(data)

                return operation_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        operation_date = _parse_operation_date(d.pop("operation_date"))

        series = d.pop("series")

        status = InvoiceReadStatus(d.pop("status"))

        totals = TotalsRead.from_dict(d.pop("totals"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        withholdings = []
        _withholdings = d.pop("withholdings")
        for withholdings_item_data in _withholdings:
            withholdings_item = WithholdingRead.from_dict(withholdings_item_data)

            withholdings.append(withholdings_item)

        def _parse_cancellation(data: object) -> Cancellation | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cancellation_type_0 = Cancellation.from_dict(data)

                return cancellation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Cancellation | None | Unset, data)

        cancellation = _parse_cancellation(d.pop("cancellation", UNSET))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        _due_dates = d.pop("due_dates", UNSET)
        due_dates: list[DueDateRead] | Unset = UNSET
        if _due_dates is not UNSET:
            due_dates = []
            for due_dates_item_data in _due_dates:
                due_dates_item = DueDateRead.from_dict(due_dates_item_data)

                due_dates.append(due_dates_item)

        def _parse_issuer(data: object) -> None | PrintedParty | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                issuer_type_0 = PrintedParty.from_dict(data)

                return issuer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PrintedParty | Unset, data)

        issuer = _parse_issuer(d.pop("issuer", UNSET))

        def _parse_net_total(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        net_total = _parse_net_total(d.pop("net_total", UNSET))

        def _parse_recipient(data: object) -> None | PrintedParty | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recipient_type_0 = PrintedParty.from_dict(data)

                return recipient_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PrintedParty | Unset, data)

        recipient = _parse_recipient(d.pop("recipient", UNSET))

        def _parse_rectification(data: object) -> None | Rectification | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rectification_type_0 = Rectification.from_dict(data)

                return rectification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Rectification | Unset, data)

        rectification = _parse_rectification(d.pop("rectification", UNSET))

        _rectifications = d.pop("rectifications", UNSET)
        rectifications: list[RectificationRef] | Unset = UNSET
        if _rectifications is not UNSET:
            rectifications = []
            for rectifications_item_data in _rectifications:
                rectifications_item = RectificationRef.from_dict(rectifications_item_data)

                rectifications.append(rectifications_item)

        def _parse_rectifies_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rectifies_id_type_0 = UUID(data)

                return rectifies_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rectifies_id = _parse_rectifies_id(d.pop("rectifies_id", UNSET))

        def _parse_verifactu(data: object) -> InvoiceVerifactu | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                verifactu_type_0 = InvoiceVerifactu.from_dict(data)

                return verifactu_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceVerifactu | None | Unset, data)

        verifactu = _parse_verifactu(d.pop("verifactu", UNSET))

        def _parse_verifactu_status(data: object) -> InvoiceReadVerifactuStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verifactu_status_type_0 = InvoiceReadVerifactuStatusType0(data)

                return verifactu_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceReadVerifactuStatusType0 | None | Unset, data)

        verifactu_status = _parse_verifactu_status(d.pop("verifactu_status", UNSET))

        invoice_read = cls(
            breakdown=breakdown,
            client_id=client_id,
            created_at=created_at,
            currency=currency,
            exchange_rate=exchange_rate,
            id=id,
            invoice_type=invoice_type,
            issue_date=issue_date,
            issued_at=issued_at,
            lines=lines,
            notes=notes,
            number=number,
            operation_date=operation_date,
            series=series,
            status=status,
            totals=totals,
            updated_at=updated_at,
            withholdings=withholdings,
            cancellation=cancellation,
            cancelled_at=cancelled_at,
            due_dates=due_dates,
            issuer=issuer,
            net_total=net_total,
            recipient=recipient,
            rectification=rectification,
            rectifications=rectifications,
            rectifies_id=rectifies_id,
            verifactu=verifactu,
            verifactu_status=verifactu_status,
        )

        return invoice_read
