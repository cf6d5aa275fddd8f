from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RemittanceConfirmed")


@_attrs_define
class RemittanceConfirmed:
    """
    Attributes:
        id (UUID):
        payments (int): Payments recorded, one per debit.
        status (str):
    """

    id: UUID
    payments: int
    status: str

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        payments = self.payments

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "payments": payments,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        payments = d.pop("payments")

        status = d.pop("status")

        remittance_confirmed = cls(
            id=id,
            payments=payments,
            status=status,
        )

        return remittance_confirmed
