from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StoredBankAccount")


@_attrs_define
class StoredBankAccount:
    """
    Attributes:
        iban (str):
        bic (None | str | Unset):
        holder (None | str | Unset):
        is_default (bool | None | Unset):
    """

    iban: str
    bic: None | str | Unset = UNSET
    holder: None | str | Unset = UNSET
    is_default: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        iban = self.iban

        bic: None | str | Unset
        if isinstance(self.bic, Unset):
            bic = UNSET
        else:
            bic = self.bic

        holder: None | str | Unset
        if isinstance(self.holder, Unset):
            holder = UNSET
        else:
            holder = self.holder

        is_default: bool | None | Unset
        if isinstance(self.is_default, Unset):
            is_default = UNSET
        else:
            is_default = self.is_default

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "iban": iban,
            }
        )
        if bic is not UNSET:
            field_dict["bic"] = bic
        if holder is not UNSET:
            field_dict["holder"] = holder
        if is_default is not UNSET:
            field_dict["is_default"] = is_default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        iban = d.pop("iban")

        def _parse_bic(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bic = _parse_bic(d.pop("bic", UNSET))

        def _parse_holder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holder = _parse_holder(d.pop("holder", UNSET))

        def _parse_is_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_default = _parse_is_default(d.pop("is_default", UNSET))

        stored_bank_account = cls(
            iban=iban,
            bic=bic,
            holder=holder,
            is_default=is_default,
        )

        return stored_bank_account
