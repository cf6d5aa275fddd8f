from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifactuError")


@_attrs_define
class VerifactuError:
    """
    Attributes:
        code (int | None):
        description (None | str):
    """

    code: int | None
    description: None | str

    def to_dict(self) -> dict[str, Any]:
        code: int | None
        code = self.code

        description: None | str
        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        code = _parse_code(d.pop("code"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        verifactu_error = cls(
            code=code,
            description=description,
        )

        return verifactu_error
