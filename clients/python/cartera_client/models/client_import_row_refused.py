from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ClientImportRowRefused")


@_attrs_define
class ClientImportRowRefused:
    """A row the import could not apply; the others are not affected by it.

    Attributes:
        errors (list[str]): What is wrong, each naming its column or field.
        line (int): The row's line in the file; the header is line 1.
        status (Literal['error']):
    """

    errors: list[str]
    line: int
    status: Literal["error"]

    def to_dict(self) -> dict[str, Any]:
        errors = self.errors

        line = self.line

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "errors": errors,
                "line": line,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        errors = cast(list[str], d.pop("errors"))

        line = d.pop("line")

        status = cast(Literal["error"], d.pop("status"))
        if status != "error":
            raise ValueError(f"status must match const 'error', got '{status}'")

        client_import_row_refused = cls(
            errors=errors,
            line=line,
            status=status,
        )

        return client_import_row_refused
