"""Client requests through the crm app: their lifecycle, the CSAT survey closing brings, the
tenant's SLA policy, and the moves and changes that are refused."""

from __future__ import annotations

import datetime as dt
import uuid

from .tenants import as_tenant, field_of, problem, public

NOW = dt.datetime.now(dt.UTC)
REQUEST_KEYS = {
    "id",
    "client_id",
    "subject",
    "description",
    "priority",
    "status",
    "channel",
    "assignee",
    "opened_at",
    "sla_due_at",
    "sla_breached",
    "resolved_at",
    "closed_at",
    "reopened_count",
    "version",
    "created_by",
    "updated_at",
}


async def open_one(crm, tenant, **changes):
    opened = await crm.post(
        "/v1/requests",
        json={
            "client_id": str(tenant.client_id),
            "subject": "Error en la factura",
            "description": "El NIF no es el nuestro.",
            **changes,
        },
        headers=tenant.headers,
    )
    assert opened.status_code == 201, opened.text
    return opened.json()


async def move(crm, tenant, request_id, status, **more):
    return await crm.post(
        f"/v1/requests/{request_id}/status",
        json={"status": status, **more},
        headers=tenant.headers,
    )


async def test_a_request_is_worked_resolved_and_closed_with_a_csat_link(crm, tenant):
    opened = await open_one(crm, tenant, priority="high", channel="email")
    assert set(opened) == REQUEST_KEYS
    assert (opened["status"], opened["version"], opened["sla_breached"]) == ("open", 1, False)
    due = dt.datetime.fromisoformat(opened["sla_due_at"])
    assert due - dt.datetime.fromisoformat(opened["opened_at"]) == dt.timedelta(hours=8)
    for status in ("in_progress", "resolved"):
        moved = await move(crm, tenant, opened["id"], status)
        assert moved.status_code == 200, moved.text
        assert "survey" not in moved.json()  # only closing brings one
    closed = await move(crm, tenant, opened["id"], "closed", note="Rectificada")
    assert closed.status_code == 200, closed.text
    survey = closed.json()["survey"]
    assert (survey["kind"], survey["request_id"], survey["status"]) == (
        "csat",
        opened["id"],
        "pending",
    )
    assert survey["link"]["url"] == (
        f"https://api.cartera.test/v1/public/surveys/{survey['link']['token']}"
    )
    read = (await crm.get(f"/v1/requests/{opened['id']}", headers=tenant.headers)).json()
    assert [(h["from"], h["to"]) for h in read["history"]] == [
        (None, "open"),
        ("open", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert read["history"][-1]["note"] == "Rectificada"
    assert await tenant.count("outbox", "topic = 'request.closed'") == 1
    kinds = {
        entry["kind"]
        for entry in (
            await crm.get(f"/v1/clients/{tenant.client_id}/timeline", headers=tenant.headers)
        ).json()["items"]
    }
    assert kinds == {"request_opened", "request_resolved", "request_closed"}


async def test_a_closed_request_reopened_counts_it_and_its_old_survey_link_stops_working(
    crm, tenant
):
    opened = await open_one(crm, tenant)
    await move(crm, tenant, opened["id"], "resolved")
    closed = (await move(crm, tenant, opened["id"], "closed")).json()
    refused = problem(
        await crm.patch(
            f"/v1/requests/{opened['id']}", json={"subject": "Otro"}, headers=tenant.headers
        ),
        409,
    )
    assert "closed" in str(refused["detail"])
    reopened = await move(crm, tenant, opened["id"], "open")
    assert reopened.status_code == 200, reopened.text
    body = reopened.json()
    assert (body["status"], body["reopened_count"], body["closed_at"]) == ("open", 1, None)
    await move(crm, tenant, opened["id"], "resolved")
    again = (await move(crm, tenant, opened["id"], "closed")).json()
    old_link = f"/v1/public/surveys/{closed['survey']['link']['token']}"
    problem(await crm.get(old_link, headers=public()), 410)  # superseded by the new one
    new_link = f"/v1/public/surveys/{again['survey']['link']['token']}"
    assert (await crm.get(new_link, headers=public())).status_code == 200


async def test_impossible_moves_are_409_with_the_allowed_ones_and_change_nothing(crm, tenant):
    opened = await open_one(crm, tenant)
    refused = problem(await move(crm, tenant, opened["id"], "closed"), 409)
    assert refused["current_status"] == "open"
    assert refused["allowed"] == ["in_progress", "resolved", "waiting_on_client"]
    problem(await move(crm, tenant, opened["id"], "archived"), 422)
    before = (await crm.get(f"/v1/requests/{opened['id']}", headers=tenant.headers)).json()
    earlier = (NOW - dt.timedelta(days=2)).isoformat()  # before the request was opened
    out_of_order = problem(await move(crm, tenant, opened["id"], "resolved", at=earlier), 422)
    assert ["body", "at"] in field_of(out_of_order)
    after = (await crm.get(f"/v1/requests/{opened['id']}", headers=tenant.headers)).json()
    assert after == before
    assert len(after["history"]) == 1


async def test_bad_requests_are_refused_and_other_tenants_requests_are_not_found(crm, tenant):
    future = (NOW + dt.timedelta(hours=1)).isoformat()
    for body, loc in (
        ({"client_id": str(uuid.uuid4()), "subject": "x", "description": "y"}, "client_id"),
        ({"client_id": str(tenant.client_id), "subject": "", "description": "y"}, "subject"),
        (
            {
                "client_id": str(tenant.client_id),
                "subject": "x",
                "description": "y",
                "channel": "fax",
            },
            "channel",
        ),
        (
            {
                "client_id": str(tenant.client_id),
                "subject": "x",
                "description": "y",
                "opened_at": future,
            },
            "opened_at",
        ),
    ):
        refused = problem(await crm.post("/v1/requests", json=body, headers=tenant.headers), 422)
        assert ["body", loc] in field_of(refused), refused
    assert await tenant.count("requests") == 0
    mine = await open_one(crm, tenant)
    stranger = as_tenant(uuid.uuid4())
    problem(await crm.get(f"/v1/requests/{mine['id']}", headers=stranger), 404)
    problem(await move(crm, tenant, uuid.uuid4(), "resolved"), 404)
    problem(await crm.patch(f"/v1/requests/{mine['id']}", json={}, headers=tenant.headers), 422)


async def test_the_tenant_s_sla_policy_sets_new_due_times_and_must_not_grow_with_priority(
    crm, tenant
):
    default = (await crm.get("/v1/crm/sla-policy", headers=tenant.headers)).json()
    assert default == {
        "resolve_hours": {"urgent": 4, "high": 8, "normal": 24, "low": 72},
        "defaults": {"urgent": 4, "high": 8, "normal": 24, "low": 72},
    }
    problem(
        await crm.put(
            "/v1/crm/sla-policy",
            json={"urgent": 10, "high": 8, "normal": 24, "low": 72},
            headers=tenant.headers,
        ),
        422,
    )
    changed = await crm.put(
        "/v1/crm/sla-policy",
        json={"urgent": 2, "high": 6, "normal": 12, "low": 48},
        headers=tenant.headers,
    )
    assert changed.json()["resolve_hours"]["normal"] == 12
    opened = await open_one(crm, tenant)
    due = dt.datetime.fromisoformat(opened["sla_due_at"])
    assert due - dt.datetime.fromisoformat(opened["opened_at"]) == dt.timedelta(hours=12)
    urgent = await crm.patch(
        f"/v1/requests/{opened['id']}", json={"priority": "urgent"}, headers=tenant.headers
    )
    due = dt.datetime.fromisoformat(urgent.json()["sla_due_at"])
    assert due - dt.datetime.fromisoformat(opened["opened_at"]) == dt.timedelta(hours=2)
    breached = await crm.get("/v1/requests", params={"breached": "false"}, headers=tenant.headers)
    assert [r["id"] for r in breached.json()["items"]] == [opened["id"]]
