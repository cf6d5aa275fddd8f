"""docs/api holds the OpenAPI and AsyncAPI documents; they must be what the code produces, lint
clean, and the partner documentation the gateway serves at /v1/docs must come from them and from
docs/partners, with nothing loaded from another origin."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from cartera_gateway import guides
from cartera_gateway.docs import (
    DOCS_CONTENT_SECURITY_POLICY,
    OperationIdCollision,
    SchemaCollision,
    merge_asyncapi,
    merge_openapi,
)
from cartera_gateway.export_docs import documents, render, service_documents
from cartera_gateway.webhooks import delivery

ROOT = Path(__file__).resolve().parents[1]
API_DOCS = ROOT / "docs" / "api"
API_TOOLS = ROOT / "tools" / "api-docs"
REDOCLY = API_TOOLS / "node_modules" / ".bin" / "redocly"


def needs(path: Path, what: str) -> None:
    """The npm tools are installed by deploy/local/install.sh (make test does it first): missing,
    the test fails saying how to get them, rather than passing over the check."""
    if not path.exists():
        pytest.fail(f"{what} missing ({path}): run deploy/local/install.sh")


def test_the_committed_documents_match_the_code():
    openapi, asyncapi = documents()
    stale = [
        name
        for name, document in (("openapi.json", openapi), ("asyncapi.json", asyncapi))
        if (API_DOCS / name).read_text() != render(document)
    ]
    assert not stale, f"docs/api/{stale} out of date: run `make docs`"


def test_the_guides_generated_parts_match_the_code():
    openapi, _ = documents()
    stale = guides.refreshed_guides(openapi)
    assert not stale, f"{sorted(p.name for p in stale)} out of date: run `make docs`"


def test_every_client_topic_is_documented_with_its_envelope():
    asyncapi = merge_asyncapi(service_documents()[1])
    addresses = {channel["address"] for channel in asyncapi["channels"].values()}
    assert {"client.created", "client.updated", "client.archived", "tenant.created"} <= addresses
    assert "Envelope" in asyncapi["components"]["schemas"]


def test_the_gateways_route_table_matches_the_code():
    from cartera_gateway.export_docs import route_table
    from cartera_gateway.routes import ROUTES_FILE

    assert ROUTES_FILE.read_text() == render(route_table()), (
        "cartera_gateway/routes.json out of date: run `make docs`"
    )


# --- The merge -----------------------------------------------------------------------------------


def _service(*operations: tuple[str, str, str], schemas: dict[str, Any] | None = None) -> dict:
    paths: dict[str, Any] = {}
    for method, path, operation_id in operations:
        paths.setdefault(path, {})[method] = {
            "operationId": operation_id,
            "tags": ["clients"],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}},
                },
                "422": {
                    "description": "invalid",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/HTTPValidationError"}
                        }
                    },
                },
            },
        }
    return {
        "openapi": "3.1.0",
        "paths": paths,
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
                "B": {"type": "object", "properties": {"x": {"type": "string"}}},
                "HTTPValidationError": {"type": "object"},
                "Orphan": {"type": "object"},
                **(schemas or {}),
            }
        },
    }


def test_an_operation_id_used_twice_fails_the_merge_naming_both():
    with pytest.raises(OperationIdCollision) as caught:
        merge_openapi(
            _service(),
            {
                "invoicing": _service(("post", "/v1/recurring-invoices/run", "run_now")),
                "collections": _service(("post", "/v1/collections/dunning/run", "run_now")),
            },
        )
    assert set(caught.value.collisions) == {"run_now"}
    assert "invoicing: POST /v1/recurring-invoices/run" in str(caught.value)
    assert "collections: POST /v1/collections/dunning/run" in str(caught.value)


def test_the_live_document_is_served_despite_a_clash_and_says_so():
    merged = merge_openapi(
        _service(),
        {
            "invoicing": _service(("post", "/v1/recurring-invoices/run", "run_now")),
            "collections": _service(("post", "/v1/collections/dunning/run", "run_now")),
        },
        strict=False,
    )
    ids = {
        path: operation["operationId"]
        for path, item in merged["paths"].items()
        for operation in item.values()
    }
    assert ids == {
        "/v1/recurring-invoices/run": "run_now__invoicing",
        "/v1/collections/dunning/run": "run_now__collections",
    }
    assert set(merged["x-operation-id-collisions"]) == {"run_now"}


def test_two_services_publishing_one_schema_name_differently_fail_the_merge():
    with pytest.raises(SchemaCollision, match="A"):
        merge_openapi(
            _service(),
            {
                "clients": _service(("get", "/v1/clients", "list_clients")),
                "crm": _service(
                    ("get", "/v1/interactions", "list_interactions"),
                    schemas={"A": {"type": "object", "properties": {"y": {"type": "string"}}}},
                ),
            },
        )


def test_the_merge_names_its_server_tags_and_one_problem_schema_and_drops_unused_schemas():
    merged = merge_openapi(
        _service(),
        {"clients": _service(("get", "/v1/clients/{client_id}", "get_client"))},
        public_base_url="https://api.cartera.example",
    )
    assert merged["servers"] == [
        {"url": "https://api.cartera.example", "description": "This Cartera installation."}
    ]
    assert merged["tags"] == [{"name": "clients", "description": merged["tags"][0]["description"]}]
    assert merged["tags"][0]["description"]
    assert merged["x-tagGroups"] == [{"name": "Clients", "tags": ["clients"]}]
    responses = merged["paths"]["/v1/clients/{client_id}"]["get"]["responses"]
    # The gateway's own answers, 404 for a path naming something, all as problem documents.
    assert {"401", "403", "404", "422", "429", "503"} <= set(responses)
    for code in ("401", "404", "422", "503"):
        assert responses[code]["content"] == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
        }
    assert set(merged["components"]["schemas"]) == {"A", "B", "ProblemDetails"}


def test_a_tag_a_service_describes_itself_keeps_its_description():
    crm = _service(("get", "/v1/interactions", "list_interactions"))
    crm["paths"]["/v1/interactions"]["get"]["tags"] = ["calls"]
    crm["tags"] = [{"name": "calls", "description": "Calls with clients."}]
    merged = merge_openapi(_service(), {"crm": crm})
    assert merged["tags"] == [{"name": "calls", "description": "Calls with clients."}]
    assert merged["x-tagGroups"] == [{"name": "Crm", "tags": ["calls"]}]


def test_the_committed_document_has_unique_operation_ids_described_tags_and_problems():
    document = json.loads((API_DOCS / "openapi.json").read_text())
    assert document["servers"][0]["url"].startswith("http")
    ids = [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
    ]
    assert len(ids) == len(set(ids))
    used = {t for item in document["paths"].values() for o in item.values() for t in o["tags"]}
    described = {t["name"] for t in document["tags"] if t.get("description")}
    assert used <= described, sorted(used - described)
    grouped = {t for group in document["x-tagGroups"] for t in group["tags"]}
    assert used <= grouped  # Redoc hides a tag that no group names
    for item in document["paths"].values():
        for operation in item.values():
            for code, answer in operation["responses"].items():
                if code[0] in "45":
                    assert answer["content"]["application/problem+json"]["schema"] == {
                        "$ref": "#/components/schemas/ProblemDetails"
                    }


def test_the_committed_openapi_document_lints_clean_with_redocly():
    needs(REDOCLY, "Redocly CLI")
    run = subprocess.run(
        [
            str(REDOCLY),
            "lint",
            "--config",
            str(API_TOOLS / "redocly.yaml"),
            "--format",
            "json",
            str(API_DOCS / "openapi.json"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        # No usage data sent and no update check: the lint works offline.
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    result = json.loads(run.stdout[run.stdout.index("{") :])
    problems = [
        f"{p['ruleId']}: {p['message']} ({p['location'][0]['pointer']})"
        for p in result["problems"]
        if not p.get("ignored")
    ]
    assert not problems, "\n".join(problems)
    assert run.returncode == 0, run.stderr[-2000:]


# --- /v1/docs ------------------------------------------------------------------------------------


@pytest.fixture
async def gateway():
    from cartera_gateway.main import create_app
    from cartera_gateway.settings import GatewaySettings
    from cartera_shared.testing import unstarted_settings

    settings = unstarted_settings()
    # Services that cannot answer (the discard port): the pages must work from the gateway alone.
    for name in (
        "CARTERA_CLIENTS_URL",
        "CARTERA_INVOICING_URL",
        "CARTERA_COLLECTIONS_URL",
        "CARTERA_CRM_URL",
        "CARTERA_ANALYTICS_URL",
    ):
        settings[name] = "http://127.0.0.1:9"
    app = create_app(GatewaySettings.model_validate(settings))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        yield client


ATTRIBUTE_URL = re.compile(
    r"""\b(?:src|href|spec-url|action|srcset)\s*=\s*["']([^"']*)["']""", re.I
)


def local_only(page: str) -> list[str]:
    """The URLs a page refers to that are not this origin's."""
    return [u for u in ATTRIBUTE_URL.findall(page) if not u.startswith(("/", "#", "data:"))]


async def test_the_docs_serve_the_reference_and_every_guide_from_this_origin(gateway):
    needs(guides.renderer_bundle(), "Redoc's vendored bundle")
    index = await gateway.get("/v1/docs")
    assert index.status_code == 200
    assert "<script" not in index.text
    for name in guides.GUIDES:
        assert f"href='/v1/docs/guides/{name}'" in index.text
    assert "href='/v1/docs/reference'" in index.text
    assert "<code>/v1/webhooks</code>" in index.text  # the gateway's own operations, at least
    assert "Not available right now: clients, invoicing" in index.text  # said, not hidden

    reference = await gateway.get("/v1/docs/reference")
    assert reference.status_code == 200
    assert "<redoc spec-url='/v1/openapi.json'" in reference.text
    assert f"<script src='/v1/docs/assets/{guides.RENDERER_BUNDLE}'></script>" in reference.text

    bundle = await gateway.get(f"/v1/docs/assets/{guides.RENDERER_BUNDLE}")
    assert bundle.status_code == 200
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert len(bundle.content) > 100_000
    assert "cdn.redoc.ly" not in bundle.text  # vendor.mjs replaced its only remote resource

    pages = {"/v1/docs": index, "/v1/docs/reference": reference}
    for name, title in guides.GUIDES.items():
        page = await gateway.get(f"/v1/docs/guides/{name}")
        assert page.status_code == 200, name
        assert f"<title>{title}" in page.text.replace("&amp;", "&") or title in page.text
        assert "<!--" not in page.text  # the tools' markers stay out of the page
        pages[f"/v1/docs/guides/{name}"] = page
    for path, page in pages.items():
        assert local_only(page.text) == [], path
        policy = page.headers["content-security-policy"]
        assert policy == DOCS_CONTENT_SECURITY_POLICY
        assert "http" not in policy  # no other origin may serve anything to these pages
        assert "script-src 'self'" in policy
        assert "unsafe-eval" not in policy
    # A guide's link to another guide leads to its page.
    authentication = pages["/v1/docs/guides/authentication"].text
    assert 'href="/v1/docs/guides/errors"' in authentication


async def test_the_guides_list_the_scope_catalogue_and_the_live_document_names_the_server(gateway):
    from cartera_gateway import scopes

    page = (await gateway.get("/v1/docs/guides/authentication")).text
    for scope in sorted(scopes.SCOPES):
        assert f"<code>{scope}</code>" in page, scope
    document = (await gateway.get("/v1/openapi.json")).json()
    # The live document names the configured public address (the default here).
    assert document["servers"][0]["url"] == "http://127.0.0.1:8000"
    assert document["x-unavailable-services"]  # services down: said, not hidden


async def test_unknown_guides_and_assets_are_not_found(gateway):
    for path in (
        "/v1/docs/guides/secrets",
        "/v1/docs/guides/README",
        "/v1/docs/assets/package.json",
        "/v1/docs/assets/redoc.standalone.js.map",
    ):
        answer = await gateway.get(path)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == "application/problem+json"


# --- The webhook guide's verification code, against the gateway's signing function ---------------

WEBHOOKS_GUIDE = ROOT / "docs" / "partners" / "webhooks.md"


def snippet(marker: str) -> str:
    text = WEBHOOKS_GUIDE.read_text()
    match = re.search(rf"<!-- snippet:{marker} -->\n```[a-z]+\n(.*?)```", text, re.S)
    assert match, f"no snippet {marker} in {WEBHOOKS_GUIDE}"
    return match.group(1)


SECRET = "whsec_" + "k" * 43
BODY = json.dumps(
    {"id": "3b241101-e2bb-4255-8caf-4136c566a962", "type": "payment.recorded", "data": {"ñ": 1}},
    separators=(",", ":"),
    ensure_ascii=False,
).encode()


def cases(now: int) -> list[tuple[str, dict[str, str], bytes, bool]]:
    """(what, headers, body, should verify), signed by the gateway's own function."""
    signed = {"Cartera-Timestamp": str(now), "Cartera-Signature": delivery.sign(SECRET, now, BODY)}
    old = now - 301
    return [
        ("as delivered", signed, BODY, True),
        ("a body changed by one byte", signed, BODY.replace(b"1", b"2"), False),
        (
            "another secret",
            {**signed, "Cartera-Signature": delivery.sign(SECRET + "x", now, BODY)},
            BODY,
            False,
        ),
        (
            "signed over six minutes ago",
            {"Cartera-Timestamp": str(old), "Cartera-Signature": delivery.sign(SECRET, old, BODY)},
            BODY,
            False,
        ),
        (
            "another timestamp than signed",
            {**signed, "Cartera-Timestamp": str(now - 1)},
            BODY,
            False,
        ),
        ("no signature", {"Cartera-Timestamp": str(now)}, BODY, False),
        ("a timestamp that is not a number", {**signed, "Cartera-Timestamp": "soon"}, BODY, False),
    ]


def test_the_python_verification_snippet_accepts_what_the_gateway_signs_and_nothing_else():
    namespace: dict[str, Any] = {}
    exec(compile(snippet("verify-python"), str(WEBHOOKS_GUIDE), "exec"), namespace)
    verify = namespace["verify"]
    now = int(time.time())
    for what, headers, body, expected in cases(now):
        assert verify(SECRET, headers, body) is expected, what


def test_the_javascript_verification_snippet_accepts_what_the_gateway_signs(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the web app's build needs it too (deploy/local/install.sh)")
    (tmp_path / "verify.cjs").write_text(snippet("verify-javascript"))
    now = int(time.time())
    checks = [
        {
            "what": what,
            # Node hands a handler lower-cased header names.
            "headers": {k.lower(): v for k, v in headers.items()},
            "body": body.hex(),
            "expected": expected,
        }
        for what, headers, body, expected in cases(now)
    ]
    (tmp_path / "cases.json").write_text(json.dumps(checks))
    (tmp_path / "run.cjs").write_text(
        "const { verify } = require('./verify.cjs');\n"
        "const checks = require('./cases.json');\n"
        f"const secret = {json.dumps(SECRET)};\n"
        "const wrong = checks.filter((c) => "
        "verify(secret, c.headers, Buffer.from(c.body, 'hex')) !== c.expected);\n"
        "console.log(JSON.stringify(wrong.map((c) => c.what)));\n"
    )
    run = subprocess.run(
        [node, str(tmp_path / "run.cjs")], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == []
