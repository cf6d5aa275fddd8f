from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.document_read_kind import DocumentReadKind

T = TypeVar("T", bound="DocumentRead")


@_attrs_define
class DocumentRead:
    """A document's metadata (its bytes are at `.../content`).

    Attributes:
        client_id (UUID):
        content_type (str): What the bytes are, sniffed on upload.
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        document_date (datetime.date | None):
        filename (None | str):
        id (UUID):
        kind (DocumentReadKind):
        retain_until (datetime.date): The document may not be deleted before the day after this date.
        sha256 (str): SHA-256 of the bytes, hex; the document's ETag.
        size_bytes (int):
        title (str):
        uploaded_by (str):
    """

    client_id: UUID
    content_type: str
    created_at: datetime.datetime
    document_date: datetime.date | None
    filename: None | str
    id: UUID
    kind: DocumentReadKind
    retain_until: datetime.date
    sha256: str
    size_bytes: int
    title: str
    uploaded_by: str

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        content_type = self.content_type

        created_at = self.created_at.isoformat()

        document_date: None | str
        if isinstance(self.document_date, datetime.date):
            document_date = self.document_date.isoformat()
        else:
            document_date = self.document_date

        filename: None | str
        filename = self.filename

        id = str(self.id)

        kind = self.kind.value

        retain_until = self.retain_until.isoformat()

        sha256 = self.sha256

        size_bytes = self.size_bytes

        title = self.title

        uploaded_by = self.uploaded_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "content_type": content_type,
                "created_at": created_at,
                "document_date": document_date,
                "filename": filename,
                "id": id,
                "kind": kind,
                "retain_until": retain_until,
                "sha256": sha256,
                "size_bytes": size_bytes,
                "title": title,
                "uploaded_by": uploaded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_document_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                document_date_type_0 = datetime.date.fromisoformat(data)

                return document_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        document_date = _parse_document_date(d.pop("document_date"))

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        id = UUID(d.pop("id"))

        kind = DocumentReadKind(d.pop("kind"))

        retain_until = datetime.date.fromisoformat(d.pop("retain_until"))

        sha256 = d.pop("sha256")

        size_bytes = d.pop("size_bytes")

        title = d.pop("title")

        uploaded_by = d.pop("uploaded_by")

        document_read = cls(
            client_id=client_id,
            content_type=content_type,
            created_at=created_at,
            document_date=document_date,
            filename=filename,
            id=id,
            kind=kind,
            retain_until=retain_until,
            sha256=sha256,
            size_bytes=size_bytes,
            title=title,
            uploaded_by=uploaded_by,
        )

        return document_read
