from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="ImportClientsBody")


@_attrs_define
class ImportClientsBody:
    """
    Attributes:
        file (File): CSV, UTF-8, header row with the export's columns; at most 20 MiB and 50000 rows.
        dry_run (bool | Unset): Report what the import would do, without writing. Default: True.
    """

    file: File
    dry_run: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        dry_run = self.dry_run

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.dry_run, Unset):
            files.append(("dry_run", (None, str(self.dry_run).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        dry_run = d.pop("dry_run", UNSET)

        import_clients_body = cls(
            file=file,
            dry_run=dry_run,
        )

        return import_clients_body
