from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DebitReturned")


@_attrs_define
class DebitReturned:
    """
    Attributes:
        end_to_end_id (str):
        status (str):
    """

    end_to_end_id: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        end_to_end_id = self.end_to_end_id

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_to_end_id": end_to_end_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_to_end_id = d.pop("end_to_end_id")

        status = d.pop("status")

        debit_returned = cls(
            end_to_end_id=end_to_end_id,
            status=status,
        )

        return debit_returned
