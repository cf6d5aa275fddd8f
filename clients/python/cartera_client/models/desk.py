from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.desk_line import DeskLine


T = TypeVar("T", bound="Desk")


@_attrs_define
class Desk:
    """The businesses the caller can see, each on one line.

    Attributes:
        as_of (datetime.date): The day (Europe/Madrid) the figures are for.
        lines (list[DeskLine]): One per business, ordered by name.
        quarter (int): The quarter of `as_of` (the tax figures').
        year (int):
    """

    as_of: datetime.date
    lines: list[DeskLine]
    quarter: int
    year: int

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        quarter = self.quarter

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "lines": lines,
                "quarter": quarter,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.desk_line import DeskLine  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = DeskLine.from_dict(lines_item_data)

            lines.append(lines_item)

        quarter = d.pop("quarter")

        year = d.pop("year")

        desk = cls(
            as_of=as_of,
            lines=lines,
            quarter=quarter,
            year=year,
        )

        return desk
