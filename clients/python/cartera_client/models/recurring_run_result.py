from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecurringRunResult")


@_attrs_define
class RecurringRunResult:
    """The generation job, run now.

    Attributes:
        generated (int):
        ran (bool): false when another runner held the job at that moment.
    """

    generated: int
    ran: bool

    def to_dict(self) -> dict[str, Any]:
        generated = self.generated

        ran = self.ran

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "generated": generated,
                "ran": ran,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        generated = d.pop("generated")

        ran = d.pop("ran")

        recurring_run_result = cls(
            generated=generated,
            ran=ran,
        )

        return recurring_run_result
