from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Box")


@_attrs_define
class Box:
    """
    Attributes:
        box (str): The casilla's number on Modelo 303, as printed (01, 150 ...).
        description (str):
        value (str): An amount, or the rate of a tipo box (21.00 is 21 %).
    """

    box: str
    description: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        box = self.box

        description = self.description

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "box": box,
                "description": description,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        box = d.pop("box")

        description = d.pop("description")

        value = d.pop("value")

        box = cls(
            box=box,
            description=description,
            value=value,
        )

        return box
