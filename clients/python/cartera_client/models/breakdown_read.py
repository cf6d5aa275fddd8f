from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BreakdownRead")


@_attrs_define
class BreakdownRead:
    """One VAT rate (with its recargo, both percentages) and the base it applies to.

    Attributes:
        surcharge (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        surcharge_rate (str): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        vat_rate (str): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
        exemption_reason (None | str | Unset):
    """

    surcharge: str
    surcharge_rate: str
    taxable_base: str
    vat: str
    vat_rate: str
    exemption_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        surcharge = self.surcharge

        surcharge_rate = self.surcharge_rate

        taxable_base = self.taxable_base

        vat = self.vat

        vat_rate = self.vat_rate

        exemption_reason: None | str | Unset
        if isinstance(self.exemption_reason, Unset):
            exemption_reason = UNSET
        else:
            exemption_reason = self.exemption_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "surcharge": surcharge,
                "surcharge_rate": surcharge_rate,
                "taxable_base": taxable_base,
                "vat": vat,
                "vat_rate": vat_rate,
            }
        )
        if exemption_reason is not UNSET:
            field_dict["exemption_reason"] = exemption_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        surcharge = d.pop("surcharge")

        surcharge_rate = d.pop("surcharge_rate")

        taxable_base = d.pop("taxable_base")

        vat = d.pop("vat")

        vat_rate = d.pop("vat_rate")

        def _parse_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption_reason = _parse_exemption_reason(d.pop("exemption_reason", UNSET))

        breakdown_read = cls(
            surcharge=surcharge,
            surcharge_rate=surcharge_rate,
            taxable_base=taxable_base,
            vat=vat,
            vat_rate=vat_rate,
            exemption_reason=exemption_reason,
        )

        return breakdown_read
