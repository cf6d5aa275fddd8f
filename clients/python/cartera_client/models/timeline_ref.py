from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.timeline_ref_type import TimelineRefType

T = TypeVar("T", bound="TimelineRef")


@_attrs_define
class TimelineRef:
    """
    Attributes:
        id (str): The id of what the entry is about.
        type_ (TimelineRefType):
    """

    id: str
    type_: TimelineRefType

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = TimelineRefType(d.pop("type"))

        timeline_ref = cls(
            id=id,
            type_=type_,
        )

        return timeline_ref
