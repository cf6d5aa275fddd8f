"""The partner guides (`docs/partners/*.md`) as HTML pages, and the parts of them made from code.

The guides are Markdown in the repository, readable there as they are; the gateway renders them
under `/v1/docs/guides/<name>`. Lists that must not drift from the code (the scope catalogue, the
operations that take an `Idempotency-Key`, how each list pages, the webhook event types and retry
schedule) sit between `<!-- generated:NAME -->` and `<!-- end generated:NAME -->` markers and are
rewritten by `python -m cartera_gateway.export_docs` (a test fails when they are stale).

The reference itself is Redoc's standalone bundle, vendored from npm at install time into
`tools/api-docs/dist` (`API_DOCS_ASSETS` names another folder) and served from this origin.
"""

from __future__ import annotations

import os
import re
from dataclasses import fields
from html import escape
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from cartera_gateway import scopes
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.webhooks import delivery
from cartera_gateway.webhooks.service import EVENT_TYPES

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_GUIDES = REPO_ROOT / "docs" / "partners"
DEFAULT_ASSETS = REPO_ROOT / "tools" / "api-docs" / "dist"
RENDERER_BUNDLE = "redoc.standalone.js"
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
ASSETS = (RENDERER_BUNDLE, f"{RENDERER_BUNDLE}.LICENSE.txt")

# name (the page's address and the file's stem) -> title, in the order the index shows them.
GUIDES = {
    "authentication": "Authentication and scopes",
    "idempotency": "Idempotency: retrying writes safely",
    "pagination": "Pagination",
    "errors": "Errors (problem details)",
    "formats": "Formats: money, rates and timestamps",
    "webhooks": "Webhooks: events, signatures, retries",
    "events": "Event catalogue",
    "test-mode": "Test mode: test keys and the sandbox",
    "versioning": "Versioning policy",
    "changelog": "Changelog",
}

# No icon: the browser would otherwise ask /favicon.ico, which the gateway does not have.
NO_ICON = "<link rel='icon' href='data:,'>"
STYLE = (
    "body{font:16px/1.55 system-ui,sans-serif;margin:0;color:#1a1a1a}"
    "main{max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "header{background:#12324a;padding:.6rem 1rem}header a{color:#fff;margin-right:1.2rem}"
    "code{background:#f2f2f2;padding:0 .2rem}pre{background:#f6f8fa;padding:.8rem;"
    "overflow-x:auto}pre code{background:none;padding:0}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    ".m{font-weight:700}"
)


def guides_dir() -> Path:
    """Read on every request, like the web app's build folder: an edit needs no restart."""
    configured = os.environ.get("PARTNER_DOCS_DIR")
    return Path(configured).resolve() if configured else DEFAULT_GUIDES


def assets_dir() -> Path:
    configured = os.environ.get("API_DOCS_ASSETS")
    return Path(configured).resolve() if configured else DEFAULT_ASSETS


def renderer_bundle() -> Path:
    return assets_dir() / RENDERER_BUNDLE


def asset(name: str) -> Path | None:
    """Only the files the reference needs, by exact name: nothing else of the folder."""
    if name not in ASSETS:
        return None
    target = assets_dir() / name
    return target if target.is_file() else None


def page_head(title: str) -> str:
    nav = "".join(
        f"<a href='{href}'>{label}</a>"
        for href, label in (
            ("/v1/docs", "Cartera API"),
            ("/v1/docs/reference", "Reference"),
            *((f"/v1/docs/guides/{n}", n.capitalize()) for n in GUIDES),
        )
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"{NO_ICON}<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><nav>{nav}</nav></header><main>"
    )


def reference_html() -> str:
    # Redoc's bundle finds the <redoc> element and renders the document its spec-url names
    # (no inline script: the page's policy allows scripts from this origin only).
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"{NO_ICON}<title>Cartera API reference</title></head><body>"
        "<redoc spec-url='/v1/openapi.json' expand-responses='200,201' "
        "required-props-first='true' sort-tags-alphabetically='false'></redoc>"
        f"<script src='/v1/docs/assets/{RENDERER_BUNDLE}'></script></body></html>"
    )


# Raw HTML in a guide is shown as text, not trusted; the markers of generated blocks and snippets
# (`<!-- ... -->` on a line of their own) are for the tools and are left out of the page.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_MARKER = re.compile(r"^<!-- [^\n]*-->\n", re.M)
# A guide links another as `webhooks.md`: readable in the repository, rewritten for the gateway.
_GUIDE_LINK = re.compile(r'href="([a-z-]+)\.md(#[^"]*)?"')


def guide_html(name: str) -> str | None:
    if name not in GUIDES:
        return None
    source = guides_dir() / f"{name}.md"
    if not source.is_file():
        return None
    body = _MARKDOWN.render(_MARKER.sub("", source.read_text()))
    body = _GUIDE_LINK.sub(
        lambda m: (
            f'href="/v1/docs/guides/{m.group(1)}{m.group(2) or ""}"'
            if m.group(1) in GUIDES
            else m.group(0)
        ),
        body,
    )
    return page_head(f"{GUIDES[name]} · Cartera API") + body + "</main></body></html>"


# --- Generated blocks ----------------------------------------------------------------------------

_BLOCK = re.compile(r"(<!-- generated:([a-z-]+) -->\n).*?(<!-- end generated:\2 -->)", re.S)


def refresh(text: str, blocks: dict[str, str]) -> str:
    """The text with each generated block rewritten; a marker naming no known block fails."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in blocks:
            raise KeyError(f"no generated block {name!r} (known: {sorted(blocks)})")
        return f"{match.group(1)}{blocks[name]}{match.group(3)}"

    return _BLOCK.sub(replace, text)


def refreshed_guides(document: dict[str, Any]) -> dict[Path, str]:
    """Every guide file whose generated blocks are not what the code says now, with its text."""
    blocks = generated_blocks(document)
    stale = {}
    for path in sorted(DEFAULT_GUIDES.glob("*.md")):
        text = path.read_text()
        fresh = refresh(text, blocks)
        if fresh != text:
            stale[path] = fresh
    return stale


def generated_blocks(document: dict[str, Any]) -> dict[str, str]:
    return {
        "scopes": _scopes_block(),
        "roles": _roles_block(),
        "idempotent-operations": _idempotent_block(document),
        "paging": _paging_block(document),
        "event-types": _event_types_block(),
        "retry-schedule": _retry_block(),
    }


def _scopes_block() -> str:
    rows = ["| resource | read | write |", "|---|---|---|"]
    rows += [f"| `{r}` | `{r}:read` | `{r}:write` |" for r in scopes.RESOURCES]
    wildcards = ", ".join(f"`{w}`" for w in sorted(scopes.WILDCARDS))
    return "\n".join(rows) + f"\n\nWildcards: {wildcards}.\n"


def _roles_block() -> str:
    rows = ["| role | scopes |", "|---|---|"]
    for role, granted in scopes.ROLES.items():
        rows.append(f"| `{role}` | {', '.join(f'`{s}`' for s in sorted(granted))} |")
    return "\n".join(rows) + "\n"


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(
        (path, method, operation)
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "responses" in operation
    )


def _parameters(operation: dict[str, Any], where: str) -> set[str]:
    return {
        p.get("name", "").lower() for p in operation.get("parameters", []) if p.get("in") == where
    }


def _idempotent_block(document: dict[str, Any]) -> str:
    rows = ["| operation | |", "|---|---|"]
    for path, method, operation in _operations(document):
        if "idempotency-key" in _parameters(operation, "header"):
            rows.append(f"| `{method.upper()} {path}` | `{operation.get('operationId', '')}` |")
    return "\n".join(rows) + "\n"


def _answer_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema of an operation's 200 answer, its `$ref`s followed; {} when none."""
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema: dict[str, Any] = content.get("application/json", {}).get("schema", {})
    schemas = document.get("components", {}).get("schemas", {})
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def list_operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every GET answering several items (a JSON array, or an object with an `items` array):
    (path, operation, answer schema)."""
    found = []
    for path, method, operation in _operations(document):
        schema = _answer_schema(document, operation)
        if method == "get" and (
            schema.get("type") == "array" or "items" in schema.get("properties", {})
        ):
            found.append((path, operation, schema))
    return found


def is_paged(operation: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Pages the one way: `limit` and `cursor` asked, `next_cursor` answered."""
    query = _parameters(operation, "query")
    return {"limit", "cursor"} <= query and "next_cursor" in schema.get("properties", {})


def _limit_of(operation: dict[str, Any]) -> dict[str, Any]:
    limit = next(p for p in operation["parameters"] if p.get("name") == "limit")
    schema: dict[str, Any] = limit.get("schema", {})
    return schema


def _paging_block(document: dict[str, Any]) -> str:
    paged = ["| operation | `limit` default | `limit` at most | `order` |", "|---|---|---|---|"]
    unpaged = []
    for path, operation, schema in list_operations(document):
        if is_paged(operation, schema):
            limit = _limit_of(operation)
            order = "yes" if "order" in _parameters(operation, "query") else ""
            paged.append(
                f"| `GET {path}` | {limit.get('default', '')} | {limit.get('maximum', '')} "
                f"| {order} |"
            )
        else:
            unpaged.append(f"- `GET {path}`")
    lines = [*paged, ""]
    if unpaged:
        lines += ["Not paged yet (one answer holds the whole list or report):", "", *unpaged]
    return "\n".join(lines).rstrip("\n") + "\n"


def _event_types_block() -> str:
    return "\n".join(f"- `{t}`" for t in sorted(EVENT_TYPES)) + "\n"


def _default(name: str) -> Any:
    return GatewaySettings.model_fields[name].default


def _policy_default(name: str) -> Any:
    return next(f.default for f in fields(delivery.DeliveryPolicy) if f.name == name)


def _retry_block() -> str:
    """The schedule `webhooks.backoff` gives with the default settings."""
    base = float(_default("webhook_backoff_seconds"))
    attempts = int(_default("webhook_max_attempts"))
    cap = float(_policy_default("max_backoff_seconds"))
    rows = ["| attempt that failed | next attempt after |", "|---|---|"]
    for attempt in range(1, attempts):
        ceiling = min(cap, base * 2.0 ** (attempt - 1))
        rows.append(f"| {attempt} | {_seconds(ceiling / 2)} to {_seconds(ceiling)} |")
    rows.append(f"| {attempts} | none: the delivery is `failed` |")
    return (
        "\n".join(rows)
        + f"\n\nEach attempt waits at most {_seconds(_policy_default('timeout_seconds'))} for "
        f"an answer. After {_default('webhook_disable_after')} failed attempts in a row "
        "(across all its deliveries) the subscription is disabled.\n"
    )


def _seconds(value: float) -> str:
    minutes, seconds = divmod(round(value), 60)
    if not minutes:
        return f"{seconds} s"
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
