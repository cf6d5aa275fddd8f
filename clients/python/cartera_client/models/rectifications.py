from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rate_figures import RateFigures


T = TypeVar("T", bound="Rectifications")


@_attrs_define
class Rectifications:
    """
    Attributes:
        by_rate (list[RateFigures]):
        surcharge (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    by_rate: list[RateFigures]
    surcharge: str
    taxable_base: str
    vat: str

    def to_dict(self) -> dict[str, Any]:
        by_rate = []
        for by_rate_item_data in self.by_rate:
            by_rate_item = by_rate_item_data.to_dict()
            by_rate.append(by_rate_item)

        surcharge = self.surcharge

        taxable_base = self.taxable_base

        vat = self.vat

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "by_rate": by_rate,
                "surcharge": surcharge,
                "taxable_base": taxable_base,
                "vat": vat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_figures import RateFigures  # noqa: PLC0415

        d = dict(src_dict)
        by_rate = []
        _by_rate = d.pop("by_rate")
        for by_rate_item_data in _by_rate:
            by_rate_item = RateFigures.from_dict(by_rate_item_data)

            by_rate.append(by_rate_item)

        surcharge = d.pop("surcharge")

        taxable_base = d.pop("taxable_base")

        vat = d.pop("vat")

        rectifications = cls(
            by_rate=by_rate,
            surcharge=surcharge,
            taxable_base=taxable_base,
            vat=vat,
        )

        return rectifications
