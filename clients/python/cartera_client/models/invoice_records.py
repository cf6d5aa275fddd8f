from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invoice_records_status import InvoiceRecordsStatus

if TYPE_CHECKING:
    from ..models.invoice_record import InvoiceRecord


T = TypeVar("T", bound="InvoiceRecords")


@_attrs_define
class InvoiceRecords:
    """Every Verifactu record of an invoice, in chain order.

    Attributes:
        invoice_id (UUID):
        records (list[InvoiceRecord]):
        status (InvoiceRecordsStatus):
    """

    invoice_id: UUID
    records: list[InvoiceRecord]
    status: InvoiceRecordsStatus

    def to_dict(self) -> dict[str, Any]:
        invoice_id = str(self.invoice_id)

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoice_id": invoice_id,
                "records": records,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invoice_record import InvoiceRecord  # noqa: PLC0415

        d = dict(src_dict)
        invoice_id = UUID(d.pop("invoice_id"))

        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = InvoiceRecord.from_dict(records_item_data)

            records.append(records_item)

        status = InvoiceRecordsStatus(d.pop("status"))

        invoice_records = cls(
            invoice_id=invoice_id,
            records=records,
            status=status,
        )

        return invoice_records
