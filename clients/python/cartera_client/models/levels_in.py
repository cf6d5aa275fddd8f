from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.level_in import LevelIn


T = TypeVar("T", bound="LevelsIn")


@_attrs_define
class LevelsIn:
    """
    Attributes:
        levels (list[LevelIn]):
    """

    levels: list[LevelIn]

    def to_dict(self) -> dict[str, Any]:
        levels = []
        for levels_item_data in self.levels:
            levels_item = levels_item_data.to_dict()
            levels.append(levels_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "levels": levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.level_in import LevelIn  # noqa: PLC0415

        d = dict(src_dict)
        levels = []
        _levels = d.pop("levels")
        for levels_item_data in _levels:
            levels_item = LevelIn.from_dict(levels_item_data)

            levels.append(levels_item)

        levels_in = cls(
            levels=levels,
        )

        return levels_in
