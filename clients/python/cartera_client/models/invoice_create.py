from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn


T = TypeVar("T", bound="InvoiceCreate")


@_attrs_define
class InvoiceCreate:
    """
    Attributes:
        series (str): The series code.
        client_id (None | Unset | UUID): Required except on simplified invoices.
        currency (str | Unset):  Default: 'EUR'.
        exchange_rate (float | None | str | Unset): Euros per unit of the currency, when not EUR.
        issue_date (datetime.date | None | Unset): Today when issued if not set.
        lines (list[LineIn] | Unset):
        notes (None | str | Unset):
        operation_date (datetime.date | None | Unset):
    """

    series: str
    client_id: None | Unset | UUID = UNSET
    currency: str | Unset = "EUR"
    exchange_rate: float | None | str | Unset = UNSET
    issue_date: datetime.date | None | Unset = UNSET
    lines: list[LineIn] | Unset = UNSET
    notes: None | str | Unset = UNSET
    operation_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        series = self.series

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        elif isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        currency = self.currency

        exchange_rate: float | None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        else:
            exchange_rate = self.exchange_rate

        issue_date: None | str | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        operation_date: None | str | Unset
        if isinstance(self.operation_date, Unset):
            operation_date = UNSET
        elif isinstance(self.operation_date, datetime.date):
            operation_date = self.operation_date.isoformat()
        else:
            operation_date = self.operation_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "series": series,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if lines is not UNSET:
            field_dict["lines"] = lines
        if notes is not UNSET:
            field_dict["notes"] = notes
        if operation_date is not UNSET:
            field_dict["operation_date"] = operation_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_in import LineIn  # noqa: PLC0415

        d = dict(src_dict)
        series = d.pop("series")

        def _parse_client_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        currency = d.pop("currency", UNSET)

        def _parse_exchange_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))

        def _parse_issue_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issue_date_type_0 = datetime.date.fromisoformat(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issue_date = _parse_issue_date(d.pop("issue_date", UNSET))

        _lines = d.pop("lines", UNSET)
        lines: list[LineIn] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = LineIn.from_dict(lines_item_data)

                lines.append(lines_item)

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_operation_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                operation_date_type_0 = datetime.date.fromisoformat(data)

                return operation_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        operation_date = _parse_operation_date(d.pop("operation_date", UNSET))

        invoice_create = cls(
            series=series,
            client_id=client_id,
            currency=currency,
            exchange_rate=exchange_rate,
            issue_date=issue_date,
            lines=lines,
            notes=notes,
            operation_date=operation_date,
        )

        return invoice_create
