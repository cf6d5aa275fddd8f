from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Mandate")


@_attrs_define
class Mandate:
    """
    Attributes:
        client_id (UUID):
        iban (str):
        id (UUID):
        reference (str):
        signed_on (datetime.date):
        status (str):
    """

    client_id: UUID
    iban: str
    id: UUID
    reference: str
    signed_on: datetime.date
    status: str

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        iban = self.iban

        id = str(self.id)

        reference = self.reference

        signed_on = self.signed_on.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "iban": iban,
                "id": id,
                "reference": reference,
                "signed_on": signed_on,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        iban = d.pop("iban")

        id = UUID(d.pop("id"))

        reference = d.pop("reference")

        signed_on = datetime.date.fromisoformat(d.pop("signed_on"))

        status = d.pop("status")

        mandate = cls(
            client_id=client_id,
            iban=iban,
            id=id,
            reference=reference,
            signed_on=signed_on,
            status=status,
        )

        return mandate
