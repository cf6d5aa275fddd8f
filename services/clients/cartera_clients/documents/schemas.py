"""Shapes of the document archive's API."""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

DocumentKind = Literal["contract", "quote", "invoice", "delivery_note", "other"]
DOCUMENT_KINDS: tuple[str, ...] = ("contract", "quote", "invoice", "delivery_note", "other")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DocumentForm(Input):
    """The text fields of an upload (the file travels beside them, in the field `file`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: DocumentKind
    title: str = Field(min_length=1, max_length=300)
    document_date: date | None = None
    retain_until: date | None = None

    @field_validator("title")
    @classmethod
    def _printable(cls, value: str) -> str:
        if any(unicodedata.category(c).startswith("C") for c in value):
            raise ValueError("the title must not contain control characters")
        return unicodedata.normalize("NFC", value)

    @field_validator("document_date", "retain_until", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # Only YYYY-MM-DD: no timestamps, no other formats. An empty field is no date.
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            if not _ISO_DATE.fullmatch(value):
                raise ValueError("a date must be written YYYY-MM-DD")
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(f"{value} is not a date in the calendar") from exc
        return value


EXAMPLE_DOCUMENT: dict[str, Any] = {
    "id": "3d9a7c4e-5b6f-4a1b-8c2d-9e0f1a2b3c4d",
    "client_id": "6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
    "kind": "contract",
    "title": "Contrato de mantenimiento 2026",
    "document_date": "2026-01-15",
    "retain_until": "2032-01-15",
    "filename": "contrato-mantenimiento-2026.pdf",
    "content_type": "application/pdf",
    "size_bytes": 183204,
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "uploaded_by": "user:ana",
    "created_at": "2026-12-06T09:41:27.208114Z",
}


class DocumentRead(Answer):
    """A document's metadata (its bytes are at `.../content`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_DOCUMENT]})

    id: uuid.UUID
    client_id: uuid.UUID
    kind: DocumentKind
    title: str
    document_date: date | None
    retain_until: date = Field(
        description="The document may not be deleted before the day after this date."
    )
    filename: str | None
    content_type: str = Field(description="What the bytes are, sniffed on upload.")
    size_bytes: int
    sha256: str = Field(description="SHA-256 of the bytes, hex; the document's ETag.")
    uploaded_by: str
    created_at: UtcTimestamp


class DocumentPage(Answer):
    """One page of a client's documents, newest first; `next_cursor` asks for the next one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"items": [EXAMPLE_DOCUMENT], "total": 1, "limit": 50, "next_cursor": None}
            ]
        }
    )

    items: list[DocumentRead]
    total: int = Field(description="How many documents the client has (of `kind`, when given).")
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


UPLOAD_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "kind", "title"],
                    "additionalProperties": False,
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": (
                                "PDF, PNG, JPEG, WebP, GIF, TIFF, UTF-8 text or CSV, XML, "
                                "e-mail (.eml), DOCX, XLSX, ODT or ODS; the type is read from "
                                "the bytes, not from the name or the declared type."
                            ),
                        },
                        "kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
                        "title": {"type": "string", "minLength": 1, "maxLength": 300},
                        "document_date": {"type": "string", "format": "date"},
                        "retain_until": {
                            "type": "string",
                            "format": "date",
                            "description": (
                                "Default and minimum: six years after the document date (or "
                                "the upload date), Código de Comercio art. 30."
                            ),
                        },
                    },
                },
                "example": {
                    "file": "(the file's bytes)",
                    "kind": "contract",
                    "title": "Contrato de mantenimiento 2026",
                    "document_date": "2026-01-15",
                },
            }
        },
    }
}
