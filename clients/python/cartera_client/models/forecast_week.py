from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ForecastWeek")


@_attrs_define
class ForecastWeek:
    """
    Attributes:
        expected (str): The cash expected in the week (the mean).
        high (str): The week's 90th percentile: 9 times in 10 at most this.
        low (str): The week's 10th percentile: 9 times in 10 at least this much comes in (each open instalment landing
            whole in one week, independently of the others; normal approximation).
        week_end (datetime.date): Its Sunday.
        week_start (datetime.date): The ISO week's Monday.
    """

    expected: str
    high: str
    low: str
    week_end: datetime.date
    week_start: datetime.date

    def to_dict(self) -> dict[str, Any]:
        expected = self.expected

        high = self.high

        low = self.low

        week_end = self.week_end.isoformat()

        week_start = self.week_start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expected": expected,
                "high": high,
                "low": low,
                "week_end": week_end,
                "week_start": week_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expected = d.pop("expected")

        high = d.pop("high")

        low = d.pop("low")

        week_end = datetime.date.fromisoformat(d.pop("week_end"))

        week_start = datetime.date.fromisoformat(d.pop("week_start"))

        forecast_week = cls(
            expected=expected,
            high=high,
            low=low,
            week_end=week_end,
            week_start=week_start,
        )

        return forecast_week
