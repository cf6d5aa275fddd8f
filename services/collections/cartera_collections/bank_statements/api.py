"""Bank statements over HTTP: the file upload (Norma 43 or camt.053 as the raw request body),
the statements imported, and the review list of lines a person still decides on."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status

from cartera_collections.bank_statements import service
from cartera_collections.bank_statements.schemas import (
    NORMA43_EXAMPLE,
    ApplyIn,
    BankStatement,
    DismissIn,
    ImportedStatement,
    LineStatus,
    StatementFormat,
    StatementLine,
    StatementLines,
    StatementList,
)
from cartera_collections.models import bank_statements
from cartera_collections.scopes import ReadIdentity, WriteIdentity
from cartera_shared.contract import ProblemDetails, errors
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import Keyset, ListCursor, page_limit
from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    PayloadTooLarge,
    UnprocessableEntity,
    UnsupportedMediaType,
)

router = APIRouter(prefix="/v1/collections", tags=["bank statements"], responses=errors())

MAX_STATEMENT_BYTES = 5 * 1024 * 1024
ACCEPTED_MEDIA_TYPES = {
    "text/plain",
    "application/xml",
    "text/xml",
    "application/octet-stream",
}
BINARY = {"type": "string", "format": "binary"}


@router.post(
    "/bank-statements",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportedStatement,
    responses=errors(409, 413)
    | {
        # Not among the shared contract's codes yet (asked of the lead).
        415: {
            "model": ProblemDetails,
            "description": "The body is not sent as text/plain, application/xml, text/xml or "
            "application/octet-stream.",
            "content": {PROBLEM_MEDIA_TYPE: {}},
        }
    },
    # The body is read from the stream (not a parameter), so the document is told what it is.
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The statement file's bytes: Norma 43 (text/plain) or camt.053 "
            "(application/xml), at most 5 MB.",
            "content": {
                media_type: {"schema": BINARY} for media_type in sorted(ACCEPTED_MEDIA_TYPES)
            }
            | {"text/plain": {"schema": BINARY, "example": NORMA43_EXAMPLE}},
        }
    },
)
async def import_bank_statement(
    request: Request,
    identity: WriteIdentity,
    runtime: Runtime,
    format: Annotated[
        StatementFormat | None,
        Query(description="norma43 or camt053; guessed from the content when absent."),
    ] = None,
    filename: Annotated[str | None, Query(max_length=255)] = None,
) -> dict[str, Any]:
    """Import a bank statement file (the raw bytes as the request body).

    Payments are recorded for the credits that name one open invoice and pay no more than it
    owes; the other credits wait in the review list (`GET /v1/collections/bank-statement-lines`).
    """
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in ACCEPTED_MEDIA_TYPES:
        raise UnsupportedMediaType(
            "Send the statement file as the request body with Content-Type text/plain "
            "(Norma 43) or application/xml (camt.053).",
            accepted=sorted(ACCEPTED_MEDIA_TYPES),
        )
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_STATEMENT_BYTES:
            raise PayloadTooLarge(
                f"A statement file may have at most {MAX_STATEMENT_BYTES} bytes.",
                limit=MAX_STATEMENT_BYTES,
            )
    if not data.strip():
        raise UnprocessableEntity("The statement file is empty.")
    return await service.import_file(
        runtime.sessions, identity.tenant_id, bytes(data), format, filename
    )


@router.get("/bank-statements", response_model=StatementList)
async def list_bank_statements(
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The statements imported, newest first, with how many lines wait for review, a page at a
    time (`next_cursor`)."""
    keyset = Keyset(
        bank_statements.c.imported_at, bank_statements.c.id, "newest", cursor, name="statements"
    )
    return await service.list_statements(session, identity.tenant_id, keyset, limit)


@router.get("/bank-statements/{statement_id}", response_model=BankStatement, responses=errors(404))
async def get_bank_statement(
    statement_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """One statement with its lines and how many have each status."""
    return await service.statement_of(session, identity.tenant_id, statement_id)


@router.get("/bank-statement-lines", response_model=StatementLines)
async def list_statement_lines(
    identity: ReadIdentity,
    session: TenantSession,
    status: Annotated[
        list[LineStatus] | None,
        Query(description="Default: the review list (proposed and unmatched)."),
    ] = None,
    statement_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: int = page_limit(1000, 1000),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """Statement lines by status; by default those a person still has to look at. By booking
    day, then their place in the statement, a page at a time: `next_cursor` asks for the next
    page (null on the last)."""
    service.lines_keyset(cursor)  # a bad cursor is refused before the transaction does anything
    return await service.list_lines(
        session, identity.tenant_id, status, statement_id, limit=limit, cursor=cursor
    )


@router.post(
    "/bank-statement-lines/{line_id}/apply",
    response_model=StatementLine,
    responses=errors(404, 409),
)
async def apply_statement_line(
    line_id: uuid.UUID,
    body: ApplyIn,
    identity: WriteIdentity,
    session: TenantSession,
    invoicing: Annotated[InternalClient, part(InternalClient)],
) -> dict[str, Any]:
    """Record the line as a transfer paying an invoice (the proposed one unless told)."""
    return await service.apply_line(session, invoicing, identity.tenant_id, line_id, body)


@router.post(
    "/bank-statement-lines/{line_id}/dismiss",
    response_model=StatementLine,
    responses=errors(404, 409),
)
async def dismiss_statement_line(
    line_id: uuid.UUID, body: DismissIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Take a line off the review list: it is not a payment of a client's invoice."""
    return await service.dismiss_line(session, identity.tenant_id, line_id, body)
