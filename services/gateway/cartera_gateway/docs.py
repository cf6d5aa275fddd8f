"""One OpenAPI and one AsyncAPI document for the whole system, assembled from the services'.

Each service describes its own routes and topics; the gateway merges them, so the documents can
never drift from the code that serves them.
"""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse

from cartera_gateway import event_docs
from cartera_shared.events.asyncapi import typed_bus_document

router = APIRouter(tags=["docs"])
router.include_router(event_docs.router)  # /v1/webhooks/asyncapi.json


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
    add_problem_responses(merged)
    if missing:
        merged["x-unavailable-services"] = missing
    return merged


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details, the body of every 4xx and 5xx answer.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "For validation errors: where and what.",
            "items": {"type": "object"},
        },
    },
    "additionalProperties": True,
    "example": {
        "type": "https://cartera.dev/problems/validation-error",
        "title": "Unprocessable entity",
        "status": 422,
        "detail": "The request body or parameters are invalid.",
        "errors": [
            {"loc": ["body", "tax_id"], "msg": "not a valid NIF/CIF", "type": "value_error"}
        ],
    },
}
STANDARD_PROBLEMS = {
    "401": "No valid credential (API key or session).",
    "403": "The credential lacks the scope this route needs.",
    "422": "The request is not valid; `errors` says where.",
    "429": "Over the rate limit; retry after `Retry-After` seconds.",
}
PUBLIC_PATHS = ("/v1/auth/sign-in", "/v1/auth/password-reset", "/v1/inbound/", "/v1/public/")


def add_problem_responses(document: dict[str, Any]) -> None:
    """Every operation documents its problem-details answers, with one shared schema."""
    document["components"]["schemas"]["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(STANDARD_PROBLEMS)
            if "{" in path:
                wanted["404"] = "Nothing with that id in this tenant."
            if path.startswith(PUBLIC_PATHS):
                wanted.pop("401")
                wanted.pop("403")
                operation["security"] = []
            for code, description in wanted.items():
                existing = responses.get(code)
                if existing is None or code == "422":
                    responses[code] = {"description": description, "content": problem}


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
    return typed_bus_document(merged)  # each topic's message with its contract's payload


async def _gather(request: Request, suffix: str) -> dict[str, dict[str, Any] | None]:
    upstreams: dict[str, str] = request.app.state.upstreams
    client: httpx.AsyncClient = request.app.state.http
    documents = await asyncio.gather(*(_fetch(client, f"{u}{suffix}") for u in upstreams.values()))
    return dict(zip(upstreams, documents, strict=True))


@router.get("/v1/openapi.json", include_in_schema=False)
async def openapi(request: Request) -> dict[str, Any]:
    app: FastAPI = request.app
    return merge_openapi(app.openapi(), await _gather(request, "/openapi.json"))


@router.get("/v1/docs", include_in_schema=False, response_class=HTMLResponse)
async def docs_page(request: Request) -> HTMLResponse:
    """The API reference as one plain HTML page (no scripts, nothing fetched from elsewhere)."""
    app: FastAPI = request.app
    document = merge_openapi(app.openapi(), await _gather(request, "/openapi.json"))
    return HTMLResponse(render_reference(document))


def render_reference(document: dict[str, Any]) -> str:
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, item in sorted(document.get("paths", {}).items()):
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                tag = (operation.get("tags") or ["other"])[0]
                by_tag.setdefault(tag, []).append((method.upper(), path, operation))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>Cartera API reference</title><style>",
        "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#1a1a1a}code{background:#f2f2f2;padding:0 .2rem}h3{margin-bottom:.2rem}"
        ".m{font-weight:700;display:inline-block;min-width:4.5rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style></head><body>",
        "<h1>Cartera API reference</h1>",
        "<p>Machine-readable: <a href='/v1/openapi.json'>OpenAPI</a> and "
        "<a href='/v1/asyncapi.json'>AsyncAPI</a> (events). Authenticate with "
        "<code>Authorization: Bearer &lt;api key&gt;</code>; errors are "
        "<code>application/problem+json</code>.</p><nav><ul>",
    ]
    parts += [f"<li><a href='#{escape(t)}'>{escape(t)}</a></li>" for t in sorted(by_tag)]
    parts.append("</ul></nav>")
    for tag in sorted(by_tag):
        parts.append(f"<h2 id='{escape(tag)}'>{escape(tag)}</h2>")
        for method, path, operation in by_tag[tag]:
            summary = operation.get("summary") or ""
            parts.append(
                f"<h3><span class='m'>{method}</span> <code>{escape(path)}</code></h3>"
                f"<p>{escape(summary)}</p>"
            )
            if operation.get("description"):
                parts.append(f"<p>{escape(operation['description'])}</p>")
            parameters = operation.get("parameters") or []
            if parameters:
                parts.append("<table><tr><th>parameter</th><th>in</th><th>required</th></tr>")
                parts += [
                    f"<tr><td><code>{escape(p.get('name', ''))}</code></td>"
                    f"<td>{escape(p.get('in', ''))}</td><td>{'yes' if p.get('required') else ''}"
                    "</td></tr>"
                    for p in parameters
                ]
                parts.append("</table>")
            codes = ", ".join(sorted(operation.get("responses", {})))
            parts.append(f"<p>Answers: {escape(codes)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


@router.get("/v1/asyncapi.json", include_in_schema=False)
async def asyncapi(request: Request) -> dict[str, Any]:
    parts = await _gather(request, "/asyncapi.json")
    own = await _fetch(request.app.state.http, f"{request.app.state.self_url}/asyncapi.json")
    parts["gateway"] = own
    return merge_asyncapi(parts)
