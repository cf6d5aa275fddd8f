"""The cash forecast's maths (domain/cash_forecast.py) and its backtest, on known distributions."""

import datetime as dt
import uuid
from decimal import Decimal

from cartera_analytics.domain import cash_forecast as cf

A, B = uuid.UUID(int=1), uuid.UUID(int=2)
MONDAY = dt.date(2026, 12, 7)


def item(client: uuid.UUID, due: dt.date, amount: str) -> cf.OpenItem:
    return cf.OpenItem(client, due, Decimal(amount))


def test_nothing_open_gives_zeros() -> None:
    made = cf.forecast([], {A: [0, 3]}, MONDAY, 13)
    assert len(made.weeks) == 13
    assert all(w.expected == w.low == w.high == 0 for w in made.weeks)
    assert made.later == 0
    assert made.open_amount == 0
    assert [w.start for w in made.weeks[:2]] == [MONDAY, MONDAY + dt.timedelta(days=7)]


def test_weeks_start_on_monday_of_the_current_week() -> None:
    wednesday = MONDAY + dt.timedelta(days=2)
    made = cf.forecast([], {}, wednesday, 2)
    assert made.weeks[0].start == MONDAY


def test_a_client_with_much_history_pays_by_its_own_distribution() -> None:
    # Half paid on the due date, half 14 days late; the tenant's (A is its only payer) and the
    # default say the same, so the shrinkage changes nothing: exact halves.
    history = {A: [0] * 50 + [14] * 50}
    made = cf.forecast(
        [item(A, MONDAY + dt.timedelta(days=1), "1000.00")],
        history,
        MONDAY,
        4,
        default={0: 0.5, 14: 0.5},
    )
    expected = [w.expected for w in made.weeks]
    assert expected == [Decimal("500.00"), Decimal("0.00"), Decimal("500.00"), Decimal("0.00")]
    assert sum(expected) + made.later == Decimal("1000.00")


def test_known_mixture_of_client_and_tenant() -> None:
    # A has 5 observations, all 0 days late: weight 5 / (5 + 5) = 1/2 on its own record.
    # B has 45 at 21 days late. The tenant pools 50: 10 % at 0, 90 % at 21, weight 50/55 on
    # that against the default: P(tenant, 0) = 50/55 * 0.1 + 5/55 * 0.40 = 0.1272...
    history = {A: [0] * 5, B: [21] * 45}
    made = cf.forecast([item(A, MONDAY, "100.00")], history, MONDAY, 6)
    p_tenant_0 = 50 / 55 * 0.1 + 5 / 55 * cf.DEFAULT_DAYS_LATE[0]
    p_tenant_21 = 50 / 55 * 0.9
    assert made.weeks[0].expected == Decimal(str(round(100 * (0.5 + 0.5 * p_tenant_0), 2)))
    assert made.weeks[3].expected == Decimal(str(round(100 * 0.5 * p_tenant_21, 2)))


def test_a_tenant_without_history_uses_the_default() -> None:
    made = cf.forecast([item(A, MONDAY, "1000.00")], {}, MONDAY, 13)
    # Due on Monday: 0 days late this week, 7 the next, 15 in week 2, 30 in week 4, 60 in week 8.
    assert {i: w.expected for i, w in enumerate(made.weeks) if w.expected} == {
        0: Decimal("400.00"),
        1: Decimal("200.00"),
        2: Decimal("150.00"),
        4: Decimal("150.00"),
        8: Decimal("100.00"),
    }


def test_bands_bracket_the_mean_and_stay_within_what_can_land() -> None:
    history = {A: [0, 3, 10, 20, 40], B: [0, 0, 1]}
    items = [item(A, MONDAY + dt.timedelta(days=d), "250.00") for d in range(0, 60, 6)]
    items += [item(B, MONDAY + dt.timedelta(days=d), "80.00") for d in range(0, 40, 10)]
    made = cf.forecast(items, history, MONDAY, 13)
    assert any(w.expected > 0 for w in made.weeks)
    for w in made.weeks:
        assert Decimal(0) <= w.low <= w.expected <= w.high
    assert any(w.low < w.expected < w.high for w in made.weeks)
    total = sum((w.expected for w in made.weeks), Decimal(0)) + made.later
    assert abs(total - Decimal("2820.00")) <= Decimal("0.13")  # cents rounded per week


def test_a_certain_week_has_no_band() -> None:
    made = cf.forecast([item(A, MONDAY, "90.00")], {A: [0] * 50}, MONDAY, 2)
    # All of A's and the tenant's history says 0 days late: the default's 5/55 is the only doubt.
    assert made.weeks[0].low <= made.weeks[0].expected <= made.weeks[0].high
    sure = cf.forecast(
        [item(A, MONDAY, "90.00")], {A: [0] * 50}, MONDAY, 2, default={0: 1.0}
    ).weeks[0]
    assert sure.low == sure.expected == sure.high == Decimal("90.00")


def test_overdue_instalments_are_conditioned_on_not_being_paid_yet() -> None:
    # Due 10 days ago; history says 0 (half) or 17 days late (half): only 17 is still possible,
    # so all of it lands 7 days from now, next week - whatever the shrinkage mixed in below 10.
    history = {A: [0] * 500 + [17] * 500}
    made = cf.forecast(
        [item(A, MONDAY - dt.timedelta(days=10), "300.00")], history, MONDAY, 3, default={0: 1.0}
    )
    assert [w.expected for w in made.weeks] == [Decimal("0.00"), Decimal("300.00"), Decimal("0.00")]


def test_far_overdue_still_lands_in_the_horizon_by_the_default_from_today() -> None:
    # A year overdue, older than anything seen: the default's delays, counted from today.
    made = cf.forecast(
        [item(A, MONDAY - dt.timedelta(days=365), "1000.00")], {A: [0, 2]}, MONDAY, 13
    )
    assert made.later == 0
    expected = {w.start: w.expected for w in made.weeks}
    for days, p in cf.DEFAULT_DAYS_LATE.items():
        week = cf.week_start(MONDAY + dt.timedelta(days=days))
        assert expected[week] >= Decimal(str(1000 * p)) - Decimal("0.01")
    assert sum(expected.values()) == Decimal("1000.00")


def test_an_early_payer_not_due_yet_counts_from_today() -> None:
    # Pays 30 days early by habit, due in 10 days: expected today, not in the past.
    made = cf.forecast(
        [item(A, MONDAY + dt.timedelta(days=10), "50.00")],
        {A: [-30] * 100},
        MONDAY,
        3,
        default={-30: 1.0},
    )
    assert made.weeks[0].expected == Decimal("50.00")


def test_naive_puts_overdue_in_this_week_and_the_rest_on_due_dates() -> None:
    items = [
        item(A, MONDAY - dt.timedelta(days=40), "10.00"),
        item(A, MONDAY + dt.timedelta(days=8), "20.00"),
        item(B, MONDAY + dt.timedelta(days=200), "30.00"),
    ]
    assert cf.naive(items, MONDAY, 3) == [Decimal("10.00"), Decimal("20.00"), Decimal(0)]


def test_backtest_replays_what_was_known_and_what_came_in() -> None:
    day = MONDAY
    history = [
        # Settled before `day`: history only (A pays 7 days late).
        cf.HistoricInstalment(
            A,
            day - dt.timedelta(days=60),
            day - dt.timedelta(days=30),
            Decimal(100),
            day - dt.timedelta(days=23),
        ),
        cf.HistoricInstalment(
            A,
            day - dt.timedelta(days=50),
            day - dt.timedelta(days=20),
            Decimal(100),
            day - dt.timedelta(days=13),
        ),
        # Open at `day`, due today, paid 7 days later (next week).
        cf.HistoricInstalment(
            A, day - dt.timedelta(days=30), day, Decimal(200), day + dt.timedelta(days=7)
        ),
        # Issued after `day`: not forecast, not counted as actual.
        cf.HistoricInstalment(
            A,
            day + dt.timedelta(days=1),
            day + dt.timedelta(days=2),
            Decimal(999),
            day + dt.timedelta(days=3),
        ),
        # Open and never paid.
        cf.HistoricInstalment(
            B, day - dt.timedelta(days=10), day + dt.timedelta(days=14), Decimal(50), None
        ),
    ]
    point = cf.backtest_point(history, day, 4)
    assert point.actual == [Decimal(0), Decimal(200), Decimal(0), Decimal(0)]
    assert point.naive == [Decimal(200), Decimal(0), Decimal(50), Decimal(0)]
    # A's record (7 days late, 2 observations) moves most of its 200 to next week.
    assert point.forecast[1] > point.forecast[0]
    assert cf.wape([point], "naive", 1) == Decimal(1)  # nothing forecast, 200 came: 100 % off
    assert cf.wape([point], "forecast", 1) < Decimal(1)
    assert cf.wape([point], "forecast", 0) is None  # nothing came in: undefined, not 0


def test_wape_weighs_every_week_by_the_cash_that_came() -> None:
    zero = Decimal(0)
    points = [
        cf.BacktestPoint(MONDAY, [Decimal(90), Decimal(10)], [zero, zero], [Decimal(100), zero]),
        cf.BacktestPoint(
            MONDAY, [Decimal(0), Decimal(50)], [zero, zero], [Decimal(100), Decimal(100)]
        ),
    ]
    assert cf.wape(points, "forecast", 0) == Decimal("0.55")  # (10 + 100) / 200
    assert cf.wape(points, "forecast", 1) == Decimal("0.6")  # (10 + 50) / 100
    assert cf.wape_over_horizon(points, "forecast") == Decimal("170") / Decimal("300")
    assert cf.wape_over_horizon(points, "naive") == Decimal(1)
    assert cf.wape_over_horizon([], "naive") is None
