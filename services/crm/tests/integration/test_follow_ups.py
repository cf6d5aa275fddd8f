"""Follow-ups through the crm app: tasks, their links to interactions and requests, and the
agenda of what is due today and overdue."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from cartera_shared.pagination import encode_position
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages

from .tenants import field_of, problem

TODAY = dt.datetime.now(ZoneInfo("Europe/Madrid")).date()


async def task(crm, tenant, **body):
    made = await crm.post(
        "/v1/follow-ups",
        json={"title": "Llamar", "due_on": TODAY.isoformat(), **body},
        headers=tenant.headers,
    )
    assert made.status_code == 201, made.text
    return made.json()


async def test_the_agenda_splits_due_today_from_overdue_by_person(crm, tenant):
    client = str(tenant.client_id)
    await task(crm, tenant, client_id=client, assignee="Luis")
    late = await task(
        crm,
        tenant,
        client_id=client,
        assignee="Luis",
        due_on=(TODAY - dt.timedelta(days=3)).isoformat(),
    )
    assert late["overdue"] is True
    await task(crm, tenant, assignee="Marta", due_on=(TODAY + dt.timedelta(days=1)).isoformat())
    await task(crm, tenant)  # nobody's
    agenda = (await crm.get("/v1/follow-ups/agenda", headers=tenant.headers)).json()
    assert agenda["as_of"] == TODAY.isoformat()
    summary = {
        person["assignee"]: (len(person["due_today"]), len(person["overdue"]))
        for person in agenda["people"]
    }
    assert summary == {None: (1, 0), "Luis": (1, 1)}
    done = await crm.patch(
        f"/v1/follow-ups/{late['id']}", json={"status": "done"}, headers=tenant.headers
    )
    assert (done.json()["status"], done.json()["overdue"]) == ("done", False)
    assert done.json()["done_at"].endswith("Z")
    marta = (
        await crm.get("/v1/follow-ups/agenda", params={"assignee": "Marta"}, headers=tenant.headers)
    ).json()
    assert marta["people"] == [{"assignee": "Marta", "due_today": [], "overdue": []}]


async def test_a_task_linked_to_a_request_takes_its_client(crm, tenant):
    opened = await crm.post(
        "/v1/requests",
        json={"client_id": str(tenant.client_id), "subject": "Duda", "description": "¿Plazo?"},
        headers=tenant.headers,
    )
    made = await task(crm, tenant, request_id=opened.json()["id"])
    assert made["client_id"] == str(tenant.client_id)


async def test_bad_tasks_and_changes_are_refused(crm, tenant):
    other = await tenant.add_client()
    opened = await crm.post(
        "/v1/requests",
        json={"client_id": str(other), "subject": "Duda", "description": "¿Plazo?"},
        headers=tenant.headers,
    )
    day = TODAY.isoformat()
    for body, loc in (
        ({"title": "x", "due_on": day, "client_id": str(uuid.uuid4())}, "client_id"),
        ({"title": "x", "due_on": day, "interaction_id": str(uuid.uuid4())}, "interaction_id"),
        (
            {
                "title": "x",
                "due_on": day,
                "client_id": str(tenant.client_id),
                "request_id": opened.json()["id"],
            },
            "request_id",
        ),
        ({"title": "", "due_on": day}, "title"),
        ({"title": "x", "due_on": "mañana"}, "due_on"),
    ):
        refused = problem(await crm.post("/v1/follow-ups", json=body, headers=tenant.headers), 422)
        assert ["body", loc] in field_of(refused), refused
    assert await tenant.count("follow_ups") == 0
    made = await task(crm, tenant)
    for change in ({}, {"title": None}, {"status": "postponed"}):
        problem(
            await crm.patch(f"/v1/follow-ups/{made['id']}", json=change, headers=tenant.headers),
            422,
        )
    missing = f"/v1/follow-ups/{uuid.uuid4()}"
    problem(await crm.get(missing, headers=tenant.headers), 404)
    problem(await crm.patch(missing, json={"status": "done"}, headers=tenant.headers), 404)


async def test_follow_ups_page_by_due_date_each_once_while_more_are_added(crm, tenant):
    """Sorted by due day then id: a task added between pages lands on a later page if it sorts
    after the cursor, and is never shown twice; nothing is skipped."""
    days = [TODAY + dt.timedelta(days=d) for d in (5, 1, 3, 1, 8, 3, 2)]
    for day in days:
        await task(crm, tenant, due_on=day.isoformat(), assignee="Paging")
    added: list[str] = []

    async def another(page: int) -> None:
        # One far in the future (after every cursor) and one in the past (before all of them).
        future = await task(
            crm,
            tenant,
            due_on=(TODAY + dt.timedelta(days=30 + page)).isoformat(),
            assignee="Paging",
        )
        await task(
            crm, tenant, due_on=(TODAY - dt.timedelta(days=30)).isoformat(), assignee="Paging"
        )
        added.append(future["id"])

    seen = await walk_pages(
        crm,
        "/v1/follow-ups",
        tenant.headers,
        limit=2,
        params={"assignee": "Paging"},
        between=another,
    )
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids))
    keys = [(item["due_on"], item["id"]) for item in seen]
    assert keys == sorted(keys)
    assert set(added) <= set(ids)  # sorted after every cursor: each shows up
    assert sum(1 for item in seen if item["due_on"] < TODAY.isoformat()) == 0
    assert len(ids) == len(days) + len(added)


async def test_follow_ups_refuse_bad_cursors_and_limits(crm, tenant):
    for _ in range(3):
        await task(crm, tenant, assignee="Cursor")
    first = (await crm.get("/v1/follow-ups", params={"limit": 1}, headers=tenant.headers)).json()
    assert first["next_cursor"]
    await assert_refuses_bad_paging(
        crm, "/v1/follow-ups", tenant.headers, valid=first["next_cursor"]
    )
    for limit in ("10001", "abc"):
        answer = await crm.get("/v1/follow-ups", params={"limit": limit}, headers=tenant.headers)
        assert answer.status_code == 422, answer.text
    # A cursor whose day does not read as a day.
    forged = encode_position("follow-ups", "not-a-day", str(uuid.uuid4()))
    answer = await crm.get("/v1/follow-ups", params={"cursor": forged}, headers=tenant.headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["query", "cursor"]
