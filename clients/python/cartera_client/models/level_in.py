from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.level_in_tone import LevelInTone

T = TypeVar("T", bound="LevelIn")


@_attrs_define
class LevelIn:
    """
    Attributes:
        days_after_due (int):
        tone (LevelInTone):
    """

    days_after_due: int
    tone: LevelInTone

    def to_dict(self) -> dict[str, Any]:
        days_after_due = self.days_after_due

        tone = self.tone.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days_after_due": days_after_due,
                "tone": tone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days_after_due = d.pop("days_after_due")

        tone = LevelInTone(d.pop("tone"))

        level_in = cls(
            days_after_due=days_after_due,
            tone=tone,
        )

        return level_in
