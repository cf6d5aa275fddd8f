"""HTTP API of the client import (a tracked job) and export (CSV or XLSX)."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter, ValidationError

from cartera_clients.documents.upload import FILE_FIELD, ReceivedUpload, receive_upload
from cartera_clients.transfer import layout, service
from cartera_clients.transfer.schemas import IMPORT_REQUEST_BODY, ClientImportJob
from cartera_shared.contract import ProblemDetails, errors
from cartera_shared.db import tenant_transaction
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import PROBLEM_MEDIA_TYPE

router = APIRouter(prefix="/v1/clients", tags=["clients import and export"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("clients:read")]
WriteIdentity = Annotated[Identity, require_scope("clients:write")]

IMPORT_FIELDS = frozenset({FILE_FIELD, "dry_run"})


def _dry_run(upload: ReceivedUpload) -> bool:
    try:
        return TypeAdapter(bool).validate_python(upload.fields.get("dry_run", "true"))
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": ("body", "dry_run"), "msg": "Input should be true or false", "type": "bool"}]
        ) from exc


@router.post(
    "/imports",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ClientImportJob,
    openapi_extra=IMPORT_REQUEST_BODY,
    responses={
        202: {
            "headers": {
                "Location": {"description": "The import job.", "schema": {"type": "string"}}
            }
        },
        413: {
            **errors(413)[413],
            "description": "The file is larger than the limit, or has too many rows.",
        },
        415: {
            "model": ProblemDetails,
            "description": "The body is not multipart/form-data.",
            "content": {PROBLEM_MEDIA_TYPE: {}},
        },
        422: {**errors(422)[422], "description": "Not a CSV in the import layout."},
        429: {
            **errors(429)[429],
            "description": f"The tenant already has {service.MAX_RUNNING_IMPORTS} imports "
            "running (or the rate limit is passed); retry after `Retry-After` seconds.",
        },
    },
)
async def import_clients(
    request: Request,
    response: Response,
    identity: WriteIdentity,
    runtime: Runtime,
    imports: Annotated[service.ImportTasks, part(service.ImportTasks)],
) -> ClientImportJob:
    """Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once."""
    # Transactions of its own: one before the body is read, one once the file is checked.
    sessions = runtime.sessions
    # Before a byte of the body is read: a tenant at its limit does not upload in vain.
    async with tenant_transaction(sessions, identity.tenant_id) as session:
        await service.refuse_if_busy(session, identity.tenant_id)
    async with receive_upload(
        request, allowed_fields=IMPORT_FIELDS, max_file_bytes=layout.MAX_IMPORT_BYTES
    ) as upload:
        if not upload.has_file:
            raise RequestValidationError(
                [{"loc": ("body", "file"), "msg": "Field required", "type": "missing"}]
            )
        dry_run = _dry_run(upload)
        total_rows = await anyio.to_thread.run_sync(layout.count_rows, upload.spool)
        # The job reads the file after this answer: its own descriptor keeps the unnamed file.
        source = os.fdopen(os.dup(upload.spool.fileno()), "rb")
    job_id = uuid.uuid4()
    try:
        async with tenant_transaction(sessions, identity.tenant_id) as session:
            row = await service.record_job(
                session,
                tenant_id=identity.tenant_id,
                job_id=job_id,
                dry_run=dry_run,
                filename=upload.filename,
                total_rows=total_rows,
                created_by=identity.subject,
            )
    except BaseException:
        source.close()
        raise
    imports.start(
        service.run_import(
            sessions,
            job_id=job_id,
            tenant_id=identity.tenant_id,
            source=source,
            total_rows=total_rows,
            dry_run=dry_run,
            actor=f"{identity.subject} (import {job_id})",
        ),
        name=f"client-import-{job_id}",
    )
    response.headers["Location"] = f"/v1/clients/imports/{job_id}"
    return service.answer_of(row, only_errors=False)


@router.get("/imports/{job_id}", response_model=ClientImportJob, responses=errors(404))
async def get_client_import(
    job_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    only_errors: Annotated[bool, Query(description="Report only the rows that failed.")] = False,
) -> ClientImportJob:
    """An import: its progress and its report, row by row (or only the rows that failed)."""
    row = await service.find_job(session, tenant_id=identity.tenant_id, job_id=job_id)
    return service.answer_of(row, only_errors)


BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "description": "The file, as an attachment (`clientes-YYYYMMDD.csv` or `.xlsx`).",
            "content": {
                "text/csv": BINARY,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": BINARY,
            },
        }
    },
)
async def export_clients(
    identity: ReadIdentity,
    runtime: Runtime,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[Literal["active", "archived"] | None, Query()] = None,
    tag: Annotated[str | None, Query(max_length=60)] = None,
) -> StreamingResponse:
    """The client list (with the same filters as the list) as CSV or XLSX, in the import layout."""
    # One transaction per page while the file streams out, not one held open for all of it.
    sessions = runtime.sessions
    filters = {"search": q, "status": status, "tag": tag}
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    if format == "csv":
        return StreamingResponse(
            service.csv_export(sessions, identity.tenant_id, filters),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="clientes-{stamp}.csv"'},
        )
    workbook = await service.xlsx_export(sessions, identity.tenant_id, filters)
    return StreamingResponse(
        iter([workbook]),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="clientes-{stamp}.xlsx"'},
    )
