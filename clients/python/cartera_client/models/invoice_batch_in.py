from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.invoice_create import InvoiceCreate


T = TypeVar("T", bound="InvoiceBatchIn")


@_attrs_define
class InvoiceBatchIn:
    """Invoices to make and issue together, all or none.

    Attributes:
        invoices (list[InvoiceCreate]): 1 to 1000 invoices, with 20000 lines in all at most; issued in this order, so
            their numbers follow it within each series.
    """

    invoices: list[InvoiceCreate]

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
        from ..models.invoice_create import InvoiceCreate  # noqa: PLC0415

        d = dict(src_dict)
        invoices = []
        _invoices = d.pop("invoices")
        for invoices_item_data in _invoices:
            invoices_item = InvoiceCreate.from_dict(invoices_item_data)

            invoices.append(invoices_item)

        invoice_batch_in = cls(
            invoices=invoices,
        )

        return invoice_batch_in
