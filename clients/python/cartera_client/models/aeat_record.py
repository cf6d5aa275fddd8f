from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AeatRecord")


@_attrs_define
class AeatRecord:
    """
    Attributes:
        huella (None | str):
        operation (str):
        status (str): The AEAT's state: Correcta, AceptadaConErrores, Anulada.
    """

    huella: None | str
    operation: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        huella: None | str
        huella = self.huella

        operation = self.operation

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "huella": huella,
                "operation": operation,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_huella(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        huella = _parse_huella(d.pop("huella"))

        operation = d.pop("operation")

        status = d.pop("status")

        aeat_record = cls(
            huella=huella,
            operation=operation,
            status=status,
        )

        return aeat_record
