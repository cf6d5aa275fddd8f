from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditorIn")


@_attrs_define
class CreditorIn:
    """
    Attributes:
        bic (str):
        iban (str):
        name (str):
        nif (str):
        suffix (str | Unset):  Default: '000'.
    """

    bic: str
    iban: str
    name: str
    nif: str
    suffix: str | Unset = "000"

    def to_dict(self) -> dict[str, Any]:
        bic = self.bic

        iban = self.iban

        name = self.name

        nif = self.nif

        suffix = self.suffix

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bic": bic,
                "iban": iban,
                "name": name,
                "nif": nif,
            }
        )
        if suffix is not UNSET:
            field_dict["suffix"] = suffix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bic = d.pop("bic")

        iban = d.pop("iban")

        name = d.pop("name")

        nif = d.pop("nif")

        suffix = d.pop("suffix", UNSET)

        creditor_in = cls(
            bic=bic,
            iban=iban,
            name=name,
            nif=nif,
            suffix=suffix,
        )

        return creditor_in
