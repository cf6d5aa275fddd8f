"""`GET /v1/series` pages like every list (issue 19): it was a bare array."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import internal_headers


def as_tenant(tenant_id: uuid.UUID) -> dict[str, str]:
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


async def open_series(api, tenant: uuid.UUID, code: str) -> dict:
    answer = await api.post(
        "/v1/series", json={"code": code, "prefix": code}, headers=as_tenant(tenant)
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_pages_of_series_hold_each_once_in_order_while_series_are_opened(api):
    tenant = uuid.uuid4()
    opened = [await open_series(api, tenant, f"S{n}") for n in range(5)]
    more: list[dict] = []

    async def open_another(page: int) -> None:
        more.append(await open_series(api, tenant, f"N{page}"))

    seen = await walk_pages(api, "/v1/series", as_tenant(tenant), limit=2, between=open_another)
    # Oldest first: the ones opened while reading come last, nothing twice, nothing skipped.
    assert [s["id"] for s in seen] == [s["id"] for s in opened + more]
    assert len(more) >= 2
    whole = (await api.get("/v1/series", headers=as_tenant(tenant))).json()
    assert whole == {"items": seen, "next_cursor": None}


async def test_series_refuse_bad_cursors_and_limits_and_another_tenants_cursor_shows_nothing(api):
    tenant, other = uuid.uuid4(), uuid.uuid4()
    for code in ("A", "B"):
        await open_series(api, tenant, code)
    await open_series(api, other, "Z")
    first = (await api.get("/v1/series?limit=1", headers=as_tenant(tenant))).json()
    assert first["next_cursor"]
    await assert_refuses_bad_paging(
        api, "/v1/series", as_tenant(tenant), valid=first["next_cursor"]
    )
    # A cursor is a position, not a grant: another tenant's cursor pages only that tenant's own.
    theirs = await api.get(
        "/v1/series", params={"cursor": first["next_cursor"]}, headers=as_tenant(other)
    )
    assert theirs.status_code == 200, theirs.text
    assert all(s["code"] == "Z" for s in theirs.json()["items"])
    for answer in (
        await api.get("/v1/series?limit=500", headers=as_tenant(tenant)),
        await api.get("/v1/series?limit=1", headers=as_tenant(tenant)),
    ):
        assert answer.status_code == 200, answer.text


# Quotes (the first `limit` before) and recurring invoices (unpaged before) page the same way.
LINES = [{"description": "Revisión", "quantity": "2", "unit_price": "80.00", "vat_rate": "21"}]


@pytest.fixture
async def books(api, owner_url):
    """A tenant with an ordinary series F and one active client in the replica."""
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    await open_series(api, tenant_id, "F")
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant_id)
            await conn.execute(
                text(
                    "INSERT INTO invoicing.client_replicas (tenant_id, client_id, version, status, "
                    "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                    "'Replicada S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
                ),
                {
                    "t": tenant_id,
                    "c": client_id,
                    "s": f'{{"id": "{client_id}"}}',
                    "e": uuid.uuid4(),
                },
            )
    finally:
        await engine.dispose()
    return tenant_id, client_id


async def make_quote(api, tenant_id, client_id) -> str:
    answer = await api.post(
        "/v1/quotes",
        json={"client_id": str(client_id), "lines": LINES},
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


async def make_recurring(api, tenant_id, client_id) -> str:
    starts = business_day.today().replace(day=1) + dt.timedelta(days=400)
    answer = await api.post(
        "/v1/recurring-invoices",
        json={
            "client_id": str(client_id),
            "series": "F",
            "lines": LINES,
            "starts_on": starts.isoformat(),
            "auto_issue": False,
        },
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.mark.parametrize(
    ("path", "make"), [("/v1/quotes", make_quote), ("/v1/recurring-invoices", make_recurring)]
)
async def test_quotes_and_recurring_invoices_page_oldest_first_while_more_are_made(
    api, books, path, make
):
    tenant_id, client_id = books
    made = [await make(api, tenant_id, client_id) for _ in range(4)]

    async def make_another(page: int) -> None:
        made.append(await make(api, tenant_id, client_id))

    seen = await walk_pages(api, path, as_tenant(tenant_id), limit=3, between=make_another)
    # Oldest first: each once, in the order made, those made while reading at the end.
    assert [i["id"] for i in seen] == made
    first = (await api.get(path, params={"limit": 1}, headers=as_tenant(tenant_id))).json()
    await assert_refuses_bad_paging(api, path, as_tenant(tenant_id), valid=first["next_cursor"])
    # The series' cursor is not one of this list.
    await open_series(api, tenant_id, "G")
    series = (await api.get("/v1/series?limit=1", headers=as_tenant(tenant_id))).json()
    refused = await api.get(
        path, params={"cursor": series["next_cursor"]}, headers=as_tenant(tenant_id)
    )
    assert refused.status_code == 422, refused.text
