"""Use cases of the clients service: flush, never commit; every change adds its version and event.

Every change makes a new `version` of the client (the number its events carry). A version's
`valid_from` is the day its fiscal data (legal name, tax id, fiscal address, tax treatment, kind,
country) took effect: a fiscal change may say when (never before the version in force, never in
the future), other changes keep the date of the version they amend. `as_of` answers "what was in
force that day" from that history.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import bindparam, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_clients.clients.schemas import ClientCreate, ClientFields, ClientUpdate
from cartera_clients.domain.addresses import territory
from cartera_clients.models import client_versions, clients, outbox
from cartera_shared.business_day import today as today
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.clients import CLIENT_EVENT_VERSION, ClientState
from cartera_shared.events.envelope import Envelope
from cartera_shared.outbox import add_events
from cartera_shared.problems import (
    Code,
    Conflict,
    NotFound,
    UnprocessableEntity,
    error_items,
    field_error,
)

PRODUCER = "clients"
FISCAL_FIELDS = frozenset(
    {"legal_name", "tax_id", "fiscal_address", "tax_treatment", "kind", "country"}
)
EDITABLE_FIELDS = tuple(ClientFields.model_fields)
DUPLICATE_SIMILARITY = 0.45
SORTS = {
    "legal_name": (clients.c.legal_name, False),
    "-legal_name": (clients.c.legal_name, True),
    "created_at": (clients.c.created_at, False),
    "-created_at": (clients.c.created_at, True),
}


def state_of(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The full state of a client as the API shows it and its events carry (JSON-ready)."""
    state = {k: v for k, v in row.items() if k != "tenant_id"}
    address = state.get("fiscal_address") or {}
    state["territory"] = territory(state["country"], address.get("postal_code"))
    ready: dict[str, Any] = json.loads(json.dumps(state, default=str))
    return ready


async def _record(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    topic: str,
    row: RowMapping,
    actor: str,
    reason: str | None,
    changed_fields: list[str],
) -> None:
    """The version row and the event, in the caller's transaction."""
    await _record_many(
        session,
        tenant_id=tenant_id,
        topic=topic,
        rows=[row],
        actor=actor,
        reason=reason,
        changed_fields=[changed_fields],
    )


async def _record_many(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    topic: str,
    rows: Sequence[RowMapping],
    actor: str,
    reason: str | None,
    changed_fields: Sequence[list[str]],
) -> None:
    """The version rows and the events of several changes: two statements, whatever their
    number (an import's chunk would otherwise cost two round trips per client)."""
    versions: list[dict[str, Any]] = []
    events: list[tuple[Envelope, str]] = []
    for row, changed in zip(rows, changed_fields, strict=True):
        state = state_of(row)
        versions.append(
            {
                "tenant_id": tenant_id,
                "client_id": row["id"],
                "version": row["version"],
                "valid_from": row["valid_from"],
                "changed_by": actor,
                "reason": reason,
                "changed_fields": changed,
                "state": state,
            }
        )
        contract = ClientState.model_validate(state)
        envelope = new_envelope(
            type=topic,
            version=CLIENT_EVENT_VERSION,
            tenant_id=tenant_id,
            producer=PRODUCER,
            subject=row["id"],
            sequence=row["version"],
            data={**contract.model_dump(mode="json"), "changed_fields": changed},
        )
        events.append((envelope, topic))
    await session.execute(insert(client_versions), versions)
    await add_events(session, outbox, events)


async def get(session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(clients).where(clients.c.tenant_id == tenant_id, clients.c.id == client_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Client {client_id} does not exist.")
    return row


# The status today, beside a past state (whose own `status` is the one in force that day).
CURRENT_STATUS = "current_status"


async def get_as_of(
    session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID, day: dt.date
) -> dict[str, Any]:
    """The client's state in force on `day`."""
    found = (
        (
            await session.execute(
                _CLIENT_AND_STATE_AS_OF,
                {"tenant_id": tenant_id, "client_id": client_id, "day": day},
            )
        )
        .mappings()
        .first()
    )
    if found is None:
        raise NotFound(f"Client {client_id} does not exist.")
    current = {k: v for k, v in found.items() if k != "state_in_force"}
    state = found["state_in_force"]
    if state is None:
        raise NotFound(f"Client {client_id} had no fiscal data in force on {day.isoformat()}.")
    # Versions written before a field existed lack it; the current row fills what history cannot.
    return {
        **state_of(current),
        **state,
        CURRENT_STATUS: current["status"],
        "territory": territory(
            state.get("country", current["country"]),
            (state.get("fiscal_address") or {}).get("postal_code"),
        ),
    }


# The client and its state in force on a day, in one statement: every invoice issued asks for
# it (the invoicing service's recipient data).
_CLIENT_AND_STATE_AS_OF = select(
    clients,
    select(client_versions.c.state)
    .where(
        client_versions.c.tenant_id == clients.c.tenant_id,
        client_versions.c.client_id == clients.c.id,
        client_versions.c.valid_from <= bindparam("day"),
    )
    .order_by(client_versions.c.valid_from.desc(), client_versions.c.version.desc())
    .limit(1)
    .scalar_subquery()
    .label("state_in_force"),
).where(clients.c.tenant_id == bindparam("tenant_id"), clients.c.id == bindparam("client_id"))


async def history(
    session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID, after: int, limit: int
) -> list[RowMapping]:
    """Up to `limit` versions of the client after version `after`, oldest first."""
    await get(session, tenant_id=tenant_id, client_id=client_id)
    rows = await session.execute(
        select(client_versions)
        .where(
            client_versions.c.tenant_id == tenant_id,
            client_versions.c.client_id == client_id,
            client_versions.c.version > after,
        )
        .order_by(client_versions.c.version)
        .limit(limit)
    )
    return list(rows.mappings().all())


def encode_cursor(sort: str, row: RowMapping) -> str:
    column, _ = SORTS[sort]
    raw = json.dumps([sort, str(row[column.name]), str(row["id"])]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, last_id = json.loads(raw)
        if cursor_sort != sort:
            raise ValueError("cursor of another sort order")
        key: Any = dt.datetime.fromisoformat(value) if sort.endswith("created_at") else value
        return key, uuid.UUID(last_id)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise UnprocessableEntity(
            "The cursor is not one this list gave out (or belongs to another sort order).",
            errors=field_error("query", "cursor", msg="invalid cursor"),
        ) from exc


async def get_all(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    limit: int,
    cursor: str | None = None,
    sort: str = "legal_name",
    search: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
) -> tuple[list[RowMapping], int, str | None]:
    conditions: list[Any] = [clients.c.tenant_id == tenant_id]
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                clients.c.legal_name.ilike(pattern),
                clients.c.trade_name.ilike(pattern),
                clients.c.tax_id.ilike(pattern),
            )
        )
    if status:
        conditions.append(clients.c.status == status)
    if kind:
        conditions.append(clients.c.kind == kind)
    if tag:
        conditions.append(clients.c.tags.contains([tag]))
    total = await session.scalar(select(func.count()).select_from(clients).where(*conditions))
    column, descending = SORTS[sort]
    page_conditions = list(conditions)
    if cursor:
        key, last_id = decode_cursor(cursor, sort)
        position = tuple_(column, clients.c.id)
        page_conditions.append(
            position < (key, last_id) if descending else position > (key, last_id)
        )
    order = (column.desc(), clients.c.id.desc()) if descending else (column, clients.c.id)
    rows = list(
        (
            await session.execute(
                select(clients).where(*page_conditions).order_by(*order).limit(limit + 1)
            )
        )
        .mappings()
        .all()
    )
    next_cursor = encode_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], int(total or 0), next_cursor


async def possible_duplicates(
    session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID, legal_name: str
) -> list[dict[str, Any]]:
    score = func.similarity(func.lower(clients.c.legal_name), legal_name.lower())
    rows = await session.execute(
        select(
            clients.c.id, clients.c.legal_name, clients.c.tax_id, clients.c.status, score.label("s")
        )
        .where(
            clients.c.tenant_id == tenant_id,
            clients.c.id != client_id,
            score >= DUPLICATE_SIMILARITY,
        )
        .order_by(score.desc())
        .limit(5)
    )
    return [
        {
            "id": r.id,
            "legal_name": r.legal_name,
            "tax_id": r.tax_id,
            "status": r.status,
            "similarity_fraction": r.s,
        }
        for r in rows
    ]


async def _tax_id_conflict(
    session: AsyncSession, tenant_id: uuid.UUID, country: str, tax_id: str
) -> Conflict:
    existing = await session.scalar(
        select(clients.c.id).where(
            clients.c.tenant_id == tenant_id,
            clients.c.country == country,
            clients.c.tax_id == tax_id,
            clients.c.status == "active",
        )
    )
    return Conflict(
        f"An active client already has tax id {tax_id} ({country}).",
        code=Code.DUPLICATE_TAX_ID,
        errors=field_error("body", "tax_id", msg="an active client has it", type="duplicate"),
        existing_client_id=str(existing) if existing else None,
    )


def _check_valid_from(day: dt.date, *, not_before: dt.date | None) -> None:
    if day > today():
        raise UnprocessableEntity(
            "valid_from cannot be in the future: record the change on the day it takes effect.",
            code=Code.FUTURE_DATE,
            errors=field_error("body", "valid_from", msg="in the future"),
        )
    if not_before is not None and day < not_before:
        raise UnprocessableEntity(
            f"valid_from cannot be before {not_before.isoformat()}, when the version in force "
            "began; history is only ever extended.",
            code=Code.DATE_OUT_OF_ORDER,
            errors=field_error("body", "valid_from", msg="before the version in force"),
        )


async def create(
    session: AsyncSession, *, tenant_id: uuid.UUID, data: ClientCreate, actor: str
) -> RowMapping:
    values = data.model_dump(mode="json", exclude={"valid_from"})
    valid_from = data.valid_from or today()
    _check_valid_from(valid_from, not_before=None)
    try:
        async with session.begin_nested():
            row: RowMapping = (
                (
                    await session.execute(
                        insert(clients)
                        .values(
                            id=uuid.uuid4(),
                            tenant_id=tenant_id,
                            version=1,
                            valid_from=valid_from,
                            **values,
                        )
                        .returning(clients)
                    )
                )
                .mappings()
                .one()
            )
    except IntegrityError:
        raise await _tax_id_conflict(session, tenant_id, data.country, data.tax_id) from None
    await _record(
        session,
        tenant_id=tenant_id,
        topic=topics.CLIENT_CREATED,
        row=row,
        actor=actor,
        reason=None,
        changed_fields=sorted(values),
    )
    return row


def can_create_at_once(data: ClientCreate) -> bool:
    """Whether `create_many` may take this client: its `valid_from` passes the check `create`
    makes (the rest was checked when `data` was validated)."""
    return data.valid_from is None or data.valid_from <= today()


async def create_many(
    session: AsyncSession, *, tenant_id: uuid.UUID, items: Sequence[ClientCreate], actor: str
) -> list[RowMapping]:
    """Create several clients in three statements, all or none: an active client that already
    has one of the tax ids raises IntegrityError, and the caller (which holds a savepoint)
    falls back to `create` one by one, which says which row it was."""
    if not items:
        return []
    fields = [data.model_dump(mode="json", exclude={"valid_from"}) for data in items]
    values: list[dict[str, Any]] = []
    for data, given in zip(items, fields, strict=True):
        values.append(
            {
                **given,
                "id": uuid.uuid4(),
                "tenant_id": tenant_id,
                "version": 1,
                "valid_from": data.valid_from or today(),
            }
        )
    returned = (await session.execute(insert(clients).returning(clients), values)).mappings()
    by_id = {row["id"]: row for row in returned}
    rows = [by_id[value["id"]] for value in values]
    await _record_many(
        session,
        tenant_id=tenant_id,
        topic=topics.CLIENT_CREATED,
        rows=rows,
        actor=actor,
        reason=None,
        changed_fields=[sorted(given) for given in fields],
    )
    return rows


async def update_client(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    data: ClientUpdate,
    actor: str,
    expected_version: int | None = None,
) -> RowMapping:
    current = await get(session, tenant_id=tenant_id, client_id=client_id)
    if expected_version is not None and current["version"] != expected_version:
        raise Conflict(
            f"Client {client_id} is at version {current['version']}, not {expected_version}.",
            code=Code.STALE_VERSION,
            current_version=current["version"],
        )
    sent = data.model_dump(mode="json", exclude_unset=True, exclude={"valid_from", "reason"})
    before = {f: current[f] for f in EDITABLE_FIELDS}
    try:
        merged = ClientFields.model_validate(
            {**before, **sent}, context={"stored_tax_id": before["tax_id"]}
        )
    except ValidationError as exc:
        raise UnprocessableEntity(
            "The client would not be valid after this change.",
            errors=error_items(exc.errors(), prefix=("body",)),
        ) from None
    after = merged.model_dump(mode="json")
    changed = sorted(
        f for f in EDITABLE_FIELDS if after[f] != json.loads(json.dumps(before[f], default=str))
    )
    fiscal = FISCAL_FIELDS.intersection(changed)
    if not changed:
        if data.valid_from is not None:
            raise UnprocessableEntity(
                "valid_from was sent, but nothing changed.",
                errors=field_error("body", "valid_from", msg="nothing changed"),
            )
        return current
    if fiscal:
        valid_from = data.valid_from or today()
        _check_valid_from(valid_from, not_before=current["valid_from"])
    elif data.valid_from is not None:
        raise UnprocessableEntity(
            "valid_from only applies to fiscal changes (legal name, tax id, fiscal address, "
            "tax treatment, kind, country).",
            errors=field_error("body", "valid_from", msg="only for fiscal changes"),
        )
    else:
        valid_from = current["valid_from"]
    values = {f: after[f] for f in changed}
    row: RowMapping | None
    try:
        async with session.begin_nested():
            row = (
                (
                    await session.execute(
                        update(clients)
                        .where(
                            clients.c.tenant_id == tenant_id,
                            clients.c.id == client_id,
                            clients.c.version == current["version"],
                        )
                        .values(
                            **values,
                            valid_from=valid_from,
                            version=clients.c.version + 1,
                            updated_at=func.now(),
                        )
                        .returning(clients)
                    )
                )
                .mappings()
                .first()
            )
    except IntegrityError:
        raise await _tax_id_conflict(session, tenant_id, merged.country, merged.tax_id) from None
    if row is None:
        raise Conflict(
            f"Client {client_id} changed meanwhile; read it again and retry.",
            code=Code.STALE_VERSION,
        )
    await _record(
        session,
        tenant_id=tenant_id,
        topic=topics.CLIENT_UPDATED,
        row=row,
        actor=actor,
        reason=data.reason,
        changed_fields=changed,
    )
    return row


async def set_status(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    status: str,
    actor: str,
    reason: str | None = None,
) -> RowMapping:
    current = await get(session, tenant_id=tenant_id, client_id=client_id)
    if current["status"] == status:
        return current
    try:
        async with session.begin_nested():
            row: RowMapping = (
                (
                    await session.execute(
                        update(clients)
                        .where(clients.c.tenant_id == tenant_id, clients.c.id == client_id)
                        .values(status=status, version=clients.c.version + 1, updated_at=func.now())
                        .returning(clients)
                    )
                )
                .mappings()
                .one()
            )
    except IntegrityError:
        raise await _tax_id_conflict(
            session, tenant_id, current["country"], current["tax_id"]
        ) from None
    topic = topics.CLIENT_ARCHIVED if status == "archived" else topics.CLIENT_UPDATED
    await _record(
        session,
        tenant_id=tenant_id,
        topic=topic,
        row=row,
        actor=actor,
        reason=reason,
        changed_fields=["status"],
    )
    return row
