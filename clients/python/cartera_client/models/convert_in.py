from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConvertIn")


@_attrs_define
class ConvertIn:
    """
    Attributes:
        series (str):
    """

    series: str

    def to_dict(self) -> dict[str, Any]:
        series = self.series

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        series = d.pop("series")

        convert_in = cls(
            series=series,
        )

        return convert_in
