"""What the database and the code say when they fail stays in the log: the caller gets a fixed
sentence (and, for our own errors, the request id that finds the log line), never SQL, a
constraint's name, a driver's words or an exception's text."""

from __future__ import annotations

import logging
import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from cartera_shared.db import create_engine
from cartera_shared.problems import install_problem_handlers
from cartera_shared.request_context import RequestContextMiddleware

# Words of PostgreSQL, asyncpg, SQLAlchemy and Python that must never reach a caller.
INSIDE_WORDS = (
    "select",
    "insert",
    "sql",
    "asyncpg",
    "sqlalchemy",
    "$1",
    "query argument",
    "int32",
    "0x00",
    "utf8",
    "byte sequence",
    "duplicate key",
    "constraint",
    "problem_lab",
    "out of range for type",
    "syntax error",
    "keyerror",
    "traceback",
    "s3cr3t",
)


@pytest.fixture
async def client(app_url):
    engine = create_engine(app_url, pool_size=1)
    table = f"problem_lab_{uuid.uuid4().hex[:8]}"
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service="lab")

    async def run(sql: str, **params: object) -> None:
        async with engine.begin() as conn:
            await conn.execute(text(sql), params)

    @app.get("/nul")
    async def nul() -> None:
        await run("SELECT CAST(:v AS text)", v="a\x00b")

    @app.get("/number-argument")
    async def number_argument() -> None:
        await run("SELECT CAST(:n AS integer)", n=99_999_999_999)

    @app.get("/overflow")
    async def overflow() -> None:
        await run("SELECT 2147483647 + CAST(:n AS integer)", n=1)

    @app.get("/too-long")
    async def too_long() -> None:
        async with engine.begin() as conn:
            await conn.execute(text(f"CREATE TEMP TABLE {table} (code varchar(3))"))
            await conn.execute(text(f"INSERT INTO {table} VALUES (:v)"), {"v": "abcdef"})

    @app.get("/unique")
    async def unique() -> None:
        async with engine.begin() as conn:
            await conn.execute(
                text(f"CREATE TEMP TABLE {table} (tax_id text CONSTRAINT {table}_key UNIQUE)")
            )
            for _ in range(2):
                await conn.execute(text(f"INSERT INTO {table} VALUES ('s3cr3t')"))

    @app.get("/syntax")
    async def syntax() -> None:
        await run("SELEC 1")

    @app.get("/bug")
    async def bug() -> None:
        raise KeyError("s3cr3t")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://lab") as http:
        yield http
    await engine.dispose()


def assert_says_nothing_of_the_inside(answer: httpx.Response) -> dict:
    assert answer.headers["content-type"] == "application/problem+json"
    lowered = answer.text.lower()
    leaked = [word for word in INSIDE_WORDS if word in lowered]
    assert not leaked, answer.text
    return answer.json()


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/nul", "cannot be stored (NUL)"),
        ("/number-argument", "cannot be stored"),
        ("/overflow", "too large or too small"),
        ("/too-long", "longer than can be stored"),
    ],
)
async def test_a_value_the_database_refuses_is_a_422_in_plain_words(client, path, said, caplog):
    with caplog.at_level(logging.WARNING, logger="cartera_shared.problems"):
        answer = await client.get(path)
    assert answer.status_code == 422
    body = assert_says_nothing_of_the_inside(answer)
    assert said in body["detail"]
    assert "nothing was written" in body["detail"]
    # The driver's own words are kept for whoever investigates.
    assert any("refused a value" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("path", ["/unique", "/syntax", "/bug"])
async def test_our_own_errors_are_a_500_with_the_request_id(client, path, caplog):
    with caplog.at_level(logging.ERROR, logger="cartera_shared.problems"):
        answer = await client.get(path, headers={"X-Request-ID": f"req-{path[1:]}-0001"})
    assert answer.status_code == 500
    body = assert_says_nothing_of_the_inside(answer)
    assert body["request_id"] == f"req-{path[1:]}-0001"
    assert body["request_id"] in body["detail"]
    logged = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert logged
    assert logged[-1].exc_info is not None
