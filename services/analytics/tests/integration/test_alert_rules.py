"""The month rules (concentration, top-client drop) on a tenant with many clients, on the real
database: they read only the clients over the line and the five largest, and raise exactly what
judging every client of both months raises (`judged_whole`, the rules as they were first
written: every row read, shares and ranks worked out here). The last complete month is judged
whole once, then for what events move in it, until a threshold changes.

The months are written as the consumer leaves them (client_months), with what makes the rules
hard: many small clients, sales without a client (never alerted, but part of the total), a
client in credit (never part of the total), a tie at the fifth place of the ranking, and a
threshold the tenant changed."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, update

from cartera_analytics.alerts import raising
from cartera_analytics.domain.invoices import NO_CLIENT
from cartera_analytics.domain.periods import shift_month
from cartera_analytics.models import alerts, client_months, month_judgements, tenant_settings
from cartera_analytics.projector import Effects
from cartera_shared.business_day import today
from cartera_shared.db import tenant_transaction

THIS_MONTH = today().replace(day=1)
LAST_COMPLETE = shift_month(THIS_MONTH, -1)
BEFORE = shift_month(LAST_COMPLETE, -1)
PERIOD = f"{LAST_COMPLETE:%Y-%m}"  # the alerts' period
SMALL_CLIENTS = 300


def ordered_ids(count: int) -> list[uuid.UUID]:
    """Fresh ids in the order a tie is settled in (by their text)."""
    return sorted((uuid.uuid4() for _ in range(count)), key=str)


def judged_whole(
    months: dict[dt.date, dict[uuid.UUID, Decimal]], limits: raising.Thresholds
) -> set[tuple[str, uuid.UUID, str]]:
    """(kind, client, period) of what the rules raise, worked out from every row."""
    raised: set[tuple[str, uuid.UUID, str]] = set()
    last = months[LAST_COMPLETE]
    total = sum((b for b in last.values() if b > 0), Decimal(0))
    for client_id, base in last.items():
        if client_id != NO_CLIENT and total > 0 and base / total > limits.concentration:
            raised.add(("concentration", client_id, PERIOD))
    top = sorted(
        ((c, b) for c, b in months[BEFORE].items() if b > 0 and c != NO_CLIENT),
        key=lambda cb: (-cb[1], str(cb[0])),
    )[: raising.TOP_CLIENTS]
    for client_id, base in top:
        if (base - last.get(client_id, Decimal(0))) / base >= limits.drop:
            raised.add(("top_client_drop", client_id, PERIOD))
    return raised


async def write_months(
    app, tenant: uuid.UUID, months: dict[dt.date, dict[uuid.UUID, Decimal]]
) -> None:
    rows = [
        {
            "tenant_id": tenant,
            "month": month,
            "client_id": client_id,
            "base": base,
            "total": base * Decimal("1.21"),
            "invoices": 1,
        }
        for month, bases in months.items()
        for client_id, base in bases.items()
    ]
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        await session.execute(insert(client_months), rows)


async def evaluate(
    app, tenant: uuid.UUID, *moved: tuple[uuid.UUID, dt.date]
) -> set[tuple[str, uuid.UUID, str]]:
    """(kind, client, period) of every alert the tenant has after the rules ran on what an event
    `moved` (by default an invoice of this month: the last complete month is judged whole)."""
    effects = Effects(months=set(moved) or {(uuid.uuid4(), THIS_MONTH)})
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        await raising.evaluate(session, tenant, effects)
        rows = await session.execute(
            select(alerts.c.kind, alerts.c.client_id, alerts.c.period).where(
                alerts.c.tenant_id == tenant
            )
        )
        return {(r.kind, r.client_id, r.period) for r in rows}


def many_clients() -> dict[dt.date, dict[uuid.UUID, Decimal]]:
    small = {uuid.uuid4(): Decimal("10.00") for _ in range(SMALL_CLIENTS)}
    return {BEFORE: dict(small), LAST_COMPLETE: dict(small)}


async def test_a_client_over_the_line_among_many_and_the_top_clients_that_fell(app):
    tenant = uuid.uuid4()
    large, falls, keeps, stops, fifth, sixth = ordered_ids(6)
    months = many_clients()
    months[BEFORE] |= {
        large: Decimal("5000.00"),
        falls: Decimal("900.00"),
        keeps: Decimal("800.00"),
        stops: Decimal("800.00"),
        # The same figure at the fifth place: the first by id is among the five.
        fifth: Decimal("700.00"),
        sixth: Decimal("700.00"),
        # Larger than all of them, but no client: never ranked.
        NO_CLIENT: Decimal("9000.00"),
    }
    months[LAST_COMPLETE] |= {
        # 6,000 of 3,000 small + 6,000 + 3,100 without a client + 800 = 12,900: 46.5 %.
        large: Decimal("6000.00"),
        falls: Decimal("100.00"),
        keeps: Decimal("800.00"),
        NO_CLIENT: Decimal("3100.00"),
        # In credit: not part of the total, never alerted.
        uuid.uuid4(): Decimal("-2000.00"),
    }
    await write_months(app, tenant, months)

    raised = await evaluate(app, tenant)

    assert ("concentration", large, PERIOD) in raised
    assert {("top_client_drop", c, PERIOD) for c in (falls, stops, fifth)} <= raised
    assert ("top_client_drop", sixth, PERIOD) not in raised  # sixth by its id
    assert raised == judged_whole(months, raising.Thresholds())


async def test_a_lower_threshold_the_tenant_set_raises_more(app):
    tenant = uuid.uuid4()
    first, second, third = ordered_ids(3)
    months = many_clients()
    months[LAST_COMPLETE] |= {
        first: Decimal("900.00"),
        second: Decimal("600.00"),
        third: Decimal("300.00"),
    }
    limits = raising.Thresholds(concentration=Decimal("0.1250"), drop=Decimal("0.9000"))
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        await session.execute(
            insert(tenant_settings).values(
                tenant_id=tenant,
                concentration_threshold=limits.concentration,
                drop_threshold=limits.drop,
                late_payer_ratio=Decimal("0.5"),
            )
        )
    await write_months(app, tenant, months)

    raised = await evaluate(app, tenant)

    # 4,800 in all: 18.75 % and 12.5 % (on the line, so not over it), 6.25 %.
    assert {c for kind, c, _ in raised if kind == "concentration"} == {first}
    assert raised == judged_whole(months, limits)
    assert ("concentration", second, PERIOD) not in raised


@pytest.mark.parametrize("base", ["0.00", "-10.00"])
async def test_a_month_with_nothing_billed_raises_nothing(app, base):
    tenant = uuid.uuid4()
    client = uuid.uuid4()
    await write_months(
        app, tenant, {BEFORE: {client: Decimal(base)}, LAST_COMPLETE: {client: Decimal(base)}}
    )
    assert await evaluate(app, tenant) == set()


async def set_base(app, tenant: uuid.UUID, month: dt.date, client: uuid.UUID, base: str) -> None:
    """A month's figure moved by hand: no event, so no effect tells the rules about it."""
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        await session.execute(
            update(client_months)
            .where(
                client_months.c.tenant_id == tenant,
                client_months.c.month == month,
                client_months.c.client_id == client,
            )
            .values(base=Decimal(base))
        )


async def test_the_last_month_is_judged_whole_once_then_for_what_events_move(app):
    tenant = uuid.uuid4()
    grows, shrinks, other = ordered_ids(3)
    months = many_clients()
    months[BEFORE] |= {grows: Decimal("100.00"), shrinks: Decimal("100.00")}
    months[LAST_COMPLETE] |= {grows: Decimal("100.00"), shrinks: Decimal("100.00")}
    await write_months(app, tenant, months)
    today_s = (uuid.uuid4(), THIS_MONTH)
    assert await evaluate(app, tenant, today_s) == set()  # the first look: nothing

    # Moved without an event: the month was judged, and no event says it changed.
    await set_base(app, tenant, LAST_COMPLETE, grows, "9000.00")
    await set_base(app, tenant, BEFORE, shrinks, "5000.00")
    assert await evaluate(app, tenant, today_s) == set()

    # An invoice of the last month: its client is judged again.
    assert await evaluate(app, tenant, (grows, LAST_COMPLETE)) == {("concentration", grows, PERIOD)}
    # One of the month before: the fall into the last month is judged again.
    assert await evaluate(app, tenant, (other, BEFORE)) == {
        ("concentration", grows, PERIOD),
        ("top_client_drop", shrinks, PERIOD),
    }


async def test_a_threshold_the_tenant_changes_has_the_last_month_judged_whole_again(app):
    tenant = uuid.uuid4()
    larger = uuid.uuid4()
    months = many_clients()
    months[LAST_COMPLETE] |= {larger: Decimal("600.00")}  # 600 of 3,600: 16.7 %
    await write_months(app, tenant, months)
    today_s = (uuid.uuid4(), THIS_MONTH)
    assert await evaluate(app, tenant, today_s) == set()
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        await session.execute(
            insert(tenant_settings).values(
                tenant_id=tenant,
                concentration_threshold=Decimal("0.15"),
                drop_threshold=raising.DEFAULT_DROP,
                late_payer_ratio=raising.DEFAULT_LATE_RATIO,
            )
        )
    assert await evaluate(app, tenant, today_s) == {("concentration", larger, PERIOD)}


async def test_a_judgement_rolled_back_is_not_remembered(app):
    tenant = uuid.uuid4()
    larger = uuid.uuid4()
    months = many_clients()
    months[LAST_COMPLETE] |= {larger: Decimal("9000.00")}
    await write_months(app, tenant, months)
    today_s = (uuid.uuid4(), THIS_MONTH)

    class Failed(Exception):
        pass

    async def failing_batch() -> None:
        async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
            assert await raising.evaluate(session, tenant, Effects(months={today_s})) == 1
            raise Failed  # the batch fails after the rules ran: its alerts are gone too

    with pytest.raises(Failed):
        await failing_batch()
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:
        assert await session.scalar(select(func.count()).select_from(month_judgements)) == 0
    assert await evaluate(app, tenant, today_s) == {("concentration", larger, PERIOD)}
