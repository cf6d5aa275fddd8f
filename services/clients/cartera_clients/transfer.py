"""CSV import (with a dry run and a per-row report) and CSV / XLSX export of the client list.

Import and export share one column layout, so an exported file can be edited in a spreadsheet and
imported back. An import is a tracked job: the request stores the parsed rows, answers 202 with the
job, and the rows are processed in chunks, each chunk one transaction with a savepoint per row, so
one bad row never spoils the others and progress is visible while it runs. A dry run goes through
exactly the same code and rolls every chunk back: its report is what the real import would do.

The rows live in the process that runs the job. While it runs it writes a heartbeat; a job whose
heartbeat has stopped for STALE_SECONDS lost its process (killed, the machine gone) and is
reported as failed, with what it did until then, rather than "running" for ever.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import uuid
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from pydantic import BaseModel, ValidationError
from sqlalchemy import cast, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_clients import service
from cartera_clients.models import clients, import_jobs
from cartera_clients.schemas import ClientCreate, ClientUpdate
from cartera_shared.db import set_tenant, tenant_transaction
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import NotFound, PayloadTooLarge, Problem, UnprocessableEntity

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/clients", tags=["clients import and export"])
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
CHUNK_ROWS = 250
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
    cell = {
        k: (v or "").strip() for k, v in row.items() if k in COLUMNS and k not in IGNORED_ON_IMPORT
    }
    present = {k: v for k, v in cell.items() if v}
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


def parse_csv(raw: bytes) -> list[dict[str, str]]:
    """Rows of a CSV file (UTF-8, comma or semicolon separated, with a header row)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnprocessableEntity("The file is not UTF-8 text; save it as 'CSV UTF-8'.") from exc
    if not text.strip():
        raise UnprocessableEntity("The file is empty.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or unknown:
        raise UnprocessableEntity(
            "The header row does not match the import layout.",
            missing_columns=missing,
            unknown_columns=unknown,
            expected_columns=COLUMNS,
        )
    try:
        rows = [
            row
            for row in reader
            if any((v or "").strip() for v in row.values() if isinstance(v, str))
        ]
    except csv.Error as exc:
        raise UnprocessableEntity(f"The CSV cannot be read: {exc}.") from exc
    if len(rows) > MAX_IMPORT_ROWS:
        raise PayloadTooLarge(f"At most {MAX_IMPORT_ROWS} rows per import; split the file.")
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise UnprocessableEntity(f"Line {number} has more cells than the header row.")
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


async def run_import(
    sessions: async_sessionmaker[AsyncSession],
    *,
    job_id: uuid.UUID,
    tenant_id: uuid.UUID,
    rows: list[dict[str, str]],
    dry_run: bool,
    actor: str,
) -> None:
    counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
    seen: dict[tuple[str, str], int] = {}
    heart = asyncio.create_task(beat(sessions, job_id, tenant_id), name=f"heartbeat-{job_id}")
    try:
        for start in range(0, len(rows), CHUNK_ROWS):
            report: list[dict[str, Any]] = []
            async with sessions() as session:
                transaction = await session.begin()
                await set_tenant(session, tenant_id)
                for offset, raw in enumerate(rows[start : start + CHUNK_ROWS]):
                    line = start + offset + 2  # the header is line 1
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
            await _progress(sessions, job_id, tenant_id, report, counts, len(rows))
        await _finish(sessions, job_id, tenant_id, "done", None)
    except asyncio.CancelledError:
        await _finish(sessions, job_id, tenant_id, "failed", "interrupted: the service stopped")
        raise
    except Exception as exc:
        log.exception("import job failed", extra={"job_id": str(job_id)})
        await _finish(sessions, job_id, tenant_id, "failed", f"{type(exc).__name__}: {exc}")
    finally:
        heart.cancel()


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


# ------------------------------------------------------------------ HTTP


class ImportJob(BaseModel):
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
    progress: float
    error: str | None
    created_at: datetime
    finished_at: datetime | None
    report: list[dict[str, Any]]


def _job(row: Any, only_errors: bool) -> ImportJob:
    report = [e for e in row["report"] if e["status"] == "error"] if only_errors else row["report"]
    unchanged = (
        row["processed_rows"] - row["created_count"] - row["updated_count"] - row["error_count"]
    )
    return ImportJob(
        **{k: row[k] for k in ImportJob.model_fields if k in row and k != "report"},
        unchanged_count=unchanged,
        progress=round(row["processed_rows"] / row["total_rows"], 4) if row["total_rows"] else 1.0,
        report=report,
    )


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"An import file may have at most {limit // (1024 * 1024)} MiB.")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/imports",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportJob,
    responses={413: {"description": "File too large"}, 422: {"description": "Not a valid CSV"}},
)
async def start_import(
    request: Request,
    response: Response,
    identity: WriteIdentity,
    file: Annotated[
        UploadFile, File(description="CSV, UTF-8, header row with the export's columns")
    ],
    dry_run: Annotated[bool, Form()] = True,
) -> ImportJob:
    """Import clients from a CSV: new tax ids are created, known ones updated. Answers at once
    with a job to follow at `Location`; `dry_run` (the default) reports without writing."""
    rows = parse_csv(await _read_limited(file, MAX_IMPORT_BYTES))
    sessions = request.app.state.runtime.sessions
    job_id = uuid.uuid4()
    async with tenant_transaction(sessions, identity.tenant_id) as session:
        row = (
            (
                await session.execute(
                    insert(import_jobs)
                    .values(
                        id=job_id,
                        tenant_id=identity.tenant_id,
                        status="running",
                        dry_run=dry_run,
                        filename=(file.filename or "")[:300] or None,
                        total_rows=len(rows),
                        created_by=identity.subject,
                    )
                    .returning(import_jobs)
                )
            )
            .mappings()
            .one()
        )
    task = asyncio.create_task(
        run_import(
            sessions,
            job_id=job_id,
            tenant_id=identity.tenant_id,
            rows=rows,
            dry_run=dry_run,
            actor=f"{identity.subject} (import {job_id})",
        ),
        name=f"client-import-{job_id}",
    )
    jobs: set[asyncio.Task[None]] = request.app.state.__dict__.setdefault("import_tasks", set())
    jobs.add(task)
    task.add_done_callback(jobs.discard)
    response.headers["Location"] = f"/v1/clients/imports/{job_id}"
    return _job(row, only_errors=False)


@router.get("/imports/{job_id}", response_model=ImportJob)
async def get_import(
    job_id: uuid.UUID,
    request: Request,
    identity: ReadIdentity,
    only_errors: Annotated[bool, Query(description="Report only the rows that failed.")] = False,
) -> ImportJob:
    async with tenant_transaction(
        request.app.state.runtime.sessions, identity.tenant_id
    ) as session:
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
    csv.writer(buffer).writerow(values)
    return buffer.getvalue().encode()


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            }
        }
    },
)
async def export_clients(
    request: Request,
    identity: ReadIdentity,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[Literal["active", "archived"] | None, Query()] = None,
    tag: Annotated[str | None, Query(max_length=60)] = None,
) -> StreamingResponse:
    """The client list (with the same filters as the list) as CSV or XLSX, in the import layout."""
    sessions = request.app.state.runtime.sessions
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
    sheet.append(COLUMNS)
    async for states in _export_states(sessions, identity.tenant_id, filters):
        for state in states:
            sheet.append(client_to_row(state))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return StreamingResponse(
        iter([buffer.getvalue()]),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="clientes-{stamp}.xlsx"'},
    )
