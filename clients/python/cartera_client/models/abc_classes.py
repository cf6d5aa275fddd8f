from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.abc_class import AbcClass


T = TypeVar("T", bound="AbcClasses")


@_attrs_define
class AbcClasses:
    """
    Attributes:
        a (AbcClass):
        b (AbcClass):
        c (AbcClass):
    """

    a: AbcClass
    b: AbcClass
    c: AbcClass

    def to_dict(self) -> dict[str, Any]:
        a = self.a.to_dict()

        b = self.b.to_dict()

        c = self.c.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "A": a,
                "B": b,
                "C": c,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.abc_class import AbcClass  # noqa: PLC0415

        d = dict(src_dict)
        a = AbcClass.from_dict(d.pop("A"))

        b = AbcClass.from_dict(d.pop("B"))

        c = AbcClass.from_dict(d.pop("C"))

        abc_classes = cls(
            a=a,
            b=b,
            c=c,
        )

        return abc_classes
