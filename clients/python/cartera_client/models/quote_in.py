from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn


T = TypeVar("T", bound="QuoteIn")


@_attrs_define
class QuoteIn:
    """
    Attributes:
        client_id (UUID):
        lines (list[LineIn]):
        notes (None | str | Unset):
        quote_date (datetime.date | None | Unset):
        valid_until (datetime.date | None | Unset): 30 days after the quote date if not set.
    """

    client_id: UUID
    lines: list[LineIn]
    notes: None | str | Unset = UNSET
    quote_date: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        quote_date: None | str | Unset
        if isinstance(self.quote_date, Unset):
            quote_date = UNSET
        elif isinstance(self.quote_date, datetime.date):
            quote_date = self.quote_date.isoformat()
        else:
            quote_date = self.quote_date

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "lines": lines,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if quote_date is not UNSET:
            field_dict["quote_date"] = quote_date
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_in import LineIn  # noqa: PLC0415

        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        lines = []
        _lines = d.pop("lines")
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

        def _parse_quote_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quote_date_type_0 = datetime.date.fromisoformat(data)

                return quote_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        quote_date = _parse_quote_date(d.pop("quote_date", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        quote_in = cls(
            client_id=client_id,
            lines=lines,
            notes=notes,
            quote_date=quote_date,
            valid_until=valid_until,
        )

        return quote_in
