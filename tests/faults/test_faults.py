"""Nothing lost, nothing twice, whatever fails.

While invoices are issued and paid through the gateway, each service is SIGKILLed in turn and
restarted, then the Kafka broker is restarted, then PostgreSQL. Callers behave as a careful
partner does: every write carries an Idempotency-Key and is retried with the same key until it
succeeds. Afterwards every operation that was answered with success has exactly one effect
everywhere: invoice numbers without gaps or duplicates, receivables and analytics equal to
invoicing's totals to the cent, one payment per paid operation, no dead letters of this tenant.
Every refusal met on the way was a retryable one (503, 502, 504, 429, or no answer at all while
the gateway itself was down); never another 5xx, never a 4xx.

Restarting the broker and the database uses deploy/local/kafka.sh and postgres.sh, so this test
needs the local infrastructure that `make test` starts (not external servers).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import time
import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from cartera_shared import business_day
from cartera_shared.events import topics
from cartera_shared.testing import eventually, random_cif, read_topic

ROOT = Path(__file__).resolve().parents[2]
RETRYABLE = {429, 502, 503, 504}
SERVICES = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")
TODAY = business_day.today()


def pids_dir() -> Path:
    base = int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000"))
    return ROOT / ".local" / ("test" if base == 18000 else f"test-{base}") / "pids"


# Servers named by the environment, under the services' names and the former ones.
SERVER_VARIABLES = (
    *("DATABASE_URL", "DATABASE_APP_URL", "KAFKA_BOOTSTRAP_SERVERS"),
    *("CARTERA_DATABASE_URL", "CARTERA_DATABASE_APP_URL", "CARTERA_KAFKA_BOOTSTRAP_SERVERS"),
    "KAFKA_FRESH",
)


def run(*command: str) -> None:
    # The scripts treat a set DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS as servers they must not
    # touch; here they are ours, so they are restarted as `make test` started them.
    env = {
        k: v
        for k, v in os.environ.items()
        # KAFKA_FRESH (set by CI for the first start) would wipe the broker's data on restart.
        if k not in SERVER_VARIABLES
    }
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, f"{command}: {done.stdout[-3000:]} {done.stderr[-3000:]}"


async def until_gone(pid_alive, pid: int) -> None:
    """Wait until a killed process has exited: SIGKILL is not instant on a busy machine."""
    deadline = time.monotonic() + 30
    while pid_alive(pid):  # a zombie (exited, not yet reaped) counts as gone
        if time.monotonic() > deadline:
            raise AssertionError(f"process {pid} still runs 30 s after SIGKILL")
        await asyncio.sleep(0.1)


class Caller:
    """A careful partner: same key until success; keeps what it was told on the way."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url, timeout=20, headers={"Authorization": f"Bearer {api_key}"}
        )
        self.refusals: Counter[str] = Counter()
        self.wrong: list[tuple[str, int, str]] = []

    async def write(self, method: str, path: str, body: dict | None = None) -> dict:
        key = {"Idempotency-Key": f"fault-{uuid.uuid4()}"}
        deadline = asyncio.get_running_loop().time() + 120
        while True:
            try:
                answer = await self.http.request(method, path, json=body, headers=key)
            except httpx.TransportError as exc:
                self.refusals[type(exc).__name__] += 1
            else:
                if answer.status_code < 300:
                    return answer.json()
                if answer.status_code in RETRYABLE:
                    self.refusals[str(answer.status_code)] += 1
                else:
                    self.wrong.append((path, answer.status_code, answer.text[:300]))
                    raise AssertionError(f"{path}: {answer.status_code} {answer.text[:300]}")
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{path}: no success within two minutes")
            await asyncio.sleep(0.3)


async def issue_and_pay(
    caller: Caller, client_ids: list[str], ledger: list[dict], stop: asyncio.Event
) -> None:
    while not stop.is_set():
        client_id = client_ids[len(ledger) % len(client_ids)]
        draft = await caller.write(
            "POST",
            "/v1/invoices",
            {
                "client_id": client_id,
                "series": "F",
                "lines": [{"description": "Revisión", "quantity": "1", "unit_price": "80.00"}],
            },
        )
        issued = await caller.write("POST", f"/v1/invoices/{draft['id']}/issue")
        entry = {"id": issued["id"], "number": issued["number"], "total": issued["totals"]["total"]}
        ledger.append(entry)
        if len(ledger) % 2 == 0:
            await caller.write(
                "POST",
                "/v1/payments",
                # Paid on its issue date: TODAY may be yesterday by now (a run can cross midnight).
                {"invoice_id": issued["id"], "amount": "10.00", "paid_on": issued["issue_date"]},
            )
            entry["paid"] = "10.00"
        await asyncio.sleep(0.2)


async def ready_while_kafka_is_away(urls: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Each service's readiness and what it says of Kafka, asked while the broker is stopped."""
    answers = {}
    async with httpx.AsyncClient(timeout=10) as probe:
        for service in SERVICES:
            answer = await probe.get(f"{urls[service]}/ready")
            answers[service] = (answer.status_code, answer.json()["checks"]["kafka"])
    return answers


async def disrupt(stack_script, urls: dict[str, str]) -> list[str]:
    done = []
    began = time.monotonic()

    def step(what: str) -> None:
        done.append(f"{time.monotonic() - began:5.1f}s {what}")
        print(done[-1], flush=True)

    for service in SERVICES:
        pid = int((pids_dir() / f"{service}.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        await until_gone(stack_script.pid_alive, pid)
        await asyncio.sleep(1.0)
        # Started again as `stack.py up` starts it, without running every service's migrations
        # first (about 20 s here, six times over, and nothing to migrate).
        await asyncio.to_thread(stack_script.start, "test", 240.0)
        step(f"killed and restarted {service}")
        await asyncio.sleep(1.0)
    await asyncio.to_thread(run, "deploy/local/kafka.sh", "stop")
    # The API stays in service while the outbox keeps the events: readiness rests on the
    # database alone, and says what it sees of the broker.
    readiness = await ready_while_kafka_is_away(urls)
    assert all(status == 200 for status, _ in readiness.values()), readiness
    assert all(kafka.startswith("failed") for _, kafka in readiness.values()), readiness
    await asyncio.sleep(2.0)
    await asyncio.to_thread(run, "deploy/local/kafka.sh", "start")
    step("restarted Kafka")
    await asyncio.sleep(5.0)
    await asyncio.to_thread(run, "deploy/local/postgres.sh", "stop")
    await asyncio.sleep(2.0)
    await asyncio.to_thread(run, "deploy/local/postgres.sh", "start")
    step("restarted PostgreSQL")
    await asyncio.sleep(5.0)
    return done


@pytest.mark.timeout(900)
async def test_nothing_is_lost_or_doubled_when_parts_fail(stack, kafka_bootstrap, stack_script):
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as admin:
        made = await admin.post(
            "/v1/admin/tenants",
            json={"name": "Averías S.L."},
            headers={"Authorization": f"Bearer {stack.admin_token}"},
        )
    tenant = made.json()
    caller = Caller(stack.gateway, tenant["api_key"])
    await caller.write(
        "PUT",
        "/v1/issuer",
        {
            "legal_name": "Averías S.L.",
            "tax_id": random_cif(),
            "fiscal_address": {
                "street": "Calle Mayor 1",
                "postal_code": "46001",
                "city": "Valencia",
                "country": "ES",
            },
            "valid_from": (TODAY - dt.timedelta(days=30)).isoformat(),
        },
    )
    await caller.write("POST", "/v1/series", {"code": "F", "prefix": "F"})
    client_ids = [
        (
            await caller.write(
                "POST",
                "/v1/clients",
                {
                    "legal_name": f"Cliente {n} S.L.",
                    "kind": "company",
                    "tax_id": random_cif(),
                    "country": "ES",
                    "fiscal_address": {
                        "street": "Calle Mayor 2",
                        "postal_code": "46001",
                        "city": "Valencia",
                        "country": "ES",
                    },
                    "valid_from": (TODAY - dt.timedelta(days=30)).isoformat(),
                },
            )
        )["id"]
        for n in range(3)
    ]

    # Start from a quiet system: earlier tests (a 10,000-client import) can leave the consumers
    # a backlog that has nothing to do with the faults. The new clients have reached every
    # replica once the client topics are consumed up to them.
    async def replicated() -> bool:
        for client_id in client_ids:
            answer = await caller.http.get(f"/v1/clients/{client_id}/replicas")
            states = answer.json().get("replicas", {}).values() if answer.status_code == 200 else []
            if not states or any(r["status"] != "current" for r in states):
                return False
        return True

    await eventually(replicated, timeout=300, interval=1)

    ledger: list[dict] = []
    stop = asyncio.Event()
    # Enough flow to be caught by every fault; little enough for two cores to absorb.
    workers = [
        asyncio.create_task(issue_and_pay(caller, client_ids, ledger, stop)) for _ in range(2)
    ]
    try:
        steps = await disrupt(stack_script, stack.urls)
        await asyncio.sleep(3)
    finally:
        # Each worker finishes the operation in hand (retrying until it is answered) before
        # anything is counted. Cancelling them instead left requests the services were still
        # carrying out: an invoice issued just after the count made the totals disagree.
        stop.set()
        finished, unfinished = await asyncio.wait(workers, timeout=180)
        for worker in unfinished:
            worker.cancel()
    assert caller.wrong == [], caller.wrong
    assert not unfinished, "a worker's last operation was not answered within three minutes"
    for worker in finished:
        worker.result()
    assert len(steps) == len(SERVICES) + 2
    answered = {entry["id"]: entry for entry in ledger}
    assert len(answered) > 20, f"too little got through: {len(answered)} ({caller.refusals})"
    print(f"{len(answered)} invoices answered; refusals on the way: {dict(caller.refusals)}")

    async def all_pages(path: str) -> list[dict]:
        items, cursor = [], None
        while True:
            page = await caller.http.get(
                path, params={"limit": 500, **({"cursor": cursor} if cursor else {})}
            )
            assert page.status_code == 200, page.text
            items += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if not cursor:
                return items

    invoices = [i for i in await all_pages("/v1/invoices") if i.get("number")]
    numbers = sorted(int(i["number"].lstrip("F").split("-")[-1]) for i in invoices)
    assert numbers == list(range(1, len(numbers) + 1)), "gaps or duplicates in series F"
    assert {i["id"] for i in invoices} == set(answered)
    invoiced = sum(Decimal(i["totals"]["total"]) for i in invoices)

    async def collections_caught_up() -> bool:
        return len(await all_pages("/v1/receivables")) == len(invoices)

    await eventually(collections_caught_up, timeout=300, interval=1)
    owed = await all_pages("/v1/receivables")
    assert {r["invoice_id"] for r in owed} == set(answered)
    assert sum(Decimal(r["amount"]) for r in owed) == invoiced
    paid = {r["invoice_id"]: Decimal(r["paid"]) for r in owed}
    for entry in answered.values():
        assert paid[entry["id"]] == Decimal(entry.get("paid", "0.00")), entry
    payments = await all_pages("/v1/payments")
    assert len(payments) == sum(1 for amount in paid.values() if amount > 0)
    assert all(p["amount"] == "10.00" for p in payments)

    async def analytics_caught_up() -> bool:
        answer = await caller.http.get(
            "/v1/analytics/portfolio",
            params={
                "from": (TODAY - dt.timedelta(days=1)).isoformat(),
                "to": (TODAY + dt.timedelta(days=1)).isoformat(),  # a run may cross midnight
            },
        )
        return answer.status_code == 200 and Decimal(answer.json()["totals"]["total"]) == invoiced

    await eventually(analytics_caught_up, timeout=300, interval=1)

    tenant_marker = tenant["tenant_id"].encode()
    for topic in (topics.INVOICE_ISSUED, topics.PAYMENT_RECORDED, topics.CLIENT_CREATED):
        dead = await read_topic(
            kafka_bootstrap, topics.dlq(topic), until=lambda _: False, timeout=3
        )
        assert [r for r in dead if tenant_marker in r.value] == [], topic
    await caller.http.aclose()
