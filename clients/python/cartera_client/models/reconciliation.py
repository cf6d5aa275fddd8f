from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.issuer_reconciliation import IssuerReconciliation


T = TypeVar("T", bound="Reconciliation")


@_attrs_define
class Reconciliation:
    """What the AEAT holds for the month against what Cartera believes, per issuer.

    Attributes:
        differences (int): How many differences, over every issuer.
        issuers (list[IssuerReconciliation]):
        month (int):
        tenant_id (UUID):
        year (int):
    """

    differences: int
    issuers: list[IssuerReconciliation]
    month: int
    tenant_id: UUID
    year: int

    def to_dict(self) -> dict[str, Any]:
        differences = self.differences

        issuers = []
        for issuers_item_data in self.issuers:
            issuers_item = issuers_item_data.to_dict()
            issuers.append(issuers_item)

        month = self.month

        tenant_id = str(self.tenant_id)

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "differences": differences,
                "issuers": issuers,
                "month": month,
                "tenant_id": tenant_id,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.issuer_reconciliation import IssuerReconciliation  # noqa: PLC0415

        d = dict(src_dict)
        differences = d.pop("differences")

        issuers = []
        _issuers = d.pop("issuers")
        for issuers_item_data in _issuers:
            issuers_item = IssuerReconciliation.from_dict(issuers_item_data)

            issuers.append(issuers_item)

        month = d.pop("month")

        tenant_id = UUID(d.pop("tenant_id"))

        year = d.pop("year")

        reconciliation = cls(
            differences=differences,
            issuers=issuers,
            month=month,
            tenant_id=tenant_id,
            year=year,
        )

        return reconciliation
