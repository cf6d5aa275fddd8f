"""One trace id from the caller's `traceparent` through the gateway, the service and the Kafka
headers of the event it publishes; access logs name the request but never its secrets."""

import json
import os
import secrets
from pathlib import Path

from cartera_shared.events import topics
from cartera_shared.testing import header, read_topic

from .helpers import client_payload, eventually

ROOT = Path(__file__).resolve().parents[2]


def logs_dir() -> Path:
    base = int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000"))
    return ROOT / ".local" / ("test" if base == 18000 else f"test-{base}") / "logs"


async def test_the_callers_trace_reaches_the_event_on_kafka(tenant, kafka_bootstrap):
    trace_id = secrets.token_hex(16)
    answer = await tenant.client.post(
        "/v1/clients",
        json=client_payload(),
        headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"},
    )
    assert answer.status_code == 201
    assert answer.headers["X-Trace-ID"] == trace_id
    client_id = answer.json()["id"]
    records = await read_topic(
        kafka_bootstrap,
        topics.CLIENT_CREATED,
        until=lambda rs: any(client_id.encode() in r.value for r in rs),
    )
    event = next(r for r in records if client_id.encode() in r.value)
    assert json.loads(event.value)["trace_id"] == trace_id
    parent = header(event, "traceparent")
    assert parent is not None
    assert parent.split("-")[1] == trace_id


async def test_a_bad_traceparent_or_request_id_starts_afresh(tenant):
    answer = await tenant.client.get(
        "/v1/clients",
        headers={"traceparent": "00-" + "0" * 32 + "-" + "0" * 16 + "-01", "X-Request-ID": "<x>"},
    )
    assert answer.status_code == 200
    assert len(answer.headers["X-Trace-ID"]) == 32
    assert set(answer.headers["X-Trace-ID"]) != {"0"}
    assert answer.headers["X-Request-ID"] != "<x>"


async def test_access_logs_name_requests_but_not_secrets(tenant):
    request_id = f"trace-test-{secrets.token_hex(6)}"
    answer = await tenant.client.get(
        "/v1/clients", params={"q": "secreto"}, headers={"X-Request-ID": request_id}
    )
    assert answer.headers["X-Request-ID"] == request_id

    def lines() -> list[dict]:
        text = (logs_dir() / "gateway.log").read_text(errors="replace")
        return [json.loads(line) for line in text.splitlines() if request_id in line]

    async def logged() -> bool:
        return any(line.get("msg") == "request" for line in lines())

    await eventually(logged)
    entry = next(line for line in lines() if line.get("msg") == "request")
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/v1/clients", 200)
    for log in logs_dir().glob("*.log"):
        text = log.read_text(errors="replace")
        assert tenant.api_key not in text, log.name
        assert tenant.api_key.split("_")[2] not in text, log.name
