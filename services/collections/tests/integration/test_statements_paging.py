"""`GET /v1/collections/bank-statements` and `.../bank-statement-lines` page like every list
(issue 19): they gave the latest 200 statements and the first 1000 lines only."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert

from cartera_collections.models import bank_statements, statement_lines
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.pagination import encode_position
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


LINES = "/v1/collections/bank-statement-lines"


async def a_line(owner, tenant_id: uuid.UUID, statement_id: str, seq: int, booked_on) -> str:
    """An unmatched credit of the statement, as an import writes it."""
    line_id = uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            insert(statement_lines).values(
                id=line_id,
                tenant_id=tenant_id,
                statement_id=uuid.UUID(statement_id),
                seq=seq,
                booked_on=booked_on,
                value_on=booked_on,
                amount="10.00",
                reference="",
                remittance="transferencia",
                status="unmatched",
            )
        )
    return str(line_id)


async def test_statement_lines_page_by_booking_day_each_once_while_more_arrive(api, owner):
    """Sorted by booking day, place in the statement, then id: two statements share days and
    places, a line booked later arrives between pages and is read; one booked earlier is not."""
    tenant = uuid.uuid4()
    first, second = await imported(owner, tenant), await imported(owner, tenant)
    day = dt.date(2026, 11, 2)
    for statement in (first, second):
        for seq, offset in enumerate((0, 1, 1, 3), start=1):
            await a_line(owner, tenant, statement, seq, day + dt.timedelta(days=offset))
    late: list[str] = []

    async def another(page: int) -> None:
        late.append(await a_line(owner, tenant, second, 10 + page, day + dt.timedelta(days=20)))
        await a_line(owner, tenant, first, 10 + page, day - dt.timedelta(days=20))

    seen = await walk_pages(api, LINES, as_tenant(tenant), limit=3, between=another)
    ids = [line["id"] for line in seen]
    assert len(ids) == len(set(ids))
    days = [line["booked_on"] for line in seen]
    assert days == sorted(days)
    assert len(ids) == 8 + len(late)
    assert set(late) <= set(ids)
    assert min(days) == day.isoformat()  # the earlier ones came after the first page: not read
    page = (await api.get(LINES, params={"limit": 1}, headers=as_tenant(tenant))).json()
    await assert_refuses_bad_paging(api, LINES, as_tenant(tenant), valid=page["next_cursor"])
    for limit in ("10001", "abc", "0"):
        answer = await api.get(LINES, params={"limit": limit}, headers=as_tenant(tenant))
        assert answer.status_code == 422, answer.text
    forged = encode_position("statement-lines", day.isoformat(), "first", str(uuid.uuid4()))
    answer = await api.get(LINES, params={"cursor": forged}, headers=as_tenant(tenant))
    assert (answer.status_code, answer.json()["errors"][0]["loc"]) == (422, ["query", "cursor"])
    theirs = await api.get(
        LINES, params={"cursor": page["next_cursor"]}, headers=as_tenant(uuid.uuid4())
    )
    assert theirs.json() == {"items": [], "next_cursor": None}
