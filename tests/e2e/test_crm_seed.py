"""The demo seeding of the CRM runs through the gateway and leaves a history in every state."""

import datetime as dt
import importlib.util
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from .helpers import client_payload

SEED = Path(__file__).resolve().parents[2] / "deploy" / "local" / "seed_crm.py"


def load_seed():
    spec = importlib.util.spec_from_file_location("seed_crm", SEED)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_seed_crm_makes_a_two_year_history(tenant):
    ids = []
    for n in range(4):
        answer = await tenant.client.post(
            "/v1/clients", json=client_payload(legal_name=f"Cliente Demo {n} S.L.")
        )
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    # The business's day, as the agenda reads it (between 23:00 and 24:00 UTC it is tomorrow's).
    today = dt.datetime.now(ZoneInfo("Europe/Madrid")).date()
    made = await load_seed().seed_crm(tenant.client, ids, today, random.Random(7))

    assert made["interactions"] >= 4 * 2 + 4
    assert set(made["requests"]["by_status"]) == {
        "open",
        "in_progress",
        "waiting_on_client",
        "resolved",
        "closed",
    }
    assert made["requests"]["sla_breached"] >= 1
    assert made["surveys_answered"]["csat"] >= 1
    assert made["surveys_answered"]["nps"] >= 1
    channels = set()
    cursor = None
    oldest = None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = (await tenant.client.get("/v1/interactions", params=params)).json()
        channels |= {i["channel"] for i in page["items"]}
        if page["items"]:
            oldest = page["items"][-1]["occurred_at"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert channels == {
        "email",
        "phone",
        "whatsapp",
        "web_form",
        "in_person",
        "video_call",
        "other",
    }
    assert dt.datetime.fromisoformat(oldest).date() < today - dt.timedelta(days=180)
    agenda = (await tenant.client.get("/v1/follow-ups/agenda")).json()
    assert any(p["due_today"] for p in agenda["people"])
    assert any(p["overdue"] for p in agenda["people"])
    timeline = (await tenant.client.get(f"/v1/clients/{ids[0]}/timeline")).json()
    assert timeline["items"]
