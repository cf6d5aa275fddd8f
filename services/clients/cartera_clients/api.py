"""HTTP API of the clients service (reached only through the gateway)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response, status

from cartera_clients import service
from cartera_clients.schemas import ClientCreate, ClientPage, ClientRead, ClientUpdate
from cartera_shared.db import tenant_transaction
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import UnprocessableEntity

router = APIRouter(prefix="/v1/clients", tags=["clients"])

ReadIdentity = Annotated[Identity, require_scope("clients:read")]
WriteIdentity = Annotated[Identity, require_scope("clients:write")]


def _sessions(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.runtime.sessions


def _etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


def _if_match(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip().strip("W/").strip('"'))
    except ValueError as exc:
        raise UnprocessableEntity("If-Match must be the ETag of a client version.") from exc


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ClientRead)
async def create_client(
    body: ClientCreate, request: Request, response: Response, identity: WriteIdentity
) -> ClientRead:
    async with tenant_transaction(_sessions(request), identity.tenant_id) as session:
        row = await service.create(session, tenant_id=identity.tenant_id, data=body)
    response.headers["Location"] = f"/v1/clients/{row['id']}"
    _etag(response, row["version"])
    return ClientRead.model_validate(dict(row))


@router.get("", response_model=ClientPage)
async def list_clients(
    request: Request,
    identity: ReadIdentity,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[Literal["active", "archived"] | None, Query()] = None,
) -> ClientPage:
    async with tenant_transaction(_sessions(request), identity.tenant_id) as session:
        rows, total = await service.get_all(
            session,
            tenant_id=identity.tenant_id,
            limit=limit,
            offset=offset,
            search=q,
            status=status,
        )
    return ClientPage(
        items=[ClientRead.model_validate(dict(r)) for r in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/{client_id}", response_model=ClientRead)
async def get_client(
    client_id: uuid.UUID, request: Request, response: Response, identity: ReadIdentity
) -> ClientRead:
    async with tenant_transaction(_sessions(request), identity.tenant_id) as session:
        row = await service.get(session, tenant_id=identity.tenant_id, client_id=client_id)
    _etag(response, row["version"])
    return ClientRead.model_validate(dict(row))


@router.patch("/{client_id}", response_model=ClientRead)
async def update_client(
    client_id: uuid.UUID,
    body: ClientUpdate,
    request: Request,
    response: Response,
    identity: WriteIdentity,
    if_match: Annotated[str | None, Header()] = None,
) -> ClientRead:
    async with tenant_transaction(_sessions(request), identity.tenant_id) as session:
        row = await service.update_client(
            session,
            tenant_id=identity.tenant_id,
            client_id=client_id,
            data=body,
            expected_version=_if_match(if_match),
        )
    _etag(response, row["version"])
    return ClientRead.model_validate(dict(row))


@router.post("/{client_id}/archive", response_model=ClientRead)
async def archive_client(
    client_id: uuid.UUID, request: Request, response: Response, identity: WriteIdentity
) -> ClientRead:
    async with tenant_transaction(_sessions(request), identity.tenant_id) as session:
        row = await service.archive(session, tenant_id=identity.tenant_id, client_id=client_id)
    _etag(response, row["version"])
    return ClientRead.model_validate(dict(row))
