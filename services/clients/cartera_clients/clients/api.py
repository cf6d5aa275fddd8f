"""HTTP API of the clients service (reached only through the gateway)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_clients.clients import service
from cartera_clients.clients.schemas import (
    ClientCreate,
    ClientHistory,
    ClientPage,
    ClientRead,
    ClientStatusChange,
    ClientUpdate,
    ClientVersion,
    ClientWritten,
    DuplicateCandidate,
)
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import (
    ListCursor,
    bad_cursor,
    decode_position,
    encode_position,
    page_limit,
)
from cartera_shared.problems import UnprocessableEntity, field_error

router = APIRouter(prefix="/v1/clients", tags=["clients"], responses=errors())

ReadIdentity = Annotated[Identity, require_scope("clients:read")]
WriteIdentity = Annotated[Identity, require_scope("clients:write")]


def _etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


def _if_match(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip().removeprefix("W/").strip('"'))
    except ValueError as exc:
        raise UnprocessableEntity(
            "If-Match must be the ETag of a client version.",
            errors=field_error("header", "if-match", msg="not an ETag of a client version"),
        ) from exc


def _read(state: Any) -> ClientRead:
    return ClientRead.model_validate(
        service.state_of(state) if not isinstance(state, dict) else state
    )


async def _written(session: AsyncSession, identity: Identity, row: Any) -> ClientWritten:
    duplicates = await service.possible_duplicates(
        session, tenant_id=identity.tenant_id, client_id=row["id"], legal_name=row["legal_name"]
    )
    return ClientWritten.model_validate(
        {
            **service.state_of(row),
            "possible_duplicates": [DuplicateCandidate.model_validate(d) for d in duplicates],
        }
    )


ETAG_HEADER = {
    "ETag": {
        "description": 'The client\'s version, quoted (`"3"`); send it back as `If-Match`.',
        "schema": {"type": "string"},
    }
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ClientWritten,
    responses={
        201: {
            "headers": {
                "Location": {"description": "The new client.", "schema": {"type": "string"}},
                **ETAG_HEADER,
            }
        },
        **errors(409),
    },
)
async def create_client(
    body: ClientCreate,
    response: Response,
    identity: WriteIdentity,
    session: TenantSession,
) -> ClientWritten:
    """Create a client. Similar names already in the portfolio come back as `possible_duplicates`;
    the same tax id as an active client is a 409."""
    row = await service.create(
        session, tenant_id=identity.tenant_id, data=body, actor=identity.subject
    )
    written = await _written(session, identity, row)
    response.headers["Location"] = f"/v1/clients/{row['id']}"
    _etag(response, row["version"])
    return written


@router.get("", response_model=ClientPage)
async def list_clients(
    identity: ReadIdentity,
    session: TenantSession,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    sort: Annotated[
        Literal["legal_name", "-legal_name", "created_at", "-created_at"], Query()
    ] = "legal_name",
    q: Annotated[
        str | None, Query(max_length=100, description="Part of the name or the tax id.")
    ] = None,
    status: Annotated[Literal["active", "archived"] | None, Query()] = None,
    kind: Annotated[
        Literal["individual", "self_employed", "company", "public_administration", "foreign"]
        | None,
        Query(),
    ] = None,
    tag: Annotated[str | None, Query(max_length=60)] = None,
) -> ClientPage:
    """The tenant's clients, a page at a time (follow `next_cursor`), filtered and sorted."""
    rows, total, next_cursor = await service.get_all(
        session,
        tenant_id=identity.tenant_id,
        limit=limit,
        cursor=cursor,
        sort=sort,
        search=q,
        status=status,
        kind=kind,
        tag=tag,
    )
    return ClientPage(
        items=[_read(r) for r in rows], total=total, limit=limit, next_cursor=next_cursor
    )


CURRENT_STATUS_HEADER = "Cartera-Client-Status"


@router.get(
    "/{client_id}",
    response_model=ClientRead,
    responses={
        200: {
            "headers": {
                CURRENT_STATUS_HEADER: {
                    "description": "The client's status today (`active` or `archived`), also "
                    "when `as_of` asks for an earlier state: one call tells whether the client "
                    "may be invoiced and with what data.",
                    "schema": {"type": "string"},
                },
                **ETAG_HEADER,
            }
        },
        **errors(404),
    },
)
async def get_client(
    client_id: uuid.UUID,
    response: Response,
    identity: ReadIdentity,
    session: TenantSession,
    as_of: Annotated[
        dt.date | None, Query(description="The state in force that day (YYYY-MM-DD).")
    ] = None,
) -> ClientRead:
    """A client; with `as_of`, the state that was in force that day (404 if none was yet)."""
    if as_of is not None:
        state = await service.get_as_of(
            session, tenant_id=identity.tenant_id, client_id=client_id, day=as_of
        )
        _etag(response, state["version"])
        response.headers[CURRENT_STATUS_HEADER] = state.pop(service.CURRENT_STATUS)
        return ClientRead.model_validate(state)
    row = await service.get(session, tenant_id=identity.tenant_id, client_id=client_id)
    _etag(response, row["version"])
    response.headers[CURRENT_STATUS_HEADER] = row["status"]
    return _read(row)


HISTORY_CURSOR = "history"


def _version_after(cursor: str | None) -> int:
    if not cursor:
        return 0
    (version,) = decode_position(cursor, HISTORY_CURSOR, 1)
    # ASCII digits that fit the column: a forged one never reaches the database as an error.
    if not (version.isascii() and version.isdigit() and len(version) <= 9):
        raise bad_cursor()
    return int(version)


@router.get("/{client_id}/history", response_model=ClientHistory, responses=errors(404))
async def get_client_history(
    client_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> ClientHistory:
    """The client's versions, oldest first, a page at a time (`next_cursor`): when each took
    effect, who made it and why."""
    # Versions only grow, so the last version seen is a keyset: a bad cursor is a 422 here.
    after = _version_after(cursor)
    rows = await service.history(
        session, tenant_id=identity.tenant_id, client_id=client_id, after=after, limit=limit + 1
    )
    page = rows[:limit]
    return ClientHistory(
        items=[
            ClientVersion.model_validate({k: r[k] for k in ClientVersion.model_fields})
            for r in page
        ],
        next_cursor=(
            encode_position(HISTORY_CURSOR, str(page[-1]["version"])) if len(rows) > limit else None
        ),
    )


@router.patch(
    "/{client_id}",
    response_model=ClientWritten,
    responses={200: {"headers": ETAG_HEADER}, **errors(404, 409)},
)
async def update_client(
    client_id: uuid.UUID,
    body: ClientUpdate,
    response: Response,
    identity: WriteIdentity,
    session: TenantSession,
    if_match: Annotated[str | None, Header()] = None,
) -> ClientWritten:
    """Change a client: a new version. Fiscal changes may carry `valid_from` and `reason`.
    A stale `If-Match`, or the tax id of another active client, is a 409."""
    row = await service.update_client(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        data=body,
        actor=identity.subject,
        expected_version=_if_match(if_match),
    )
    written = await _written(session, identity, row)
    _etag(response, row["version"])
    return written


@router.post(
    "/{client_id}/archive",
    response_model=ClientRead,
    responses={200: {"headers": ETAG_HEADER}, **errors(404)},
)
async def archive_client(
    client_id: uuid.UUID,
    response: Response,
    identity: WriteIdentity,
    session: TenantSession,
    body: ClientStatusChange | None = None,
) -> ClientRead:
    """Archive a client: it stays, with its history, but is no longer active (a new version)."""
    row = await service.set_status(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        status="archived",
        actor=identity.subject,
        reason=body.reason if body else None,
    )
    _etag(response, row["version"])
    return _read(row)


@router.post(
    "/{client_id}/restore",
    response_model=ClientRead,
    responses={200: {"headers": ETAG_HEADER}, **errors(404, 409)},
)
async def restore_client(
    client_id: uuid.UUID,
    response: Response,
    identity: WriteIdentity,
    session: TenantSession,
    body: ClientStatusChange | None = None,
) -> ClientRead:
    """Make an archived client active again (409 if another active client has its tax id)."""
    row = await service.set_status(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        status="active",
        actor=identity.subject,
        reason=body.reason if body else None,
    )
    _etag(response, row["version"])
    return _read(row)
