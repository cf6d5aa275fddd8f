"""VERI*FACTU submission when things fail, on the whole running system (gateway, invoicing and
its worker, PostgreSQL, Kafka) and the AEAT conformance simulator over mutual TLS: the invoicing
process killed while a request is in flight, the AEAT unreachable for a while, a TLS failure, an
expired certificate, one record of a request refused.

Whatever fails: no record is lost, none is sent twice except as a correction (Subsanacion),
and the chain never forks, as the simulator's held records and counters show
(`assert_chain_sound`). The simulator's waiting time is lowered to one second for the module and
each scenario setting is put back after the test that set it."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from tests.e2e.helpers import assert_problem
from tests.e2e.verifactu_helpers import (
    TODAY,
    assert_chain_sound,
    certify,
    control,
    counters,
    held,
    issue,
    mint,
    open_books,
    record,
    scenario,
    scenario_set,
    until_all_answered,
    until_last,
    until_status,
    upload,
)


@pytest.fixture(autouse=True, scope="module")
async def short_wait(stack) -> AsyncIterator[None]:
    before = await scenario(stack, wait_seconds=1)
    yield
    await scenario(stack, wait_seconds=before["wait_seconds"])


async def totals(stack) -> dict[str, int]:
    async with control(stack) as sim:
        return dict((await sim.get("/counters")).json()["totals"])


async def eventually_true(check, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.1)


async def statuses_in_database(owner_url: str, tenant_id: uuid.UUID) -> dict[int, str]:
    """The tenant's records' statuses by position, read while invoicing is down."""
    conn = await asyncpg.connect(owner_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            rows = await conn.fetch(
                "SELECT position, status FROM invoicing.verifactu_records WHERE tenant_id = $1",
                tenant_id,
            )
    finally:
        await conn.close()
    return {row["position"]: row["status"] for row in rows}


async def test_an_unreachable_aeat_leaves_records_pending_then_they_are_accepted(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    async with scenario_set(stack, refuse_connections=True):
        invoices = [await issue(tenant, books) for _ in range(2)]

        async def tried_twice() -> bool:
            found = await record(tenant, invoices[0]["id"])
            return found["attempts"] >= 2

        await eventually_true(tried_twice, 15, "retried while the AEAT was unreachable")
        for invoice in invoices:
            found = await record(tenant, invoice["id"])
            assert found["status"] in ("pending", "sent"), found
            assert found["error"] is None
        assert (await record(tenant, invoices[0]["id"]))["last_failure"] == "connection"
        assert await counters(stack, books.nif) == {}
    answered = await until_all_answered(tenant, timeout=20)
    assert {r["status"] for r in answered} == {"accepted"}, answered
    await assert_chain_sound(stack, tenant, books)


async def test_a_tls_failure_is_retried_and_never_read_as_a_rejection(stack, tenant):
    books = await open_books(tenant)
    # A certificate of the issuer from a CA the AEAT (the simulator) does not trust.
    untrusted = await mint(stack, books.nif, books.name, untrusted=True)
    answer = await upload(tenant.client, untrusted)
    assert answer.status_code == 200, answer.text
    refused_before = (await totals(stack))["tls_refused"]
    invoice = await issue(tenant, books)

    async def retried() -> dict[str, Any] | None:
        found = await record(tenant, invoice["id"])
        return found if found["attempts"] >= 2 and found["status"] == "pending" else None

    found = await eventually_true(retried, 15, "retried after TLS failures")
    assert found["last_failure"] == "tls", found
    assert found["error"] is None
    assert (await totals(stack))["tls_refused"] > refused_before
    assert await counters(stack, books.nif) == {}

    await certify(stack, tenant, books)  # a certificate the AEAT trusts replaces it
    accepted = await until_status(tenant, invoice["id"], timeout=15)
    assert (accepted["status"], accepted["last_failure"]) == ("accepted", None), accepted
    await assert_chain_sound(stack, tenant, books)


async def test_an_expired_certificate_is_refused_and_one_that_expires_sends_nothing(stack, tenant):
    books = await open_books(tenant)
    now = dt.datetime.now(dt.UTC)
    expired = await mint(
        stack,
        books.nif,
        books.name,
        not_before=(now - dt.timedelta(days=400)).isoformat(),
        not_after=(now - dt.timedelta(days=1)).isoformat(),
    )
    refused = await upload(tenant.client, expired)
    assert_problem(refused, 422)
    assert [e["type"] for e in refused.json()["errors"]] == ["expired"], refused.json()
    assert_problem(await tenant.client.get("/v1/issuer/certificate"), 404)

    ends = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=6)
    brief = await mint(
        stack,
        books.nif,
        books.name,
        not_before=(now - dt.timedelta(days=1)).isoformat(),
        not_after=ends.isoformat(),
    )
    assert (await upload(tenant.client, brief)).status_code == 200
    first = await issue(tenant, books)
    assert (await until_status(tenant, first["id"]))["status"] == "accepted"
    await asyncio.sleep(max((ends - dt.datetime.now(dt.UTC)).total_seconds(), 0) + 1)

    shown = (await tenant.client.get("/v1/issuer/certificate")).json()
    assert shown["usable"] is False, shown
    assert (await tenant.client.get("/v1/issuer/verifactu")).json()["submission_enabled"] is False
    later = await issue(tenant, books)
    await asyncio.sleep(2)
    found = await record(tenant, later["id"])
    assert (found["status"], found["attempts"]) == ("pending", 0), found
    assert (await counters(stack, books.nif))["records"] == 1


async def test_one_record_of_a_request_refused_leaves_the_others_accepted(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    refused_number = f"{books.series}{TODAY.year}-00003"
    async with scenario_set(
        stack, wait_seconds=5, reject={refused_number: {"code": 1108, "times": 1}}
    ):
        first = await issue(tenant, books)
        await until_status(tenant, first["id"])
        batch = [await issue(tenant, books) for _ in range(3)]  # one request, after the wait
        assert batch[1]["number"] == refused_number
        for invoice in batch:
            await until_status(tenant, invoice["id"], timeout=15)
    statuses = [(await record(tenant, i["id"]))["status"] for i in batch]
    assert statuses == ["accepted", "rejected", "accepted"], statuses
    holds = {h["number"]: h for h in await held(stack, books.nif)}
    assert refused_number not in holds
    assert holds[batch[0]["number"]]["request_id"] == holds[batch[2]["number"]]["request_id"]

    after = await issue(tenant, books)  # the chain goes on
    assert (await until_status(tenant, after["id"]))["status"] == "accepted"
    fixed = await tenant.client.post(f"/v1/invoices/{batch[1]['id']}/verifactu/correction")
    assert fixed.status_code == 201, fixed.text
    assert (await until_last(tenant, batch[1]["id"]))["status"] == "accepted"
    count = await counters(stack, books.nif)
    assert (count["rejected"], count["correct"]) == (1, 5), count
    await assert_chain_sound(stack, tenant, books)


async def test_a_lost_answer_makes_duplicates_that_reconcile_as_accepted(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    async with scenario_set(stack, wait_seconds=3):
        first = await issue(tenant, books)
        await until_status(tenant, first["id"])
        # An alta and the anulación of the first invoice wait together; the AEAT registers
        # them and the answer is lost on the way back: they go again.
        async with scenario_set(stack, drop_answers=1):
            second = await issue(tenant, books)
            gone = await tenant.client.post(
                f"/v1/invoices/{first['id']}/cancel", json={"reason": "Emitida por error"}
            )
            assert gone.status_code == 200, gone.text
            answered = await until_all_answered(tenant, timeout=20)
    assert {r["status"] for r in answered} == {"accepted"}, answered
    again = {(r["invoice_id"], r["kind"]): r for r in answered}
    assert again[(second["id"], "alta")]["duplicate"] is True
    assert again[(first["id"], "anulacion")]["duplicate"] is True  # 3001: already cancelled
    assert again[(second["id"], "alta")]["attempts"] == 2
    holds = {h["number"]: h["status"] for h in await held(stack, books.nif)}
    assert holds == {first["number"]: "Anulada", second["number"]: "Correcta"}
    # Sent again no sooner than the waiting time the lost answer would have given.
    assert (await counters(stack, books.nif))["early_requests"] == 0
    await assert_chain_sound(stack, tenant, books, resent=2, duplicates=1)


# Last: it waits for the dead runner's lease (40 s) and restarts a service.
@pytest.mark.timeout(300)
async def test_the_worker_killed_mid_send_ends_with_each_record_accepted_once(
    stack, stack_script, tenant, owner_url
):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    async with scenario_set(stack, wait_seconds=3):
        first = await issue(tenant, books)
        await until_status(tenant, first["id"])
        # Within the 3 s the answer asked for, three records wait: two altas and an anulación;
        # they go in one request, which the simulator registers and then answers late.
        async with scenario_set(stack, slow_seconds=4):
            second = await issue(tenant, books)
            third = await issue(tenant, books)
            gone = await tenant.client.post(
                f"/v1/invoices/{first['id']}/cancel", json={"reason": "Emitida por error"}
            )
            assert gone.status_code == 200, gone.text

            async def registered() -> bool:
                holds = {h["number"]: h["status"] for h in await held(stack, books.nif)}
                return holds.get(first["number"]) == "Anulada" and {
                    second["number"],
                    third["number"],
                } <= set(holds)

            await eventually_true(registered, 20, "the request reached the simulator")
            pid_file = stack_script.state_dir("test") / "pids" / "invoicing.pid"
            pid = int(pid_file.read_text())
            os.kill(pid, signal.SIGKILL)
            killed_at = time.monotonic()
            while stack_script.pid_alive(pid):
                assert time.monotonic() - killed_at < 30, "invoicing outlived SIGKILL"
                await asyncio.sleep(0.1)
    # The answer never reached Cartera: the records it carried are left `sent`.
    left = await statuses_in_database(owner_url, tenant.id)
    assert "sent" in left.values(), left
    # Started again as `stack.py up` starts it (without its migrations, which take long here).
    await asyncio.to_thread(stack_script.start, "test", 120.0)

    # Once the dead runner's lease lapses (2 x 5 s + 30 s), the next one asks the AEAT what it
    # holds before sending anything: all three were registered.
    answered = await until_all_answered(tenant, timeout=90)
    assert {r["status"] for r in answered} == {"accepted"}, answered
    assert (await until_last(tenant, first["id"]))["kind"] == "anulacion"
    count = await counters(stack, books.nif)
    assert count["queries"] >= 1, count
    # No request after the restart: what was in flight was found held by a query.
    assert count["requests"] <= 4, count
    await assert_chain_sound(stack, tenant, books)
    # And the chain goes on.
    after = await issue(tenant, books)
    assert (await until_status(tenant, after["id"]))["status"] == "accepted"
    await assert_chain_sound(stack, tenant, books)
