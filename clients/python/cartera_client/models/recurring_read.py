from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.recurring_read_frequency import RecurringReadFrequency

if TYPE_CHECKING:
    from ..models.entered_line import EnteredLine
    from ..models.recurring_run_read import RecurringRunRead


T = TypeVar("T", bound="RecurringRead")


@_attrs_define
class RecurringRead:
    """A recurring invoice: a template and its schedule, with the invoices it made.

    Attributes:
        active (bool):
        auto_issue (bool):
        client_id (UUID):
        day_of_month (int):
        ends_on (datetime.date | None):
        frequency (RecurringReadFrequency):
        id (UUID):
        lines (list[EnteredLine]): The lines as entered.
        next_run_on (datetime.date | None):
        notes (None | str):
        runs (list[RecurringRunRead]): The periods generated (empty in the list and on creation).
        series_id (UUID):
        starts_on (datetime.date):
    """

    active: bool
    auto_issue: bool
    client_id: UUID
    day_of_month: int
    ends_on: datetime.date | None
    frequency: RecurringReadFrequency
    id: UUID
    lines: list[EnteredLine]
    next_run_on: datetime.date | None
    notes: None | str
    runs: list[RecurringRunRead]
    series_id: UUID
    starts_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        auto_issue = self.auto_issue

        client_id = str(self.client_id)

        day_of_month = self.day_of_month

        ends_on: None | str
        if isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        frequency = self.frequency.value

        id = str(self.id)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        next_run_on: None | str
        if isinstance(self.next_run_on, datetime.date):
            next_run_on = self.next_run_on.isoformat()
        else:
            next_run_on = self.next_run_on

        notes: None | str
        notes = self.notes

        runs = []
        for runs_item_data in self.runs:
            runs_item = runs_item_data.to_dict()
            runs.append(runs_item)

        series_id = str(self.series_id)

        starts_on = self.starts_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "auto_issue": auto_issue,
                "client_id": client_id,
                "day_of_month": day_of_month,
                "ends_on": ends_on,
                "frequency": frequency,
                "id": id,
                "lines": lines,
                "next_run_on": next_run_on,
                "notes": notes,
                "runs": runs,
                "series_id": series_id,
                "starts_on": starts_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entered_line import EnteredLine  # noqa: PLC0415
        from ..models.recurring_run_read import RecurringRunRead  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        auto_issue = d.pop("auto_issue")

        client_id = UUID(d.pop("client_id"))

        day_of_month = d.pop("day_of_month")

        def _parse_ends_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        ends_on = _parse_ends_on(d.pop("ends_on"))

        frequency = RecurringReadFrequency(d.pop("frequency"))

        id = UUID(d.pop("id"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = EnteredLine.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_next_run_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_on_type_0 = datetime.date.fromisoformat(data)

                return next_run_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_run_on = _parse_next_run_on(d.pop("next_run_on"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        runs = []
        _runs = d.pop("runs")
        for runs_item_data in _runs:
            runs_item = RecurringRunRead.from_dict(runs_item_data)

            runs.append(runs_item)

        series_id = UUID(d.pop("series_id"))

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        recurring_read = cls(
            active=active,
            auto_issue=auto_issue,
            client_id=client_id,
            day_of_month=day_of_month,
            ends_on=ends_on,
            frequency=frequency,
            id=id,
            lines=lines,
            next_run_on=next_run_on,
            notes=notes,
            runs=runs,
            series_id=series_id,
            starts_on=starts_on,
        )

        return recurring_read
