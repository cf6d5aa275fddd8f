from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.issuer_in_simplified_invoice_activity_type_0 import (
    IssuerInSimplifiedInvoiceActivityType0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="IssuerIn")


@_attrs_define
class IssuerIn:
    """The tenant's own fiscal data; each PUT is a new version (a change of address, a new name).

    Attributes:
        fiscal_address (Address):
        legal_name (str):
        tax_id (str):
        country (str | Unset):  Default: 'ES'.
        reason (None | str | Unset):
        simplified_invoice_activity (IssuerInSimplifiedInvoiceActivityType0 | None | Unset): The activity of RD
            1619/2012 art. 4.2 the issuer carries on, if any: its simplified invoices may then reach 3,000 € VAT included
            instead of 400 €.
        valid_from (datetime.date | None | Unset):
    """

    fiscal_address: Address
    legal_name: str
    tax_id: str
    country: str | Unset = "ES"
    reason: None | str | Unset = UNSET
    simplified_invoice_activity: IssuerInSimplifiedInvoiceActivityType0 | None | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        fiscal_address = self.fiscal_address.to_dict()

        legal_name = self.legal_name

        tax_id = self.tax_id

        country = self.country

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        simplified_invoice_activity: None | str | Unset
        if isinstance(self.simplified_invoice_activity, Unset):
            simplified_invoice_activity = UNSET
        elif isinstance(self.simplified_invoice_activity, IssuerInSimplifiedInvoiceActivityType0):
            simplified_invoice_activity = self.simplified_invoice_activity.value
        else:
            simplified_invoice_activity = self.simplified_invoice_activity

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fiscal_address": fiscal_address,
                "legal_name": legal_name,
                "tax_id": tax_id,
            }
        )
        if country is not UNSET:
            field_dict["country"] = country
        if reason is not UNSET:
            field_dict["reason"] = reason
        if simplified_invoice_activity is not UNSET:
            field_dict["simplified_invoice_activity"] = simplified_invoice_activity
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        fiscal_address = Address.from_dict(d.pop("fiscal_address"))

        legal_name = d.pop("legal_name")

        tax_id = d.pop("tax_id")

        country = d.pop("country", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_simplified_invoice_activity(
            data: object,
        ) -> IssuerInSimplifiedInvoiceActivityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                simplified_invoice_activity_type_0 = IssuerInSimplifiedInvoiceActivityType0(data)

                return simplified_invoice_activity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IssuerInSimplifiedInvoiceActivityType0 | None | Unset, data)

        simplified_invoice_activity = _parse_simplified_invoice_activity(
            d.pop("simplified_invoice_activity", UNSET)
        )

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        issuer_in = cls(
            fiscal_address=fiscal_address,
            legal_name=legal_name,
            tax_id=tax_id,
            country=country,
            reason=reason,
            simplified_invoice_activity=simplified_invoice_activity,
            valid_from=valid_from,
        )

        return issuer_in
