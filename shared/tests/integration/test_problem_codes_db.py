"""The database's refusals, on the real server, answer with the one body: a value it cannot
store is a final 422 `unstorable_value`; a transaction that lost a race is a "not yet" 503
`concurrent_change` with Retry-After; our own errors a 500 `internal_error` without it."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from cartera_shared.contract import ProblemDetails
from cartera_shared.db import create_engine
from cartera_shared.problems import install_problem_handlers
from cartera_shared.request_context import RequestContextMiddleware


def raising(sqlstate: str) -> str:
    # PostgreSQL itself raises the error, with the SQLSTATE the driver then reports.
    return f"DO $$ BEGIN RAISE EXCEPTION 'lab' USING ERRCODE = '{sqlstate}'; END $$"


@pytest.fixture
async def client(app_url):
    engine = create_engine(app_url, pool_size=1)
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service="lab")

    @app.get("/sql/{name}")
    async def run(name: str) -> None:
        statements = {
            "nul": "SELECT CAST(:v AS text)",
            "serialization": raising("40001"),
            "deadlock": raising("40P01"),
            "syntax": "SELEC 1",
        }
        params = {"v": "a\x00b"} if name == "nul" else {}
        async with engine.begin() as conn:
            await conn.execute(text(statements[name]), params)

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://lab") as http:
        yield http
    await engine.dispose()


@pytest.mark.parametrize(
    ("name", "status", "code", "retry_after"),
    [
        ("nul", 422, "unstorable_value", None),
        ("serialization", 503, "concurrent_change", "1"),
        ("deadlock", 503, "concurrent_change", "1"),
        ("syntax", 500, "internal_error", None),
    ],
)
async def test_each_database_refusal_has_its_code(client, name, status, code, retry_after):
    answer = await client.get(f"/sql/{name}")
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    ProblemDetails.model_validate(body)
    assert body["code"] == code
    assert answer.headers.get("Retry-After") == retry_after
    assert body.get("retry_after") == (int(retry_after) if retry_after else None)
    assert "errors" not in body
