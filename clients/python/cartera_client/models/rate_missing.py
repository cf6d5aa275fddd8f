from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RateMissing")


@_attrs_define
class RateMissing:
    """A half-year whose statutory rate is not in Cartera yet, and how an operator adds it.

    Attributes:
        half_year_start (datetime.date):
        how_to_add (str):
        message (str):
    """

    half_year_start: datetime.date
    how_to_add: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        half_year_start = self.half_year_start.isoformat()

        how_to_add = self.how_to_add

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "half_year_start": half_year_start,
                "how_to_add": how_to_add,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        half_year_start = datetime.date.fromisoformat(d.pop("half_year_start"))

        how_to_add = d.pop("how_to_add")

        message = d.pop("message")

        rate_missing = cls(
            half_year_start=half_year_start,
            how_to_add=how_to_add,
            message=message,
        )

        return rate_missing
