from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.issuer_read_simplified_invoice_activity_type_0 import (
    IssuerReadSimplifiedInvoiceActivityType0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="IssuerRead")


@_attrs_define
class IssuerRead:
    """The issuer's fiscal data in force: one version of it.

    Attributes:
        changed_by (str):
        country (str):
        fiscal_address (Address):
        legal_name (str):
        reason (None | str):
        recorded_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        tax_id (str):
        valid_from (datetime.date):
        version (int):
        simplified_invoice_activity (IssuerReadSimplifiedInvoiceActivityType0 | None | Unset):
    """

    changed_by: str
    country: str
    fiscal_address: Address
    legal_name: str
    reason: None | str
    recorded_at: datetime.datetime
    tax_id: str
    valid_from: datetime.date
    version: int
    simplified_invoice_activity: IssuerReadSimplifiedInvoiceActivityType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changed_by = self.changed_by

        country = self.country

        fiscal_address = self.fiscal_address.to_dict()

        legal_name = self.legal_name

        reason: None | str
        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        tax_id = self.tax_id

        valid_from = self.valid_from.isoformat()

        version = self.version

        simplified_invoice_activity: None | str | Unset
        if isinstance(self.simplified_invoice_activity, Unset):
            simplified_invoice_activity = UNSET
        elif isinstance(self.simplified_invoice_activity, IssuerReadSimplifiedInvoiceActivityType0):
            simplified_invoice_activity = self.simplified_invoice_activity.value
        else:
            simplified_invoice_activity = self.simplified_invoice_activity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "changed_by": changed_by,
                "country": country,
                "fiscal_address": fiscal_address,
                "legal_name": legal_name,
                "reason": reason,
                "recorded_at": recorded_at,
                "tax_id": tax_id,
                "valid_from": valid_from,
                "version": version,
            }
        )
        if simplified_invoice_activity is not UNSET:
            field_dict["simplified_invoice_activity"] = simplified_invoice_activity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        changed_by = d.pop("changed_by")

        country = d.pop("country")

        fiscal_address = Address.from_dict(d.pop("fiscal_address"))

        legal_name = d.pop("legal_name")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        tax_id = d.pop("tax_id")

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        version = d.pop("version")

        def _parse_simplified_invoice_activity(
            data: object,
        ) -> IssuerReadSimplifiedInvoiceActivityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                simplified_invoice_activity_type_0 = IssuerReadSimplifiedInvoiceActivityType0(data)

                return simplified_invoice_activity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IssuerReadSimplifiedInvoiceActivityType0 | None | Unset, data)

        simplified_invoice_activity = _parse_simplified_invoice_activity(
            d.pop("simplified_invoice_activity", UNSET)
        )

        issuer_read = cls(
            changed_by=changed_by,
            country=country,
            fiscal_address=fiscal_address,
            legal_name=legal_name,
            reason=reason,
            recorded_at=recorded_at,
            tax_id=tax_id,
            valid_from=valid_from,
            version=version,
            simplified_invoice_activity=simplified_invoice_activity,
        )

        return issuer_read
