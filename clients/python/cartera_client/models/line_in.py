from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LineIn")


@_attrs_define
class LineIn:
    """An invoice line. Rates are percentages (21 is 21 %).

    Attributes:
        description (str):
        quantity (float | str):
        unit_price (float | str):
        cadastral_reference (None | str | Unset): Only on a line that rents urban property (the landlord's invoice): the
            property's cadastral reference (20 characters). Modelo 347 declares such a rent apart, with this reference, even
            when it bears IRPF withholding (RD 1065/2007, art. 34.1.d).
        discount_percent (float | str | Unset):  Default: 0.0.
        exemption_reason (None | str | Unset): Legal basis of a line without VAT.
        irpf_rate (float | str | Unset):  Default: 0.0.
        surcharge_rate (float | str | Unset):  Default: 0.0.
        vat_rate (float | str | Unset):  Default: 21.0.
    """

    description: str
    quantity: float | str
    unit_price: float | str
    cadastral_reference: None | str | Unset = UNSET
    discount_percent: float | str | Unset = 0.0
    exemption_reason: None | str | Unset = UNSET
    irpf_rate: float | str | Unset = 0.0
    surcharge_rate: float | str | Unset = 0.0
    vat_rate: float | str | Unset = 21.0

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        quantity: float | str
        quantity = self.quantity

        unit_price: float | str
        unit_price = self.unit_price

        cadastral_reference: None | str | Unset
        if isinstance(self.cadastral_reference, Unset):
            cadastral_reference = UNSET
        else:
            cadastral_reference = self.cadastral_reference

        discount_percent: float | str | Unset
        if isinstance(self.discount_percent, Unset):
            discount_percent = UNSET
        else:
            discount_percent = self.discount_percent

        exemption_reason: None | str | Unset
        if isinstance(self.exemption_reason, Unset):
            exemption_reason = UNSET
        else:
            exemption_reason = self.exemption_reason

        irpf_rate: float | str | Unset
        if isinstance(self.irpf_rate, Unset):
            irpf_rate = UNSET
        else:
            irpf_rate = self.irpf_rate

        surcharge_rate: float | str | Unset
        if isinstance(self.surcharge_rate, Unset):
            surcharge_rate = UNSET
        else:
            surcharge_rate = self.surcharge_rate

        vat_rate: float | str | Unset
        if isinstance(self.vat_rate, Unset):
            vat_rate = UNSET
        else:
            vat_rate = self.vat_rate

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "quantity": quantity,
                "unit_price": unit_price,
            }
        )
        if cadastral_reference is not UNSET:
            field_dict["cadastral_reference"] = cadastral_reference
        if discount_percent is not UNSET:
            field_dict["discount_percent"] = discount_percent
        if exemption_reason is not UNSET:
            field_dict["exemption_reason"] = exemption_reason
        if irpf_rate is not UNSET:
            field_dict["irpf_rate"] = irpf_rate
        if surcharge_rate is not UNSET:
            field_dict["surcharge_rate"] = surcharge_rate
        if vat_rate is not UNSET:
            field_dict["vat_rate"] = vat_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_unit_price(data: object) -> float | str:
            return cast(float | str, data)

        unit_price = _parse_unit_price(d.pop("unit_price"))

        def _parse_cadastral_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cadastral_reference = _parse_cadastral_reference(d.pop("cadastral_reference", UNSET))

        def _parse_discount_percent(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        discount_percent = _parse_discount_percent(d.pop("discount_percent", UNSET))

        def _parse_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption_reason = _parse_exemption_reason(d.pop("exemption_reason", UNSET))

        def _parse_irpf_rate(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        irpf_rate = _parse_irpf_rate(d.pop("irpf_rate", UNSET))

        def _parse_surcharge_rate(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        surcharge_rate = _parse_surcharge_rate(d.pop("surcharge_rate", UNSET))

        def _parse_vat_rate(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        vat_rate = _parse_vat_rate(d.pop("vat_rate", UNSET))

        line_in = cls(
            description=description,
            quantity=quantity,
            unit_price=unit_price,
            cadastral_reference=cadastral_reference,
            discount_percent=discount_percent,
            exemption_reason=exemption_reason,
            irpf_rate=irpf_rate,
            surcharge_rate=surcharge_rate,
            vat_rate=vat_rate,
        )

        return line_in
