from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CurrentHalfYear")


@_attrs_define
class CurrentHalfYear:
    """
    Attributes:
        rate (None | str): A percentage (decimal, as a string); null if not published yet.
        start (datetime.date):
    """

    rate: None | str
    start: datetime.date

    def to_dict(self) -> dict[str, Any]:
        rate: None | str
        rate = self.rate

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rate": rate,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rate = _parse_rate(d.pop("rate"))

        start = datetime.date.fromisoformat(d.pop("start"))

        current_half_year = cls(
            rate=rate,
            start=start,
        )

        return current_half_year
