from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OverdueRun")


@_attrs_define
class OverdueRun:
    """
    Attributes:
        marked (int): Instalments marked overdue.
        ran (bool): False when another run held the lock.
    """

    marked: int
    ran: bool

    def to_dict(self) -> dict[str, Any]:
        marked = self.marked

        ran = self.ran

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "marked": marked,
                "ran": ran,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        marked = d.pop("marked")

        ran = d.pop("ran")

        overdue_run = cls(
            marked=marked,
            ran=ran,
        )

        return overdue_run
