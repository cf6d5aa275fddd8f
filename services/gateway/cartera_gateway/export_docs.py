"""Writes the system's OpenAPI and AsyncAPI documents to files, from the code, offline.

    python -m cartera_gateway.export_docs docs/api

The gateway serves the same documents live at /v1/openapi.json and /v1/asyncapi.json; the files
exist for readers of the repository and for partners' code generators, and a test keeps them equal
to what the code produces. The same run writes the gateway's route table
(cartera_gateway/routes.json): the only routes it forwards, taken from the services' documents,
and rewrites the generated parts of the partner guides (docs/partners, cartera_gateway.guides).
The file's `servers` entry is the default CARTERA_GATEWAY_PUBLIC_BASE_URL, whatever this machine
sets; the live document names the configured one.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from faststream.specification import AsyncAPI

from cartera_gateway import event_docs
from cartera_gateway.docs import merge_asyncapi, merge_openapi
from cartera_gateway.guides import refreshed_guides
from cartera_gateway.main import create_app as create_gateway
from cartera_gateway.routes import ROUTES_FILE, published_routes
from cartera_gateway.settings import GatewaySettings
from cartera_shared.settings import ServiceSettings

SERVICES = ("clients", "invoicing", "collections", "crm", "analytics")
WEBHOOKS_FILE = "webhooks.asyncapi.json"
CATALOGUE_FILE = Path(__file__).resolve().parents[3] / "docs" / "partners" / "events.md"
# Fixed, so the documents do not depend on the machine that wrote them.
DOCUMENTED_BROKER = "127.0.0.1:9092"
DOCUMENTED_BASE_URL = str(GatewaySettings.model_fields["public_base_url"].default)


def _throwaway_settings() -> dict[str, str]:
    """What the apps need to be built (never started): no server is reached, no secret kept."""
    return {
        "CARTERA_KAFKA_BOOTSTRAP_SERVERS": DOCUMENTED_BROKER,
        "CARTERA_DATABASE_URL": "postgresql+asyncpg://docs@127.0.0.1:1/docs",
        "CARTERA_INTERNAL_SECRET": secrets.token_hex(32),
        "CARTERA_GATEWAY_ADMIN_TOKEN": secrets.token_hex(32),
        "CARTERA_DATA_KEY": secrets.token_hex(32),
    }


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _services() -> dict[str, Any]:
    apps = {}
    for name in SERVICES:
        module = importlib.import_module(f"cartera_{name}.main")
        # crm and invoicing read keys of their own from the environment.
        with _environment(
            CARTERA_CRM_INBOUND_KEY=secrets.token_hex(32), CARTERA_DATA_KEY=secrets.token_hex(32)
        ):
            apps[name] = module.create_app(ServiceSettings.model_validate(_throwaway_settings()))
    return apps


def documents() -> tuple[dict[str, Any], dict[str, Any]]:
    openapi_parts, asyncapi_parts = service_documents()
    gateway = openapi_parts.pop("gateway")
    assert gateway is not None
    merged = merge_openapi(gateway, openapi_parts, public_base_url=DOCUMENTED_BASE_URL)
    return merged, merge_asyncapi(asyncapi_parts)


def service_documents() -> tuple[
    dict[str, dict[str, Any] | None], dict[str, dict[str, Any] | None]
]:
    """Each app's own OpenAPI and AsyncAPI documents, the gateway's included, before merging."""
    apps = _services()
    apps["gateway"] = create_gateway(GatewaySettings.model_validate(_throwaway_settings()))
    openapi_parts: dict[str, dict[str, Any] | None] = {n: a.openapi() for n, a in apps.items()}
    asyncapi_parts: dict[str, dict[str, Any] | None] = {n: _asyncapi(a) for n, a in apps.items()}
    return openapi_parts, asyncapi_parts


def route_table() -> dict[str, Any]:
    """The gateway's routes.json, from the services' own OpenAPI documents."""
    return published_routes({name: app.openapi() for name, app in _services().items()})


def _asyncapi(app: Any) -> dict[str, Any]:
    runtime = app.state.runtime
    spec = AsyncAPI(runtime.broker, title=f"Cartera {runtime.name} events").to_specification()
    document: dict[str, Any] = spec.to_jsonable()
    return document


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/api")
    target.mkdir(parents=True, exist_ok=True)
    openapi, asyncapi = documents()
    (target / "openapi.json").write_text(render(openapi))
    (target / "asyncapi.json").write_text(render(asyncapi))
    (target / WEBHOOKS_FILE).write_text(render(event_docs.webhooks_document()))
    CATALOGUE_FILE.parent.mkdir(parents=True, exist_ok=True)
    CATALOGUE_FILE.write_text(event_docs.catalogue())
    ROUTES_FILE.write_text(render(route_table()))
    print(f"wrote {target}/openapi.json, {target}/asyncapi.json and {ROUTES_FILE}")
    for path, text in refreshed_guides(openapi).items():
        path.write_text(text)
        print(f"rewrote the generated parts of {path}")


if __name__ == "__main__":
    main()
