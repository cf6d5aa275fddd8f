from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.recurring_in_frequency import RecurringInFrequency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn


T = TypeVar("T", bound="RecurringIn")


@_attrs_define
class RecurringIn:
    """
    Attributes:
        client_id (UUID):
        lines (list[LineIn]):
        series (str):
        starts_on (datetime.date):
        auto_issue (bool | Unset): Issue each invoice, or leave drafts. Default: False.
        day_of_month (int | Unset): 1-28: every month has it. Default: 1.
        ends_on (datetime.date | None | Unset):
        frequency (RecurringInFrequency | Unset):  Default: RecurringInFrequency.MONTHLY.
        notes (None | str | Unset):
    """

    client_id: UUID
    lines: list[LineIn]
    series: str
    starts_on: datetime.date
    auto_issue: bool | Unset = False
    day_of_month: int | Unset = 1
    ends_on: datetime.date | None | Unset = UNSET
    frequency: RecurringInFrequency | Unset = RecurringInFrequency.MONTHLY
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        series = self.series

        starts_on = self.starts_on.isoformat()

        auto_issue = self.auto_issue

        day_of_month = self.day_of_month

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        frequency: str | Unset = UNSET
        if not isinstance(self.frequency, Unset):
            frequency = self.frequency.value

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "lines": lines,
                "series": series,
                "starts_on": starts_on,
            }
        )
        if auto_issue is not UNSET:
            field_dict["auto_issue"] = auto_issue
        if day_of_month is not UNSET:
            field_dict["day_of_month"] = day_of_month
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if notes is not UNSET:
            field_dict["notes"] = notes

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

        series = d.pop("series")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        auto_issue = d.pop("auto_issue", UNSET)

        day_of_month = d.pop("day_of_month", UNSET)

        def _parse_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        _frequency = d.pop("frequency", UNSET)
        frequency: RecurringInFrequency | Unset
        if isinstance(_frequency, Unset):
            frequency = UNSET
        else:
            frequency = RecurringInFrequency(_frequency)

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        recurring_in = cls(
            client_id=client_id,
            lines=lines,
            series=series,
            starts_on=starts_on,
            auto_issue=auto_issue,
            day_of_month=day_of_month,
            ends_on=ends_on,
            frequency=frequency,
            notes=notes,
        )

        return recurring_in
