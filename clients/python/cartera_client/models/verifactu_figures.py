from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifactuFigures")


@_attrs_define
class VerifactuFigures:
    """
    Attributes:
        rejected (int | None): Rejected records still to correct.
        waiting (int | None): Records not yet answered by the AEAT.
    """

    rejected: int | None
    waiting: int | None

    def to_dict(self) -> dict[str, Any]:
        rejected: int | None
        rejected = self.rejected

        waiting: int | None
        waiting = self.waiting

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rejected": rejected,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_rejected(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rejected = _parse_rejected(d.pop("rejected"))

        def _parse_waiting(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        waiting = _parse_waiting(d.pop("waiting"))

        verifactu_figures = cls(
            rejected=rejected,
            waiting=waiting,
        )

        return verifactu_figures
