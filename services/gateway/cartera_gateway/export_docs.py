"""Writes the system's OpenAPI and AsyncAPI documents to files, from the code, offline.

    python -m cartera_gateway.export_docs docs/api

The gateway serves the same documents live at /v1/openapi.json and /v1/asyncapi.json; the files
exist for readers of the repository and for partners' code generators, and a test keeps them equal
to what the code produces.
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

from cartera_gateway.docs import merge_asyncapi, merge_openapi
from cartera_gateway.main import create_app as create_gateway
from cartera_gateway.settings import GatewaySettings
from cartera_shared.settings import ServiceSettings

SERVICES = ("clients", "invoicing", "collections", "crm", "analytics")
# Fixed, so the documents do not depend on the machine that wrote them.
DOCUMENTED_BROKER = "127.0.0.1:9092"


def _throwaway_settings() -> dict[str, str]:
    """What the apps need to be built (never started): no server is reached, no secret kept."""
    return {
        "KAFKA_BOOTSTRAP_SERVERS": DOCUMENTED_BROKER,
        "DATABASE_URL": "postgresql+asyncpg://docs@127.0.0.1:1/docs",
        "CARTERA_INTERNAL_SECRET": secrets.token_hex(32),
        "CARTERA_ADMIN_TOKEN": secrets.token_hex(32),
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


def documents() -> tuple[dict[str, Any], dict[str, Any]]:
    openapi_parts: dict[str, dict[str, Any] | None] = {}
    asyncapi_parts: dict[str, dict[str, Any] | None] = {}
    for name in SERVICES:
        module = importlib.import_module(f"cartera_{name}.main")
        with _environment(CRM_INBOUND_KEY=secrets.token_hex(32)):  # crm reads its own key
            app = module.create_app(ServiceSettings.model_validate(_throwaway_settings()))
        openapi_parts[name] = app.openapi()
        asyncapi_parts[name] = _asyncapi(app)
    gateway = create_gateway(GatewaySettings.model_validate(_throwaway_settings()))
    asyncapi_parts["gateway"] = _asyncapi(gateway)
    return merge_openapi(gateway.openapi(), openapi_parts), merge_asyncapi(asyncapi_parts)


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
    print(f"wrote {target}/openapi.json and {target}/asyncapi.json")


if __name__ == "__main__":
    main()
