from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReturnIn")


@_attrs_define
class ReturnIn:
    """
    Attributes:
        end_to_end_id (str):
        reason (str): e.g. the R-transaction code
    """

    end_to_end_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        end_to_end_id = self.end_to_end_id

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_to_end_id": end_to_end_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_to_end_id = d.pop("end_to_end_id")

        reason = d.pop("reason")

        return_in = cls(
            end_to_end_id=end_to_end_id,
            reason=reason,
        )

        return return_in
