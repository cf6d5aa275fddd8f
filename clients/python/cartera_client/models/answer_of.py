from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.answer_of_kind import AnswerOfKind

T = TypeVar("T", bound="AnswerOf")


@_attrs_define
class AnswerOf:
    """The record whose submission the answer shows: the invoice's last one.

    Attributes:
        kind (AnswerOfKind):
        position (int):
        record_id (UUID):
    """

    kind: AnswerOfKind
    position: int
    record_id: UUID

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        position = self.position

        record_id = str(self.record_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "position": position,
                "record_id": record_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = AnswerOfKind(d.pop("kind"))

        position = d.pop("position")

        record_id = UUID(d.pop("record_id"))

        answer_of = cls(
            kind=kind,
            position=position,
            record_id=record_id,
        )

        return answer_of
