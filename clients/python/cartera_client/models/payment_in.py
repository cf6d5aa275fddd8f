from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.payment_in_method import PaymentInMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentIn")


@_attrs_define
class PaymentIn:
    """
    Attributes:
        amount (float | str):
        invoice_id (UUID):
        paid_on (datetime.date):
        confirm_overpayment (bool | Unset): Keep what exceeds the amount owed as the client's credit. Default: False.
        method (PaymentInMethod | Unset):  Default: PaymentInMethod.TRANSFER.
        reference (None | str | Unset):
    """

    amount: float | str
    invoice_id: UUID
    paid_on: datetime.date
    confirm_overpayment: bool | Unset = False
    method: PaymentInMethod | Unset = PaymentInMethod.TRANSFER
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        amount = self.amount

        invoice_id = str(self.invoice_id)

        paid_on = self.paid_on.isoformat()

        confirm_overpayment = self.confirm_overpayment

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "invoice_id": invoice_id,
                "paid_on": paid_on,
            }
        )
        if confirm_overpayment is not UNSET:
            field_dict["confirm_overpayment"] = confirm_overpayment
        if method is not UNSET:
            field_dict["method"] = method
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        invoice_id = UUID(d.pop("invoice_id"))

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        confirm_overpayment = d.pop("confirm_overpayment", UNSET)

        _method = d.pop("method", UNSET)
        method: PaymentInMethod | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = PaymentInMethod(_method)

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        payment_in = cls(
            amount=amount,
            invoice_id=invoice_id,
            paid_on=paid_on,
            confirm_overpayment=confirm_overpayment,
            method=method,
            reference=reference,
        )

        return payment_in
