"""Late-payment interest under Ley 3/2004: figures worked out by hand in each test.

Formula per half-year piece: amount * rate% * days / 365, rounded half-up to cents.
"""

from datetime import date
from decimal import Decimal

import pytest

from cartera_collections.domain.interest import (
    COLLECTION_COSTS_COMPENSATION,
    STATUTORY_RATES,
    InterestPeriod,
    InvalidInterestInput,
    UnknownRate,
    claim,
    late_interest,
    rate_for,
)


def test_the_table_is_one_entry_per_half_year_in_order():
    starts = [valid_from for valid_from, _ in STATUTORY_RATES]
    assert starts == sorted(set(starts))
    assert all(d.day == 1 and d.month in (1, 7) for d in starts)
    assert rate_for(date(2023, 3, 1)) == Decimal("10.50")
    assert rate_for(date(2023, 7, 1)) == Decimal("12.00")
    assert rate_for(date(2024, 6, 30)) == Decimal("12.50")
    assert rate_for(date(2024, 12, 31)) == Decimal("12.25")
    assert rate_for(date(2025, 1, 1)) == Decimal("11.15")
    assert rate_for(date(2025, 11, 28)) == Decimal("10.15")


def test_within_one_half_year_in_a_leap_year():
    # Due 31/01/2024; late 01/02..01/03/2024 = 29 days of February 2024 + 1 = 30 days.
    # 1000.00 * 12.50 % * 30 / 365 = 3750 / 365 = 10.2739... -> 10.27 (365 even in 2024).
    result = late_interest(Decimal("1000.00"), date(2024, 1, 31), date(2024, 3, 1))
    assert result.periods == (
        InterestPeriod(date(2024, 2, 1), date(2024, 3, 1), 30, Decimal("12.50"), Decimal("10.27")),
    )
    assert result.total == Decimal("10.27")


def test_a_half_year_boundary_splits_the_period_with_each_rate():
    # 16/06..30/06/2024 = 15 days at 12.50 %: 10000 * 12.5 * 15 / 36500 = 51.3698... -> 51.37
    # 01/07..10/07/2024 = 10 days at 12.25 %: 10000 * 12.25 * 10 / 36500 = 33.5616... -> 33.56
    result = late_interest(Decimal("10000.00"), date(2024, 6, 15), date(2024, 7, 10))
    assert result.periods == (
        InterestPeriod(
            date(2024, 6, 16), date(2024, 6, 30), 15, Decimal("12.50"), Decimal("51.37")
        ),
        InterestPeriod(date(2024, 7, 1), date(2024, 7, 10), 10, Decimal("12.25"), Decimal("33.56")),
    )
    assert result.total == Decimal("84.93")


def test_a_year_end_boundary():
    # 21/12..31/12/2024 = 11 days at 12.25 %: 5000 * 12.25 * 11 / 36500 = 18.4589... -> 18.46
    # 01/01..19/01/2025 = 19 days at 11.15 %: 5000 * 11.15 * 19 / 36500 = 29.0205... -> 29.02
    result = late_interest(Decimal("5000.00"), date(2024, 12, 20), date(2025, 1, 19))
    assert [p.interest for p in result.periods] == [Decimal("18.46"), Decimal("29.02")]
    assert result.total == Decimal("47.48")


def test_a_whole_year_late():
    # H1 2023: 01/01..30/06 = 181 days at 10.50 %: 1000 * 10.5 * 181 / 36500 = 52.0684... -> 52.07
    # H2 2023: 01/07..31/12 = 184 days at 12.00 %: 1000 * 12 * 184 / 36500 = 60.4931... -> 60.49
    result = late_interest(Decimal("1000.00"), date(2022, 12, 31), date(2023, 12, 31))
    assert [(p.days, p.interest) for p in result.periods] == [
        (181, Decimal("52.07")),
        (184, Decimal("60.49")),
    ]
    assert result.total == Decimal("112.56")


def test_a_leap_half_year_counts_182_days():
    # 01/01..30/06/2024 = 182 days: 1000 * 12.5 * 182 / 36500 = 62.3287... -> 62.33
    result = late_interest(Decimal("1000.00"), date(2023, 12, 31), date(2024, 6, 30))
    assert [(p.days, p.interest) for p in result.periods] == [(182, Decimal("62.33"))]


def test_each_period_rounds_half_up_to_cents():
    # 18.25 * 10 % * 1 / 365 = 182.5 / 36500 = 0.005 exactly -> 0.01 (banker's would give 0.00)
    table = ((date(2030, 1, 1), Decimal("10")),)
    result = late_interest(Decimal("18.25"), date(2030, 1, 1), date(2030, 1, 2), table)
    assert result.total == Decimal("0.01")


@pytest.mark.parametrize("until", [date(2024, 1, 31), date(2024, 1, 1)])
def test_not_late_or_until_before_due_is_zero(until):
    result = late_interest(Decimal("1000.00"), date(2024, 1, 31), until)
    assert result.periods == ()
    assert result.total == Decimal("0.00")


def test_the_first_late_day_is_the_day_after_the_due_date():
    # 1 day at 12.50 %: 1000 * 12.5 / 36500 = 0.3424... -> 0.34
    result = late_interest(Decimal("1000.00"), date(2024, 1, 31), date(2024, 2, 1))
    assert result.periods[0].start == date(2024, 2, 1)
    assert result.total == Decimal("0.34")


@pytest.mark.parametrize(
    ("due_on", "until"),
    [
        (date(2026, 6, 1), date(2026, 7, 5)),  # 2026 H2 not in the table yet
        (date(2019, 12, 1), date(2020, 1, 5)),  # before the table starts
    ],
)
def test_an_unknown_half_year_is_an_error_not_a_guess(due_on, until):
    with pytest.raises(UnknownRate, match=r"H\d \d{4}"):
        late_interest(Decimal("100.00"), due_on, until)


@pytest.mark.parametrize(
    "amount",
    [Decimal("0"), Decimal("-10.00"), Decimal("10.001"), Decimal("NaN"), Decimal("Infinity"), 10],
)
def test_bad_amounts_are_refused(amount):
    with pytest.raises(InvalidInterestInput):
        late_interest(amount, date(2024, 1, 31), date(2024, 3, 1))


def test_a_claim_adds_the_40_euro_compensation():
    # 1000.00 + 10.27 interest (see the leap-year case) + 40.00
    result = claim(Decimal("1000.00"), date(2024, 1, 31), date(2024, 3, 1))
    assert Decimal("40.00") == COLLECTION_COSTS_COMPENSATION
    assert (result.principal, result.interest, result.compensation, result.total) == (
        Decimal("1000.00"),
        Decimal("10.27"),
        Decimal("40.00"),
        Decimal("1050.27"),
    )


def test_nothing_but_the_principal_is_claimed_before_it_is_late():
    result = claim(Decimal("1000.00"), date(2024, 1, 31), date(2024, 1, 31))
    assert (result.interest, result.compensation, result.total) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("1000.00"),
    )
