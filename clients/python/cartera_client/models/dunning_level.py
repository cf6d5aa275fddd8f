from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.dunning_level_tone import DunningLevelTone

T = TypeVar("T", bound="DunningLevel")


@_attrs_define
class DunningLevel:
    """
    Attributes:
        days_after_due (int):
        level (int):
        tone (DunningLevelTone):
    """

    days_after_due: int
    level: int
    tone: DunningLevelTone

    def to_dict(self) -> dict[str, Any]:
        days_after_due = self.days_after_due

        level = self.level

        tone = self.tone.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days_after_due": days_after_due,
                "level": level,
                "tone": tone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days_after_due = d.pop("days_after_due")

        level = d.pop("level")

        tone = DunningLevelTone(d.pop("tone"))

        dunning_level = cls(
            days_after_due=days_after_due,
            level=level,
            tone=tone,
        )

        return dunning_level
