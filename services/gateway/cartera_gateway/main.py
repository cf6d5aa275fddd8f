"""Process entry point of the gateway: the only door, on 127.0.0.1:8000 by default."""

from __future__ import annotations

import os

import httpx
from fastapi import FastAPI

from cartera_gateway import admin, docs, proxy
from cartera_gateway.models import SCHEMA
from cartera_gateway.settings import GatewaySettings
from cartera_shared.events import topics
from cartera_shared.service import create_service_app, serve

NAME = "gateway"
DEFAULT_PORT = 8000


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    async def start(app: FastAPI) -> None:
        app.state.http = httpx.AsyncClient(
            timeout=settings.upstream_timeout_seconds,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )

    async def stop(app: FastAPI) -> None:
        await app.state.http.aclose()

    app = create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings,
        # Order matters: the catch-all proxy routes come last.
        routers=[admin.router, docs.router, proxy.router],
        produces=(topics.TENANT_CREATED,),
        description="The only door for SaaS customers' people and partners' systems.",
        on_startup=start,
        on_shutdown=stop,
    )
    app.state.admin_token = settings.admin_token.get_secret_value()
    app.state.upstreams = settings.upstreams()
    app.state.max_body_bytes = settings.max_body_bytes
    app.state.self_url = f"http://127.0.0.1:{os.environ.get('PORT', DEFAULT_PORT)}"
    return app


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
