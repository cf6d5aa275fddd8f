"""CSV import (with a dry run and a per-row report) and CSV / XLSX export of the client list.

Import and export share one column layout, so an exported file can be edited in a spreadsheet and
imported back. An import is a tracked job: the request streams the file to an unnamed temporary
file (never whole in memory), reads it once row by row to check it, stores the job and answers
202; the job reads the file again, CHUNK_ROWS rows at a time, each chunk one transaction with a
savepoint per row, so one bad row never spoils the others and progress is visible while it runs.
A dry run goes through exactly the same code and rolls every chunk back: its report is what the
real import would do. A tenant runs at most MAX_RUNNING_IMPORTS imports at once; the next is a
429 that says when to come back.

The file lives in the process that runs the job. While it runs it writes a heartbeat; a job whose
heartbeat has stopped for STALE_SECONDS lost its process (killed, the machine gone) and is
reported as failed, with what it did until then, rather than "running" for ever.

Exports neutralise cells a spreadsheet would run as formulas (`cartera_shared.spreadsheet`); the
import takes that quote off again, so a file still round-trips.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import uuid
from collections import deque
from collections.abc import AsyncIterator, Coroutine, Generator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, BinaryIO, Literal

import anyio.to_thread
from fastapi import APIRouter, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import cast, func, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_clients import service
from cartera_clients.documents.upload import FILE_FIELD, ReceivedUpload, receive_upload
from cartera_clients.models import clients, import_jobs
from cartera_clients.schemas import ClientCreate, ClientUpdate
from cartera_shared.contract import Answer, ProblemDetails, errors
from cartera_shared.db import set_tenant, tenant_transaction
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    NotFound,
    PayloadTooLarge,
    Problem,
    TooManyRequests,
    UnprocessableEntity,
)
from cartera_shared.spreadsheet import neutralised_row, original
from cartera_shared.text import forbidden_character

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/clients", tags=["clients import and export"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("clients:read")]
WriteIdentity = Annotated[Identity, require_scope("clients:write")]

COLUMNS = [
    "legal_name", "trade_name", "kind", "tax_id", "country",
    "street", "postal_code", "city", "province",
    "email", "phone", "iban", "bic",
    "payment_days", "instalments", "interval_days", "fixed_day",
    "vat_regime", "equivalence_surcharge", "irpf_retention", "exemption_reason",
    "tags", "notes", "id", "version", "status",
]  # fmt: skip
REQUIRED_COLUMNS = ("legal_name", "kind", "tax_id")
IGNORED_ON_IMPORT = frozenset({"id", "version", "status"})
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
# A row of the layout is a few kilobytes at most (notes: 5,000 characters).
MAX_RECORD_CHARS = 256 * 1024
IMPORT_FIELDS = frozenset({FILE_FIELD, "dry_run"})
# Each running import holds a worker's share of the database; a tenant may not take them all.
MAX_RUNNING_IMPORTS = 2
RETRY_AFTER_SECONDS = 30
CHUNK_ROWS = 250
CHUNK_CHARS = 512 * 1024
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 60.0
TRUE_WORDS = frozenset({"true", "1", "yes", "si", "sí", "x"})
FALSE_WORDS = frozenset({"false", "0", "no", ""})


class RowError(ValueError):
    """A cell that cannot be read; the message names the column."""


# ------------------------------------------------------------------ rows <-> clients


def _bool(column: str, value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f"{column}: {value!r} is not yes/no (true/false, sí/no, 1/0)")


def _int(column: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError as exc:
        raise RowError(f"{column}: {value!r} is not a whole number") from exc


def row_to_fields(row: dict[str, str]) -> dict[str, Any]:
    """The client fields a CSV row sets (empty cells set nothing)."""
    # `original`: a value our export protected with a leading quote is read back as it was.
    cell = {
        k: original(v or "").strip()
        for k, v in row.items()
        if k in COLUMNS and k not in IGNORED_ON_IMPORT
    }
    present = {k: v for k, v in cell.items() if v}
    for column, value in present.items():
        # Refused here, before a cell reaches a query: PostgreSQL rejects a NUL in a parameter.
        if character := forbidden_character(value):
            raise RowError(f"{column}: the cell contains the control character {character}")
    fields: dict[str, Any] = {
        k: present[k]
        for k in (
            "legal_name",
            "trade_name",
            "kind",
            "tax_id",
            "country",
            "email",
            "phone",
            "notes",
        )
        if k in present
    }
    if "country" in fields:
        fields["country"] = fields["country"].upper()
    if any(k in present for k in ("street", "postal_code", "city", "province")):
        fields["fiscal_address"] = {
            k: present.get(k) for k in ("street", "postal_code", "city", "province")
        }
    if "iban" in present:
        fields["bank_accounts"] = [{"iban": present["iban"], "bic": present.get("bic")}]
    terms = {
        name: _int(column, present[column])
        for column, name in (
            ("payment_days", "days"),
            ("instalments", "instalments"),
            ("interval_days", "interval_days"),
            ("fixed_day", "fixed_day"),
        )
        if column in present
    }
    if terms:
        fields["payment_terms"] = terms
    treatment: dict[str, Any] = {}
    if "vat_regime" in present:
        treatment["vat_regime"] = present["vat_regime"]
    for column in ("equivalence_surcharge", "irpf_retention"):
        if column in present:
            treatment[column] = _bool(column, present[column])
    if "exemption_reason" in present:
        treatment["exemption_reason"] = present["exemption_reason"]
    if treatment:
        fields["tax_treatment"] = treatment
    if "tags" in present:
        fields["tags"] = [
            t.strip() for t in present["tags"].replace(",", "|").split("|") if t.strip()
        ]
    return fields


def client_to_row(state: dict[str, Any]) -> list[Any]:
    address = state.get("fiscal_address") or {}
    accounts: list[dict[str, Any]] = state.get("bank_accounts") or []
    account: dict[str, Any] = next((a for a in accounts if a.get("is_default")), {})
    terms = state.get("payment_terms") or {}
    treatment = state.get("tax_treatment") or {}
    values = {
        **{k: state.get(k) for k in ("legal_name", "trade_name", "kind", "tax_id", "country",
                                     "email", "phone", "notes", "id", "version", "status")},
        **{k: address.get(k) for k in ("street", "postal_code", "city", "province")},
        "iban": account.get("iban"),
        "bic": account.get("bic"),
        "payment_days": terms.get("days"),
        "instalments": terms.get("instalments"),
        "interval_days": terms.get("interval_days"),
        "fixed_day": terms.get("fixed_day"),
        "vat_regime": treatment.get("vat_regime"),
        "equivalence_surcharge": _yes_no(treatment.get("equivalence_surcharge")),
        "irpf_retention": _yes_no(treatment.get("irpf_retention")),
        "exemption_reason": treatment.get("exemption_reason"),
        "tags": "|".join(state.get("tags") or []),
    }  # fmt: skip
    return ["" if values[c] is None else values[c] for c in COLUMNS]


def _yes_no(value: Any) -> str | None:
    return None if value is None else ("yes" if value else "no")


class _RecordBudget:
    """Characters read for the record being parsed: `csv` builds a whole record before it
    returns it, so a line of twenty million commas would become a list of twenty million cells."""

    def __init__(self) -> None:
        self.used = 0


def _lines(text: io.TextIOBase, budget: _RecordBudget) -> Iterator[str]:
    while line := text.readline(MAX_RECORD_CHARS + 1):
        budget.used += len(line)
        if budget.used > MAX_RECORD_CHARS:
            raise _RecordTooLong
        yield line


class _RecordTooLong(Exception):
    pass


def _delimiter(spool: BinaryIO) -> str:
    spool.seek(0)
    first_line = spool.readline(MAX_RECORD_CHARS)
    spool.seek(0)
    return ";" if first_line.count(b";") > first_line.count(b",") else ","


def csv_records(spool: BinaryIO) -> Generator[tuple[int, dict[str, str]], None, None]:
    """(line, row) for each row of a spooled CSV file (UTF-8, comma or semicolon separated, with
    a header row), read one at a time; rows of blank cells are skipped. `line` counts the header
    as line 1 and then the rows given. Raises the problem the whole file would get."""
    delimiter = _delimiter(spool)
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    budget = _RecordBudget()
    reader = csv.reader(_lines(text, budget), delimiter=delimiter, strict=True)
    try:
        try:
            header = [h.strip() for h in next(reader, None) or []]
            budget.used = 0
            if not any(header) and not _any_cell(reader, budget):
                raise UnprocessableEntity("The file is empty.")
            _check_header(header)
            line = 1
            for row in reader:
                budget.used = 0
                # As before streaming: a row whose cells under the header are blank is skipped.
                if not _any_cell([row[: len(header)]], budget):
                    continue
                line += 1
                if len(row) > len(header):
                    raise UnprocessableEntity(f"Line {line} has more cells than the header row.")
                yield line, dict(zip(header, row, strict=False))
        except UnicodeDecodeError as exc:
            raise UnprocessableEntity(
                "The file is not UTF-8 text; save it as 'CSV UTF-8'."
            ) from exc
        except csv.Error as exc:
            # The csv module's own words name its internals; these say what to fix.
            raise UnprocessableEntity(
                f"The CSV cannot be read at line {reader.line_num}: check that every quoted "
                'cell ends with a quote, that quotes inside a cell are doubled (""), and that '
                f"no cell is longer than {csv.field_size_limit()} characters."
            ) from exc
        except _RecordTooLong as exc:
            raise UnprocessableEntity(
                f"The CSV cannot be read at line {reader.line_num + 1}: a row is longer than "
                f"{MAX_RECORD_CHARS} characters, far more than a row of the import layout."
            ) from exc
    finally:
        # The caller's file stays open: the job reads it again.
        text.detach()


def _any_cell(rows: Iterable[list[str]], budget: _RecordBudget) -> bool:
    for row in rows:
        budget.used = 0
        if any(cell.strip() for cell in row):
            return True
    return False


def _check_header(header: list[str]) -> None:
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or unknown:
        raise UnprocessableEntity(
            "The header row does not match the import layout.",
            missing_columns=missing,
            unknown_columns=unknown,
            expected_columns=COLUMNS,
        )


def count_rows(spool: BinaryIO) -> int:
    """The file's rows, every one read and checked the way the job will read it."""
    rows = 0
    for _ in csv_records(spool):
        rows += 1
        if rows > MAX_IMPORT_ROWS:
            raise PayloadTooLarge(f"At most {MAX_IMPORT_ROWS} rows per import; split the file.")
    return rows


# ------------------------------------------------------------------ the import job


async def _apply_row(
    session: AsyncSession, tenant_id: uuid.UUID, fields: dict[str, Any], actor: str
) -> tuple[str, uuid.UUID]:
    """Create the client, or update the active one with the same tax id."""
    country = str(fields.get("country", "ES"))
    try:
        candidate: ClientCreate | None = ClientCreate.model_validate(fields)
    except ValidationError:
        candidate = None  # may still be a valid partial update of a known client
    tax_id = candidate.tax_id if candidate else _compact(str(fields.get("tax_id", "")), country)
    existing = await session.scalar(
        select(clients.c.id).where(
            clients.c.tenant_id == tenant_id,
            clients.c.country == country,
            clients.c.tax_id == tax_id,
            clients.c.status == "active",
        )
    )
    if existing is None:
        new = candidate or ClientCreate.model_validate(fields)  # raises: reported for the row
        row = await service.create(session, tenant_id=tenant_id, data=new, actor=actor)
        return "created", row["id"]
    before = await service.get(session, tenant_id=tenant_id, client_id=existing)
    after = await service.update_client(
        session,
        tenant_id=tenant_id,
        client_id=existing,
        data=ClientUpdate.model_validate(fields),
        actor=actor,
    )
    return ("unchanged" if after["version"] == before["version"] else "updated"), existing


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [
            (".".join(str(p) for p in e["loc"]) + ": " if e["loc"] else "") + e["msg"]
            for e in exc.errors()
        ]
    if isinstance(exc, Problem):
        errors = exc.extensions.get("errors")
        if errors:
            return [".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in errors]
        return [exc.detail]
    return [str(exc)]


def _next_chunk(records: Iterator[tuple[int, dict[str, str]]]) -> deque[tuple[int, dict[str, str]]]:
    """Up to CHUNK_ROWS rows, fewer when they hold more than CHUNK_CHARS characters: what the
    job holds at once is bounded whatever the rows are like."""
    chunk: deque[tuple[int, dict[str, str]]] = deque()
    held = 0
    while len(chunk) < CHUNK_ROWS and held < CHUNK_CHARS:
        record = next(records, None)
        if record is None:
            break
        chunk.append(record)
        held += sum(len(value) for value in record[1].values())
    return chunk


async def run_import(
    sessions: async_sessionmaker[AsyncSession],
    *,
    job_id: uuid.UUID,
    tenant_id: uuid.UUID,
    source: BinaryIO,
    total_rows: int,
    dry_run: bool,
    actor: str,
) -> None:
    """Apply the rows of `source` (a checked CSV file, which the job closes) CHUNK_ROWS at a
    time: only one chunk of rows is in memory at once."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
    seen: dict[tuple[str, str], int] = {}
    heart = asyncio.create_task(beat(sessions, job_id, tenant_id), name=f"heartbeat-{job_id}")
    records = csv_records(source)
    try:
        while chunk := await anyio.to_thread.run_sync(_next_chunk, records):
            report: list[dict[str, Any]] = []
            async with sessions() as session:
                transaction = await session.begin()
                await set_tenant(session, tenant_id)
                while chunk:
                    # Taken off the chunk, so that a row done with can be freed at once.
                    line, raw = chunk.popleft()
                    entry: dict[str, Any] = {"line": line}
                    try:
                        fields = row_to_fields(raw)
                        country = str(fields.get("country", "ES"))
                        key = (country, _compact(str(fields.get("tax_id", "")), country))
                        if key in seen:
                            raise RowError(f"tax_id repeats line {seen[key]} of this file")
                        seen[key] = line
                        async with session.begin_nested():
                            outcome, client_id = await _apply_row(session, tenant_id, fields, actor)
                        entry.update(status=outcome, client_id=str(client_id))
                    except (RowError, ValidationError, Problem) as exc:
                        entry.update(status="error", errors=_messages(exc))
                    counts[entry["status"]] += 1
                    report.append(entry)
                if dry_run:
                    await transaction.rollback()
                else:
                    await transaction.commit()
            await _progress(sessions, job_id, tenant_id, report, counts, total_rows)
        await _finish(sessions, job_id, tenant_id, "done", None)
    except asyncio.CancelledError:
        await _finish(sessions, job_id, tenant_id, "failed", "interrupted: the service stopped")
        raise
    except Exception:
        # The exception's text (SQL, a driver's words) is for the log, never for the tenant.
        log.exception("import job failed", extra={"job_id": str(job_id)})
        said = (
            "nothing was written"
            if dry_run
            else "the rows in the report were applied; importing the same file again is safe"
        )
        await _finish(
            sessions,
            job_id,
            tenant_id,
            "failed",
            f"stopped by an unexpected error (logged with import {job_id}); {said}.",
        )
    finally:
        heart.cancel()
        records.close()
        source.close()


async def beat(
    sessions: async_sessionmaker[AsyncSession],
    job_id: uuid.UUID,
    tenant_id: uuid.UUID,
    every: float = HEARTBEAT_SECONDS,
) -> None:
    """Write the job's heartbeat every `every` seconds until cancelled. A failed write (the
    database restarting) is tried again at the next beat: STALE_SECONDS leaves room for many."""
    while True:
        await asyncio.sleep(every)
        try:
            async with tenant_transaction(sessions, tenant_id) as session:
                await session.execute(
                    update(import_jobs)
                    .where(import_jobs.c.id == job_id)
                    .values(heartbeat_at=func.now())
                )
        except (OSError, SQLAlchemyError, Problem):
            log.warning("import heartbeat not written", extra={"job_id": str(job_id)})


def _compact(tax_id: str, country: str) -> str:
    value = "".join(ch for ch in tax_id.upper() if ch.isalnum())
    return value.removeprefix("ES") if country == "ES" and len(value) == 11 else value


async def _progress(
    sessions: async_sessionmaker[AsyncSession],
    job_id: uuid.UUID,
    tenant_id: uuid.UUID,
    report: list[dict[str, Any]],
    counts: dict[str, int],
    total: int,
) -> None:
    async with tenant_transaction(sessions, tenant_id) as session:
        await session.execute(
            update(import_jobs)
            .where(import_jobs.c.id == job_id)
            .values(
                processed_rows=import_jobs.c.processed_rows + len(report),
                created_count=counts["created"],
                updated_count=counts["updated"],
                error_count=counts["error"],
                report=import_jobs.c.report.op("||")(_jsonb(report)),
            )
        )


def _jsonb(value: Any) -> Any:
    return cast(literal(value, JSONB), JSONB)


async def _finish(
    sessions: async_sessionmaker[AsyncSession],
    job_id: uuid.UUID,
    tenant_id: uuid.UUID,
    final_status: str,
    error: str | None,
) -> None:
    async with tenant_transaction(sessions, tenant_id) as session:
        await session.execute(
            update(import_jobs)
            .where(import_jobs.c.id == job_id)
            .values(status=final_status, error=error, finished_at=datetime.now(UTC))
        )


class ImportTasks:
    """The import jobs this process runs, a part of the service (`create_service_app(parts=...)`).

    Not a `Job`: an import is started by a request and ends with its file, not with the service.
    At shutdown the factory closes the parts before it disposes of the database, so an import
    still running is cancelled while it can still record itself as interrupted."""

    def __init__(self) -> None:
        self._running: set[asyncio.Task[None]] = set()

    def start(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    @property
    def running(self) -> frozenset[asyncio.Task[None]]:
        return frozenset(self._running)

    async def close(self) -> None:
        for task in self._running:
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)


# ------------------------------------------------------------------ HTTP


class ClientImportRowApplied(Answer):
    """A row the import applied (or, in a dry run, would apply)."""

    line: int = Field(description="The row's line in the file; the header is line 1.")
    status: Literal["created", "updated", "unchanged"]
    client_id: uuid.UUID


class ClientImportRowRefused(Answer):
    """A row the import could not apply; the others are not affected by it."""

    line: int = Field(description="The row's line in the file; the header is line 1.")
    status: Literal["error"]
    errors: list[str] = Field(description="What is wrong, each naming its column or field.")


ImportRowReport = Annotated[
    ClientImportRowApplied | ClientImportRowRefused, Field(discriminator="status")
]


class ClientImportJob(Answer):
    """An import and how far it has gone; follow it until `status` is no longer `running`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "a4b3c2d1-e5f6-4789-8abc-def012345678",
                    "status": "done",
                    "dry_run": True,
                    "filename": "clientes.csv",
                    "total_rows": 3,
                    "processed_rows": 3,
                    "created_count": 1,
                    "updated_count": 1,
                    "unchanged_count": 0,
                    "error_count": 1,
                    "progress": 1.0,
                    "error": None,
                    "created_at": "2026-12-06T11:00:00.000000Z",
                    "finished_at": "2026-12-06T11:00:02.318000Z",
                    "report": [
                        {
                            "line": 2,
                            "status": "created",
                            "client_id": "6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
                        },
                        {
                            "line": 3,
                            "status": "updated",
                            "client_id": "0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
                        },
                        {
                            "line": 4,
                            "status": "error",
                            "errors": ["tax_id: B1234567 is not a valid CIF"],
                        },
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    status: Literal["running", "done", "failed"]
    dry_run: bool
    filename: str | None
    total_rows: int
    processed_rows: int
    created_count: int
    updated_count: int
    unchanged_count: int
    error_count: int
    progress: float = Field(description="Rows processed, a fraction from 0 to 1.")
    error: str | None = Field(description="Why a failed import stopped.")
    created_at: datetime
    finished_at: datetime | None
    report: list[ImportRowReport] = Field(description="Each row processed so far, in order.")


def _job(row: Any, only_errors: bool) -> ClientImportJob:
    report = [e for e in row["report"] if e["status"] == "error"] if only_errors else row["report"]
    unchanged = (
        row["processed_rows"] - row["created_count"] - row["updated_count"] - row["error_count"]
    )
    return ClientImportJob(
        **{k: row[k] for k in ClientImportJob.model_fields if k in row and k != "report"},
        unchanged_count=unchanged,
        progress=round(row["processed_rows"] / row["total_rows"], 4) if row["total_rows"] else 1.0,
        report=report,
    )


IMPORT_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "additionalProperties": False,
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": (
                                "CSV, UTF-8, header row with the export's columns; at most "
                                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MiB and "
                                f"{MAX_IMPORT_ROWS} rows."
                            ),
                        },
                        "dry_run": {
                            "type": "boolean",
                            "default": True,
                            "description": "Report what the import would do, without writing.",
                        },
                    },
                },
                "example": {"file": "(the CSV file's bytes)", "dry_run": True},
            }
        },
    }
}


def _advisory_key(tenant_id: uuid.UUID) -> str:
    return f"clients.import:{tenant_id}"


async def _refuse_if_busy(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """429 when the tenant already has MAX_RUNNING_IMPORTS imports running. Called with the
    tenant's import lock held, so two requests cannot both see the last free place."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": _advisory_key(tenant_id)},
    )
    running = (
        (
            await session.execute(
                select(import_jobs.c.id)
                .where(
                    import_jobs.c.tenant_id == tenant_id,
                    import_jobs.c.status == "running",
                    # A job whose process died is no longer running; it must not hold a place.
                    import_jobs.c.heartbeat_at >= func.now() - timedelta(seconds=STALE_SECONDS),
                )
                .order_by(import_jobs.c.created_at)
            )
        )
        .scalars()
        .all()
    )
    if len(running) >= MAX_RUNNING_IMPORTS:
        raise TooManyRequests(
            f"This tenant already has {len(running)} imports running and at most "
            f"{MAX_RUNNING_IMPORTS} run at once. Send the file again once one of them has "
            "finished (follow them at their `running_imports` addresses).",
            retry_after=RETRY_AFTER_SECONDS,
            running_imports=[f"/v1/clients/imports/{job_id}" for job_id in running],
        )


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
            "description": f"The tenant already has {MAX_RUNNING_IMPORTS} imports running (or the "
            "rate limit is passed); retry after `Retry-After` seconds.",
        },
    },
)
async def import_clients(
    request: Request,
    response: Response,
    identity: WriteIdentity,
    runtime: Runtime,
    imports: Annotated[ImportTasks, part(ImportTasks)],
) -> ClientImportJob:
    """Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once."""
    # Transactions of its own: one before the body is read, one once the file is checked.
    sessions = runtime.sessions
    # Before a byte of the body is read: a tenant at its limit does not upload in vain.
    async with tenant_transaction(sessions, identity.tenant_id) as session:
        await _refuse_if_busy(session, identity.tenant_id)
    async with receive_upload(
        request, allowed_fields=IMPORT_FIELDS, max_file_bytes=MAX_IMPORT_BYTES
    ) as upload:
        if not upload.has_file:
            raise RequestValidationError(
                [{"loc": ("body", "file"), "msg": "Field required", "type": "missing"}]
            )
        dry_run = _dry_run(upload)
        total_rows = await anyio.to_thread.run_sync(count_rows, upload.spool)
        # The job reads the file after this answer: its own descriptor keeps the unnamed file.
        source = os.fdopen(os.dup(upload.spool.fileno()), "rb")
    job_id = uuid.uuid4()
    try:
        async with tenant_transaction(sessions, identity.tenant_id) as session:
            await _refuse_if_busy(session, identity.tenant_id)
            row = (
                (
                    await session.execute(
                        insert(import_jobs)
                        .values(
                            id=job_id,
                            tenant_id=identity.tenant_id,
                            status="running",
                            dry_run=dry_run,
                            filename=(upload.filename or "")[:300] or None,
                            total_rows=total_rows,
                            created_by=identity.subject,
                        )
                        .returning(import_jobs)
                    )
                )
                .mappings()
                .one()
            )
    except BaseException:
        source.close()
        raise
    imports.start(
        run_import(
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
    return _job(row, only_errors=False)


@router.get("/imports/{job_id}", response_model=ClientImportJob, responses=errors(404))
async def get_client_import(
    job_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    only_errors: Annotated[bool, Query(description="Report only the rows that failed.")] = False,
) -> ClientImportJob:
    """An import: its progress and its report, row by row (or only the rows that failed)."""
    row = (
        (
            await session.execute(
                select(import_jobs).where(
                    import_jobs.c.tenant_id == identity.tenant_id, import_jobs.c.id == job_id
                )
            )
        )
        .mappings()
        .first()
    )
    if row is not None and row["status"] == "running":
        row = await _fail_if_abandoned(session, row) or row
    if row is None:
        raise NotFound(f"Import {job_id} does not exist.")
    return _job(row, only_errors)


async def _fail_if_abandoned(session: AsyncSession, row: Any) -> Any | None:
    """The job as failed if its heartbeat stopped STALE_SECONDS ago, else None."""
    said = (
        "nothing was written; run it again."
        if row["dry_run"]
        else "the rows in the report were applied; importing the same file again is safe "
        "(known tax ids are updated or left as they are)."
    )
    return (
        (
            await session.execute(
                update(import_jobs)
                .where(
                    import_jobs.c.id == row["id"],
                    import_jobs.c.status == "running",
                    import_jobs.c.heartbeat_at < func.now() - timedelta(seconds=STALE_SECONDS),
                )
                .values(
                    status="failed",
                    error=f"interrupted: the process running it stopped; {said}",
                    finished_at=func.now(),
                )
                .returning(import_jobs)
            )
        )
        .mappings()
        .first()
    )


async def _export_states(
    sessions: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID, filters: dict[str, Any]
) -> AsyncIterator[list[dict[str, Any]]]:
    cursor: str | None = None
    while True:
        async with tenant_transaction(sessions, tenant_id) as session:
            rows, _, cursor = await service.get_all(
                session, tenant_id=tenant_id, limit=500, cursor=cursor, **filters
            )
        yield [service.state_of(r) for r in rows]
        if cursor is None:
            return


def _csv_line(values: Iterable[Any]) -> bytes:
    buffer = io.StringIO()
    # Every text field quoted (numbers stay bare numbers): a separator inside a value cannot
    # start a new cell in a spreadsheet that splits on another character.
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerow(neutralised_row(values))
    return buffer.getvalue().encode()


def _xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells of one row: text always as a string cell. openpyxl would otherwise store text that
    begins with `=` as a formula and `#REF!` and the like as error cells."""
    cells = []
    for value in neutralised_row(values):
        text = isinstance(value, str)
        cell = WriteOnlyCell(sheet, None if text and not value else value)
        if text and value:
            cell.data_type = "s"
        cells.append(cell)
    return cells


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

        async def lines() -> AsyncIterator[bytes]:
            yield b"\xef\xbb\xbf" + _csv_line(COLUMNS)  # BOM: spreadsheets then read UTF-8
            async for states in _export_states(sessions, identity.tenant_id, filters):
                yield b"".join(_csv_line(client_to_row(s)) for s in states)

        return StreamingResponse(
            lines(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="clientes-{stamp}.csv"'},
        )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Clientes")
    sheet.append(_xlsx_row(sheet, COLUMNS))
    async for states in _export_states(sessions, identity.tenant_id, filters):
        for state in states:
            sheet.append(_xlsx_row(sheet, client_to_row(state)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return StreamingResponse(
        iter([buffer.getvalue()]),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="clientes-{stamp}.xlsx"'},
    )
