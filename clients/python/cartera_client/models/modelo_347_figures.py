from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Modelo347Figures")


@_attrs_define
class Modelo347Figures:
    """
    Attributes:
        declarable (int | None): Clients above the 3,005.06 EUR threshold.
        missing_tax_id (int | None): Of those, how many lack a tax id.
        year (int):
    """

    declarable: int | None
    missing_tax_id: int | None
    year: int

    def to_dict(self) -> dict[str, Any]:
        declarable: int | None
        declarable = self.declarable

        missing_tax_id: int | None
        missing_tax_id = self.missing_tax_id

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "declarable": declarable,
                "missing_tax_id": missing_tax_id,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_declarable(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        declarable = _parse_declarable(d.pop("declarable"))

        def _parse_missing_tax_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        missing_tax_id = _parse_missing_tax_id(d.pop("missing_tax_id"))

        year = d.pop("year")

        modelo_347_figures = cls(
            declarable=declarable,
            missing_tax_id=missing_tax_id,
            year=year,
        )

        return modelo_347_figures
