from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="StatutoryRate")


@_attrs_define
class StatutoryRate:
    """
    Attributes:
        half_year_start (datetime.date):
        rate (str): A percentage per year (decimal, as a string).
    """

    half_year_start: datetime.date
    rate: str

    def to_dict(self) -> dict[str, Any]:
        half_year_start = self.half_year_start.isoformat()

        rate = self.rate

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "half_year_start": half_year_start,
                "rate": rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        half_year_start = datetime.date.fromisoformat(d.pop("half_year_start"))

        rate = d.pop("rate")

        statutory_rate = cls(
            half_year_start=half_year_start,
            rate=rate,
        )

        return statutory_rate
