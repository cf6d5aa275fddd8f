from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MandateIn")


@_attrs_define
class MandateIn:
    """
    Attributes:
        client_id (UUID):
        debtor_name (str):
        iban (str):
        reference (str):
        signed_on (datetime.date):
        bic (None | str | Unset):
    """

    client_id: UUID
    debtor_name: str
    iban: str
    reference: str
    signed_on: datetime.date
    bic: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        debtor_name = self.debtor_name

        iban = self.iban

        reference = self.reference

        signed_on = self.signed_on.isoformat()

        bic: None | str | Unset
        if isinstance(self.bic, Unset):
            bic = UNSET
        else:
            bic = self.bic

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "debtor_name": debtor_name,
                "iban": iban,
                "reference": reference,
                "signed_on": signed_on,
            }
        )
        if bic is not UNSET:
            field_dict["bic"] = bic

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        debtor_name = d.pop("debtor_name")

        iban = d.pop("iban")

        reference = d.pop("reference")

        signed_on = datetime.date.fromisoformat(d.pop("signed_on"))

        def _parse_bic(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bic = _parse_bic(d.pop("bic", UNSET))

        mandate_in = cls(
            client_id=client_id,
            debtor_name=debtor_name,
            iban=iban,
            reference=reference,
            signed_on=signed_on,
            bic=bic,
        )

        return mandate_in
