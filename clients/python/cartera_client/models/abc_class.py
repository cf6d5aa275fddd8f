from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AbcClass")


@_attrs_define
class AbcClass:
    """
    Attributes:
        clients (int):
        share_fraction (str): The class's share of the positive taxable bases: a fraction of 1 (not a percentage).
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    clients: int
    share_fraction: str
    taxable_base: str

    def to_dict(self) -> dict[str, Any]:
        clients = self.clients

        share_fraction = self.share_fraction

        taxable_base = self.taxable_base

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clients": clients,
                "share_fraction": share_fraction,
                "taxable_base": taxable_base,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        clients = d.pop("clients")

        share_fraction = d.pop("share_fraction")

        taxable_base = d.pop("taxable_base")

        abc_class = cls(
            clients=clients,
            share_fraction=share_fraction,
            taxable_base=taxable_base,
        )

        return abc_class
