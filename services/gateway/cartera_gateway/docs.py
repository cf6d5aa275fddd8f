"""One OpenAPI and one AsyncAPI document for the whole system, assembled from the services'.

Each service describes its own routes and topics; the gateway merges them, so the documents can
never drift from the code that serves them.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request

router = APIRouter(tags=["docs"])


async def _fetch(client: httpx.AsyncClient, url: str) -> dict[str, Any] | None:
    try:
        answer = await client.get(url, timeout=5)
    except httpx.TransportError:
        return None
    if answer.status_code != 200:
        return None
    document: dict[str, Any] = answer.json()
    return document


def merge_openapi(own: dict[str, Any], parts: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
    merged = {**own, "paths": dict(own.get("paths", {}))}
    schemas = dict(own.get("components", {}).get("schemas", {}))
    missing = []
    for service, document in parts.items():
        if document is None:
            missing.append(service)
            continue
        for path, item in document.get("paths", {}).items():
            if path.startswith("/v1/client-replicas"):
                continue  # internal: reached through /v1/clients/{id}/replicas
            merged["paths"][path] = item
        schemas.update(document.get("components", {}).get("schemas", {}))
    merged["components"] = {**own.get("components", {}), "schemas": schemas}
    merged["components"]["securitySchemes"] = {
        "apiKey": {"type": "http", "scheme": "bearer", "description": "A tenant API key."}
    }
    merged["security"] = [{"apiKey": []}]
    if missing:
        merged["x-unavailable-services"] = missing
    return merged


def merge_asyncapi(parts: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "asyncapi": "3.0.0",
        "info": {"title": "Cartera events", "version": "0.1.0"},
        "servers": {},
        "channels": {},
        "operations": {},
        "components": {"messages": {}, "schemas": {}},
    }
    for service, document in parts.items():
        if document is None:
            merged.setdefault("x-unavailable-services", []).append(service)
            continue
        merged["servers"].update(document.get("servers", {}))
        merged["channels"].update(document.get("channels", {}))
        merged["operations"].update(document.get("operations", {}))
        for kind in ("messages", "schemas"):
            merged["components"][kind].update(document.get("components", {}).get(kind, {}))
    return merged


async def _gather(request: Request, suffix: str) -> dict[str, dict[str, Any] | None]:
    upstreams: dict[str, str] = request.app.state.upstreams
    client: httpx.AsyncClient = request.app.state.http
    documents = await asyncio.gather(*(_fetch(client, f"{u}{suffix}") for u in upstreams.values()))
    return dict(zip(upstreams, documents, strict=True))


@router.get("/v1/openapi.json", include_in_schema=False)
async def openapi(request: Request) -> dict[str, Any]:
    app: FastAPI = request.app
    return merge_openapi(app.openapi(), await _gather(request, "/openapi.json"))


@router.get("/v1/asyncapi.json", include_in_schema=False)
async def asyncapi(request: Request) -> dict[str, Any]:
    parts = await _gather(request, "/asyncapi.json")
    own = await _fetch(request.app.state.http, f"{request.app.state.self_url}/asyncapi.json")
    parts["gateway"] = own
    return merge_asyncapi(parts)
