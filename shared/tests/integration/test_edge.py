"""The edge's typed dependencies against the real server: a route's transaction commits before
its answer is sent, rolls back when it raises, and a failed commit never reaches the caller as a
success; `answer_once` gives one answer per Idempotency-Key."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, Header
from sqlalchemy import MetaData, insert, select, text

from cartera_shared import idempotency
from cartera_shared.db import tenant_transaction
from cartera_shared.edge import TenantSession
from cartera_shared.identity import InternalKeys
from cartera_shared.problems import Conflict, install_problem_handlers
from cartera_shared.testing import TEST_INTERNAL_SECRET, internal_headers

from .conftest import Lab

SERVICE = "lab"


def lab_app(lab: Lab, keys: Any) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.runtime = SimpleNamespace(name=SERVICE, sessions=lab.sessions)
    app.state.internal_keys = InternalKeys(current=TEST_INTERNAL_SECRET)
    effects = lab.effects

    @app.post("/effects", status_code=201)
    async def add(note: str, session: TenantSession, tenant: Annotated[str, Header()]) -> Any:
        await session.execute(insert(effects).values(id=uuid.uuid4(), tenant_id=tenant, note=note))
        return {"note": note}

    @app.post("/effects/refused")
    async def add_then_refuse(
        note: str, session: TenantSession, tenant: Annotated[str, Header()]
    ) -> Any:
        await session.execute(insert(effects).values(id=uuid.uuid4(), tenant_id=tenant, note=note))
        raise Conflict("refused after writing")

    @app.post("/effects/twice", status_code=201)
    async def add_twice(note: str, session: TenantSession, tenant: Annotated[str, Header()]) -> Any:
        # Two rows with one note: only the deferred constraint, checked at COMMIT, refuses it.
        for _ in range(2):
            await session.execute(
                insert(effects).values(id=uuid.uuid4(), tenant_id=tenant, note=note)
            )
        return {"note": note}

    @app.post("/effects/once")
    async def add_once(
        note: str,
        session: TenantSession,
        tenant: Annotated[str, Header()],
        key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    ) -> Any:
        async def work() -> dict[str, str]:
            row_id = uuid.uuid4()
            await session.execute(insert(effects).values(id=row_id, tenant_id=tenant, note=note))
            return {"id": str(row_id), "note": note}

        return await idempotency.answer_once(
            session,
            keys,
            tenant_id=uuid.UUID(tenant),
            key=key,
            operation="add-effect",
            payload={"note": note},
            work=work,
            headers=lambda body: {"Location": f"/effects/{body['id']}"},
        )

    return app


@pytest.fixture
async def api(lab: Lab) -> Any:
    keys = idempotency.idempotency_table(MetaData(schema=lab.schema))
    async with lab.owner.begin() as conn:
        await conn.run_sync(keys.metadata.create_all)
        await conn.execute(
            text(
                f'ALTER TABLE "{lab.schema}".effects ADD CONSTRAINT effects_note_once '
                "UNIQUE (note) DEFERRABLE INITIALLY DEFERRED"
            )
        )
    transport = httpx.ASGITransport(app=lab_app(lab, keys), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://lab") as client:
        yield client


def caller(tenant: uuid.UUID, **extra: str) -> dict[str, str]:
    return {**internal_headers(tenant, service=SERVICE), "tenant": str(tenant), **extra}


async def notes(lab: Lab, tenant: uuid.UUID) -> list[str]:
    # Row-level security binds every role: the rows are read as the tenant's.
    async with tenant_transaction(lab.sessions, tenant) as session:
        found = await session.execute(select(lab.effects.c.note).order_by(lab.effects.c.note))
        return list(found.scalars())


async def test_the_write_is_committed_when_the_answer_arrives(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    answer = await api.post("/effects", params={"note": "kept"}, headers=caller(tenant))
    assert answer.status_code == 201
    assert await notes(lab, tenant) == ["kept"]


async def test_a_refusal_leaves_nothing_written(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    answer = await api.post("/effects/refused", params={"note": "gone"}, headers=caller(tenant))
    assert answer.status_code == 409
    assert await notes(lab, tenant) == []


async def test_a_commit_that_fails_is_never_answered_as_a_success(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    answer = await api.post("/effects/twice", params={"note": "twin"}, headers=caller(tenant))
    assert answer.status_code >= 400, answer.text
    assert await notes(lab, tenant) == []


async def test_without_a_token_no_transaction_is_opened(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    answer = await api.post("/effects", params={"note": "anon"}, headers={"tenant": str(tenant)})
    assert answer.status_code == 401
    assert await notes(lab, tenant) == []


async def test_one_answer_per_idempotency_key(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    first = await api.post(
        "/effects/once",
        params={"note": "once"},
        headers=caller(tenant, **{"Idempotency-Key": "k1"}),
    )
    again = await api.post(
        "/effects/once",
        params={"note": "once"},
        headers=caller(tenant, **{"Idempotency-Key": "k1"}),
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert (
        first.headers["Location"] == again.headers["Location"] == f"/effects/{first.json()['id']}"
    )
    assert await notes(lab, tenant) == ["once"]
    other_body = await api.post(
        "/effects/once",
        params={"note": "other"},
        headers=caller(tenant, **{"Idempotency-Key": "k1"}),
    )
    assert other_body.status_code == 409
    assert await notes(lab, tenant) == ["once"]


async def test_without_a_key_every_request_does_the_work(lab: Lab, api: httpx.AsyncClient):
    tenant = uuid.uuid4()
    for note in ("a", "b"):
        answer = await api.post("/effects/once", params={"note": note}, headers=caller(tenant))
        assert answer.status_code == 201
    assert await notes(lab, tenant) == ["a", "b"]
