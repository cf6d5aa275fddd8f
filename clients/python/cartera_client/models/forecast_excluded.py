from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ForecastExcluded")


@_attrs_define
class ForecastExcluded:
    """
    Attributes:
        disputed (str): Under a dunning hold in collections (a dispute, an agreed plan): not forecast until the hold
            ends.
        returned_direct_debit (str): Owed again after its direct debit was returned (payment.reversed): not forecast,
            someone has to chase it.
    """

    disputed: str
    returned_direct_debit: str

    def to_dict(self) -> dict[str, Any]:
        disputed = self.disputed

        returned_direct_debit = self.returned_direct_debit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "disputed": disputed,
                "returned_direct_debit": returned_direct_debit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        disputed = d.pop("disputed")

        returned_direct_debit = d.pop("returned_direct_debit")

        forecast_excluded = cls(
            disputed=disputed,
            returned_direct_debit=returned_direct_debit,
        )

        return forecast_excluded
