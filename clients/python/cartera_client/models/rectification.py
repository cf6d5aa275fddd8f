from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.rectification_kind import RectificationKind

if TYPE_CHECKING:
    from ..models.rectified_invoice import RectifiedInvoice


T = TypeVar("T", bound="Rectification")


@_attrs_define
class Rectification:
    """What a rectifying invoice rectifies, and how (art. 15 RD 1619/2012).

    Attributes:
        kind (RectificationKind): I: by differences; S: by substitution.
        reason (str):
        rectified (list[RectifiedInvoice]): The invoices it rectifies.
        type_ (str): R1-R5.
    """

    kind: RectificationKind
    reason: str
    rectified: list[RectifiedInvoice]
    type_: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        reason = self.reason

        rectified = []
        for rectified_item_data in self.rectified:
            rectified_item = rectified_item_data.to_dict()
            rectified.append(rectified_item)

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "reason": reason,
                "rectified": rectified,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rectified_invoice import RectifiedInvoice  # noqa: PLC0415

        d = dict(src_dict)
        kind = RectificationKind(d.pop("kind"))

        reason = d.pop("reason")

        rectified = []
        _rectified = d.pop("rectified")
        for rectified_item_data in _rectified:
            rectified_item = RectifiedInvoice.from_dict(rectified_item_data)

            rectified.append(rectified_item)

        type_ = d.pop("type")

        rectification = cls(
            kind=kind,
            reason=reason,
            rectified=rectified,
            type_=type_,
        )

        return rectification
