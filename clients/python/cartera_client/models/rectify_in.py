from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rectify_in_kind import RectifyInKind
from ..models.rectify_in_type import RectifyInType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn


T = TypeVar("T", bound="RectifyIn")


@_attrs_define
class RectifyIn:
    """A rectifying invoice (art. 15 RD 1619/2012), issued at once in a rectifying series.

    Attributes:
        lines (list[LineIn]):
        reason (str): The cause, printed.
        series (str): A series of kind rectifying.
        issue_date (datetime.date | None | Unset):
        kind (RectifyInKind | Unset): I: by differences (lines are the change); S: by substitution. Default:
            RectifyInKind.I.
        notes (None | str | Unset):
        operation_date (datetime.date | None | Unset):
        type_ (RectifyInType | Unset): R1 error founded in law / art. 80.1-2-6 LIVA, R2 insolvency (80.3), R3 bad debts
            (80.4), R4 other causes, R5 of a simplified invoice. Default: RectifyInType.R4.
    """

    lines: list[LineIn]
    reason: str
    series: str
    issue_date: datetime.date | None | Unset = UNSET
    kind: RectifyInKind | Unset = RectifyInKind.I
    notes: None | str | Unset = UNSET
    operation_date: datetime.date | None | Unset = UNSET
    type_: RectifyInType | Unset = RectifyInType.R4

    def to_dict(self) -> dict[str, Any]:
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        reason = self.reason

        series = self.series

        issue_date: None | str | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

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

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lines": lines,
                "reason": reason,
                "series": series,
            }
        )
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if kind is not UNSET:
            field_dict["kind"] = kind
        if notes is not UNSET:
            field_dict["notes"] = notes
        if operation_date is not UNSET:
            field_dict["operation_date"] = operation_date
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_in import LineIn  # noqa: PLC0415

        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineIn.from_dict(lines_item_data)

            lines.append(lines_item)

        reason = d.pop("reason")

        series = d.pop("series")

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

        _kind = d.pop("kind", UNSET)
        kind: RectifyInKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = RectifyInKind(_kind)

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

        _type_ = d.pop("type", UNSET)
        type_: RectifyInType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = RectifyInType(_type_)

        rectify_in = cls(
            lines=lines,
            reason=reason,
            series=series,
            issue_date=issue_date,
            kind=kind,
            notes=notes,
            operation_date=operation_date,
            type_=type_,
        )

        return rectify_in
