"""The figures' definitions (docs/analytics.md), on small hand-checked examples."""

import datetime as dt
import uuid
from decimal import Decimal

from cartera_analytics.domain import figures, modelo347
from cartera_analytics.domain.invoices import Instalment
from cartera_analytics.domain.money import ratio

A, B, C, D = (uuid.UUID(int=i) for i in range(1, 5))


def rev(client, base):
    return figures.ClientRevenue(client, Decimal(base), Decimal(base) * Decimal("1.21"), 1)


def test_shares_abc_and_concentration():
    result = figures.portfolio([rev(B, "300"), rev(A, "600"), rev(C, "80"), rev(D, "20")])
    assert [c.revenue.client_id for c in result.clients] == [A, B, C, D]
    assert [c.share for c in result.clients] == [
        Decimal("0.6"),
        Decimal("0.3"),
        Decimal("0.08"),
        Decimal("0.02"),
    ]
    # A opens below 80 %; B starts at 60 % (< 80 %): A too; C starts at 90 %: B; D at 98 %: C.
    assert [c.abc for c in result.clients] == ["A", "A", "B", "C"]
    assert result.top1_share == Decimal("0.6")
    assert result.top5_share == Decimal("1.00")
    assert ratio(result.hhi) == Decimal("0.4568")  # .36 + .09 + .0064 + .0004


def test_a_client_credited_below_zero_holds_no_share():
    result = figures.portfolio([rev(A, "100"), rev(B, "-50")])
    assert [(c.share, c.abc) for c in result.clients] == [(Decimal(1), "A"), (Decimal(0), "C")]
    assert result.base == Decimal("50")


def test_exact_ratios_round_half_up_from_the_exact_quotient():
    # The portfolio's shares come from exact sums (queries.portfolio_page): 1/3 of 2/3's...
    assert figures.exact_ratio(Decimal("1.00"), Decimal("3.00")) == Decimal("0.3333")
    assert figures.exact_ratio(Decimal("2.00"), Decimal("3.00")) == Decimal("0.6667")
    # ...half-up on an exact half (3/60000 = 0.00005), nothing for an empty portfolio.
    assert figures.exact_ratio(Decimal("0.03"), Decimal("600.00")) == Decimal("0.0001")
    assert str(figures.exact_ratio(Decimal(0), Decimal(0))) == "0.0000"
    assert str(figures.exact_ratio(Decimal(5), Decimal(5))) == "1.0000"
    sums = figures.PortfolioSums(
        clients=4,
        base=Decimal(1000),
        total=Decimal(1210),
        invoices=4,
        positive=Decimal(1000),
        squares=Decimal(600**2 + 300**2 + 80**2 + 20**2),
        top1=Decimal(600),
        top5=Decimal(1000),
        classes={},
    )
    assert figures.portfolio_hhi(sums) == Decimal("0.4568")  # as test_shares_abc_...


def test_trend_is_the_least_squares_slope_relative_to_the_mean():
    up = figures.trend([Decimal(100), Decimal(110), Decimal(120)])
    assert (up.slope, up.direction) == (Decimal(10), "up")
    assert figures.trend([Decimal(100), Decimal(101), Decimal(100)]).direction == "flat"
    assert figures.trend([Decimal(100)]).direction == "n/a"
    assert figures.change(Decimal(90), Decimal(120)) == Decimal("-0.25")
    assert figures.change(Decimal(90), Decimal(0)) is None


def test_bridge_classifies_and_adds_up():
    result = figures.bridge(
        {A: Decimal(100), B: Decimal(100), C: Decimal(50)},
        {A: Decimal(150), B: Decimal(40), D: Decimal(70)},
    )
    assert [b.client_id for b in result.new] == [D]
    assert [b.client_id for b in result.growth] == [A]
    assert [b.client_id for b in result.shrinkage] == [B]
    assert [b.client_id for b in result.lost] == [C]
    moved = sum(
        b.change for g in (result.new, result.growth, result.shrinkage, result.lost) for b in g
    )
    assert result.opening + moved == result.closing == Decimal(260)


def inst(due, amount, paid, settled=None, client=A):
    return Instalment(
        uuid.uuid4(),
        client,
        1,
        dt.date.fromisoformat(due),
        Decimal(amount),
        Decimal(paid),
        dt.date.fromisoformat(settled) if settled else None,
    )


def test_payment_behaviour():
    as_of = dt.date(2026, 6, 30)
    items = [
        inst("2026-03-01", "100", "100", "2026-02-28"),  # on time
        inst("2026-04-01", "100", "100", "2026-04-11"),  # 10 days late
        inst("2026-05-01", "300", "0"),  # unpaid, 60 days late at as_of
        inst("2026-08-01", "50", "0"),  # not due yet
    ]
    b = figures.behaviour(items, as_of)
    assert (b.due_count, b.on_time_count, b.late_count) == (3, 1, 2)
    assert b.on_time_ratio == Decimal(1) / 3
    assert b.avg_days_late == Decimal("47.5")  # (10 x 100 + 60 x 300) / 400
    assert (b.outstanding, b.overdue) == (Decimal(350), Decimal(300))
    assert b.aging["31-60"] == Decimal(300)
    assert figures.dso(Decimal(350), Decimal(700)) == Decimal(45)


def test_expected_cash_in_splits_by_the_clients_record():
    as_of = dt.date(2026, 6, 1)
    items = [inst("2026-06-03", "1000", "0"), inst("2026-06-10", "90", "0", client=B)]
    records = {A: figures.Record(Decimal("0.75"), Decimal("14"))}
    default = figures.Record(Decimal(1), Decimal(0))
    weeks, later = figures.expected_cash_in(items, records, default, as_of, 4)
    # A: 750 on 3 June (week 1), 250 fourteen days later on 17 June (week 3); B: 90 in week 2.
    assert weeks == [Decimal("750.00"), Decimal(90), Decimal("250.00"), Decimal(0)]
    assert later == 0


def test_csat_and_nps():
    s = figures.scores([("csat", 5), ("csat", 4), ("csat", 2), ("nps", 10), ("nps", 9), ("nps", 3)])
    assert s.csat == Decimal(2) / 3
    assert (s.promoters, s.passives, s.detractors) == (2, 0, 1)
    assert ratio(s.nps) == Decimal("33.3333")


def test_modelo_347_threshold_is_exceeded_not_reached():
    rows = [
        ("B1", "Uno", 1, Decimal("3005.06")),
        ("B2", "Dos", 1, Decimal("3000.00")),
        ("B2", "Dos", 4, Decimal("5.07")),
    ]
    declared = modelo347.m347_declared(rows, 2026)
    assert [(d.tax_id, d.total, d.quarters[3]) for d in declared] == [
        ("B2", Decimal("3005.07"), Decimal("5.07"))
    ]


def test_risk_reasons():
    no_answers = figures.scores([])
    calm = figures.behaviour([], dt.date(2026, 6, 1))
    assert (
        figures.risk_reasons(
            figures.RiskInput(Decimal(100), Decimal(100), calm, None, no_answers, 0)
        )
        == []
    )
    reasons = figures.risk_reasons(
        figures.RiskInput(
            Decimal(60),
            Decimal(100),
            calm,
            45,
            figures.scores([("csat", 1), ("nps", 2)]),
            2,
        )
    )
    assert [r["rule"] for r in reasons] == [
        "falling_billing",
        "long_overdue",
        "poor_csat",
        "poor_nps",
        "sla_breaches",
    ]


def test_a_period_is_read_from_the_coarsest_pieces_that_fit():
    from cartera_analytics.domain.periods import cover

    d = dt.date
    assert cover(d(2025, 11, 9), d(2026, 11, 8)) == [
        ("day", d(2025, 11, 9), d(2025, 12, 1)),
        ("month", d(2025, 12, 1), d(2026, 1, 1)),
        ("quarter", d(2026, 1, 1), d(2026, 10, 1)),
        ("month", d(2026, 10, 1), d(2026, 11, 1)),
        ("day", d(2026, 11, 1), d(2026, 11, 9)),
    ]
    assert cover(d(2024, 1, 1), d(2025, 12, 31)) == [("year", d(2024, 1, 1), d(2026, 1, 1))]
    assert cover(d(2026, 3, 5), d(2026, 3, 5)) == [("day", d(2026, 3, 5), d(2026, 3, 6))]
    # No whole quarter in February-April: one range of months.
    assert cover(d(2026, 2, 1), d(2026, 4, 30)) == [("month", d(2026, 2, 1), d(2026, 5, 1))]
    # Every day of a period is in exactly one piece.
    for start, end in ((d(2023, 12, 30), d(2026, 2, 2)), (d(2026, 1, 31), d(2026, 7, 1))):
        covered = []
        for _, first, last in cover(start, end):
            day = first
            while day < last:
                covered.append(day)
                day += dt.timedelta(days=1)
        assert covered == [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
