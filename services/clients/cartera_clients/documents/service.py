"""Use cases of the document archive: rows in PostgreSQL, bytes in a `DocumentStorage`.

The two cannot share a transaction, so the order of the steps is what keeps them consistent.
The rule: a row must never point at missing bytes; bytes without a row are harmless garbage
(no API reaches them) that a sweep can remove (`orphan_keys`).

- Upload: the bytes are stored first, under a fresh key no row names yet; then the row is
  inserted in its own transaction and committed. If anything fails after the bytes were stored
  (the insert, the commit, a cancelled request), the object is deleted again, unless the row turns
  out to have been committed after all (a commit whose answer was lost): then both stay.
- Delete: the row is deleted and committed first; only then is the object removed. A failure
  there leaves an orphan object, never a row without bytes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import BinaryIO

import anyio
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_clients.documents.storage import DocumentStorage, document_key
from cartera_clients.models import clients, documents
from cartera_shared.business_day import today as today
from cartera_shared.db import tenant_transaction
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, NotFound

log = logging.getLogger(__name__)

# Código de Comercio, art. 30.1: books, correspondence, documentation and vouchers are kept
# for six years.
RETENTION_YEARS = 6
# A document dated further ahead than this is a typing error, not a document.
MAX_FUTURE_DAYS = 366


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def legal_minimum(document_date: date | None, upload_day: date) -> date:
    """The earliest `retain_until` the law allows: six years after the document's date, or after
    the upload when the document has no date."""
    return add_years(document_date or upload_day, RETENTION_YEARS)


def latest_document_date(upload_day: date) -> date:
    return upload_day + timedelta(days=MAX_FUTURE_DAYS)


async def require_client(
    session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID
) -> None:
    """404 unless the client exists for this tenant (another tenant's client does not)."""
    found = await session.scalar(
        select(clients.c.id).where(clients.c.tenant_id == tenant_id, clients.c.id == client_id)
    )
    if found is None:
        raise NotFound(f"Client {client_id} does not exist.")


async def get(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    document_id: uuid.UUID,
    for_update: bool = False,
) -> RowMapping:
    query = select(documents).where(
        documents.c.tenant_id == tenant_id,
        documents.c.client_id == client_id,
        documents.c.id == document_id,
    )
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).mappings().first()
    if row is None:
        raise NotFound(f"Client {client_id} has no document {document_id}.")
    return row


async def get_all(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    keyset: Keyset,
    limit: int,
    kind: str | None = None,
) -> tuple[list[RowMapping], str | None, int]:
    """A page of the client's documents, the next page's cursor, and how many there are."""
    await require_client(session, tenant_id=tenant_id, client_id=client_id)
    conditions = [documents.c.tenant_id == tenant_id, documents.c.client_id == client_id]
    if kind is not None:
        conditions.append(documents.c.kind == kind)
    total = await session.scalar(select(func.count()).select_from(documents).where(*conditions))
    rows, next_cursor = await keyset.fetch(session, select(documents).where(*conditions), limit)
    return rows, next_cursor, int(total or 0)


async def create(
    sessions: async_sessionmaker[AsyncSession],
    storage: DocumentStorage,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    source: BinaryIO,
    size: int,
    sha256: str,
    content_type: str,
    kind: str,
    title: str,
    document_date: date | None,
    retain_until: date,
    filename: str | None,
    uploaded_by: str,
) -> RowMapping:
    """Store the bytes, then commit the row; on any failure in between, remove the bytes."""
    document_id = uuid.uuid4()
    key = document_key(tenant_id, client_id, document_id)
    # Its own task, so a cancelled request cannot abandon a write half-way (a worker thread or
    # an S3 upload would finish unseen): clean-up waits for it to end, whatever it did.
    storing = asyncio.ensure_future(
        storage.put(key, source, size=size, sha256=sha256, content_type=content_type)
    )
    try:
        await asyncio.shield(storing)
        async with tenant_transaction(sessions, tenant_id) as session:
            await require_client(session, tenant_id=tenant_id, client_id=client_id)
            row: RowMapping = (
                (
                    await session.execute(
                        insert(documents)
                        .values(
                            id=document_id,
                            tenant_id=tenant_id,
                            client_id=client_id,
                            kind=kind,
                            title=title,
                            document_date=document_date,
                            retain_until=retain_until,
                            filename=filename,
                            content_type=content_type,
                            size_bytes=size,
                            sha256=sha256,
                            storage_key=key,
                            uploaded_by=uploaded_by,
                        )
                        .returning(documents)
                    )
                )
                .mappings()
                .one()
            )
        return row
    except BaseException:
        # Shielded: a request cancelled (client gone) still cleans up what it stored.
        with anyio.CancelScope(shield=True):
            await asyncio.wait([storing])
            if not storing.cancelled():
                storing.exception()  # retrieved: the error that matters is being raised
            await _discard_unrecorded(sessions, storage, tenant_id, document_id, key)
        raise


async def _discard_unrecorded(
    sessions: async_sessionmaker[AsyncSession],
    storage: DocumentStorage,
    tenant_id: uuid.UUID,
    document_id: uuid.UUID,
    key: str,
) -> None:
    try:
        async with tenant_transaction(sessions, tenant_id) as session:
            recorded = await session.scalar(
                select(documents.c.id).where(
                    documents.c.tenant_id == tenant_id, documents.c.id == document_id
                )
            )
    except Exception:
        # Cannot tell whether the commit went through: keep the bytes (an orphan at worst).
        log.exception("upload failed; kept its object, a sweep will judge it", extra={"key": key})
        return
    if recorded is not None:
        return  # the commit did succeed; its answer was what got lost
    try:
        await storage.delete(key)
    except Exception:
        log.exception("upload failed and its object could not be removed", extra={"key": key})


async def delete_document(
    sessions: async_sessionmaker[AsyncSession],
    storage: DocumentStorage,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    document_id: uuid.UUID,
    on: date,
) -> None:
    """Refused (409) while the retention period runs, i.e. on or before `retain_until`."""
    async with tenant_transaction(sessions, tenant_id) as session:
        row = await get(
            session,
            tenant_id=tenant_id,
            client_id=client_id,
            document_id=document_id,
            for_update=True,
        )
        if on <= row["retain_until"]:
            raise Conflict(
                f"Document {document_id} must be kept until {row['retain_until']}"
                " (Código de Comercio art. 30); it cannot be deleted yet.",
                code=Code.RETENTION_PERIOD,
                retain_until=row["retain_until"].isoformat(),
            )
        await session.execute(delete(documents).where(documents.c.id == document_id))
    # Committed: no row names the object any more, so removing it can only leave an orphan.
    try:
        await storage.delete(row["storage_key"])
    except Exception:
        log.exception(
            "document deleted; its object could not be removed", extra={"key": row["storage_key"]}
        )


async def orphan_keys(
    sessions: async_sessionmaker[AsyncSession], storage: DocumentStorage, tenant_id: uuid.UUID
) -> AsyncIterator[str]:
    """Stored objects of a tenant that no document row names (left by a crash mid-upload).

    An upload in progress has its object stored before its row is committed, so a sweep that
    deletes what this yields must spare objects younger than the longest upload.
    """
    async with tenant_transaction(sessions, tenant_id) as session:
        known = set(
            (
                await session.scalars(
                    select(documents.c.storage_key).where(documents.c.tenant_id == tenant_id)
                )
            ).all()
        )
    async for key in storage.list_keys(f"{tenant_id}/"):
        if key not in known:
            yield key
