from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.client_import_row_applied_status import ClientImportRowAppliedStatus

T = TypeVar("T", bound="ClientImportRowApplied")


@_attrs_define
class ClientImportRowApplied:
    """A row the import applied (or, in a dry run, would apply).

    Attributes:
        client_id (UUID):
        line (int): The row's line in the file; the header is line 1.
        status (ClientImportRowAppliedStatus):
    """

    client_id: UUID
    line: int
    status: ClientImportRowAppliedStatus

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        line = self.line

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "line": line,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        line = d.pop("line")

        status = ClientImportRowAppliedStatus(d.pop("status"))

        client_import_row_applied = cls(
            client_id=client_id,
            line=line,
            status=status,
        )

        return client_import_row_applied
