from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.deferred_collection_reason import DeferredCollectionReason

T = TypeVar("T", bound="DeferredCollection")


@_attrs_define
class DeferredCollection:
    """An instalment due that this remittance does not collect, and why.

    Attributes:
        invoice_id (UUID):
        invoice_number (str):
        mandate_expired_on (datetime.date | None): Set when the reason is expiry.
        mandate_reference (str):
        reason (DeferredCollectionReason):
        seq (int):
    """

    invoice_id: UUID
    invoice_number: str
    mandate_expired_on: datetime.date | None
    mandate_reference: str
    reason: DeferredCollectionReason
    seq: int

    def to_dict(self) -> dict[str, Any]:
        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        mandate_expired_on: None | str
        if isinstance(self.mandate_expired_on, datetime.date):
            mandate_expired_on = self.mandate_expired_on.isoformat()
        else:
            mandate_expired_on = self.mandate_expired_on

        mandate_reference = self.mandate_reference

        reason = self.reason.value

        seq = self.seq

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "mandate_expired_on": mandate_expired_on,
                "mandate_reference": mandate_reference,
                "reason": reason,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        def _parse_mandate_expired_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mandate_expired_on_type_0 = datetime.date.fromisoformat(data)

                return mandate_expired_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        mandate_expired_on = _parse_mandate_expired_on(d.pop("mandate_expired_on"))

        mandate_reference = d.pop("mandate_reference")

        reason = DeferredCollectionReason(d.pop("reason"))

        seq = d.pop("seq")

        deferred_collection = cls(
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            mandate_expired_on=mandate_expired_on,
            mandate_reference=mandate_reference,
            reason=reason,
            seq=seq,
        )

        return deferred_collection
