from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LineRead")


@_attrs_define
class LineRead:
    """An invoice line with its amount: quantity x unit price, less the discount, to the cent.

    Attributes:
        description (str):
        quantity (str): A quantity: a decimal, as a string, with two or three decimals (as precise as entered, up to
            thousandths; zeros past the second decimal dropped).
        unit_price (str): A unit price: a decimal, as a string, with two to six decimals (as precise as entered, up to
            millionths; zeros past the second decimal dropped).
        amount (None | str | Unset): Its taxable base.
        cadastral_reference (None | str | Unset): The rented property's cadastral reference (rents only).
        discount_percent (str | Unset): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
            Default: '0.00'.
        exemption_reason (None | str | Unset):
        irpf_rate (str | Unset): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
            Default: '0.00'.
        surcharge_rate (str | Unset): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
            Default: '0.00'.
        vat_rate (str | Unset): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
            Default: '21.00'.
    """

    description: str
    quantity: str
    unit_price: str
    amount: None | str | Unset = UNSET
    cadastral_reference: None | str | Unset = UNSET
    discount_percent: str | Unset = "0.00"
    exemption_reason: None | str | Unset = UNSET
    irpf_rate: str | Unset = "0.00"
    surcharge_rate: str | Unset = "0.00"
    vat_rate: str | Unset = "21.00"

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        quantity = self.quantity

        unit_price = self.unit_price

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        cadastral_reference: None | str | Unset
        if isinstance(self.cadastral_reference, Unset):
            cadastral_reference = UNSET
        else:
            cadastral_reference = self.cadastral_reference

        discount_percent = self.discount_percent

        exemption_reason: None | str | Unset
        if isinstance(self.exemption_reason, Unset):
            exemption_reason = UNSET
        else:
            exemption_reason = self.exemption_reason

        irpf_rate = self.irpf_rate

        surcharge_rate = self.surcharge_rate

        vat_rate = self.vat_rate

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "quantity": quantity,
                "unit_price": unit_price,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
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

        quantity = d.pop("quantity")

        unit_price = d.pop("unit_price")

        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_cadastral_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cadastral_reference = _parse_cadastral_reference(d.pop("cadastral_reference", UNSET))

        discount_percent = d.pop("discount_percent", UNSET)

        def _parse_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption_reason = _parse_exemption_reason(d.pop("exemption_reason", UNSET))

        irpf_rate = d.pop("irpf_rate", UNSET)

        surcharge_rate = d.pop("surcharge_rate", UNSET)

        vat_rate = d.pop("vat_rate", UNSET)

        line_read = cls(
            description=description,
            quantity=quantity,
            unit_price=unit_price,
            amount=amount,
            cadastral_reference=cadastral_reference,
            discount_percent=discount_percent,
            exemption_reason=exemption_reason,
            irpf_rate=irpf_rate,
            surcharge_rate=surcharge_rate,
            vat_rate=vat_rate,
        )

        return line_read
