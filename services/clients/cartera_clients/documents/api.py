"""HTTP API of the per-client document archive: /v1/clients/{client_id}/documents."""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from cartera_clients.documents import service
from cartera_clients.documents.schemas import (
    UPLOAD_REQUEST_BODY,
    DocumentForm,
    DocumentKind,
    DocumentPage,
    DocumentRead,
)
from cartera_clients.documents.sniff import ACCEPTED, Refused, accepted_names, canonical_filename
from cartera_clients.documents.sniff import sniff as sniff_type
from cartera_clients.documents.storage import DocumentStorage, ObjectNotFound
from cartera_clients.documents.upload import FILE_FIELD, ReceivedUpload, receive_upload
from cartera_clients.models import documents
from cartera_shared.contract import ProblemDetails, errors
from cartera_shared.db import tenant_transaction
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import Keyset, ListCursor, page_limit
from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    Code,
    Problem,
    UnprocessableEntity,
    UnsupportedMediaType,
)

log = logging.getLogger(__name__)

router = APIRouter(
    prefix="/v1/clients/{client_id}/documents", tags=["documents"], responses=errors()
)

ReadIdentity = Annotated[Identity, require_scope("clients:read")]
WriteIdentity = Annotated[Identity, require_scope("clients:write")]

UPLOAD_FIELDS = frozenset({FILE_FIELD, *DocumentForm.model_fields})
MAX_FILENAME_LENGTH = 255


@dataclass(frozen=True)
class DocumentArchive:
    """What the archive's routes need, a part of the service (`create_service_app(parts=...)`)."""

    storage: DocumentStorage
    max_bytes: int
    tmp_dir: Path | None = None


class DocumentContentMissing(Problem):
    status, title, type_slug = 500, "Document content missing", "document-content-missing"
    code = Code.INTERNAL_ERROR


Archive = Annotated[DocumentArchive, part(DocumentArchive)]


def _location(client_id: uuid.UUID, document_id: uuid.UUID) -> str:
    return f"/v1/clients/{client_id}/documents/{document_id}"


def _etag(sha256: str) -> str:
    return f'"{sha256}"'


def clean_filename(raw: str | None) -> str | None:
    """The last path segment, without control characters, NFC, at most 255 characters."""
    if raw is None:
        return None
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        c for c in unicodedata.normalize("NFC", name) if not unicodedata.category(c).startswith("C")
    )
    name = name.strip().lstrip(".").strip()
    if not name:
        return None
    if len(name) > MAX_FILENAME_LENGTH:
        _, dot, extension = name.rpartition(".")
        extension = f".{extension}" if dot and len(extension) <= 16 else ""
        name = name[: MAX_FILENAME_LENGTH - len(extension)].rstrip() + extension
    return name


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the exact name as RFC 8187 `filename*`; nothing
    of the name can break out of the header (no quote, backslash, CR or LF survives)."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"[^A-Za-z0-9._ ()+-]", "_", fallback).strip() or "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _media_type(content_type: str) -> str:
    if content_type.startswith("text/") or content_type == "application/xml":
        return f"{content_type}; charset=utf-8"
    return content_type


def _loc(error: Any) -> dict[str, Any]:
    return {"loc": ("body", *error["loc"]), "msg": error["msg"], "type": error["type"]}


def _validated_form(upload: ReceivedUpload, upload_day: date) -> tuple[DocumentForm, date]:
    """The form and its `retain_until` (the legal minimum when not given), or every error."""
    errors: list[dict[str, Any]] = []
    form: DocumentForm | None = None
    try:
        form = DocumentForm.model_validate(upload.fields)
    except ValidationError as exc:
        errors.extend(_loc(e) for e in exc.errors())
    if not upload.has_file or (upload.size == 0 and not upload.filename):
        errors.append({"loc": ("body", FILE_FIELD), "msg": "Field required", "type": "missing"})
    elif upload.size == 0:
        errors.append(
            {"loc": ("body", FILE_FIELD), "msg": "The file is empty", "type": "empty_file"}
        )
    retain_until = upload_day
    if form is not None:
        latest = service.latest_document_date(upload_day)
        if form.document_date is not None and form.document_date > latest:
            errors.append(
                {
                    "loc": ("body", "document_date"),
                    "msg": f"The document date cannot be later than {latest.isoformat()}",
                    "type": "date_too_late",
                }
            )
        else:
            minimum = service.legal_minimum(form.document_date, upload_day)
            retain_until = form.retain_until or minimum
            if retain_until < minimum:
                errors.append(
                    {
                        "loc": ("body", "retain_until"),
                        "msg": (
                            f"The law requires keeping this document until at least "
                            f"{minimum.isoformat()} (six years, Código de Comercio art. 30)"
                        ),
                        "type": "retention_too_short",
                    }
                )
    if errors or form is None:
        raise RequestValidationError(errors)
    return form, retain_until


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
    openapi_extra=UPLOAD_REQUEST_BODY,
    responses={
        201: {
            "headers": {
                "Location": {"description": "The new document.", "schema": {"type": "string"}},
                "ETag": {"description": "The SHA-256 of the bytes.", "schema": {"type": "string"}},
            }
        },
        **errors(404),
        413: {**errors(413)[413], "description": "The file is larger than the limit."},
        415: {
            "model": ProblemDetails,
            "description": "The file's type (read from its bytes) is not accepted.",
            "content": {PROBLEM_MEDIA_TYPE: {}},
        },
    },
)
async def upload_client_document(
    client_id: uuid.UUID,
    request: Request,
    response: Response,
    identity: WriteIdentity,
    runtime: Runtime,
    archive: Archive,
) -> DocumentRead:
    """Upload a document of the client (multipart/form-data: `file`, `kind`, `title`, and
    optionally `document_date` and `retain_until`, both YYYY-MM-DD)."""
    # Two transactions around the upload: the client is checked before the body is read, and
    # the row is written only once the bytes are stored (documents.service explains the order).
    sessions = runtime.sessions
    # Before a byte of the body is read: an unknown client is a 404, not a wasted upload.
    async with tenant_transaction(sessions, identity.tenant_id) as session:
        await service.require_client(session, tenant_id=identity.tenant_id, client_id=client_id)
    upload_day = service.today()
    async with receive_upload(
        request,
        allowed_fields=UPLOAD_FIELDS,
        max_file_bytes=archive.max_bytes,
        tmp_dir=archive.tmp_dir,
    ) as upload:
        form, retain_until = _validated_form(upload, upload_day)
        filename = clean_filename(upload.filename)
        try:
            sniffed = await anyio.to_thread.run_sync(
                partial(sniff_type, upload.spool, filename=filename)
            )
        except Refused as exc:
            raise UnsupportedMediaType(
                f"The file is {exc.detected} ({exc.reason}); accepted: "
                + ", ".join(accepted_names())
                + ".",
                detected_type=exc.detected,
                declared_type=upload.declared_type,
                accepted=sorted(ACCEPTED),
            ) from exc
        if upload.declared_type and upload.declared_type.split(";")[0] != sniffed.content_type:
            log.info(
                "upload declared one type and is another",
                extra={"declared": upload.declared_type, "sniffed": sniffed.content_type},
            )
        upload.spool.seek(0)
        row = await service.create(
            sessions,
            archive.storage,
            tenant_id=identity.tenant_id,
            client_id=client_id,
            source=upload.spool,
            size=upload.size,
            sha256=upload.sha256,
            content_type=sniffed.content_type,
            kind=form.kind,
            title=form.title,
            document_date=form.document_date,
            retain_until=retain_until,
            filename=canonical_filename(filename, sniffed),
            uploaded_by=identity.subject,
        )
    response.headers["Location"] = _location(client_id, row["id"])
    response.headers["ETag"] = _etag(row["sha256"])
    return _read(row)


@router.get("", response_model=DocumentPage, responses=errors(404))
async def list_client_documents(
    client_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(50, 500),
    cursor: ListCursor = None,
    kind: Annotated[DocumentKind | None, Query()] = None,
    offset: Annotated[int | None, Query(include_in_schema=False)] = None,
) -> DocumentPage:
    """The client's documents, newest first, a page at a time (`next_cursor`); `total` counts
    them all (of `kind`, when given)."""
    if offset:
        # Offsets paged this list until 2026-12-06: a reader still skipping by them would get
        # the first page again and again, so it is told to follow the cursor instead.
        raise UnprocessableEntity(
            "offset: this list pages with `cursor` (the `next_cursor` of the previous page).",
            errors=[{"loc": ["query", "offset"], "msg": "use cursor", "type": "value_error"}],
        )
    keyset = Keyset(
        documents.c.created_at, documents.c.id, "newest", cursor, name="documents"
    )  # a bad cursor: 422 before the transaction
    rows, next_cursor, total = await service.get_all(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        keyset=keyset,
        limit=limit,
        kind=kind,
    )
    return DocumentPage(
        items=[_read(r) for r in rows], total=total, limit=limit, next_cursor=next_cursor
    )


@router.get("/{document_id}", response_model=DocumentRead, responses=errors(404))
async def get_client_document(
    client_id: uuid.UUID,
    document_id: uuid.UUID,
    response: Response,
    identity: ReadIdentity,
    session: TenantSession,
) -> DocumentRead:
    """A document's metadata."""
    row = await service.get(
        session, tenant_id=identity.tenant_id, client_id=client_id, document_id=document_id
    )
    response.headers["ETag"] = _etag(row["sha256"])
    return _read(row)


def _read(row: Any) -> DocumentRead:
    # The row also holds what the API does not show (the tenant, the storage key).
    return DocumentRead.model_validate({k: row[k] for k in DocumentRead.model_fields})


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


@router.get(
    "/{document_id}/content",
    response_class=Response,
    responses={
        200: {
            "description": "The document's bytes, as uploaded; `Content-Type` is the type read "
            "from them on upload (`content_type` of the metadata).",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "headers": {
                "ETag": {"description": "The SHA-256 of the bytes.", "schema": {"type": "string"}},
                "Content-Disposition": {
                    "description": "`attachment`, with the file's name.",
                    "schema": {"type": "string"},
                },
            },
        },
        304: {"description": "Not modified (If-None-Match names the ETag, the SHA-256)."},
        **errors(404),
    },
)
async def download_client_document(
    client_id: uuid.UUID,
    document_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    archive: Archive,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The document's bytes, streamed; its ETag is its SHA-256."""
    row = await service.get(
        session, tenant_id=identity.tenant_id, client_id=client_id, document_id=document_id
    )
    etag = _etag(row["sha256"])
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    if _matches(if_none_match, etag):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    try:
        chunks = await archive.storage.open(row["storage_key"])
    except ObjectNotFound as exc:
        log.error("a document's object is missing", extra={"key": row["storage_key"]})
        raise DocumentContentMissing(
            f"The content of document {document_id} is missing from storage; this has been logged."
        ) from exc
    extension = ACCEPTED.get(row["content_type"], ((".bin",), ""))[0][0]
    headers["Content-Length"] = str(row["size_bytes"])
    headers["Content-Disposition"] = content_disposition(row["filename"] or f"document{extension}")
    return StreamingResponse(chunks, media_type=_media_type(row["content_type"]), headers=headers)


@router.delete(
    "/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(404, 409),
)
async def delete_client_document(
    client_id: uuid.UUID,
    document_id: uuid.UUID,
    identity: WriteIdentity,
    runtime: Runtime,
    archive: Archive,
) -> Response:
    """Delete a document whose retention period is over (409 while it runs)."""
    # The row is deleted and committed before the object is removed: its own transactions.
    await service.delete_document(
        runtime.sessions,
        archive.storage,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        document_id=document_id,
        on=service.today(),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
