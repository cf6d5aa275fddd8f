from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.rectification_ref_kind import RectificationRefKind

T = TypeVar("T", bound="RectificationRef")


@_attrs_define
class RectificationRef:
    """An issued rectification of the invoice.

    Attributes:
        id (str): The rectifying invoice's id (a UUID).
        kind (RectificationRefKind): I: by differences; S: by substitution.
        number (str):
        total (str): Its total (decimal, as a string).
        type_ (str): R1-R5.
    """

    id: str
    kind: RectificationRefKind
    number: str
    total: str
    type_: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        number = self.number

        total = self.total

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "number": number,
                "total": total,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = RectificationRefKind(d.pop("kind"))

        number = d.pop("number")

        total = d.pop("total")

        type_ = d.pop("type")

        rectification_ref = cls(
            id=id,
            kind=kind,
            number=number,
            total=total,
            type_=type_,
        )

        return rectification_ref
