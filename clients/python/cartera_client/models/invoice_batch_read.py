from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.issued_in_batch import IssuedInBatch


T = TypeVar("T", bound="InvoiceBatchRead")


@_attrs_define
class InvoiceBatchRead:
    """The invoices issued, in the order they were sent. Each is summed up (a thousand whole
    invoices would be megabytes to answer); the whole invoice is `GET /v1/invoices/{id}`.

        Attributes:
            invoices (list[IssuedInBatch]):
    """

    invoices: list[IssuedInBatch]

    def to_dict(self) -> dict[str, Any]:
        invoices = []
        for invoices_item_data in self.invoices:
            invoices_item = invoices_item_data.to_dict()
            invoices.append(invoices_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoices": invoices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.issued_in_batch import IssuedInBatch  # noqa: PLC0415

        d = dict(src_dict)
        invoices = []
        _invoices = d.pop("invoices")
        for invoices_item_data in _invoices:
            invoices_item = IssuedInBatch.from_dict(invoices_item_data)

            invoices.append(invoices_item)

        invoice_batch_read = cls(
            invoices=invoices,
        )

        return invoice_batch_read
