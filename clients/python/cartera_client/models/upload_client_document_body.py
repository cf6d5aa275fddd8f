from __future__ import annotations

import datetime
from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..models.upload_client_document_body_kind import UploadClientDocumentBodyKind
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadClientDocumentBody")


@_attrs_define
class UploadClientDocumentBody:
    """
    Attributes:
        file (File): PDF, PNG, JPEG, WebP, GIF, TIFF, UTF-8 text or CSV, XML, e-mail (.eml), DOCX, XLSX, ODT or ODS; the
            type is read from the bytes, not from the name or the declared type.
        kind (UploadClientDocumentBodyKind):
        title (str):
        document_date (datetime.date | Unset):
        retain_until (datetime.date | Unset): Default and minimum: six years after the document date (or the upload
            date), Código de Comercio art. 30.
    """

    file: File
    kind: UploadClientDocumentBodyKind
    title: str
    document_date: datetime.date | Unset = UNSET
    retain_until: datetime.date | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        kind = self.kind.value

        title = self.title

        document_date: str | Unset = UNSET
        if not isinstance(self.document_date, Unset):
            document_date = self.document_date.isoformat()

        retain_until: str | Unset = UNSET
        if not isinstance(self.retain_until, Unset):
            retain_until = self.retain_until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
                "kind": kind,
                "title": title,
            }
        )
        if document_date is not UNSET:
            field_dict["document_date"] = document_date
        if retain_until is not UNSET:
            field_dict["retain_until"] = retain_until

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("kind", (None, str(self.kind.value).encode(), "text/plain")))

        files.append(("title", (None, str(self.title).encode(), "text/plain")))

        if not isinstance(self.document_date, Unset):
            files.append(
                ("document_date", (None, self.document_date.isoformat().encode(), "text/plain"))
            )

        if not isinstance(self.retain_until, Unset):
            files.append(
                ("retain_until", (None, self.retain_until.isoformat().encode(), "text/plain"))
            )

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        kind = UploadClientDocumentBodyKind(d.pop("kind"))

        title = d.pop("title")

        _document_date = d.pop("document_date", UNSET)
        document_date: datetime.date | Unset
        if isinstance(_document_date, Unset):
            document_date = UNSET
        else:
            document_date = datetime.date.fromisoformat(_document_date)

        _retain_until = d.pop("retain_until", UNSET)
        retain_until: datetime.date | Unset
        if isinstance(_retain_until, Unset):
            retain_until = UNSET
        else:
            retain_until = datetime.date.fromisoformat(_retain_until)

        upload_client_document_body = cls(
            file=file,
            kind=kind,
            title=title,
            document_date=document_date,
            retain_until=retain_until,
        )

        return upload_client_document_body
