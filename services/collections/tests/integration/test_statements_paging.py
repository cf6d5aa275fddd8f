"""`GET /v1/collections/bank-statements` pages like every list (issue 19): it gave the latest
200 statements only."""

import uuid

import pytest
from sqlalchemy import insert

from cartera_collections.models import bank_statements
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import internal_headers

PATH = "/v1/collections/bank-statements"


def as_tenant(tenant_id: uuid.UUID) -> dict[str, str]:
    return internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:a")


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


async def imported(owner, tenant_id: uuid.UUID) -> str:
    """A statement row as an import writes it (its own transaction: a later `imported_at`)."""
    statement_id = uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            insert(bank_statements).values(
                id=statement_id,
                tenant_id=tenant_id,
                format="norma43",
                account="2100/0418/0200051332",
                currency="EUR",
                opening_balance="0.00",
                closing_balance="10.00",
                file_sha256=uuid.uuid4().hex * 2,
                filename="extracto.n43",
            )
        )
    return str(statement_id)


async def test_statements_page_newest_first_each_once_while_more_are_imported(api, owner):
    tenant = uuid.uuid4()
    there = [await imported(owner, tenant) for _ in range(5)]
    later: list[str] = []

    async def another(page: int) -> None:
        later.append(await imported(owner, tenant))

    seen = await walk_pages(api, PATH, as_tenant(tenant), limit=2, between=another)
    # Newest first: what is imported while reading is newer than the first page, not shown.
    assert [s["id"] for s in seen] == list(reversed(there))
    assert later
    assert {s["waiting_for_review"] for s in seen} == {0}
    first = (await api.get(PATH, params={"limit": 1}, headers=as_tenant(tenant))).json()
    await assert_refuses_bad_paging(api, PATH, as_tenant(tenant), valid=first["next_cursor"])
    theirs = await api.get(
        PATH, params={"cursor": first["next_cursor"]}, headers=as_tenant(uuid.uuid4())
    )
    assert theirs.json() == {"items": [], "next_cursor": None}
