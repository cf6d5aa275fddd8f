"""The rules that left the route handlers, without a database: aging buckets, defaulters,
DSO, and which instalments a remittance collects or defers."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from cartera_collections.domain.aging import UnpaidInstalment, aging, behaviour, bucket, defaulters
from cartera_collections.domain.remittance import end_to_end, plan_remittance
from cartera_collections.domain.sepa import SequenceType

TODAY = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("days_late", "name"),
    [
        (-10, "current"),
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "over_90"),
        (4000, "over_90"),
    ],
)
def test_buckets_have_inclusive_bounds(days_late: int, name: str) -> None:
    assert bucket(days_late) == name


def unpaid(client: str, late: int, amount: str, number: str = "F1") -> UnpaidInstalment:
    return UnpaidInstalment(client, number, TODAY - dt.timedelta(days=late), Decimal(amount))


def test_aging_sums_per_bucket_and_orders_clients_by_what_they_owe() -> None:
    total, clients = aging(
        [unpaid("a", 0, "1.00"), unpaid("b", 45, "5.00"), unpaid("a", 100, "2.50")], TODAY
    )
    assert total["current"] == Decimal("1.00")
    assert total["31-60"] == Decimal("5.00")
    assert total["over_90"] == Decimal("2.50")
    assert [c for c, _ in clients] == ["b", "a"]


def test_defaulters_need_more_than_min_days_and_at_least_min_amount() -> None:
    rows = [
        unpaid("a", 30, "100.00", "F1"),  # exactly min_days: not more
        unpaid("a", 31, "10.00", "F2"),
        unpaid("a", 60, "5.00", "F2"),
        unpaid("b", 90, "20.00", "F3"),
    ]
    found = defaulters(rows, TODAY, min_days=30, min_amount=Decimal("15"))
    assert [(d.client_id, d.overdue, d.invoices) for d in found] == [
        ("b", Decimal("20.00"), {"F3"}),
        ("a", Decimal("15.00"), {"F2"}),
    ]
    assert found[1].days_late(TODAY) == 60


def test_dso_is_what_is_owed_over_what_was_billed_times_90() -> None:
    row = {
        "settled": 3,
        "on_time": 2,
        "late_open": 1,
        "outstanding": Decimal("500.00"),
        "overdue": Decimal("100.00"),
        "weighted_days": Decimal("300.00"),
        "settled_amount": Decimal("100.00"),
    }
    figures = behaviour(row, Decimal("1500.00"))
    assert figures["dso"] == "30.0"
    assert figures["on_time_fraction"] == "0.5000"
    assert figures["average_days_late"] == "3.0"
    assert behaviour(row, Decimal(0))["dso"] is None


def due(mandate: uuid.UUID, seq: int, *, used: int = 0, signed: int = 100) -> dict:
    return {
        "id": uuid.uuid4(),
        "invoice_id": uuid.uuid4(),
        "invoice_number": "F2026/7",
        "seq": seq,
        "amount": Decimal("100.00"),
        "paid": Decimal("25.00"),
        "mandate_id": mandate,
        "reference": f"M-{mandate.hex[:6]}",
        "signed_on": TODAY - dt.timedelta(days=signed),
        "debtor_name": "Sur SL",
        "iban": "ES7921000813610123456789",
        "bic": None,
        "used": used,
    }


def test_a_new_mandate_collects_once_per_remittance_and_defers_the_rest() -> None:
    mandate = uuid.uuid4()
    plan = plan_remittance([due(mandate, 1), due(mandate, 2)], {}, TODAY)
    assert [c.mandate.sequence_type for _, c in plan.collections] == [SequenceType.FIRST]
    assert plan.collections[0][1].amount == Decimal("75.00")  # what is still owed
    assert [d["reason"] for d in plan.deferred] == ["first_collection_in_this_remittance"]
    assert plan.total == Decimal("75.00")


def test_a_used_mandate_collects_everything_as_recurring() -> None:
    mandate = uuid.uuid4()
    plan = plan_remittance([due(mandate, 1, used=2), due(mandate, 2, used=2)], {}, TODAY)
    assert [c.mandate.sequence_type for _, c in plan.collections] == [SequenceType.RECURRING] * 2
    assert plan.deferred == []


def test_a_first_collection_waiting_for_the_bank_holds_the_rest_back() -> None:
    mandate = uuid.uuid4()
    plan = plan_remittance([due(mandate, 1)], {mandate: (TODAY, True)}, TODAY)
    assert plan.collections == []
    assert plan.deferred[0]["reason"] == "first_collection_not_yet_confirmed"


def test_an_expired_mandate_collects_nothing_and_is_marked() -> None:
    mandate = uuid.uuid4()
    plan = plan_remittance([due(mandate, 1, signed=3 * 366 + 1)], {}, TODAY)
    assert plan.collections == []
    assert plan.expired == {mandate}
    assert plan.deferred[0]["mandate_expired_on"] is not None


def test_an_instalment_under_two_mandates_is_collected_once() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    row = due(first, 1, used=1)
    plan = plan_remittance([row, row | {"mandate_id": second}], {}, TODAY)
    assert len(plan.collections) == 1
    assert plan.collections[0][0]["mandate_id"] == first


def test_end_to_end_ids_keep_the_sepa_characters_and_35_of_them() -> None:
    assert end_to_end("F2026/7", 1) == "F2026/7-1"
    assert end_to_end("F_2026#7", 12) == "F-2026-7-12"
    assert len(end_to_end("F" * 40, 1)) == 35
