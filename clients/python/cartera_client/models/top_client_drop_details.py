from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TopClientDropDetails")


@_attrs_define
class TopClientDropDetails:
    """`top_client_drop`: a top client of one month billed much less the next.

    Attributes:
        base (str): The client's taxable base in the alert's month.
        previous_base (str): The client's taxable base in the previous month.
        previous_month (str): YYYY-MM.
    """

    base: str
    previous_base: str
    previous_month: str

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        previous_base = self.previous_base

        previous_month = self.previous_month

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base": base,
                "previous_base": previous_base,
                "previous_month": previous_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        previous_base = d.pop("previous_base")

        previous_month = d.pop("previous_month")

        top_client_drop_details = cls(
            base=base,
            previous_base=previous_base,
            previous_month=previous_month,
        )

        return top_client_drop_details
