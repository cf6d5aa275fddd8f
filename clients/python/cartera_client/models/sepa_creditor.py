from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SepaCreditor")


@_attrs_define
class SepaCreditor:
    """
    Attributes:
        bic (str):
        creditor_id (str): SEPA creditor identifier, computed from the NIF.
        iban (str):
        name (str):
    """

    bic: str
    creditor_id: str
    iban: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        bic = self.bic

        creditor_id = self.creditor_id

        iban = self.iban

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bic": bic,
                "creditor_id": creditor_id,
                "iban": iban,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bic = d.pop("bic")

        creditor_id = d.pop("creditor_id")

        iban = d.pop("iban")

        name = d.pop("name")

        sepa_creditor = cls(
            bic=bic,
            creditor_id=creditor_id,
            iban=iban,
            name=name,
        )

        return sepa_creditor
