"""CRM through the gateway, with every service, the real broker and the real database behind it:
interactions, requests and their SLA, inbound messages, satisfaction surveys, follow-ups and the
client timeline fed by invoicing's and collections' events."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import uuid
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import text

from cartera_shared.db import create_engine, set_tenant
from cartera_shared.events import topics
from cartera_shared.testing import random_cif, read_topic

from .helpers import assert_problem, client_payload, eventually

NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.date()
MADRID_TODAY = dt.datetime.now(ZoneInfo("Europe/Madrid")).date()
CHANNELS = ("email", "phone", "whatsapp", "web_form", "in_person", "video_call", "other")
ADDRESS = {"street": "Calle Mayor 3", "postal_code": "28013", "city": "Madrid", "country": "ES"}


async def crm_client(tenant, **overrides):
    """A client of the tenant, once the crm service holds its replica."""
    payload = client_payload(
        email="compras@ferreteriasol.es",
        phone="+34 912 345 678",
        contacts=[
            {"name": "Marta Gil", "email": "marta.gil@ferreteriasol.es", "phone": "600111222"}
        ],
        **overrides,
    )
    answer = await tenant.client.post("/v1/clients", json=payload)
    assert answer.status_code == 201, answer.text
    client = answer.json()

    async def replicated():
        replicas = (await tenant.client.get(f"/v1/clients/{client['id']}/replicas")).json()
        return replicas["replicas"]["crm"]["status"] == "current"

    await eventually(replicated)
    return client


def interaction(client_id, **overrides):
    body = {
        "client_id": client_id,
        "channel": "phone",
        "direction": "inbound",
        "occurred_at": (NOW - dt.timedelta(hours=2)).isoformat(),
        "contact_name": "Marta Gil",
        "handled_by": "ana",
        "summary": "Pregunta por el plazo de entrega del pedido 118",
        "outcome": "resolved",
    }
    body.update(overrides)
    return body


def data_of(records, key, value):
    return [
        json.loads(r.value)["data"] for r in records if json.loads(r.value)["data"][key] == value
    ]


async def count(tenant, path, **params):
    answer = await tenant.client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return len(answer.json()["items"])


# ------------------------------------------------------------------ interactions


async def test_interactions_on_every_channel_are_logged_paged_and_published(
    tenant, kafka_bootstrap
):
    client = await crm_client(tenant)
    created = []
    for n, channel in enumerate(CHANNELS):
        answer = await tenant.client.post(
            "/v1/interactions",
            json=interaction(
                client["id"],
                channel=channel,
                direction="outbound" if n % 2 else "inbound",
                occurred_at=(NOW - dt.timedelta(hours=10 - n)).isoformat(),
                summary=f"Contacto {channel}",
            ),
        )
        assert answer.status_code == 201, answer.text
        created.append(answer.json())
    assert [c["channel"] for c in created] == list(CHANNELS)

    one = await tenant.client.get(f"/v1/interactions/{created[0]['id']}")
    assert one.json()["summary"] == "Contacto email"
    assert one.json()["recorded_by"].startswith("api_key:")

    # Keyset pages, newest first, no repeats, nothing missing.
    seen, cursor = [], None
    while True:
        params = {"client_id": client["id"], "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await tenant.client.get("/v1/interactions", params=params)).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [c["id"] for c in reversed(created)]
    whatsapp = await tenant.client.get("/v1/interactions", params={"channel": "whatsapp"})
    assert [i["channel"] for i in whatsapp.json()["items"]] == ["whatsapp"]

    records = await read_topic(
        kafka_bootstrap,
        topics.INTERACTION_LOGGED,
        until=lambda rs: sum(client["id"].encode() in r.value for r in rs) >= len(CHANNELS),
    )
    mine = data_of(records, "client_id", client["id"])
    assert len(mine) == len(CHANNELS)
    first = next(d for d in mine if d["interaction_id"] == created[0]["id"])
    assert first == {
        "interaction_id": created[0]["id"],
        "client_id": client["id"],
        "channel": "email",
        "direction": "inbound",
        "occurred_at": created[0]["occurred_at"],
        "outcome": "resolved",
        "summary": "Contacto email",
    }
    assert first["occurred_at"].endswith("Z")
    envelope = next(json.loads(r.value) for r in records if created[0]["id"].encode() in r.value)
    assert envelope["subject"] == created[0]["id"]
    assert envelope["producer"] == "crm"


async def test_a_follow_up_outcome_creates_the_task_and_links_are_checked(tenant, other_tenant):
    client = await crm_client(tenant)
    due = (MADRID_TODAY + dt.timedelta(days=3)).isoformat()
    answer = await tenant.client.post(
        "/v1/interactions",
        json=interaction(
            client["id"],
            outcome="follow_up",
            follow_up_on=due,
            document_ids=[str(uuid.uuid4())],
        ),
    )
    assert answer.status_code == 201, answer.text
    tasks = (await tenant.client.get("/v1/follow-ups", params={"client_id": client["id"]})).json()
    assert [(t["due_on"], t["assignee"], t["interaction_id"]) for t in tasks["items"]] == [
        (due, "ana", answer.json()["id"])
    ]
    # An invoice that is not this tenant's (or not issued) cannot be linked.
    bad = await tenant.client.post(
        "/v1/interactions", json=interaction(client["id"], invoice_ids=[str(uuid.uuid4())])
    )
    assert bad.status_code == 422
    # Idempotency-Key: the same key and body give the same interaction, once.
    key = {"Idempotency-Key": f"int-{uuid.uuid4()}"}
    body = interaction(client["id"], summary="Llamada con clave")
    one = await tenant.client.post("/v1/interactions", json=body, headers=key)
    two = await tenant.client.post("/v1/interactions", json=body, headers=key)
    assert one.status_code == two.status_code == 201
    assert one.json()["id"] == two.json()["id"]
    other = await tenant.client.post(
        "/v1/interactions", json={**body, "summary": "otra"}, headers=key
    )
    assert other.status_code == 409
    assert await count(tenant, "/v1/interactions", client_id=client["id"]) == 2


async def test_bad_interactions_are_refused_and_nothing_is_written(tenant, other_tenant):
    client = await crm_client(tenant)
    stranger = await crm_client(other_tenant)
    good = interaction(client["id"])
    missing = {k: v for k, v in good.items() if k != "outcome"}
    cases = [
        {**good, "channel": "fax"},
        {**good, "direction": "sideways"},
        {**good, "outcome": "maybe"},
        missing,
        {k: v for k, v in good.items() if k != "client_id"},
        {**good, "unexpected": 1},
        {**good, "summary": ""},
        {**good, "summary": "x" * 2001},
        {**good, "occurred_at": "2026-01-01T10:00:00"},  # no time zone
        {**good, "occurred_at": (NOW + dt.timedelta(days=1)).isoformat()},
        {**good, "outcome": "follow_up"},  # without its date
        {**good, "follow_up_on": TODAY.isoformat()},  # a date without follow_up
        {**good, "client_id": "not-a-uuid"},
        {**good, "client_id": str(uuid.uuid4())},  # unknown client
        {**good, "client_id": stranger["id"]},  # another tenant's client
        {**good, "document_ids": ["x"]},
        {**good, "request_id": str(uuid.uuid4())},
    ]
    for body in cases:
        answer = await tenant.client.post("/v1/interactions", json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
    nobody = str(uuid.uuid4())
    unknown = await tenant.client.post("/v1/interactions", json={**good, "client_id": nobody})
    theirs = await tenant.client.post(
        "/v1/interactions", json={**good, "client_id": stranger["id"]}
    )
    # Another tenant's client reads exactly as one that never existed.
    assert unknown.json()["detail"] == f"client_id: there is no client {nobody}."
    assert theirs.json()["detail"] == f"client_id: there is no client {stranger['id']}."
    assert await count(tenant, "/v1/interactions") == 0
    assert await count(tenant, "/v1/follow-ups") == 0

    mine = await other_tenant.client.post("/v1/interactions", json=interaction(stranger["id"]))
    assert mine.status_code == 201
    assert (await tenant.client.get(f"/v1/interactions/{mine.json()['id']}")).status_code == 404
    assert await count(tenant, "/v1/interactions") == 0
    # Without an API key nothing crm answers but the public routes.
    async with httpx.AsyncClient(base_url=str(tenant.client.base_url)) as anonymous:
        assert (await anonymous.get("/v1/interactions")).status_code == 401
        assert (await anonymous.get("/v1/crm/triage")).status_code == 401


# ------------------------------------------------------------------ requests


async def test_a_request_goes_through_its_lifecycle_with_events_and_a_csat_survey(
    tenant, kafka_bootstrap
):
    client = await crm_client(tenant)
    opened = await tenant.client.post(
        "/v1/requests",
        json={
            "client_id": client["id"],
            "subject": "Factura con el IVA mal aplicado",
            "description": "La factura F-12 lleva el 10 % y debería ser el 21 %.",
            "priority": "urgent",
            "channel": "email",
        },
    )
    assert opened.status_code == 201, opened.text
    req = opened.json()
    assert (req["status"], req["priority"], req["sla_breached"]) == ("open", "urgent", False)
    opened_at = dt.datetime.fromisoformat(req["opened_at"])
    assert dt.datetime.fromisoformat(req["sla_due_at"]) - opened_at == dt.timedelta(hours=4)

    async def move(to, expect=200, **extra):
        answer = await tenant.client.post(
            f"/v1/requests/{req['id']}/status", json={"status": to, **extra}
        )
        assert answer.status_code == expect, (to, answer.text)
        return answer.json()

    refused = await move("closed", 409)  # not resolved yet
    assert refused["current_status"] == "open"
    assert "resolved" in refused["allowed"]
    await move("in_progress")
    await move("waiting_on_client", note="Pedimos copia de la factura")
    await move("in_progress")
    await move("open", 409)
    patched = await tenant.client.patch(
        f"/v1/requests/{req['id']}", json={"assignee": "luis", "priority": "high"}
    )
    assert patched.json()["assignee"] == "luis"
    assert dt.datetime.fromisoformat(patched.json()["sla_due_at"]) - opened_at == dt.timedelta(
        hours=8
    )
    resolved = await move("resolved", note="Rectificativa emitida")
    assert resolved["resolved_at"] is not None
    closed = await move("closed")
    assert closed["status"] == "closed"
    assert closed["sla_breached"] is False
    survey = closed["survey"]
    assert (survey["kind"], survey["status"], survey["request_id"]) == (
        "csat",
        "pending",
        req["id"],
    )
    assert survey["link"]["url"].endswith(f"/v1/public/surveys/{survey['link']['token']}")
    assert (
        await tenant.client.patch(f"/v1/requests/{req['id']}", json={"assignee": "x"})
    ).status_code == 409
    await move("in_progress", 409)

    detail = (await tenant.client.get(f"/v1/requests/{req['id']}")).json()
    assert [(h["from"], h["to"]) for h in detail["history"]] == [
        (None, "open"),
        ("open", "in_progress"),
        ("in_progress", "waiting_on_client"),
        ("waiting_on_client", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert detail["history"][2]["note"] == "Pedimos copia de la factura"

    # Reopened, then closed again: a second request.closed and a fresh CSAT; the first link dies.
    reopened = await move("open", note="El cliente dice que sigue mal")
    assert (reopened["reopened_count"], reopened["resolved_at"]) == (1, None)
    await move("resolved")
    again = await move("closed")
    surveys = (await tenant.client.get("/v1/surveys", params={"request_id": req["id"]})).json()
    assert sorted(s["status"] for s in surveys["items"]) == ["pending", "superseded"]
    async with httpx.AsyncClient(base_url=str(tenant.client.base_url)) as anonymous:
        old = await anonymous.get(f"/v1/public/surveys/{survey['link']['token']}")
        assert old.status_code == 410
        fresh = await anonymous.get(f"/v1/public/surveys/{again['survey']['link']['token']}")
        assert fresh.status_code == 200

    opened_events = await read_topic(
        kafka_bootstrap,
        topics.REQUEST_OPENED,
        until=lambda rs: any(req["id"].encode() in r.value for r in rs),
    )
    assert data_of(opened_events, "request_id", req["id"]) == [
        {
            "request_id": req["id"],
            "client_id": client["id"],
            "subject": "Factura con el IVA mal aplicado",
            "priority": "urgent",
            "opened_at": req["opened_at"],
            "sla_due_at": req["sla_due_at"],
        }
    ]
    closed_events = await read_topic(
        kafka_bootstrap,
        topics.REQUEST_CLOSED,
        until=lambda rs: sum(req["id"].encode() in r.value for r in rs) >= 2,
    )
    mine = data_of(closed_events, "request_id", req["id"])
    assert len(mine) == 2
    assert mine[0] == {
        "request_id": req["id"],
        "client_id": client["id"],
        "priority": "high",
        "opened_at": req["opened_at"],
        "closed_at": closed["closed_at"],
        "sla_breached": False,
    }


async def test_sla_targets_per_priority_breaches_and_the_tenant_policy(tenant, kafka_bootstrap):
    client = await crm_client(tenant)
    policy = (await tenant.client.get("/v1/crm/sla-policy")).json()
    assert policy["resolve_hours"] == {"urgent": 4, "high": 8, "normal": 24, "low": 72}

    async def open_(priority, hours_ago):
        answer = await tenant.client.post(
            "/v1/requests",
            json={
                "client_id": client["id"],
                "subject": f"{priority} hace {hours_ago} h",
                "description": "Consulta",
                "priority": priority,
                "opened_at": (NOW - dt.timedelta(hours=hours_ago)).isoformat(),
            },
        )
        assert answer.status_code == 201, answer.text
        return answer.json()

    late = await open_("high", 10)  # due 8 h after opening: 2 h ago
    on_time = await open_("low", 10)  # due in 62 h
    assert (late["sla_breached"], on_time["sla_breached"]) == (True, False)
    # Resolved within the target (backfilled at the time it happened): kept.
    in_time = await open_("urgent", 6)
    for status, hours_ago in (("in_progress", 5), ("resolved", 3), ("closed", 2)):
        answer = await tenant.client.post(
            f"/v1/requests/{in_time['id']}/status",
            json={"status": status, "at": (NOW - dt.timedelta(hours=hours_ago)).isoformat()},
        )
        assert answer.status_code == 200, answer.text
    assert answer.json()["sla_breached"] is False
    # A change cannot be dated before the previous one, nor in the future.
    for at in (NOW - dt.timedelta(hours=11), NOW + dt.timedelta(days=1)):
        answer = await tenant.client.post(
            f"/v1/requests/{late['id']}/status", json={"status": "resolved", "at": at.isoformat()}
        )
        assert answer.status_code == 422, answer.text
    for status in ("resolved", "closed"):
        answer = await tenant.client.post(
            f"/v1/requests/{late['id']}/status", json={"status": status}
        )
    assert answer.json()["sla_breached"] is True

    breached = await tenant.client.get(
        "/v1/requests", params={"client_id": client["id"], "breached": "true"}
    )
    assert [r["id"] for r in breached.json()["items"]] == [late["id"]]
    kept = await tenant.client.get(
        "/v1/requests", params={"client_id": client["id"], "breached": "false"}
    )
    assert {r["id"] for r in kept.json()["items"]} == {on_time["id"], in_time["id"]}
    closed_events = await read_topic(
        kafka_bootstrap,
        topics.REQUEST_CLOSED,
        until=lambda rs: any(late["id"].encode() in r.value for r in rs),
    )
    assert data_of(closed_events, "request_id", late["id"])[0]["sla_breached"] is True

    for bad in (
        {"urgent": 0, "high": 8, "normal": 24, "low": 72},
        {"urgent": 10, "high": 8, "normal": 24, "low": 72},  # urgent slower than high
        {"urgent": 4, "high": 8, "normal": 24},
        {"urgent": 4, "high": 8, "normal": 24, "low": 72, "extra": 1},
    ):
        assert (await tenant.client.put("/v1/crm/sla-policy", json=bad)).status_code == 422
    put = await tenant.client.put(
        "/v1/crm/sla-policy", json={"urgent": 2, "high": 6, "normal": 12, "low": 48}
    )
    assert put.json()["resolve_hours"]["urgent"] == 2
    fast = await open_("urgent", 0)
    due = dt.datetime.fromisoformat(fast["sla_due_at"]) - dt.datetime.fromisoformat(
        fast["opened_at"]
    )
    assert due == dt.timedelta(hours=2)


async def test_bad_requests_and_other_tenants_ids_are_refused(tenant, other_tenant):
    client = await crm_client(tenant)
    stranger = await crm_client(other_tenant)
    good = {"client_id": client["id"], "subject": "Duda", "description": "Texto"}
    for body in (
        {**good, "priority": "critical"},
        {k: v for k, v in good.items() if k != "subject"},
        {**good, "subject": ""},
        {**good, "subject": "x" * 301},
        {**good, "client_id": str(uuid.uuid4())},
        {**good, "client_id": stranger["id"]},
        {**good, "status": "closed"},
        {**good, "channel": "pigeon"},
        {**good, "opened_at": (NOW + dt.timedelta(days=2)).isoformat()},
    ):
        answer = await tenant.client.post("/v1/requests", json=body)
        assert answer.status_code == 422, (body, answer.text)
    assert await count(tenant, "/v1/requests") == 0

    theirs = (
        await other_tenant.client.post("/v1/requests", json={**good, "client_id": stranger["id"]})
    ).json()
    for method, path, body in (
        ("GET", f"/v1/requests/{theirs['id']}", None),
        ("PATCH", f"/v1/requests/{theirs['id']}", {"assignee": "intruso"}),
        ("POST", f"/v1/requests/{theirs['id']}/status", {"status": "in_progress"}),
    ):
        answer = await tenant.client.request(method, path, json=body)
        assert answer.status_code == 404, (method, path, answer.text)
    still = (await other_tenant.client.get(f"/v1/requests/{theirs['id']}")).json()
    assert (still["status"], still["assignee"]) == ("open", None)
    mine = (await tenant.client.post("/v1/requests", json=good)).json()
    for body in ({"status": "reopened"}, {"status": "in_progress", "extra": 1}, {}):
        answer = await tenant.client.post(f"/v1/requests/{mine['id']}/status", json=body)
        assert answer.status_code == 422, body
    for body in ({}, {"priority": None}, {"priority": "meh"}):
        assert (
            await tenant.client.patch(f"/v1/requests/{mine['id']}", json=body)
        ).status_code == 422


# ------------------------------------------------------------------ surveys


async def test_nps_and_csat_are_answered_once_through_a_public_link(
    tenant, other_tenant, kafka_bootstrap, owner_url
):
    client = await crm_client(tenant)
    created = await tenant.client.post(
        "/v1/surveys", json={"client_id": client["id"], "kind": "nps"}
    )
    assert created.status_code == 201, created.text
    nps = created.json()
    token = nps["link"]["token"]
    stranger = await crm_client(other_tenant)
    for body in (
        {"client_id": client["id"], "kind": "ces"},
        {"client_id": stranger["id"], "kind": "nps"},
        {"client_id": client["id"], "kind": "nps", "expires_in_days": 0},
        {"client_id": client["id"], "kind": "nps", "extra": True},
    ):
        assert (await tenant.client.post("/v1/surveys", json=body)).status_code == 422, body

    async with httpx.AsyncClient(base_url=str(tenant.client.base_url)) as anonymous:
        shown = await anonymous.get(f"/v1/public/surveys/{token}")
        assert shown.status_code == 200, shown.text
        assert shown.json()["scale"] == {"min": 0, "max": 10}
        for bad in (
            {"score": 11},
            {"score": -1},
            {"score": "9"},
            {"score": 9.5},
            {},
            {"score": 9, "x": 1},
        ):
            answer = await anonymous.post(f"/v1/public/surveys/{token}", json=bad)
            assert answer.status_code == 422, (bad, answer.text)
        huge = await anonymous.post(
            f"/v1/public/surveys/{token}", json={"score": 9, "comment": "x" * 20_000}
        )
        assert huge.status_code == 413  # the gateway takes small bodies only on public routes
        assert (await tenant.client.get(f"/v1/surveys/{nps['id']}")).json()["status"] == "pending"
        answered = await anonymous.post(
            f"/v1/public/surveys/{token}", json={"score": 9, "comment": "Muy atentos"}
        )
        assert answered.status_code == 200, answered.text
        twice = await anonymous.post(f"/v1/public/surveys/{token}", json={"score": 2})
        assert twice.status_code == 409
        assert (await anonymous.get(f"/v1/public/surveys/{token}")).status_code == 409
        assert (await anonymous.get(f"/v1/public/surveys/{'x' * 43}")).status_code == 404
        assert (
            await anonymous.post(f"/v1/public/surveys/{uuid.uuid4().hex}x", json={"score": 3})
        ).status_code == 404

        # An expired link: 410, and nothing recorded.
        expiring = (
            await tenant.client.post(
                "/v1/surveys", json={"client_id": client["id"], "kind": "csat"}
            )
        ).json()
        engine = create_engine(owner_url, pool_size=1)
        try:
            async with engine.begin() as conn:
                await set_tenant(conn, tenant.id)
                await conn.execute(
                    text(
                        "UPDATE crm.surveys SET expires_at = now() - interval '1 minute' "
                        "WHERE id = :id"
                    ),
                    {"id": expiring["id"]},
                )
        finally:
            await engine.dispose()
        late = await anonymous.post(
            f"/v1/public/surveys/{expiring['link']['token']}", json={"score": 4}
        )
        assert late.status_code == 410
        # A new link replaces the old one: the old token no longer opens anything.
        pending = (
            await tenant.client.post(
                "/v1/surveys", json={"client_id": client["id"], "kind": "csat"}
            )
        ).json()
        relinked = await tenant.client.post(f"/v1/surveys/{pending['id']}/link")
        assert relinked.status_code == 200
        assert (
            await anonymous.get(f"/v1/public/surveys/{pending['link']['token']}")
        ).status_code == 404
        assert (
            await anonymous.post(
                f"/v1/public/surveys/{relinked.json()['link']['token']}", json={"score": 5}
            )
        ).status_code == 200
        assert (await tenant.client.post(f"/v1/surveys/{pending['id']}/link")).status_code == 409

    listed = (await tenant.client.get("/v1/surveys", params={"client_id": client["id"]})).json()
    states = {s["id"]: (s["status"], s["score"]) for s in listed["items"]}
    assert states == {
        nps["id"]: ("answered", 9),
        expiring["id"]: ("expired", None),
        pending["id"]: ("answered", 5),
    }
    assert (await other_tenant.client.get(f"/v1/surveys/{nps['id']}")).status_code == 404
    records = await read_topic(
        kafka_bootstrap,
        topics.SATISFACTION_RECORDED,
        until=lambda rs: sum(client["id"].encode() in r.value for r in rs) >= 2,
    )
    mine = data_of(records, "client_id", client["id"])
    assert len(mine) == 2
    recorded = next(d for d in mine if d["survey_id"] == nps["id"])
    assert recorded["kind"] == "nps"
    assert recorded["score"] == 9
    assert recorded["request_id"] is None
    assert recorded["answered_at"].endswith("Z")


async def test_the_csat_of_a_closed_request_carries_its_request(tenant, kafka_bootstrap):
    client = await crm_client(tenant)
    req = (
        await tenant.client.post(
            "/v1/requests",
            json={"client_id": client["id"], "subject": "Alta", "description": "Alta de usuario"},
        )
    ).json()
    for status in ("resolved", "closed"):
        answer = await tenant.client.post(
            f"/v1/requests/{req['id']}/status", json={"status": status}
        )
    token = answer.json()["survey"]["link"]["token"]
    async with httpx.AsyncClient(base_url=str(tenant.client.base_url)) as anonymous:
        assert (
            await anonymous.post(f"/v1/public/surveys/{token}", json={"score": 6})
        ).status_code == 422
        # Two submissions at once: one answer, one 409.
        both = await asyncio.gather(
            anonymous.post(f"/v1/public/surveys/{token}", json={"score": 4}),
            anonymous.post(f"/v1/public/surveys/{token}", json={"score": 1}),
        )
        assert sorted(a.status_code for a in both) == [200, 409]
        winner = next(a for a in both if a.status_code == 200).json()["score"]
    records = await read_topic(
        kafka_bootstrap,
        topics.SATISFACTION_RECORDED,
        until=lambda rs: any(req["id"].encode() in r.value for r in rs),
    )
    [csat] = data_of(records, "client_id", client["id"])
    assert (csat["kind"], csat["score"], csat["request_id"]) == ("csat", winner, req["id"])


# ------------------------------------------------------------------ inbound messages


def signed(secret, body: bytes, *, timestamp=None):
    stamp = str(int(timestamp if timestamp is not None else time.time()))
    mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Cartera-Timestamp": stamp,
        "X-Cartera-Signature": f"sha256={mac}",
    }


def message(**overrides):
    body = {
        "message_id": f"<{uuid.uuid4()}@mail.example>",
        "from": "Marta Gil <Marta.Gil@ferreteriasol.es>",
        "to": "soporte@empresa.es",
        "subject": "Pedido 118",
        "text": "¿Cuándo llega el pedido 118?",
        "channel": "email",
    }
    body.update(overrides)
    return json.dumps(body).encode()


async def test_inbound_messages_become_interactions_requests_or_triage(tenant, other_tenant, stack):
    client = await crm_client(tenant)
    url = f"/v1/inbound/{tenant.id}/generic"
    async with httpx.AsyncClient(base_url=stack.gateway) as provider:
        early = await provider.post(url, content=message(), headers=signed("whsec_x", message()))
        assert early.status_code == 401  # no secret yet
        secret = (await tenant.client.post("/v1/crm/inbound-secret")).json()["secret"]

        body = message()
        by_email = await provider.post(url, content=body, headers=signed(secret, body))
        assert by_email.status_code == 202, by_email.text
        assert (by_email.json()["kind"], by_email.json()["client_id"]) == (
            "interaction",
            client["id"],
        )
        logged = (await tenant.client.get(f"/v1/interactions/{by_email.json()['id']}")).json()
        assert (logged["channel"], logged["direction"], logged["source"]) == (
            "email",
            "inbound",
            "inbound",
        )
        assert logged["outcome"] == "follow_up"
        assert logged["summary"] == "Pedido 118: ¿Cuándo llega el pedido 118?"

        body = message(**{"from": "whatsapp:+34600111222", "channel": "whatsapp", "subject": None})
        by_phone = await provider.post(url, content=body, headers=signed(secret, body))
        assert by_phone.json()["client_id"] == client["id"], by_phone.text

        body = message(
            **{"from": "compras@ferreteriasol.es", "channel": "web_form", "subject": "Presupuesto"}
        )
        form = await provider.post(url, content=body, headers=signed(secret, body))
        assert form.json()["kind"] == "request"
        request = (await tenant.client.get(f"/v1/requests/{form.json()['id']}")).json()
        assert (request["subject"], request["channel"], request["status"]) == (
            "Presupuesto",
            "web_form",
            "open",
        )

        body = message(**{"from": "desconocido@otro.es"})
        unknown = await provider.post(url, content=body, headers=signed(secret, body))
        assert unknown.json()["status"] == "triaged"

        interactions_before = await count(tenant, "/v1/interactions")
        triage_before = await count(tenant, "/v1/crm/triage")
        fresh = message()
        replay_body = body
        refused = {
            "unsigned": (fresh, {"Content-Type": "application/json"}),
            "bad signature": (
                fresh,
                {**signed(secret, fresh), "X-Cartera-Signature": "sha256=" + "0" * 64},
            ),
            "signed with another secret": (fresh, signed("whsec_" + "a" * 43, fresh)),
            "tampered body": (fresh.replace(b"118", b"119"), signed(secret, fresh)),
            "too old": (fresh, signed(secret, fresh, timestamp=time.time() - 301)),
            "from the future": (fresh, signed(secret, fresh, timestamp=time.time() + 600)),
            "no timestamp": (
                fresh,
                {
                    "Content-Type": "application/json",
                    "X-Cartera-Signature": signed(secret, fresh)["X-Cartera-Signature"],
                },
            ),
        }
        for name, (content, headers) in refused.items():
            answer = await provider.post(url, content=content, headers=headers)
            assert answer.status_code == 401, (name, answer.text)
        replayed = await provider.post(
            url, content=replay_body, headers=signed(secret, replay_body)
        )
        assert replayed.status_code == 409
        # The same new message delivered twice at once: one is taken, the other refused.
        twin = message()
        both = await asyncio.gather(
            *(provider.post(url, content=twin, headers=signed(secret, twin)) for _ in range(2))
        )
        assert sorted(a.status_code for a in both) == [202, 409]
        interactions_before += 1
        for name, content in {
            "not json": b"hola",
            "missing text": message(text=None),
            "bad channel": message(channel="fax"),
            "extra field": message(priority="urgent"),
        }.items():
            answer = await provider.post(url, content=content, headers=signed(secret, content))
            assert answer.status_code == 422, (name, answer.text)
        huge = message(text="x" * 300_000)
        answer = await provider.post(url, content=huge, headers=signed(secret, huge))
        assert answer.status_code == 413
        # Another tenant's secret does not sign for this tenant; unknown tenants are 404.
        theirs = (await other_tenant.client.post("/v1/crm/inbound-secret")).json()["secret"]
        answer = await provider.post(url, content=fresh, headers=signed(theirs, fresh))
        assert answer.status_code == 401
        answer = await provider.post(
            f"/v1/inbound/{uuid.uuid4()}/generic", content=fresh, headers=signed(secret, fresh)
        )
        assert answer.status_code == 404
        assert await count(tenant, "/v1/interactions") == interactions_before
        assert await count(tenant, "/v1/crm/triage") == triage_before

        # Rotation: the new secret works, the previous one still works for the grace period.
        rotated = (await tenant.client.post("/v1/crm/inbound-secret")).json()
        assert rotated["secret"] != secret
        assert rotated["previous_valid_until"] is not None
        for key in (rotated["secret"], secret):
            body = message()
            answer = await provider.post(url, content=body, headers=signed(key, body))
            assert answer.status_code == 202, answer.text

    # Triage: file the unknown sender's message under the client, once.
    [item] = (await tenant.client.get("/v1/crm/triage")).json()["items"]
    assert (item["from"], item["reason"]) == ("desconocido@otro.es", "unknown_sender")
    assert (
        await other_tenant.client.post(
            f"/v1/crm/triage/{item['id']}/assign", json={"client_id": client["id"]}
        )
    ).status_code == 404
    bad = await tenant.client.post(
        f"/v1/crm/triage/{item['id']}/assign", json={"client_id": str(uuid.uuid4())}
    )
    assert bad.status_code == 422
    filed = await tenant.client.post(
        f"/v1/crm/triage/{item['id']}/assign", json={"client_id": client["id"], "create": "request"}
    )
    assert filed.status_code == 200, filed.text
    assert filed.json()["resolved_kind"] == "request"
    again = await tenant.client.post(
        f"/v1/crm/triage/{item['id']}/assign", json={"client_id": client["id"]}
    )
    assert again.status_code == 409
    assert await count(tenant, "/v1/crm/triage") == 0


async def test_a_sender_shared_by_two_clients_goes_to_triage_and_can_be_dismissed(tenant, stack):
    await crm_client(tenant)
    await crm_client(tenant, legal_name="Ferretería Sol Norte S.L.")  # same addresses
    secret = (await tenant.client.post("/v1/crm/inbound-secret")).json()["secret"]
    body = message()
    async with httpx.AsyncClient(base_url=stack.gateway) as provider:
        answer = await provider.post(
            f"/v1/inbound/{tenant.id}/generic", content=body, headers=signed(secret, body)
        )
    assert answer.json()["status"] == "triaged", answer.text
    [item] = (await tenant.client.get("/v1/crm/triage")).json()["items"]
    assert item["reason"] == "ambiguous_sender"
    dismissed = await tenant.client.post(f"/v1/crm/triage/{item['id']}/dismiss")
    assert dismissed.json()["status"] == "dismissed"
    assert (await tenant.client.post(f"/v1/crm/triage/{item['id']}/dismiss")).status_code == 409
    listed = await tenant.client.get("/v1/crm/triage", params={"status": "dismissed"})
    assert [i["id"] for i in listed.json()["items"]] == [item["id"]]
    assert await count(tenant, "/v1/interactions") == 0


async def test_a_mailgun_route_is_verified_the_way_mailgun_signs(tenant, stack):
    client = await crm_client(tenant)
    secret = (await tenant.client.post("/v1/crm/inbound-secret")).json()["secret"]
    url = f"/v1/inbound/{tenant.id}/mailgun"

    def form(**overrides):
        stamp = str(int(time.time()))
        token = uuid.uuid4().hex
        fields = {
            "timestamp": stamp,
            "token": token,
            "signature": hmac.new(
                secret.encode(), (stamp + token).encode(), hashlib.sha256
            ).hexdigest(),
            "from": "Compras <compras@ferreteriasol.es>",
            "recipient": "soporte@empresa.es",
            "subject": "Albarán",
            "body-plain": "Adjunto el albarán firmado",
            "Message-Id": f"<{uuid.uuid4()}@mailgun>",
        }
        fields.update(overrides)
        return urlencode(fields)

    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with httpx.AsyncClient(base_url=stack.gateway) as mailgun:
        body = form()
        ok = await mailgun.post(url, content=body, headers=headers)
        assert ok.status_code == 202, ok.text
        assert ok.json()["client_id"] == client["id"]
        assert (await mailgun.post(url, content=body, headers=headers)).status_code == 409
        assert (
            await mailgun.post(url, content=form(signature="0" * 64), headers=headers)
        ).status_code == 401
        assert (
            await mailgun.post(url, content=form(timestamp="1000"), headers=headers)
        ).status_code == 401
    assert await count(tenant, "/v1/interactions") == 1


async def test_a_captured_mailgun_signature_cannot_carry_another_message(tenant, stack):
    """Mailgun signs timestamp + token only: whoever captured one post could send any message
    with its signature. A token is accepted once, whatever the Message-Id, sender and body."""
    client = await crm_client(tenant)
    secret = (await tenant.client.post("/v1/crm/inbound-secret")).json()["secret"]
    url = f"/v1/inbound/{tenant.id}/mailgun"
    stamp, token = str(int(time.time())), secrets.token_hex(25)
    signed = {
        "timestamp": stamp,
        "token": token,
        "signature": hmac.new(
            secret.encode(), (stamp + token).encode(), hashlib.sha256
        ).hexdigest(),
    }
    original = {
        **signed,
        "from": "Compras <compras@ferreteriasol.es>",
        "recipient": "soporte@empresa.es",
        "subject": "Albarán",
        "body-plain": "Adjunto el albarán firmado",
        "Message-Id": f"<{uuid.uuid4()}@mailgun>",
    }
    forged = {
        **signed,
        "from": "Ferretería Sol <compras@ferreteriasol.es>",
        "recipient": "soporte@empresa.es",
        "subject": "Cambio de cuenta bancaria",
        "body-plain": "Pagad a partir de hoy a ES91 2100 0418 4502 0005 1332",
        "Message-Id": f"<{uuid.uuid4()}@elsewhere>",
    }
    unknown_sender = {**forged, "from": "alguien@desconocido.es"}
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with httpx.AsyncClient(base_url=stack.gateway) as mailgun:
        ok = await mailgun.post(url, content=urlencode(original), headers=headers)
        assert ok.status_code == 202, ok.text
        assert ok.json()["client_id"] == client["id"]
        for replay in (forged, unknown_sender):
            refused = await mailgun.post(url, content=urlencode(replay), headers=headers)
            assert_problem(refused, 409)
            assert "used before" in refused.json()["detail"]
        # A signed post that is not a valid message spends its token all the same.
        stamp, token = str(int(time.time())), secrets.token_hex(25)
        spent = {
            "timestamp": stamp,
            "token": token,
            "signature": hmac.new(
                secret.encode(), (stamp + token).encode(), hashlib.sha256
            ).hexdigest(),
        }
        invalid = await mailgun.post(url, content=urlencode(spent), headers=headers)
        assert_problem(invalid, 422)
        again = await mailgun.post(
            url,
            content=urlencode({**spent, **{k: forged[k] for k in forged if k not in spent}}),
            headers=headers,
        )
        assert_problem(again, 409)
    interactions = (await tenant.client.get("/v1/interactions")).json()["items"]
    assert [i["summary"] for i in interactions] == ["Albarán: Adjunto el albarán firmado"]
    assert (await tenant.client.get("/v1/crm/triage")).json()["items"] == []


# ------------------------------------------------------------------ follow-ups


async def test_follow_ups_agenda_lists_what_is_due_today_and_overdue(tenant, other_tenant):
    # Read now, not when the module was imported: a run may cross midnight in Madrid.
    madrid_today = dt.datetime.now(ZoneInfo("Europe/Madrid")).date()
    client = await crm_client(tenant)

    async def task(title, days, assignee):
        answer = await tenant.client.post(
            "/v1/follow-ups",
            json={
                "client_id": client["id"],
                "title": title,
                "due_on": (madrid_today + dt.timedelta(days=days)).isoformat(),
                "assignee": assignee,
            },
        )
        assert answer.status_code == 201, answer.text
        return answer.json()

    today = await task("Llamar por el presupuesto", 0, "ana")
    late = await task("Enviar contrato", -2, "ana")
    await task("Visita", 5, "ana")
    luis = await task("Revisar impagos", -1, "luis")
    agenda = (await tenant.client.get("/v1/follow-ups/agenda", params={"assignee": "ana"})).json()
    [ana] = agenda["people"]
    assert agenda["as_of"] == madrid_today.isoformat()
    assert [t["id"] for t in ana["due_today"]] == [today["id"]]
    assert [t["id"] for t in ana["overdue"]] == [late["id"]]
    assert ana["overdue"][0]["overdue"] is True
    everyone = (await tenant.client.get("/v1/follow-ups/agenda")).json()
    assert [
        (p["assignee"], len(p["due_today"]), len(p["overdue"])) for p in everyone["people"]
    ] == [
        ("ana", 1, 1),
        ("luis", 0, 1),
    ]
    done = await tenant.client.patch(f"/v1/follow-ups/{late['id']}", json={"status": "done"})
    assert done.json()["done_at"] is not None
    moved = await tenant.client.patch(f"/v1/follow-ups/{luis['id']}", json={"assignee": "ana"})
    assert moved.status_code == 200
    ana = (await tenant.client.get("/v1/follow-ups/agenda", params={"assignee": "ana"})).json()
    assert [t["id"] for t in ana["people"][0]["overdue"]] == [luis["id"]]

    for body in (
        {"title": "x", "assignee": "ana"},  # no due date
        {"title": "", "due_on": TODAY.isoformat()},
        {"title": "x", "due_on": "mañana"},
        {"title": "x", "due_on": TODAY.isoformat(), "client_id": str(uuid.uuid4())},
        {"title": "x", "due_on": TODAY.isoformat(), "request_id": str(uuid.uuid4())},
        {"title": "x", "due_on": TODAY.isoformat(), "colour": "red"},
    ):
        assert (await tenant.client.post("/v1/follow-ups", json=body)).status_code == 422, body
    for body in ({"status": "finished"}, {}, {"due_on": None}):
        answer = await tenant.client.patch(f"/v1/follow-ups/{today['id']}", json=body)
        assert answer.status_code == 422, body
    for method, body in (("GET", None), ("PATCH", {"status": "done"})):
        answer = await other_tenant.client.request(
            method, f"/v1/follow-ups/{today['id']}", json=body
        )
        assert answer.status_code == 404
    assert (await tenant.client.get(f"/v1/follow-ups/{today['id']}")).json()["status"] == "open"
    assert (await other_tenant.client.get("/v1/follow-ups/agenda")).json()["people"] == []


# ------------------------------------------------------------------ the timeline


@pytest.fixture
async def books(tenant):
    await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Suministros Centro S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
            "valid_from": (TODAY - dt.timedelta(days=400)).isoformat(),
        },
    )
    await tenant.client.post("/v1/series", json={"code": "F", "prefix": "F"})
    await tenant.client.post("/v1/series", json={"code": "R", "prefix": "R", "kind": "rectifying"})


async def issue(tenant, client_id, issue_date):
    draft = await tenant.client.post(
        "/v1/invoices",
        json={
            "client_id": client_id,
            "series": "F",
            "issue_date": issue_date.isoformat(),
            "lines": [{"description": "Material", "quantity": "2", "unit_price": "150.00"}],
        },
    )
    assert draft.status_code == 201, draft.text
    issued = await tenant.client.post(f"/v1/invoices/{draft.json()['id']}/issue")
    assert issued.status_code == 200, issued.text
    return issued.json()


async def test_the_timeline_merges_crm_invoicing_and_collections(
    tenant, other_tenant, books, mailbox
):
    client = await crm_client(tenant, valid_from=(TODAY - dt.timedelta(days=400)).isoformat())
    invoice = await issue(tenant, client["id"], TODAY - dt.timedelta(days=50))  # due 20 days ago

    async def receivable():
        items = (
            await tenant.client.get("/v1/receivables", params={"invoice_id": invoice["id"]})
        ).json()["items"]
        return bool(items)

    await eventually(receivable)
    assert (await tenant.client.post("/v1/collections/overdue/run")).json()["marked"] == 1
    assert (await tenant.client.post("/v1/collections/dunning/run")).json()["sent"] == 1
    paid = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "100.00", "paid_on": TODAY.isoformat()},
    )
    assert paid.status_code == 201, paid.text
    returned = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "20.00", "paid_on": TODAY.isoformat()},
    )
    reversal = await tenant.client.post(
        f"/v1/payments/{returned.json()['id']}/reverse", json={"reason": "Recibo devuelto"}
    )
    assert reversal.status_code == 200, reversal.text
    credit = await tenant.client.post(
        f"/v1/invoices/{invoice['id']}/rectify",
        json={
            "series": "R",
            "reason": "Devolución de material",
            "lines": [{"description": "Devolución", "quantity": "-1", "unit_price": "50.00"}],
        },
    )
    assert credit.status_code == 201, credit.text
    logged = await tenant.client.post(
        "/v1/interactions",
        json=interaction(
            client["id"],
            channel="email",
            direction="outbound",
            summary="Enviamos copia de la factura",
            outcome="resolved",
            invoice_ids=[invoice["id"]],
            occurred_at=(NOW - dt.timedelta(minutes=30)).isoformat(),
        ),
    )
    assert logged.status_code == 201, logged.text
    req = (
        await tenant.client.post(
            "/v1/requests",
            json={
                "client_id": client["id"],
                "subject": "Aplazamiento",
                "description": "Pide aplazar",
            },
        )
    ).json()
    for status in ("in_progress", "resolved", "closed"):
        closed = await tenant.client.post(
            f"/v1/requests/{req['id']}/status", json={"status": status}
        )
    token = closed.json()["survey"]["link"]["token"]
    async with httpx.AsyncClient(base_url=str(tenant.client.base_url)) as anonymous:
        assert (
            await anonymous.post(f"/v1/public/surveys/{token}", json={"score": 5})
        ).status_code == 200

    wanted = {
        "invoice_issued",
        "invoice_rectified",
        "payment_reversed",
        "receivable_overdue",
        "dunning_sent",
        "payment_recorded",
        "interaction",
        "request_opened",
        "request_resolved",
        "request_closed",
        "survey_answered",
    }

    async def complete():
        items = (
            await tenant.client.get(f"/v1/clients/{client['id']}/timeline", params={"limit": 200})
        ).json()["items"]
        return wanted <= {i["kind"] for i in items}

    await eventually(complete, timeout=30)
    whole = (
        await tenant.client.get(f"/v1/clients/{client['id']}/timeline", params={"limit": 200})
    ).json()["items"]
    moments = [dt.datetime.fromisoformat(i["occurred_at"]) for i in whole]
    assert moments == sorted(moments, reverse=True)
    by_kind = {i["kind"]: i for i in whole}
    issued = by_kind["invoice_issued"]
    assert issued["ref"] == {"type": "invoice", "id": invoice["id"]}
    assert issued["details"]["total"] == "363.00"
    assert issued["title"] == f"Factura {invoice['number']} emitida: 363,00 €"
    assert issued["occurred_at"].startswith((TODAY - dt.timedelta(days=50)).isoformat())
    assert whole[-1]["kind"] == "invoice_issued"  # the oldest fact: placed on its issue date
    payments = {i["ref"]["id"]: i for i in whole if i["kind"] == "payment_recorded"}
    assert payments[paid.json()["id"]]["details"]["amount"] == "100.00"
    assert by_kind["payment_reversed"]["ref"] == {"type": "payment", "id": returned.json()["id"]}
    assert by_kind["payment_reversed"]["details"]["reason"] == "Recibo devuelto"
    rectified = by_kind["invoice_rectified"]
    assert rectified["details"]["rectifies"]["id"] == invoice["id"]
    assert rectified["details"]["total"] == "-60.50"
    assert by_kind["receivable_overdue"]["details"]["invoice_number"] == invoice["number"]
    assert by_kind["dunning_sent"]["details"]["level"] == 2
    assert by_kind["survey_answered"]["details"]["score"] == 5
    assert by_kind["interaction"]["ref"]["id"] == logged.json()["id"]
    assert sum(i["kind"] == "invoice_issued" for i in whole) == 1  # each fact once

    # Pages of two walk the same line, with no repeats and nothing missing.
    walked, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await tenant.client.get(f"/v1/clients/{client['id']}/timeline", params=params)
        ).json()
        walked += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert walked == [i["id"] for i in whole]
    only = (
        await tenant.client.get(
            f"/v1/clients/{client['id']}/timeline",
            params={"kind": ["payment_recorded", "dunning_sent"]},
        )
    ).json()["items"]
    assert {i["kind"] for i in only} == {"payment_recorded", "dunning_sent"}

    # Another tenant sees nothing of it; bad parameters are 422.
    assert (
        await other_tenant.client.get(f"/v1/clients/{client['id']}/timeline")
    ).status_code == 404
    assert (await tenant.client.get(f"/v1/clients/{uuid.uuid4()}/timeline")).status_code == 404
    for params in ({"cursor": "garbage"}, {"limit": 0}, {"kind": "gossip"}):
        answer = await tenant.client.get(f"/v1/clients/{client['id']}/timeline", params=params)
        assert answer.status_code == 422, params
    # An invoice of another client of the tenant cannot be linked to this client's interaction.
    other_client = await crm_client(tenant, valid_from=(TODAY - dt.timedelta(days=400)).isoformat())
    foreign = await tenant.client.post(
        "/v1/interactions", json=interaction(other_client["id"], invoice_ids=[invoice["id"]])
    )
    assert foreign.status_code == 422


async def test_replayed_events_add_nothing_to_the_timeline(
    tenant, books, kafka_bootstrap, owner_url
):
    """A redelivered invoice.issued (same event id) is deduplicated by the inbox; the same fact
    under a new event id by the entry's dedup key."""
    from cartera_shared.testing import publish_raw

    client = await crm_client(tenant, valid_from=(TODAY - dt.timedelta(days=400)).isoformat())
    invoice = await issue(tenant, client["id"], TODAY)

    async def entries():
        items = (await tenant.client.get(f"/v1/clients/{client['id']}/timeline")).json()["items"]
        return [i for i in items if i["kind"] == "invoice_issued"]

    async def present():
        return len(await entries()) == 1

    await eventually(present, timeout=30)
    records = await read_topic(
        kafka_bootstrap,
        topics.INVOICE_ISSUED,
        until=lambda rs: any(invoice["id"].encode() in r.value for r in rs),
    )
    original = next(r for r in records if invoice["id"].encode() in r.value)
    envelope = json.loads(original.value)
    renamed = json.dumps({**envelope, "id": str(uuid.uuid4())}).encode()
    await publish_raw(
        kafka_bootstrap,
        topics.INVOICE_ISSUED,
        [(original.key, original.value), (original.key, renamed)],
    )
    engine = create_engine(owner_url, pool_size=1)

    async def consumed():
        async with engine.connect() as conn:
            seen = await conn.scalar(
                text(
                    "SELECT count(*) FROM crm.inbox "
                    "WHERE consumer = 'crm.timeline' AND event_id = :id"
                ),
                {"id": json.loads(renamed)["id"]},
            )
        return seen == 1

    try:
        await eventually(consumed, timeout=30)
    finally:
        await engine.dispose()
    assert len(await entries()) == 1
