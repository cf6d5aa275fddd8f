"""Use cases of the client import and export: the import job (chunks, savepoints, heartbeat,
progress), the per-tenant limit on running imports, and the export's pages of clients."""

from __future__ import annotations

import asyncio
import io
import logging
import uuid
from collections import deque
from collections.abc import AsyncIterator, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, BinaryIO

import anyio.to_thread
from pydantic import ValidationError
from sqlalchemy import cast, func, insert, literal, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_clients.clients import service as clients_service
from cartera_clients.clients.schemas import ClientCreate, ClientUpdate
from cartera_clients.models import clients, import_jobs
from cartera_clients.transfer.layout import (
    COLUMNS,
    RowError,
    client_to_row,
    csv_line,
    csv_records,
    row_to_fields,
    xlsx_row,
)
from cartera_clients.transfer.schemas import ClientImportJob
from cartera_shared.db import set_tenant, tenant_transaction
from cartera_shared.problems import Code, NotFound, Problem, TooManyRequests

log = logging.getLogger(__name__)

# Each running import holds a worker's share of the database; a tenant may not take them all.
MAX_RUNNING_IMPORTS = 2
RETRY_AFTER_SECONDS = 30
CHUNK_ROWS = 250
CHUNK_CHARS = 512 * 1024
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 60.0


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
        row = await clients_service.create(session, tenant_id=tenant_id, data=new, actor=actor)
        return "created", row["id"]
    before = await clients_service.get(session, tenant_id=tenant_id, client_id=existing)
    after = await clients_service.update_client(
        session,
        tenant_id=tenant_id,
        client_id=existing,
        data=ClientUpdate.model_validate(fields),
        actor=actor,
    )
    return ("unchanged" if after["version"] == before["version"] else "updated"), existing


async def _apply_chunk(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    chunk: deque[tuple[int, dict[str, str]]],
    seen: dict[tuple[str, str], int],
    actor: str,
) -> list[dict[str, Any]]:
    """Apply a chunk's rows and say what became of each, in the file's order.

    New clients whose rows are valid as they stand (nearly all of a first import) are created
    together by `create_many`: a handful of statements for the chunk instead of eight round
    trips per row. Every other row (an update of a known client, a row with an error, or all of
    them if an active client appeared meanwhile with one of the tax ids) goes one by one in a
    savepoint of its own, which is what reports a row's error without losing the others."""
    entries: dict[int, dict[str, Any]] = {}
    one_by_one: list[tuple[int, dict[str, Any]]] = []
    candidates: list[tuple[int, dict[str, Any], ClientCreate]] = []
    while chunk:
        # Taken off the chunk, so that a row done with can be freed at once.
        line, raw = chunk.popleft()
        try:
            fields = row_to_fields(raw)
            country = str(fields.get("country", "ES"))
            key = (country, _compact(str(fields.get("tax_id", "")), country))
            if key in seen:
                raise RowError(f"tax_id repeats line {seen[key]} of this file")
            seen[key] = line
        except (RowError, ValidationError, Problem) as exc:
            entries[line] = {"line": line, "status": "error", "errors": _messages(exc)}
            continue
        try:
            candidate = ClientCreate.model_validate(fields)
        except ValidationError:
            one_by_one.append((line, fields))  # maybe a partial update of a known client
            continue
        if clients_service.can_create_at_once(candidate):
            candidates.append((line, fields, candidate))
        else:
            one_by_one.append((line, fields))
    if candidates:
        known = {
            (row.country, row.tax_id)
            for row in await session.execute(
                select(clients.c.country, clients.c.tax_id).where(
                    clients.c.tenant_id == tenant_id,
                    clients.c.status == "active",
                    tuple_(clients.c.country, clients.c.tax_id).in_(
                        [(data.country, data.tax_id) for _, _, data in candidates]
                    ),
                )
            )
        }
        new = [item for item in candidates if (item[2].country, item[2].tax_id) not in known]
        one_by_one.extend(
            (line, fields)
            for line, fields, data in candidates
            if (data.country, data.tax_id) in known
        )
        try:
            async with session.begin_nested():
                rows = await clients_service.create_many(
                    session, tenant_id=tenant_id, items=[data for _, _, data in new], actor=actor
                )
        except IntegrityError:
            one_by_one.extend((line, fields) for line, fields, _ in new)
        else:
            for (line, _, _), row in zip(new, rows, strict=True):
                entries[line] = {"line": line, "status": "created", "client_id": str(row["id"])}
    for line, fields in sorted(one_by_one, key=lambda item: item[0]):
        entry: dict[str, Any] = {"line": line}
        try:
            async with session.begin_nested():
                outcome, client_id = await _apply_row(session, tenant_id, fields, actor)
            entry.update(status=outcome, client_id=str(client_id))
        except (RowError, ValidationError, Problem) as exc:
            entry.update(status="error", errors=_messages(exc))
        entries[line] = entry
    return [entries[line] for line in sorted(entries)]


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [
            (".".join(str(p) for p in e["loc"]) + ": " if e["loc"] else "") + e["msg"]
            for e in exc.errors()
        ]
    if isinstance(exc, Problem):
        errors = exc.errors
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
                report = await _apply_chunk(session, tenant_id, chunk, seen, actor)
                for entry in report:
                    counts[entry["status"]] += 1
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


def answer_of(row: Any, only_errors: bool) -> ClientImportJob:
    """The job as the API shows it: `unchanged_count` and `progress_fraction` are worked out
    here."""
    report = [e for e in row["report"] if e["status"] == "error"] if only_errors else row["report"]
    unchanged = (
        row["processed_rows"] - row["created_count"] - row["updated_count"] - row["error_count"]
    )
    return ClientImportJob(
        **{k: row[k] for k in ClientImportJob.model_fields if k in row and k != "report"},
        unchanged_count=unchanged,
        progress_fraction=(
            Decimal(row["processed_rows"]) / row["total_rows"] if row["total_rows"] else Decimal(1)
        ),
        report=report,
    )


def _advisory_key(tenant_id: uuid.UUID) -> str:
    return f"clients.import:{tenant_id}"


async def refuse_if_busy(session: AsyncSession, tenant_id: uuid.UUID) -> None:
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
            code=Code.TOO_MANY_IMPORTS,
            retry_after=RETRY_AFTER_SECONDS,
            running_imports=[f"/v1/clients/imports/{job_id}" for job_id in running],
        )


async def record_job(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    job_id: uuid.UUID,
    dry_run: bool,
    filename: str | None,
    total_rows: int,
    created_by: str,
) -> RowMapping:
    """The new job, running; refused (429) if the tenant's imports took every place meanwhile."""
    await refuse_if_busy(session, tenant_id)
    row: RowMapping = (
        (
            await session.execute(
                insert(import_jobs)
                .values(
                    id=job_id,
                    tenant_id=tenant_id,
                    status="running",
                    dry_run=dry_run,
                    filename=(filename or "")[:300] or None,
                    total_rows=total_rows,
                    created_by=created_by,
                )
                .returning(import_jobs)
            )
        )
        .mappings()
        .one()
    )
    return row


async def find_job(session: AsyncSession, *, tenant_id: uuid.UUID, job_id: uuid.UUID) -> Any:
    """The job (failed now if its process was found dead), or 404."""
    row = (
        (
            await session.execute(
                select(import_jobs).where(
                    import_jobs.c.tenant_id == tenant_id, import_jobs.c.id == job_id
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
    return row


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
            rows, _, cursor = await clients_service.get_all(
                session, tenant_id=tenant_id, limit=500, cursor=cursor, **filters
            )
        yield [clients_service.state_of(r) for r in rows]
        if cursor is None:
            return


async def csv_export(
    sessions: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID, filters: dict[str, Any]
) -> AsyncIterator[bytes]:
    """The CSV file, a page of clients at a time."""
    yield b"\xef\xbb\xbf" + csv_line(COLUMNS)  # BOM: spreadsheets then read UTF-8
    async for states in _export_states(sessions, tenant_id, filters):
        yield b"".join(csv_line(client_to_row(s)) for s in states)


async def xlsx_export(
    sessions: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID, filters: dict[str, Any]
) -> bytes:
    """The XLSX workbook, whole (the format is a zip written at the end)."""
    from openpyxl import Workbook  # on use, as in `xlsx_row`

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Clientes")
    sheet.append(xlsx_row(sheet, COLUMNS))
    async for states in _export_states(sessions, tenant_id, filters):
        for state in states:
            sheet.append(xlsx_row(sheet, client_to_row(state)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
