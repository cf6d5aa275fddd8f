"""Interest per instalment on what was really unpaid, and the operator's extra rates."""

from datetime import date
from decimal import Decimal

import pytest

from cartera_collections.domain.claims import instalment_interest, rate_table
from cartera_collections.domain.interest import STATUTORY_RATES, UnknownRate

TABLE = rate_table("")


def test_an_unpaid_instalment_accrues_up_to_the_day_asked():
    # 1000.00 at 10.15 % for 31 days (1-31 Aug 2025): 1000 * 10.15 * 31 / 36500 = 8.62
    result = instalment_interest(
        amount=Decimal("1000.00"),
        due_on=date(2025, 7, 31),
        paid_parts=[],
        until=date(2025, 8, 31),
        table=TABLE,
    )
    assert result["interest"] == "8.62"
    assert result["unpaid_on_until"] == "1000.00"
    assert result["late_amounts"][0]["days_late"] == 31


def test_each_part_accrues_until_it_was_paid():
    # 400.00 paid 10 days late: 400 * 10.15 * 10 / 36500 = 1.11
    # 600.00 still unpaid 31 days late: 600 * 10.15 * 31 / 36500 = 5.17
    result = instalment_interest(
        amount=Decimal("1000.00"),
        due_on=date(2025, 7, 31),
        paid_parts=[(Decimal("400.00"), date(2025, 8, 10))],
        until=date(2025, 8, 31),
        table=TABLE,
    )
    assert [p["interest"] for p in result["late_amounts"]] == ["1.11", "5.17"]
    assert result["interest"] == "6.28"
    assert result["unpaid_on_until"] == "600.00"


def test_payments_on_time_or_after_the_day_asked_do_not_count_as_late_parts():
    result = instalment_interest(
        amount=Decimal("1000.00"),
        due_on=date(2025, 7, 31),
        paid_parts=[(Decimal("300.00"), date(2025, 7, 30)), (Decimal("700.00"), date(2025, 9, 1))],
        until=date(2025, 8, 31),
        table=TABLE,
    )
    # 300 paid on time; the 700 paid after `until` was still unpaid on it.
    assert result["unpaid_on_until"] == "700.00"
    assert [p["amount"] for p in result["late_amounts"]] == ["700.00"]


def test_a_fully_paid_on_time_instalment_owes_nothing():
    result = instalment_interest(
        amount=Decimal("1000.00"),
        due_on=date(2025, 7, 31),
        paid_parts=[(Decimal("1000.00"), date(2025, 7, 31))],
        until=date(2025, 12, 31),
        table=TABLE,
    )
    assert (result["interest"], result["late_amounts"]) == ("0.00", [])


def test_the_operator_adds_a_half_year_the_release_lacks():
    table = rate_table("2026-07-01=10.40")
    result = instalment_interest(
        amount=Decimal("1000.00"),
        due_on=date(2026, 6, 30),
        paid_parts=[],
        until=date(2026, 7, 10),
        table=table,
    )
    # 10 days at 10.40 %: 2.85
    assert result["interest"] == "2.85"
    with pytest.raises(UnknownRate):
        instalment_interest(
            amount=Decimal("1000.00"),
            due_on=date(2026, 6, 30),
            paid_parts=[],
            until=date(2026, 7, 10),
            table=TABLE,
        )


@pytest.mark.parametrize(
    "setting",
    [
        "2026-07-02=10.40",  # not a half-year
        "2026-07-01=abc",
        "yesterday=10",
        "2026-07-01=250",
        f"{STATUTORY_RATES[-1][0].isoformat()}=99.00",  # never overrides a published figure
    ],
)
def test_bad_operator_rates_stop_the_service_from_starting(setting):
    with pytest.raises(ValueError, match="CARTERA_COLLECTIONS_LATE_INTEREST_RATES"):
        rate_table(setting)
