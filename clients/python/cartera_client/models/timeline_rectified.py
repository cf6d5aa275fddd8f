from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TimelineRectified")


@_attrs_define
class TimelineRectified:
    """The invoice a rectifying invoice rectifies.

    Attributes:
        id (str): Its id (a UUID).
        number (str):
    """

    id: str
    number: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        number = self.number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        number = d.pop("number")

        timeline_rectified = cls(
            id=id,
            number=number,
        )

        return timeline_rectified
