"""Idempotency-Key for writes that create money documents: the same key and body give the same
answer, once; the same key with another body is refused.

The key row is inserted in the operation's own transaction. A concurrent request with the same
key waits on the unique index until the first commits, then finds the stored answer; a request
that failed (4xx, rolled back) leaves no key behind, so the client may retry it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Header
from pydantic import BaseModel
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse

from cartera_shared.problems import Code, Conflict, UnprocessableEntity, field_error

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200

# The header as a route parameter, the same in every service that honours it.
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        description="The same key and body give the same answer, once.",
    ),
]


def idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_keys",
        metadata,
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column("key", String(MAX_KEY_LENGTH), nullable=False),
        Column("operation", String(100), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=True),
        Column("response", JSONB, nullable=True),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("tenant_id", "key"),
    )


@dataclass(frozen=True)
class StoredAnswer:
    status_code: int
    body: Any


def request_hash(operation: str, payload: Any) -> str:
    if isinstance(payload, BaseModel):
        # Dumped here, when a key asks for it: a batch of 1,000 invoices dumped for every call,
        # keyed or not, was megabytes held for the whole request.
        payload = payload.model_dump(mode="json")
    canonical = json.dumps([operation, payload], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def claim(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: uuid.UUID,
    key: str | None,
    operation: str,
    payload: Any,
) -> StoredAnswer | None:
    """Reserve the key in this transaction; return the earlier answer if it was used already.
    `payload` is what the request asked (a model, or JSON-able values); with a key it is hashed
    to tell a true repeat from another request reusing the key."""
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise UnprocessableEntity(
            f"{IDEMPOTENCY_HEADER} must be 1 to {MAX_KEY_LENGTH} printable characters.",
            errors=field_error(
                "header",
                IDEMPOTENCY_HEADER.lower(),
                msg=f"1 to {MAX_KEY_LENGTH} printable characters",
            ),
        )
    digest = request_hash(operation, payload)
    inserted = await session.execute(
        insert(table)
        .values(tenant_id=tenant_id, key=key, operation=operation, request_hash=digest)
        .on_conflict_do_nothing()
        .returning(table.c.key)
    )
    if inserted.first() is not None:
        return None
    row = (
        (
            await session.execute(
                select(table).where(table.c.tenant_id == tenant_id, table.c.key == key)
            )
        )
        .mappings()
        .one()
    )
    if row["operation"] != operation or row["request_hash"] != digest:
        raise Conflict(
            f"This {IDEMPOTENCY_HEADER} was used for another request; use a new key.",
            code=Code.IDEMPOTENCY_KEY_REUSED,
        )
    return StoredAnswer(status_code=row["status_code"], body=row["response"])


async def remember(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: uuid.UUID,
    key: str | None,
    status_code: int,
    body: Any,
) -> None:
    if key is None:
        return
    await session.execute(
        update(table)
        .where(table.c.tenant_id == tenant_id, table.c.key == key)
        .values(status_code=status_code, response=json.loads(json.dumps(body, default=str)))
    )


async def answer_once(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: uuid.UUID,
    key: str | None,
    operation: str,
    payload: Any,
    work: Callable[[], Awaitable[Any]],
    status_code: int = 201,
    headers: Callable[[Any], dict[str, str]] | None = None,
    answer_model: type[BaseModel] | None = None,
) -> JSONResponse:
    """Claim the key, do the work and remember its answer, all in the caller's transaction; a
    request repeated with the same key and body gets the first answer again without doing the
    work twice. `work` returns the answer's JSON body; `headers` (of that body) adds headers
    such as Location to both the first answer and its replays. The answer bypasses the route's
    response model (it is a JSONResponse), so `answer_model`, the route's response model, writes
    it as that model does (the wire's formats) before it is remembered."""
    earlier = await claim(
        session, table, tenant_id=tenant_id, key=key, operation=operation, payload=payload
    )
    if earlier is not None:
        return JSONResponse(
            earlier.body,
            status_code=earlier.status_code,
            headers=headers(earlier.body) if headers else None,
        )
    answer = await work()
    if answer_model is not None:
        answer = answer_model.model_validate(answer).model_dump(mode="json", by_alias=True)
    await remember(
        session, table, tenant_id=tenant_id, key=key, status_code=status_code, body=answer
    )
    return JSONResponse(
        answer, status_code=status_code, headers=headers(answer) if headers else None
    )
