from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplyIn")


@_attrs_define
class ApplyIn:
    """
    Attributes:
        confirm_overpayment (bool | Unset): Keep what exceeds the amount owed as the client's credit. Default: False.
        invoice_id (None | Unset | UUID): The invoice the line pays; the proposed one when absent.
    """

    confirm_overpayment: bool | Unset = False
    invoice_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        confirm_overpayment = self.confirm_overpayment

        invoice_id: None | str | Unset
        if isinstance(self.invoice_id, Unset):
            invoice_id = UNSET
        elif isinstance(self.invoice_id, UUID):
            invoice_id = str(self.invoice_id)
        else:
            invoice_id = self.invoice_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if confirm_overpayment is not UNSET:
            field_dict["confirm_overpayment"] = confirm_overpayment
        if invoice_id is not UNSET:
            field_dict["invoice_id"] = invoice_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirm_overpayment = d.pop("confirm_overpayment", UNSET)

        def _parse_invoice_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invoice_id_type_0 = UUID(data)

                return invoice_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id", UNSET))

        apply_in = cls(
            confirm_overpayment=confirm_overpayment,
            invoice_id=invoice_id,
        )

        return apply_in
