"""Routing of tenant calls to the service that owns each resource.

The gateway authenticates, then forwards the call with a short-lived signed identity token;
services never see the API key. Only a fixed set of headers crosses in each direction.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, Request, Response

from cartera_gateway.auth import authenticate_api_key
from cartera_shared.identity import (
    INTERNAL_TOKEN_HEADER,
    Identity,
    issue_internal_token,
)
from cartera_shared.logging import request_id_var
from cartera_shared.problems import NotFound, ServiceUnavailable

# First path segment under /v1 -> the service that owns it.
RESOURCE_OWNERS = {
    "clients": "clients",
    "invoices": "invoicing",
    "quotes": "invoicing",
    "series": "invoicing",
    "issuer": "invoicing",
    "recurring-invoices": "invoicing",
    "receivables": "collections",
    "payments": "collections",
    "defaulters": "collections",
    "interactions": "crm",
    "requests": "crm",
    "analytics": "analytics",
}
REPLICA_HOLDERS = ("invoicing", "collections", "crm", "analytics")

FORWARDED_REQUEST_HEADERS = (
    "content-type",
    "accept",
    "if-match",
    "if-none-match",
    "idempotency-key",
)
FORWARDED_RESPONSE_HEADERS = (
    "content-type",
    "etag",
    "location",
    "retry-after",
    "content-disposition",
    "x-request-id",
)

router = APIRouter(tags=["gateway"])


async def tenant_identity(request: Request) -> Identity:
    return await authenticate_api_key(request, request.app.state.runtime.sessions)


TenantIdentity = Annotated[Identity, Depends(tenant_identity)]


def _internal_headers(request: Request, identity: Identity) -> dict[str, str]:
    secret: str = request.app.state.internal_secret
    request_id = request_id_var.get() or uuid.uuid4().hex
    headers = {
        INTERNAL_TOKEN_HEADER: issue_internal_token(
            Identity(
                tenant_id=identity.tenant_id,
                subject=identity.subject,
                scopes=identity.scopes,
                request_id=request_id,
            ),
            secret,
        ),
        "X-Request-ID": request_id,
    }
    for name in FORWARDED_REQUEST_HEADERS:
        if name in request.headers:
            headers[name] = request.headers[name]
    return headers


async def _forward(
    request: Request, service: str, path: str, identity: Identity, body: bytes | None = None
) -> httpx.Response:
    client: httpx.AsyncClient = request.app.state.http
    base = request.app.state.upstreams[service]
    try:
        return await client.request(
            request.method,
            f"{base}{path}",
            params=list(request.query_params.multi_items()),
            content=body if body is not None else await request.body(),
            headers=_internal_headers(request, identity),
        )
    except httpx.TransportError as exc:
        raise ServiceUnavailable(
            f"The {service} service did not answer; try again shortly.", service=service
        ) from exc


@router.get("/v1/clients/{client_id}/replicas")
async def client_replicas(client_id: uuid.UUID, request: Request, identity: TenantIdentity) -> Any:
    """Which version of a client each consuming service holds, beside the source's version."""
    source = await _forward(request, "clients", f"/v1/clients/{client_id}", identity, b"")
    if source.status_code != 200:
        return _relay(source)

    async def replica(service: str) -> tuple[str, dict[str, Any]]:
        try:
            answer = await _forward(
                request, service, f"/v1/client-replicas/{client_id}", identity, b""
            )
        except ServiceUnavailable:
            return service, {"version": None, "status": "unreachable"}
        if answer.status_code == 404:
            return service, {"version": None, "status": "missing"}
        if answer.status_code != 200:
            return service, {"version": None, "status": f"error {answer.status_code}"}
        data = answer.json()
        return service, {
            "version": data["version"],
            "status": "current" if data["version"] == source_version else "behind",
            "updated_at": data["updated_at"],
        }

    source_version = source.json()["version"]
    replicas = dict(await asyncio.gather(*(replica(s) for s in REPLICA_HOLDERS)))
    return {"client_id": str(client_id), "version": source_version, "replicas": replicas}


@router.api_route(
    "/v1/{resource}/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
@router.api_route(
    "/v1/{resource}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def proxy(
    resource: str, request: Request, identity: TenantIdentity, rest: str = ""
) -> Response:
    service = RESOURCE_OWNERS.get(resource)
    if service is None:
        raise NotFound(f"There is no resource /v1/{resource}.")
    path = f"/v1/{resource}" + (f"/{rest}" if rest else "")
    return _relay(await _forward(request, service, path, identity))


def _relay(upstream: httpx.Response) -> Response:
    headers = {k: v for k, v in upstream.headers.items() if k.lower() in FORWARDED_RESPONSE_HEADERS}
    return Response(content=upstream.content, status_code=upstream.status_code, headers=headers)
