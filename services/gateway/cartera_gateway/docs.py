"""One OpenAPI and one AsyncAPI document for the whole system, assembled from the services'.

Each service describes its own routes and topics; the gateway merges them, so the documents can
never drift from the code that serves them. The merge adds what only the whole system knows: where
it is served (`servers`), one tag per feature with its description (grouped by service for the
reference), the shared `ProblemDetails` schema on every error answer, and the guarantee that an
operation id names one operation in the whole document (a collision fails the merge).

The partner documentation is served here too (`/v1/docs`): a page without scripts that indexes
the guides and every operation, the full reference rendered by Redoc (`/v1/docs/reference`, from
the bundle vendored at install time, nothing from another origin) and the guides
(`cartera_gateway.guides`).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import re
from html import escape
from pathlib import Path
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from faststream.specification import AsyncAPI

from cartera_gateway import event_docs, guides
from cartera_gateway.settings import GatewaySettings
from cartera_shared.contract import CODE_PATTERN, ERROR_DESCRIPTIONS, ProblemDetails
from cartera_shared.edge import Runtime, settings_of
from cartera_shared.events.asyncapi import typed_bus_document
from cartera_shared.problems import PROBLEM_MEDIA_TYPE, Code, problem_response

log = logging.getLogger(__name__)
router = APIRouter(tags=["docs"])
router.include_router(event_docs.router)  # /v1/webhooks/asyncapi.json
Settings = Annotated[GatewaySettings, settings_of(GatewaySettings)]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
INTERNAL_PATHS = ("/v1/client-replicas",)  # reached through /v1/clients/{id}/replicas

API_DESCRIPTION = """\
The Cartera API: clients and their fiscal data, Spanish-law invoicing (VERI*FACTU, FacturaE),
collections, CRM and analytics for one business (a *tenant*), through one gateway.

Guides: [authentication and scopes](/v1/docs/guides/authentication),
[idempotency](/v1/docs/guides/idempotency), [pagination](/v1/docs/guides/pagination),
[errors](/v1/docs/guides/errors), [webhooks](/v1/docs/guides/webhooks),
[versioning](/v1/docs/guides/versioning), [test mode](/v1/docs/guides/test-mode) and the
[changelog](/v1/docs/guides/changelog).
Events partners receive by webhook are described in `/v1/asyncapi.json`.

Every answer to a call with a credential says `Cartera-Mode: live`, or `Cartera-Mode: test` for
a test API key (`ck_test_...`), whose calls act on the tenant's sandbox.
"""

# One tag per feature: its service (the group the reference shows it under) and what it holds.
# A tag a service uses and this table lacks is published without a description, and the contract
# test (tests/test_api_contract.py) names it.
TAGS: dict[str, tuple[str, str]] = {
    "clients": ("Clients", "The business's clients and their fiscal data, with full history."),
    "clients import and export": (
        "Clients",
        "Bulk import of clients from a spreadsheet (a job to follow) and export of all clients.",
    ),
    "documents": ("Clients", "Files kept with a client (contracts, mandates, letters)."),
    "timeline": ("Clients", "Everything that happened to one client, newest first."),
    "gateway": ("Clients", "The client's copies kept by the other services."),
    "invoicing": (
        "Invoicing",
        "Invoices: drafts, issue (numbered, VERI*FACTU-recorded), rectification, cancellation, "
        "PDF and FacturaE downloads.",
    ),
    "invoices": (
        "Invoicing",
        "Invoices: drafts, issue (numbered, VERI*FACTU-recorded), rectification, cancellation, "
        "PDF and FacturaE downloads.",
    ),
    "issuer": (
        "Invoicing",
        "The business's own fiscal data as the issuer of its invoices, kept with its history.",
    ),
    "series": ("Invoicing", "Numbering series of invoices."),
    "quotes": ("Invoicing", "Quotes: sent, accepted or rejected, converted into invoice drafts."),
    "recurring invoices": ("Invoicing", "Invoices drafted or issued on a schedule."),
    "verifactu": (
        "Invoicing",
        "VERI*FACTU records sent to the AEAT: their state, chain verification, reconciliation.",
    ),
    "certificates": (
        "Invoicing",
        "The issuer's fiscal data, electronic certificate and representatives before the AEAT.",
    ),
    "collections": ("Collections", "Receivables, payments, aging and payment behaviour."),
    "receivables": ("Collections", "What each client owes, by invoice and instalment."),
    "payments": ("Collections", "Payments recorded against invoices, and their reversals."),
    "collection reports": (
        "Collections",
        "Aging by client, the defaulters list and who pays on time (DSO).",
    ),
    "bank statements": (
        "Collections",
        "Bank statements (Norma 43) imported and their lines matched to receivables.",
    ),
    "direct debits": ("Collections", "SEPA mandates, remittances (pain.008) and returns."),
    "dunning": ("Collections", "Reminder levels, notices sent and holds."),
    "late interest": ("Collections", "Statutory late-payment interest and its rates."),
    "interactions": ("CRM", "Calls, meetings and messages with clients."),
    "follow-ups": ("CRM", "Tasks to do with a client, and the agenda."),
    "requests": ("CRM", "Client requests and their service-level deadlines."),
    "surveys": ("CRM", "Satisfaction surveys and their answer links."),
    "inbound": ("CRM", "Messages received from mail and form providers, and their triage."),
    "public": ("CRM", "What a client reaches without a credential: survey answer pages."),
    "analytics": (
        "Analytics",
        "Portfolio figures, revenue evolution, clients at risk, Modelo 347, the quarter's tax "
        "figures, alerts.",
    ),
    "exports": (
        "Analytics",
        "Journal entries for accounting programs (A3, ContaPlus, Sage, CSV, XLSX) and the "
        "tenant's account mapping.",
    ),
    "admin": ("Account and access", "The operator's routes (tenants)."),
    "people": (
        "Account and access",
        "Sign-in, sessions, passwords, the tenant's people and its members from other businesses.",
    ),
    "desk": (
        "Analytics",
        "The accountant's desk: one line of figures per business the person belongs to.",
    ),
    "api keys": ("Account and access", "API keys for partners' systems, with their scopes."),
    "webhooks": (
        "Account and access",
        "Subscriptions to events, delivered signed to a partner's URL, and their delivery log.",
    ),
}
GROUP_ORDER = ("Account and access", "Clients", "Invoicing", "Collections", "CRM", "Analytics")

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
# What the gateway itself may answer on any route it forwards, whatever the service declares:
# no or a bad credential, a missing scope, an invalid request, the rate limit, a service down.
GATEWAY_ERRORS = (401, 403, 422, 429, 503)
PUBLIC_PATHS = ("/v1/auth/sign-in", "/v1/auth/password-reset", "/v1/inbound/", "/v1/public/")
OPERATOR_PATHS = ("/v1/admin/",)
MODE_HEADER_REF = {"$ref": "#/components/headers/CarteraMode"}
MODE_HEADER = {
    "description": "`live`, or `test` when the call was made with a test API key (`ck_test_...`) "
    "and acted on the tenant's sandbox (see the test mode guide). On every answer to a call "
    "whose credential was recognised, errors included.",
    "schema": {"type": "string", "enum": ["live", "test"]},
}


class OperationIdCollision(ValueError):
    """Two operations of the merged document share an id: generated clients would lose one."""

    def __init__(self, collisions: dict[str, list[str]]) -> None:
        self.collisions = collisions  # id -> "service: METHOD path" of each operation
        super().__init__(
            "operation ids must be unique in the merged document; rename the route functions: "
            + "; ".join(f"{i or '(none)'} = {' | '.join(w)}" for i, w in sorted(collisions.items()))
        )


class SchemaCollision(ValueError):
    """Two services publish different schemas under one name: one would silently replace the
    other in the merged document."""


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    ]


def merge_openapi(
    own: dict[str, Any],
    parts: dict[str, dict[str, Any] | None],
    *,
    public_base_url: str = "http://127.0.0.1:8000",
    strict: bool = True,
) -> dict[str, Any]:
    """The gateway's own document and the services' ones as one document.

    Raises OperationIdCollision or SchemaCollision, naming every clash, rather than publish a
    document in which one operation or schema hides another. The live document (`strict=False`)
    is served all the same: each clashing id gets its service's name appended, the clash is
    logged and listed in `x-operation-id-collisions`. The committed document and its test are
    strict, so a clash never gets that far unnoticed."""
    try:
        return _merge(own, parts, public_base_url)
    except OperationIdCollision as exc:
        if strict:
            raise
        log.error("%s", exc)
        documents = copy.deepcopy({"gateway": own, **parts})
        for service, document in documents.items():
            for _, _, operation in _operations(document or {}):
                if operation.get("operationId", "") in exc.collisions:
                    operation["operationId"] = f"{operation.get('operationId', '')}__{service}"
        gateway = documents.pop("gateway") or {}
        merged = _merge(gateway, documents, public_base_url)
        merged["x-operation-id-collisions"] = exc.collisions
        return merged


def _merge(
    own: dict[str, Any], parts: dict[str, dict[str, Any] | None], public_base_url: str
) -> dict[str, Any]:
    sources: dict[str, dict[str, Any] | None] = {"gateway": own, **parts}
    merged: dict[str, Any] = {
        "openapi": own.get("openapi", "3.1.0"),
        "info": {
            "title": "Cartera API",
            "version": own.get("info", {}).get("version", "0.1.0"),
            "description": API_DESCRIPTION,
        },
        "servers": [{"url": public_base_url, "description": "This Cartera installation."}],
        "paths": {},
    }
    schemas: dict[str, Any] = {}
    schema_owner: dict[str, str] = {}
    owners: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    # A service may describe its own tags (FastAPI's openapi_tags); the table here fills the rest.
    described = {tag: description for tag, (_, description) in TAGS.items()}
    missing = []
    for service, document in sources.items():
        if document is None:
            missing.append(service)
            continue
        for path, item in document.get("paths", {}).items():
            if path.startswith(INTERNAL_PATHS):
                continue
            merged["paths"][path] = copy.deepcopy(item)
            for method, operation in item.items():
                if method not in METHODS:
                    continue
                owners.setdefault(operation.get("operationId", ""), []).append(
                    f"{service}: {method.upper()} {path}"
                )
                for tag in operation.get("tags", []):
                    group = TAGS.get(tag, (service.capitalize(), ""))[0]
                    if not any(tag in members for members in groups.values()):
                        groups.setdefault(group, []).append(tag)
        for tag in document.get("tags", []):
            if tag.get("description"):
                described.setdefault(tag["name"], tag["description"])
        clashes = []
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            if name in schemas and schemas[name] != schema:
                clashes.append(f"{name} ({schema_owner[name]} and {service})")
            schemas.setdefault(name, schema)
            schema_owner.setdefault(name, service)
        if clashes:
            raise SchemaCollision(f"schemas published differently by two services: {clashes}")
    collisions = {i: where for i, where in owners.items() if len(where) > 1 or not i}
    if collisions:
        raise OperationIdCollision(collisions)
    schemas["ProblemDetails"] = problem_schema()
    merged["components"] = {
        "schemas": schemas,
        "securitySchemes": {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "A tenant's API key (`ck_...`) or a session token (`cs_...`): "
                "see the authentication guide.",
            }
        },
    }
    merged["security"] = [{"apiKey": []}]
    merged["tags"] = [
        {"name": tag, "description": described[tag]} if tag in described else {"name": tag}
        for group in _ordered(groups)
        for tag in groups[group]
    ]
    merged["x-tagGroups"] = [{"name": g, "tags": groups[g]} for g in _ordered(groups)]
    add_problem_responses(merged)
    add_mode_header(merged)
    prune_unused_schemas(merged)
    if missing:
        merged["x-unavailable-services"] = missing
    return merged


def _ordered(groups: dict[str, list[str]]) -> list[str]:
    known = [g for g in GROUP_ORDER if g in groups]
    return known + sorted(g for g in groups if g not in GROUP_ORDER)


def problem_schema() -> dict[str, Any]:
    """The shared ProblemDetails model's schema, with the members the answers add to it."""
    schema = ProblemDetails.model_json_schema()
    schema["description"] = (
        "RFC 9457 problem details: the body of every 4xx and 5xx answer "
        "(`application/problem+json`). More members may be added; readers ignore unknown ones."
    )
    schema["properties"] = {
        "type": {
            "type": "string",
            "format": "uri",
            "description": "What kind of problem, as a URI; stable, compare it as a string.",
        },
        "title": {"type": "string", "description": "A short summary of the kind of problem."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong this time, for a person."},
        "code": {
            "type": "string",
            "pattern": CODE_PATTERN,
            "description": "What went wrong, for a program: stable within /v1; new codes may be "
            "added. The catalogue is in the errors guide.",
            "examples": ["validation_error", "unknown_reference", "verifactu_pending"],
        },
        "errors": {
            "type": "array",
            "description": "The fields of the request the problem concerns: where (`loc`, a path "
            "into the request: `body`, `query`, `path` or `header`, then names and positions) "
            "and what.",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
        "retry_after": {
            "type": "integer",
            "description": "Seconds to wait before sending the same request again (also the "
            "`Retry-After` header): present exactly when the answer may change by itself "
            '("not yet").',
        },
        "tenants": {
            "type": "array",
            "description": "Only on the sign-in's 409: the tenants whose accounts the e-mail and "
            "password opened; sign in again with one `tenant_id`.",
            "items": {"$ref": "#/components/schemas/TenantChoice"},
        },
        "request_id": {
            "type": "string",
            "description": "On a 500: the id that finds this request in the operator's logs.",
        },
    }
    schema["additionalProperties"] = True
    schema.pop("$defs", None)  # FieldError is written inline above
    schema.pop("example", None)
    schema["examples"] = [
        {
            "type": "https://cartera.dev/problems/validation-error",
            "title": "Unprocessable entity",
            "status": 422,
            "detail": "The request body or parameters are invalid.",
            "code": "validation_error",
            "errors": [
                {
                    "loc": ["body", "tax_id"],
                    "msg": "Value error, tax_id: B1234567X is not a valid CIF",
                    "type": "value_error",
                }
            ],
        }
    ]
    return schema


def add_problem_responses(document: dict[str, Any]) -> None:
    """Every error answer is a problem document with the one shared schema; the answers the
    gateway may give on any route are declared where the service did not."""
    problem = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    for path, _, operation in _operations(document):
        responses = operation.setdefault("responses", {})
        wanted = list(GATEWAY_ERRORS)
        if "{" in path:
            wanted.append(404)
        if path.startswith(PUBLIC_PATHS):
            wanted = [c for c in wanted if c not in (401, 403)]
            operation["security"] = []
        for code in wanted:
            responses.setdefault(str(code), {"description": ERROR_DESCRIPTIONS[code]})
        for code, answer in responses.items():
            if code.isdigit() and int(code) >= 400:
                # FastAPI's own 422 (HTTPValidationError) is never what goes on the wire.
                answer["content"] = problem


def add_mode_header(document: dict[str, Any]) -> None:
    """Declare `Cartera-Mode` on the answers of every operation a tenant's credential calls (not
    on its 401: no credential was recognised)."""
    document.setdefault("components", {}).setdefault("headers", {})["CarteraMode"] = MODE_HEADER
    for path, _, operation in _operations(document):
        if path.startswith(PUBLIC_PATHS + OPERATOR_PATHS):
            continue
        for code, answer in operation.get("responses", {}).items():
            if code != "401":
                answer.setdefault("headers", {})["Cartera-Mode"] = MODE_HEADER_REF


def _references(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for inner in value.values():
            found |= _references(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _references(inner)
    return found


def prune_unused_schemas(document: dict[str, Any]) -> None:
    """Drop the schemas no published operation reaches (those of internal routes, FastAPI's
    validation error that the problem document replaces)."""
    schemas = document["components"]["schemas"]
    reached: set[str] = set()
    pending = _references(document["paths"])
    while pending:
        name = pending.pop()
        if name in reached or name not in schemas:
            continue
        reached.add(name)
        pending |= _references(schemas[name])
    document["components"]["schemas"] = {n: s for n, s in schemas.items() if n in reached}


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


# --- Served live -------------------------------------------------------------------------------


async def _fetch(client: httpx.AsyncClient, url: str) -> dict[str, Any] | None:
    try:
        answer = await client.get(url, timeout=5)
    except httpx.TransportError:
        return None
    if answer.status_code != 200:
        return None
    document: dict[str, Any] = answer.json()
    return document


async def _gather(settings: GatewaySettings, suffix: str) -> dict[str, dict[str, Any] | None]:
    upstreams = settings.upstreams()
    # Its own short-lived client: documents are read rarely, and the proxy's pool stays the
    # proxy's.
    async with httpx.AsyncClient(trust_env=False) as client:
        documents = await asyncio.gather(
            *(_fetch(client, f"{u}{suffix}") for u in upstreams.values())
        )
    return dict(zip(upstreams, documents, strict=True))


async def live_openapi(request: Request, settings: GatewaySettings) -> dict[str, Any]:
    app: FastAPI = request.app
    return merge_openapi(
        app.openapi(),
        await _gather(settings, "/openapi.json"),
        public_base_url=settings.public_base_url,
        strict=False,
    )


@router.get("/v1/openapi.json", include_in_schema=False)
async def openapi(request: Request, settings: Settings) -> dict[str, Any]:
    return await live_openapi(request, settings)


@router.get("/v1/asyncapi.json", include_in_schema=False)
async def asyncapi(runtime: Runtime, settings: Settings) -> dict[str, Any]:
    parts = await _gather(settings, "/asyncapi.json")
    own = AsyncAPI(runtime.broker, title=f"Cartera {runtime.name} events").to_specification()
    parts["gateway"] = own.to_jsonable()
    return merge_asyncapi(parts)


# Redoc builds its styles at run time (inline <style> elements) and its search index in a worker
# made from a blob: URL; scripts come from this origin only, and nothing is fetched elsewhere.
DOCS_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
DOCS_HEADERS = {
    "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _page(body: str) -> HTMLResponse:
    return HTMLResponse(body, headers=DOCS_HEADERS)


@router.get("/v1/docs", include_in_schema=False, response_class=HTMLResponse)
async def docs_page(request: Request, settings: Settings) -> HTMLResponse:
    """The partner documentation's front page: the guides and every operation, plain HTML."""
    return _page(render_index(await live_openapi(request, settings)))


@router.get("/v1/docs/reference", include_in_schema=False, response_class=HTMLResponse)
async def reference_page() -> Response:
    """The full reference (bodies, examples, answers), rendered by Redoc from /v1/openapi.json."""
    if not guides.renderer_bundle().is_file():
        return _renderer_missing()
    return _page(guides.reference_html())


@router.get("/v1/docs/assets/{name}", include_in_schema=False)
async def docs_asset(name: str) -> Response:
    target = guides.asset(name)
    if target is None:
        if name == guides.RENDERER_BUNDLE:
            return _renderer_missing()
        answer = problem_response(
            404, "Not found", f"There is no asset {name}.", "not-found", code=Code.NOT_FOUND
        )
        answer.headers.update(DOCS_HEADERS)
        return answer
    return FileResponse(
        target,
        media_type=guides.ASSET_TYPES[Path(name).suffix],
        headers={**DOCS_HEADERS, "Cache-Control": "public, max-age=3600"},
    )


@router.get("/v1/docs/guides/{name}", include_in_schema=False, response_class=HTMLResponse)
async def guide_page(name: str) -> Response:
    page = guides.guide_html(name)
    if page is None:
        answer = problem_response(
            404,
            "Not found",
            f"There is no guide {name}; see /v1/docs.",
            "not-found",
            code=Code.NOT_FOUND,
        )
        answer.headers.update(DOCS_HEADERS)
        return answer
    return _page(page)


def _renderer_missing() -> Response:
    answer = problem_response(
        503,
        "Reference renderer not installed",
        f"{guides.renderer_bundle()} is missing: run `deploy/local/install.sh` (or `cd "
        "tools/api-docs && npm ci && npm run vendor`). /v1/docs and /v1/openapi.json work without "
        "it.",
        "docs-renderer-missing",
        code=Code.NOT_CONFIGURED,
    )
    answer.headers.update(DOCS_HEADERS)
    return answer


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render_index(document: dict[str, Any]) -> str:
    """Every operation by tag, each linking to its place in the rendered reference."""
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, method, operation in sorted(_operations(document)):
        tag = (operation.get("tags") or ["other"])[0]
        by_tag.setdefault(tag, []).append((method.upper(), path, operation))
    described = {t["name"]: t.get("description", "") for t in document.get("tags", [])}
    tag_order = [t["name"] for t in document.get("tags", []) if t["name"] in by_tag]
    tag_order += sorted(t for t in by_tag if t not in tag_order)
    parts = [
        guides.page_head("Cartera API documentation"),
        "<h1>Cartera API documentation</h1>",
        "<p>The <a href='/v1/docs/reference'>full reference</a> (bodies, examples, answers) "
        "is rendered from the machine-readable <a href='/v1/openapi.json'>OpenAPI document</a>; "
        "events partners receive are in the <a href='/v1/asyncapi.json'>AsyncAPI document</a>. "
        "Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>; errors are "
        "<code>application/problem+json</code>.</p>",
    ]
    if document.get("x-unavailable-services"):
        down = ", ".join(document["x-unavailable-services"])
        parts.append(
            f"<p><strong>Not available right now: {escape(down)}.</strong> Their operations are "
            "missing from this page and from the reference until they answer again.</p>"
        )
    parts.append("<h2 id='guides'>Guides</h2><ul>")
    parts += [
        f"<li><a href='/v1/docs/guides/{name}'>{escape(title)}</a></li>"
        for name, title in guides.GUIDES.items()
    ]
    parts.append("</ul><h2 id='operations'>Operations</h2><nav><ul>")
    parts += [f"<li><a href='#{_anchor(t)}'>{escape(t)}</a></li>" for t in tag_order]
    parts.append("</ul></nav>")
    for tag in tag_order:
        parts.append(f"<h3 id='{_anchor(tag)}'>{escape(tag)}</h3>")
        if described.get(tag):
            parts.append(f"<p>{escape(described[tag])}</p>")
        parts.append("<table><tr><th>method</th><th>path</th><th>what it does</th></tr>")
        for method, path, operation in by_tag[tag]:
            operation_id = operation.get("operationId", "")
            link = f"/v1/docs/reference#operation/{escape(operation_id)}"
            summary = operation.get("summary") or operation_id
            parts.append(
                f"<tr><td class='m'>{method}</td><td><code>{escape(path)}</code></td>"
                f"<td><a href='{link}'>{escape(summary)}</a></td></tr>"
            )
        parts.append("</table>")
    parts.append("</main></body></html>")
    return "".join(parts)
