from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConcentrationDetails")


@_attrs_define
class ConcentrationDetails:
    """`concentration`: one client's share of a month's billing.

    Attributes:
        base (str): The client's taxable base that month.
        month (str): YYYY-MM.
        total (str): The tenant's taxable base that month.
    """

    base: str
    month: str
    total: str

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        month = self.month

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base": base,
                "month": month,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        month = d.pop("month")

        total = d.pop("total")

        concentration_details = cls(
            base=base,
            month=month,
            total=total,
        )

        return concentration_details
