"""Interactions through the crm app: what is logged, what comes with it, and what is refused
without writing anything."""

from __future__ import annotations

import datetime as dt
import uuid

from .tenants import as_tenant, field_of, problem

NOW = dt.datetime.now(dt.UTC)
ANSWER_KEYS = {
    "id",
    "client_id",
    "channel",
    "direction",
    "occurred_at",
    "contact_name",
    "handled_by",
    "summary",
    "outcome",
    "follow_up_on",
    "request_id",
    "document_ids",
    "invoice_ids",
    "source",
    "recorded_by",
    "created_at",
}


def a_call(client_id, **changes):
    return {
        "client_id": str(client_id),
        "channel": "phone",
        "direction": "inbound",
        "occurred_at": (NOW - dt.timedelta(hours=1)).isoformat(),
        "contact_name": "Ana Ruiz",
        "handled_by": "Luis",
        "summary": "Pide un duplicado de la factura",
        "outcome": "resolved",
        **changes,
    }


async def test_an_interaction_is_logged_read_back_and_written_on_the_timeline(crm, tenant):
    logged = await crm.post(
        "/v1/interactions", json=a_call(tenant.client_id), headers=tenant.headers
    )
    assert logged.status_code == 201, logged.text
    body = logged.json()
    assert set(body) == ANSWER_KEYS
    assert body["source"] == "manual"
    assert body["recorded_by"] == "user:ana"
    assert body["occurred_at"].endswith("Z")
    assert body["follow_up_on"] is None
    again = await crm.get(f"/v1/interactions/{body['id']}", headers=tenant.headers)
    assert again.json() == body
    timeline = await crm.get(f"/v1/clients/{tenant.client_id}/timeline", headers=tenant.headers)
    assert [entry["kind"] for entry in timeline.json()["items"]] == ["interaction"]
    assert await tenant.count("outbox", "topic = 'interaction.logged'") == 1


async def test_the_outcome_follow_up_creates_the_task_for_whoever_handled_it(crm, tenant):
    tomorrow = (NOW + dt.timedelta(days=1)).date().isoformat()
    logged = await crm.post(
        "/v1/interactions",
        json=a_call(tenant.client_id, outcome="follow_up", follow_up_on=tomorrow),
        headers=tenant.headers,
    )
    assert logged.status_code == 201, logged.text
    tasks = await crm.get(
        "/v1/follow-ups", params={"client_id": str(tenant.client_id)}, headers=tenant.headers
    )
    [task] = tasks.json()["items"]
    assert task["interaction_id"] == logged.json()["id"]
    assert (task["due_on"], task["assignee"], task["status"]) == (tomorrow, "Luis", "open")


async def test_pages_come_newest_first_with_a_cursor(crm, tenant):
    for hours in (3, 2, 1):
        moment = (NOW - dt.timedelta(hours=hours)).isoformat()
        answer = await crm.post(
            "/v1/interactions",
            json=a_call(tenant.client_id, occurred_at=moment),
            headers=tenant.headers,
        )
        assert answer.status_code == 201, answer.text
    first = (await crm.get("/v1/interactions?limit=2", headers=tenant.headers)).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    rest = (
        await crm.get(
            "/v1/interactions",
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=tenant.headers,
        )
    ).json()
    assert len(rest["items"]) == 1
    assert rest["next_cursor"] is None
    moments = [item["occurred_at"] for item in first["items"] + rest["items"]]
    assert moments == sorted(moments, reverse=True)


async def test_the_same_idempotency_key_gives_the_first_answer_once(crm, tenant):
    headers = {**tenant.headers, "Idempotency-Key": "call-1"}
    first = await crm.post("/v1/interactions", json=a_call(tenant.client_id), headers=headers)
    repeat = await crm.post("/v1/interactions", json=a_call(tenant.client_id), headers=headers)
    assert first.status_code == repeat.status_code == 201
    assert repeat.json() == first.json()
    assert await tenant.count("interactions") == 1
    other = await crm.post(
        "/v1/interactions", json=a_call(tenant.client_id, summary="Otra cosa"), headers=headers
    )
    problem(other, 409)
    assert await tenant.count("interactions") == 1


async def test_bad_interactions_are_refused_naming_the_field_and_nothing_is_written(
    crm, tenant, owner
):
    other_client = await tenant.add_client()
    opened = await crm.post(
        "/v1/requests",
        json={"client_id": str(other_client), "subject": "Duda", "description": "¿Plazo?"},
        headers=tenant.headers,
    )
    assert opened.status_code == 201, opened.text
    future = (NOW + dt.timedelta(hours=2)).isoformat()
    cases = {
        "unknown client": (a_call(uuid.uuid4()), ["body", "client_id"]),
        "bad channel": (a_call(tenant.client_id, channel="fax"), ["body", "channel"]),
        "in the future": (a_call(tenant.client_id, occurred_at=future), ["body", "occurred_at"]),
        "follow-up without its day": (
            a_call(tenant.client_id, outcome="follow_up"),
            ["body", "follow_up_on"],
        ),
        "another client's request": (
            a_call(tenant.client_id, request_id=opened.json()["id"]),
            ["body", "request_id"],
        ),
        "an invoice crm never saw": (
            a_call(tenant.client_id, invoice_ids=[str(uuid.uuid4())]),
            ["body", "invoice_ids", 0],
        ),
        "no timezone": (a_call(tenant.client_id, occurred_at="2026-12-01T10:00:00"), None),
        "unknown field": (a_call(tenant.client_id, mood="happy"), None),
    }
    for name, (body, loc) in cases.items():
        refused = problem(
            await crm.post("/v1/interactions", json=body, headers=tenant.headers), 422
        )
        if loc is not None:
            assert loc in field_of(refused), (name, refused)
    assert await tenant.count("interactions") == 0
    assert await tenant.count("outbox", "topic = 'interaction.logged'") == 0


async def test_an_interaction_of_another_tenant_or_none_is_not_found(crm, tenant, owner):
    logged = await crm.post(
        "/v1/interactions", json=a_call(tenant.client_id), headers=tenant.headers
    )

    for interaction_id, headers in (
        (logged.json()["id"], as_tenant(uuid.uuid4())),
        (str(uuid.uuid4()), tenant.headers),
    ):
        problem(await crm.get(f"/v1/interactions/{interaction_id}", headers=headers), 404)
    problem(await crm.get("/v1/interactions/not-an-id", headers=tenant.headers), 422)
