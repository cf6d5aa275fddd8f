"""How other services' events become timeline entries, without the database where none is needed."""

import datetime as dt
import uuid

import pytest

from cartera_crm.domain.timeline import placed_at
from cartera_crm.timeline.service import on_event
from cartera_shared import business_day
from cartera_shared.events import new_envelope
from cartera_shared.inbox import PoisonMessage


def envelope(topic, data):
    return new_envelope(
        type=topic, tenant_id=uuid.uuid4(), producer="test", subject="x", sequence=1, data=data
    )


def test_a_fact_dated_another_day_is_placed_on_that_day_at_noon():
    event = envelope("invoice.issued", {})
    # The business day, in Madrid: from 23:00 UTC (22:00 in summer) the UTC date is the day before.
    today = business_day.day_of(event.occurred_at)
    assert placed_at(event, today.isoformat()) == event.occurred_at
    assert placed_at(event, None) == event.occurred_at
    earlier = today - dt.timedelta(days=40)
    assert placed_at(event, earlier.isoformat()) == dt.datetime.combine(
        earlier, dt.time(12), dt.UTC
    )


async def test_events_without_a_client_have_no_timeline():
    # Nothing to write: the handler returns before it touches the session.
    await on_event(None, envelope("invoice.issued", {"id": str(uuid.uuid4())}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("topic", "data"),
    [
        ("invoice.issued", {"client_id": "not-a-uuid"}),
        ("invoice.issued", {"client_id": str(uuid.uuid4())}),
        ("payment.recorded", {"client_id": str(uuid.uuid4()), "id": "x"}),
    ],
)
async def test_events_missing_what_an_entry_needs_are_poison(topic, data):
    with pytest.raises(PoisonMessage):
        await on_event(None, envelope(topic, data))  # type: ignore[arg-type]
