"""The VERI*FACTU sender on the real database, with fakes of the AEAT client and of the
certificate store (verifactu_fakes.py) and a clock the test moves.

Batching and chain order, the AEAT's waiting time and its 1,000-record exception, failures that
are no answer (back-off, nothing rejected), answers read line by line, duplicates, two runners
at once, and a runner stopped between sending and storing.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import uuid

import pytest
from sqlalchemy import delete, select, update

from cartera_invoicing.models import outbox, verifactu_chains, verifactu_due, verifactu_records
from cartera_invoicing.verifactu.sender import VerifactuSender, incident_age
from cartera_invoicing.verifactu.status import REJECTIONS, measure_waiting
from cartera_shared.db import create_engine, session_factory, tenant_transaction

from .verifactu_fakes import Clock, FakeAeat, FakeCertificates, HeldRecord, parts
from .verifactu_seed import ISSUE_DATE, seed_records


@pytest.fixture
async def sessions(app_url):
    engine = create_engine(app_url, pool_size=4)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def tenant(sessions):
    tenant_id = uuid.uuid4()
    yield tenant_id
    # Its events were read from the outbox here; no relay is to publish them later.
    async with sessions() as session, session.begin():
        await session.execute(delete(outbox).where(outbox.c.tenant_id == tenant_id))


@pytest.fixture
def clock():
    return Clock()


def sender_for(sessions, aeat, clock, tenant, certificates=None, **kwargs):
    return VerifactuSender(
        sessions,
        parts(aeat, certificates),
        clock=clock,
        tenants={tenant},
        poll_seconds=kwargs.pop("poll_seconds", 0.01),
        **kwargs,
    )


async def records(sessions, tenant):
    async with tenant_transaction(sessions, tenant) as session:
        rows = await session.execute(
            select(verifactu_records)
            .where(verifactu_records.c.tenant_id == tenant)
            .order_by(verifactu_records.c.issuer_tax_id, verifactu_records.c.position)
        )
        return list(rows.mappings().all())


async def chain(sessions, tenant, issuer):
    async with tenant_transaction(sessions, tenant) as session:
        return (
            (
                await session.execute(
                    select(verifactu_chains).where(
                        verifactu_chains.c.tenant_id == tenant,
                        verifactu_chains.c.issuer_tax_id == issuer,
                    )
                )
            )
            .mappings()
            .one()
        )


async def events(sessions, tenant):
    async with tenant_transaction(sessions, tenant) as session:
        rows = await session.execute(
            select(outbox.c.topic, outbox.c.payload)
            .where(outbox.c.tenant_id == tenant)
            .order_by(outbox.c.position)
        )
        return [(topic, payload["data"]) for topic, payload in rows.all()]


def by_number(rows):
    return {
        r["fields"].get("NumSerieFactura", r["fields"].get("NumSerieFacturaAnulada")): r
        for r in rows
    }


# ------------------------------------------------------------------ batching and waiting


async def test_2500_records_go_as_1000_1000_500_in_chain_order_and_the_rest_waits(
    sessions, tenant, clock
):
    issuer, made = await seed_records(sessions, tenant, 2500, generated_at=clock.now)
    aeat = FakeAeat(wait_seconds=60)
    sender = sender_for(sessions, aeat, clock, tenant)

    next_look = await sender.visit(tenant)
    # 1,000 right away (nothing sent before), 1,000 more at once (1,500 were waiting), then the
    # last 500 wait for the answer's TiempoEsperaEnvio.
    assert [len(r.records) for r in aeat.requests] == [1000, 1000]
    assert next_look == clock.now + dt.timedelta(seconds=60)
    clock.advance(59)
    await sender.visit(tenant)
    assert len(aeat.requests) == 2
    clock.advance(1)
    assert await sender.visit(tenant) is None  # nothing left to send
    assert [len(r.records) for r in aeat.requests] == [1000, 1000, 500]

    sent = [record.number for request in aeat.requests for record in request.records]
    assert sent == [m.number for m in made]  # chain order, each once
    assert {r.issuer for r in aeat.requests} == {issuer}
    stored = await records(sessions, tenant)
    assert {r["status"] for r in stored} == {"accepted"}
    assert all(r["csv"] and r["attempts"] == 1 and r["answered_at"] for r in stored)
    assert len({r["csv"] for r in stored}) == 3  # the CSV of the request that carried each
    assert not any(r.incident for r in aeat.requests)


async def test_the_answers_waiting_time_is_respected_unless_1000_records_wait(
    sessions, tenant, clock
):
    issuer, _ = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    aeat = FakeAeat(wait_seconds=120)  # the AEAT raises its waiting time
    sender = sender_for(sessions, aeat, clock, tenant)
    await sender.visit(tenant)
    assert [len(r.records) for r in aeat.requests] == [3]
    assert (await chain(sessions, tenant, issuer))["wait_seconds"] == 120

    clock.advance(70)  # past the first 60 s, within the 120 s the answer set
    await seed_records(sessions, tenant, 5, issuer=issuer, generated_at=clock.now)
    assert await sender.visit(tenant) == clock.now + dt.timedelta(seconds=50)
    assert len(aeat.requests) == 1

    await seed_records(sessions, tenant, 995, issuer=issuer, generated_at=clock.now)
    await sender.visit(tenant)  # 1,000 waiting: sent before the time is up
    assert [len(r.records) for r in aeat.requests] == [3, 1000]

    await seed_records(sessions, tenant, 1, issuer=issuer, generated_at=clock.now)
    clock.advance(119)
    await sender.visit(tenant)
    assert len(aeat.requests) == 2
    clock.advance(1)
    await sender.visit(tenant)
    assert [len(r.records) for r in aeat.requests] == [3, 1000, 1]


async def test_before_any_answer_the_wait_is_60_seconds(sessions, tenant, clock):
    issuer, _ = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    aeat = FakeAeat(block=asyncio.Event())
    sender = sender_for(sessions, aeat, clock, tenant)
    task = asyncio.create_task(sender.visit(tenant))
    await asyncio.wait_for(aeat.received.wait(), 10)
    # The request is out, its answer not stored: nothing more may go for 60 s.
    assert (await chain(sessions, tenant, issuer))["next_send_at"] == clock.now + dt.timedelta(
        seconds=60
    )
    assert {r["status"] for r in await records(sessions, tenant)} == {"sent"}
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


# ------------------------------------------------------------------ failures that are no answer


async def test_a_failure_that_is_no_answer_backs_off_and_rejects_nothing(sessions, tenant, clock):
    issuer, made = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    aeat = FakeAeat(fail_next=["timeout", "tls"])
    sender = sender_for(sessions, aeat, clock, tenant, backoff_seconds=30)
    rejected_before = REJECTIONS._value.get()

    # The request left: the AEAT may have registered it, so the 60 s in force since then
    # (no answer has set another) outlast the 30 s back-off.
    assert await sender.visit(tenant) == clock.now + dt.timedelta(seconds=60)
    stored = await records(sessions, tenant)
    assert {r["status"] for r in stored} == {"pending"}
    assert {(r["attempts"], r["last_failure"]) for r in stored} == {(1, "timeout")}
    assert (await chain(sessions, tenant, issuer))["failures"] == 1

    clock.advance(59)
    await sender.visit(tenant)
    assert aeat.calls == ["register"]  # still waiting
    clock.advance(1)
    assert await sender.visit(tenant) == clock.now + dt.timedelta(seconds=60)  # doubled
    assert {r["last_failure"] for r in await records(sessions, tenant)} == {"tls"}
    clock.advance(60)
    await sender.visit(tenant)

    stored = await records(sessions, tenant)
    assert {r["status"] for r in stored} == {"accepted"}
    assert {r["attempts"] for r in stored} == {3}
    assert {r["last_failure"] for r in stored} == {None}
    assert (await chain(sessions, tenant, issuer))["failures"] == 0
    assert REJECTIONS._value.get() == rejected_before
    assert [t for t, _ in await events(sessions, tenant)] == ["verifactu.accepted"] * 3
    assert [r.number for r in aeat.requests[0].records] == [m.number for m in made]


async def test_the_back_off_stops_growing_at_its_ceiling(sessions, tenant, clock):
    await seed_records(sessions, tenant, 1, generated_at=clock.now)
    aeat = FakeAeat(fail_next=["timeout"] * 8)
    sender = sender_for(sessions, aeat, clock, tenant, backoff_seconds=30, backoff_max_seconds=900)
    delays = []
    for _ in range(7):
        following = await sender.visit(tenant)
        delays.append((following - clock.now).total_seconds())
        clock.now = following
    # Never less than the 60 s waiting time in force when each request left.
    assert delays == [60, 60, 120, 240, 480, 900, 900]


async def test_a_thousand_waiting_records_do_not_cut_a_back_off_short(sessions, tenant, clock):
    issuer, _ = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    aeat = FakeAeat(fail_next=["connection"])
    sender = sender_for(sessions, aeat, clock, tenant, backoff_seconds=30)
    retry_at = await sender.visit(tenant)
    assert retry_at == clock.now + dt.timedelta(seconds=60)
    # A backlog builds up while the AEAT is down; each new record wakes the tenant.
    await seed_records(sessions, tenant, 1000, issuer=issuer, generated_at=clock.now)
    clock.advance(10)
    assert await sender.visit(tenant) == retry_at
    assert aeat.calls == ["register"]
    clock.now = retry_at
    await sender.visit(tenant)
    assert [len(r.records) for r in aeat.requests] == [1000]  # the rest after its wait


async def test_an_answer_without_a_line_for_a_record_leaves_it_waiting(sessions, tenant, clock):
    _, made = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    aeat = FakeAeat(unmentioned={made[1].number})
    sender = sender_for(sessions, aeat, clock, tenant)
    await sender.visit(tenant)
    stored = by_number(await records(sessions, tenant))
    assert [stored[m.number]["status"] for m in made] == ["accepted", "pending", "accepted"]
    assert stored[made[1].number]["last_failure"] == "unanswered"
    clock.advance(60)
    await sender.visit(tenant)  # it goes with the next request
    assert [r.number for r in aeat.requests[1].records] == [made[1].number]

    # An answer about none of them is no answer: nothing rejected, the issuer backs off.
    other, others = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    aeat.unmentioned |= {o.number for o in others}
    await sender.visit(tenant)
    stored = by_number(await records(sessions, tenant))
    assert {stored[o.number]["status"] for o in others} == {"pending"}
    assert {stored[o.number]["last_failure"] for o in others} == {"unanswered"}
    held_back = await chain(sessions, tenant, other)
    assert held_back["failures"] == 1
    # The back-off (30 s), or the waiting time in force since the request left, if later.
    assert held_back["next_send_at"] == clock.now + dt.timedelta(seconds=60)


# ------------------------------------------------------------------ answers, line by line


async def test_a_partly_correct_answer_is_read_line_by_line(sessions, tenant, clock):
    issuer, made = await seed_records(sessions, tenant, 4, generated_at=clock.now)
    aeat = FakeAeat(
        verdicts={
            made[1].number: ("Incorrecto", 1100, "Valor o tipo incorrecto del campo: CuotaTotal"),
            made[2].number: ("AceptadoConErrores", 2004, "El valor del campo FechaHoraHusoGen..."),
        },
        answer_lines_reversed=True,  # lines are matched by invoice, not by their order
    )
    rejected_before = REJECTIONS._value.get()
    await sender_for(sessions, aeat, clock, tenant).visit(tenant)

    stored = by_number(await records(sessions, tenant))
    assert [stored[m.number]["status"] for m in made] == [
        "accepted",
        "rejected",
        "accepted_with_errors",
        "accepted",
    ]
    assert (stored[made[1].number]["error_code"], stored[made[2].number]["error_code"]) == (
        1100,
        2004,
    )
    assert stored[made[1].number]["error_description"].startswith("Valor o tipo incorrecto")
    assert stored[made[0].number]["error_code"] is None
    assert len({stored[m.number]["csv"] for m in made}) == 1  # one request, one CSV
    assert REJECTIONS._value.get() == rejected_before + 1

    published = await events(sessions, tenant)
    assert sorted(t for t, _ in published) == ["verifactu.accepted"] * 3 + ["verifactu.rejected"]
    rejected = next(data for t, data in published if t == "verifactu.rejected")
    assert rejected["number"] == made[1].number
    assert rejected["error_code"] == 1100
    assert rejected["status"] == "rejected"
    assert rejected["issuer_tax_id"] == issuer
    with_errors = next(d for _, d in published if d["status"] == "accepted_with_errors")
    assert with_errors["number"] == made[2].number


async def test_a_duplicate_the_aeat_already_holds_is_accepted(sessions, tenant, clock):
    _, made = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    aeat = FakeAeat(
        verdicts={
            made[0].number: ("duplicate", "Correcta", None),
            made[1].number: ("duplicate", "AceptadaConErrores", None),
        }
    )
    await sender_for(sessions, aeat, clock, tenant).visit(tenant)
    stored = by_number(await records(sessions, tenant))
    first, second, third = (stored[m.number] for m in made)
    assert (first["status"], first["duplicate"], first["error_code"]) == ("accepted", True, None)
    assert (second["status"], second["duplicate"]) == ("accepted_with_errors", True)
    assert (third["status"], third["duplicate"]) == ("accepted", False)
    assert [t for t, _ in await events(sessions, tenant)] == ["verifactu.accepted"] * 3


# ------------------------------------------------------------------ no certificate, not enabled


async def test_without_a_certificate_or_with_submission_off_the_records_wait(
    sessions, tenant, clock
):
    issuer, _ = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    aeat = FakeAeat()
    await sender_for(
        sessions, aeat, clock, tenant, FakeCertificates(without_certificate={issuer})
    ).visit(tenant)
    await sender_for(sessions, aeat, clock, tenant, FakeCertificates(enabled=False)).visit(tenant)
    assert aeat.calls == []
    assert {(r["status"], r["attempts"]) for r in await records(sessions, tenant)} == {
        ("pending", 0)
    }


# ------------------------------------------------------------------ several runners


async def test_two_runners_at_once_never_send_a_record_twice(sessions, tenant, clock):
    issuer_a, _ = await seed_records(sessions, tenant, 1500, generated_at=clock.now)
    issuer_b, _ = await seed_records(sessions, tenant, 40, generated_at=clock.now)
    aeat = FakeAeat(wait_seconds=1, delay=0.05)
    first = sender_for(sessions, aeat, clock, tenant)
    second = sender_for(sessions, aeat, clock, tenant)

    async def keep_running(sender):
        # Each visits the tenant directly (past the claim on the tenant, which would keep the
        # other out): only the lease on each issuer's chain stands between them.
        for _ in range(30):
            await sender.visit(tenant)
            await asyncio.sleep(0.01)

    async def more_records_meanwhile():
        for _ in range(5):
            await seed_records(sessions, tenant, 7, issuer=issuer_b, generated_at=clock.now)
            await asyncio.sleep(0.03)
            clock.advance(1)

    await asyncio.gather(keep_running(first), keep_running(second), more_records_meanwhile())
    for _ in range(5):  # whatever is left once the records stopped coming
        clock.advance(2)
        await asyncio.gather(first.visit(tenant), second.visit(tenant))

    sent = collections.Counter(r.number for q in aeat.requests for r in q.records)
    stored = await records(sessions, tenant)
    assert len(stored) == 1500 + 40 + 35
    assert set(sent) == {r["fields"]["NumSerieFactura"] for r in stored}
    assert set(sent.values()) == {1}  # each record once
    assert aeat.most_in_flight == 1  # one runner per issuer at a time
    assert {r["status"] for r in stored} == {"accepted"}
    where = {r["fields"]["NumSerieFactura"]: (r["issuer_tax_id"], r["position"]) for r in stored}
    for request in aeat.requests:  # one issuer per request, in chain order
        assert {where[r.number][0] for r in request.records} == {request.issuer}
        positions = [where[r.number][1] for r in request.records]
        assert positions == sorted(positions)
    assert {q.issuer for q in aeat.requests} == {issuer_a, issuer_b}
    assert len(await events(sessions, tenant)) == len(stored)  # each announced once


async def test_while_one_runner_waits_for_its_answer_another_leaves_the_issuer_alone(
    sessions, tenant, clock
):
    _, made = await seed_records(sessions, tenant, 1200, generated_at=clock.now)
    aeat = FakeAeat(block=asyncio.Event())
    first = sender_for(sessions, aeat, clock, tenant)
    second = sender_for(sessions, aeat, clock, tenant)
    running = asyncio.create_task(first.visit(tenant))
    await asyncio.wait_for(aeat.received.wait(), 10)
    # 1,000 records are out with the first runner; 200 wait. The second neither looks the
    # first one's records up nor sends anything: the issuer is leased.
    await second.visit(tenant)
    clock.advance(120)
    await second.visit(tenant)
    assert aeat.calls == ["register"]
    aeat.block.set()
    await running
    clock.advance(60)
    await second.visit(tenant)
    sent = [r.number for q in aeat.requests for r in q.records]
    assert sent == [m.number for m in made]
    assert {r["status"] for r in await records(sessions, tenant)} == {"accepted"}


async def test_run_once_takes_due_tenants_and_a_new_record_wakes_its_tenant(
    sessions, tenant, clock
):
    issuer, _ = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    aeat = FakeAeat(wait_seconds=60)
    sender = sender_for(sessions, aeat, clock, tenant)
    assert await sender.run_once() is True
    async with sessions() as session:
        due = (
            (
                await session.execute(
                    select(verifactu_due).where(verifactu_due.c.tenant_id == tenant)
                )
            )
            .mappings()
            .one()
        )
    assert due["next_at"] is None
    assert due["waiting"] == 0
    assert due["claimed_by"] is None
    assert await sender.run_once() is False  # nothing due

    _, more = await seed_records(sessions, tenant, 1, issuer=issuer, generated_at=clock.now)
    async with sessions() as session:
        woken = (
            (
                await session.execute(
                    select(verifactu_due).where(verifactu_due.c.tenant_id == tenant)
                )
            )
            .mappings()
            .one()
        )
    assert woken["waiting"] == 1
    assert woken["next_at"] is not None
    waiting, _ = await measure_waiting(sessions, clock.now)
    assert waiting >= 1
    assert await sender.run_once() is True  # woken, but the 60 s still run: nothing sent
    assert len(aeat.requests) == 1
    assert await sender.run_once() is False  # and it comes back only when they have run
    clock.advance(60)
    assert await sender.run_once() is True
    assert [r.records[0].number for r in aeat.requests[1:]] == [more[0].number]


# ------------------------------------------------------------------ a runner that stopped


async def leave_sending(sessions, tenant, issuer, *, sent_at, lease_until):
    """What a runner killed between sending and storing leaves: its records `sent`, its
    lease on the chain."""
    async with tenant_transaction(sessions, tenant) as session:
        await session.execute(
            update(verifactu_records)
            .where(verifactu_records.c.tenant_id == tenant)
            .values(status="sent", sending_id=uuid.uuid4(), attempts=1, last_attempt_at=sent_at)
        )
        await session.execute(
            update(verifactu_chains)
            .where(
                verifactu_chains.c.tenant_id == tenant, verifactu_chains.c.issuer_tax_id == issuer
            )
            .values(lease_holder=uuid.uuid4(), lease_until=lease_until)
        )


async def test_a_stopped_runners_records_are_looked_up_before_anything_is_sent(
    sessions, tenant, clock
):
    made_at = clock.now - dt.timedelta(minutes=10)
    issuer, made = await seed_records(sessions, tenant, 5, generated_at=made_at)
    await leave_sending(
        sessions, tenant, issuer, sent_at=made_at, lease_until=clock.now - dt.timedelta(seconds=1)
    )
    aeat = FakeAeat(
        holds=[  # the AEAT registered three of them before the runner died
            HeldRecord(made[0].number, ISSUE_DATE, "Alta", made[0].huella, "Correcta"),
            HeldRecord(
                made[2].number, ISSUE_DATE, "Alta", made[2].huella, "AceptadaConErrores", 2004, "x"
            ),
            HeldRecord(made[3].number, ISSUE_DATE, "Alta", made[3].huella, "Correcta"),
            # Another month's record: not asked about.
            HeldRecord("OTRA-1", dt.date(2026, 11, 30), "Alta", "0" * 64, "Correcta"),
        ],
        page_size=2,
    )
    await sender_for(sessions, aeat, clock, tenant).visit(tenant)

    # Asked first (both pages of December), then only the two it does not hold were sent.
    assert aeat.calls == ["query", "query", "register"]
    assert [q[1:] for q in aeat.queries] == [(2026, 12, None), (2026, 12, 2)]
    assert [r.number for r in aeat.requests[0].records] == [made[1].number, made[4].number]
    assert aeat.requests[0].incident is True  # ten minutes late
    stored = by_number(await records(sessions, tenant))
    assert [stored[m.number]["status"] for m in made] == [
        "accepted",
        "accepted",
        "accepted_with_errors",
        "accepted",
        "accepted",
    ]
    assert stored[made[2].number]["error_code"] == 2004
    assert [stored[m.number]["attempts"] for m in made] == [1, 2, 1, 1, 2]
    assert stored[made[1].number]["sent_with_incident"] is True
    assert stored[made[0].number]["csv"] is None  # the lost answer's CSV is not known
    assert len(await events(sessions, tenant)) == 5


async def test_nothing_is_resent_when_the_aeat_holds_every_record(sessions, tenant, clock):
    issuer, made = await seed_records(sessions, tenant, 3, generated_at=clock.now)
    await leave_sending(sessions, tenant, issuer, sent_at=clock.now, lease_until=clock.now)
    clock.advance(1)
    aeat = FakeAeat(
        holds=[HeldRecord(m.number, ISSUE_DATE, "Alta", m.huella, "Correcta") for m in made]
    )
    await sender_for(sessions, aeat, clock, tenant).visit(tenant)
    assert "register" not in aeat.calls
    assert {r["status"] for r in await records(sessions, tenant)} == {"accepted"}


async def test_a_live_runners_lease_is_respected(sessions, tenant, clock):
    issuer, _ = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    await leave_sending(
        sessions, tenant, issuer, sent_at=clock.now, lease_until=clock.now + dt.timedelta(minutes=2)
    )
    aeat = FakeAeat()
    following = await sender_for(sessions, aeat, clock, tenant).visit(tenant)
    assert aeat.calls == []  # neither asked nor sent: its runner may still be storing
    assert following is not None
    assert following <= clock.now + dt.timedelta(seconds=1)
    assert {r["status"] for r in await records(sessions, tenant)} == {"sent"}


async def test_when_the_aeat_cannot_be_asked_the_records_stay_sent(sessions, tenant, clock):
    issuer, _ = await seed_records(sessions, tenant, 2, generated_at=clock.now)
    await leave_sending(sessions, tenant, issuer, sent_at=clock.now, lease_until=clock.now)
    clock.advance(1)
    aeat = FakeAeat(fail_next=["timeout"])
    await sender_for(sessions, aeat, clock, tenant).visit(tenant)
    assert aeat.calls == ["query"]
    assert {r["status"] for r in await records(sessions, tenant)} == {"sent"}
    assert (await chain(sessions, tenant, issuer))["failures"] == 1


# ------------------------------------------------------------------ the incident flag


async def test_the_incident_flag_goes_with_records_older_than_the_aeat_allows(
    sessions, tenant, clock
):
    assert incident_age(60) == dt.timedelta(seconds=180)
    assert incident_age(30) == dt.timedelta(seconds=210)
    issuer, _ = await seed_records(
        sessions, tenant, 2, generated_at=clock.now - dt.timedelta(seconds=170)
    )
    aeat = FakeAeat(wait_seconds=60)
    sender = sender_for(sessions, aeat, clock, tenant)
    await sender.visit(tenant)
    await seed_records(
        sessions, tenant, 1, issuer=issuer, generated_at=clock.now - dt.timedelta(seconds=130)
    )
    clock.advance(60)  # that one is now 190 s old when its request leaves
    await sender.visit(tenant)
    assert [r.incident for r in aeat.requests] == [False, True]
    stored = await records(sessions, tenant)
    assert [r["sent_with_incident"] for r in stored] == [False, False, True]
