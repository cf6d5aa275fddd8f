"""The figures the API shows, computed from pre-aggregated rows. Definitions: docs/analytics.md."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cartera_analytics.domain.invoices import Instalment
from cartera_analytics.domain.money import RATIO_PLACES, ZERO, cents, ratio

ONE = Decimal(1)
ABC_A = Decimal("0.80")  # clients making the first 80 % of billing
ABC_B = Decimal("0.95")  # the next 15 %; the rest is C


# --- portfolio: shares, ABC, concentration --------------------------------------------------------


@dataclass(frozen=True)
class ClientRevenue:
    client_id: uuid.UUID
    base: Decimal
    total: Decimal
    invoices: int


@dataclass(frozen=True)
class RankedClient:
    revenue: ClientRevenue
    rank: int
    share: Decimal  # exact fraction of the period's total taxable base
    cumulative: Decimal
    abc: str


@dataclass(frozen=True)
class Portfolio:
    clients: list[RankedClient]
    base: Decimal
    total: Decimal
    invoices: int
    top1_share: Decimal
    top5_share: Decimal
    hhi: Decimal


def portfolio(rows: Iterable[ClientRevenue]) -> Portfolio:
    """Shares are of the sum of positive net taxable bases (a client whose rectifications leave
    it at zero or below holds no share and is class C)."""
    ordered = sorted(rows, key=lambda r: (-r.base, str(r.client_id)))
    positive = sum((r.base for r in ordered if r.base > 0), ZERO)
    ranked: list[RankedClient] = []
    cumulative = ZERO
    for rank, row in enumerate(ordered, start=1):
        share = row.base / positive if positive > 0 and row.base > 0 else ZERO
        before = cumulative
        cumulative += share
        if share <= 0:
            abc = "C"
        elif before < ABC_A:
            abc = "A"
        elif before < ABC_B:
            abc = "B"
        else:
            abc = "C"
        ranked.append(RankedClient(row, rank, share, cumulative, abc))
    shares = [c.share for c in ranked]
    return Portfolio(
        clients=ranked,
        base=sum((r.base for r in ordered), ZERO),
        total=sum((r.total for r in ordered), ZERO),
        invoices=sum(r.invoices for r in ordered),
        top1_share=sum(shares[:1], ZERO),
        top5_share=sum(shares[:5], ZERO),
        hhi=sum((s * s for s in shares), ZERO),
    )


@dataclass(frozen=True)
class PortfolioSums:
    """The exact sums a portfolio's figures are made of (summed in SQL, queries.portfolio_page).
    Shares are of `positive`, the sum of the positive net taxable bases."""

    clients: int
    base: Decimal
    total: Decimal
    invoices: int
    positive: Decimal
    squares: Decimal  # sum of the squared positive bases: HHI = squares / positive^2
    top1: Decimal  # positive base of the largest client
    top5: Decimal  # positive bases of the five largest
    classes: dict[str, tuple[int, Decimal, Decimal]]  # ABC: clients, base, positive base


# A client of the page: id, base, total, invoices, the positive bases ranked up to and including
# it (its cumulative share's numerator), ABC class, legal name and tax id (None if unknown).
PageClient = tuple[uuid.UUID, Decimal, Decimal, int, Decimal, str, str | None, str | None]


@dataclass(frozen=True)
class PortfolioPage:
    sums: PortfolioSums
    clients: list[PageClient]


def exact_ratio(part: Decimal | Fraction, whole: Decimal | Fraction) -> Decimal:
    """part / whole (both >= 0) rounded half-up to four decimals from the exact quotient; 0 when
    `whole` is 0 (a portfolio with nothing positive holds no shares)."""
    if not whole:
        return ratio(ZERO)
    quotient = Fraction(part) / Fraction(whole)
    return (Decimal((quotient * 10000 + Fraction(1, 2)).__floor__()) / 10000).quantize(RATIO_PLACES)


def portfolio_hhi(sums: PortfolioSums) -> Decimal:
    """Sum of the exact squared shares, rounded: squares / positive^2."""
    return exact_ratio(Fraction(sums.squares), Fraction(sums.positive) ** 2)


# --- trend ----------------------------------------------------------------------------------------

FLAT_BAND = Decimal("0.02")  # a slope within 2 % of the mean per step is flat


@dataclass(frozen=True)
class Trend:
    slope: Decimal  # least-squares slope per step (per month), in the series' unit
    relative: Decimal | None  # slope / mean of the series
    direction: str  # "up", "down", "flat" (or "n/a" with fewer than two points)


def trend(values: Sequence[Decimal]) -> Trend:
    n = len(values)
    if n < 2:
        return Trend(ZERO, None, "n/a")
    xs = [Decimal(i) for i in range(n)]
    mean_x = sum(xs, ZERO) / n
    mean_y = sum(values, ZERO) / n
    sxx = sum(((x - mean_x) ** 2 for x in xs), ZERO)
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)), ZERO)
    slope = sxy / sxx
    if mean_y == 0:
        relative = None
        direction = "flat" if slope == 0 else ("up" if slope > 0 else "down")
    else:
        relative = slope / abs(mean_y)
        direction = "up" if relative > FLAT_BAND else "down" if relative < -FLAT_BAND else "flat"
    return Trend(slope, relative, direction)


def change(current: Decimal, previous: Decimal) -> Decimal | None:
    """Relative change; None when there is nothing to compare with."""
    if previous == 0:
        return None
    return (current - previous) / abs(previous)


# --- revenue bridge -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BridgeLine:
    client_id: uuid.UUID
    compare: Decimal
    current: Decimal

    @property
    def change(self) -> Decimal:
        return self.current - self.compare


@dataclass(frozen=True)
class Bridge:
    opening: Decimal
    closing: Decimal
    new: list[BridgeLine]
    growth: list[BridgeLine]
    shrinkage: list[BridgeLine]
    lost: list[BridgeLine]
    unchanged: list[BridgeLine]


def bridge(compare: dict[uuid.UUID, Decimal], current: dict[uuid.UUID, Decimal]) -> Bridge:
    """New: billed now, nothing before. Lost: billed before, nothing now (zero or less counts as
    nothing). Growth / shrinkage: billed in both, more / less now."""
    groups: dict[str, list[BridgeLine]] = defaultdict(list)
    for client in set(compare) | set(current):
        line = BridgeLine(client, compare.get(client, ZERO), current.get(client, ZERO))
        before, now = line.compare > 0, line.current > 0
        if now and not before:
            group = "new"
        elif before and not now:
            group = "lost"
        elif not before and not now:
            group = (
                "unchanged" if line.change == 0 else ("growth" if line.change > 0 else "shrinkage")
            )
        elif line.change > 0:
            group = "growth"
        elif line.change < 0:
            group = "shrinkage"
        else:
            group = "unchanged"
        groups[group].append(line)
    for lines in groups.values():
        lines.sort(key=lambda b: (-abs(b.change), str(b.client_id)))
    return Bridge(
        opening=sum(compare.values(), ZERO),
        closing=sum(current.values(), ZERO),
        new=groups["new"],
        growth=groups["growth"],
        shrinkage=groups["shrinkage"],
        lost=groups["lost"],
        unchanged=groups["unchanged"],
    )


# --- payment behaviour ----------------------------------------------------------------------------

AGING_BUCKETS = ((1, 30, "1-30"), (31, 60, "31-60"), (61, 90, "61-90"), (91, None, "over_90"))
BEHAVIOUR_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Behaviour:
    outstanding: Decimal
    overdue: Decimal
    aging: dict[str, Decimal]
    due_count: int  # instalments due in the window
    on_time_count: int
    late_count: int
    avg_days_late: Decimal | None
    on_time_ratio: Decimal | None

    @property
    def late_ratio(self) -> Decimal | None:
        return None if not self.due_count else Decimal(self.late_count) / self.due_count


def days_late(inst: Instalment, as_of: dt.date) -> int | None:
    """Days after the due date it was settled (or, unpaid, is still open at `as_of`); None when
    it was settled on time or is not due yet."""
    settled = inst.settled_on if inst.settled_on is not None and inst.settled_on <= as_of else None
    if settled is not None:
        return (settled - inst.due_on).days if settled > inst.due_on else None
    if inst.due_on < as_of:
        return (as_of - inst.due_on).days
    return None


def behaviour(
    instalments: Iterable[Instalment], as_of: dt.date, window_days: int = BEHAVIOUR_WINDOW_DAYS
) -> Behaviour:
    outstanding = overdue = ZERO
    aging = {label: ZERO for *_, label in AGING_BUCKETS}
    start = as_of - dt.timedelta(days=window_days)
    due = on_time = late = 0
    weighted_days = weight = ZERO
    for inst in instalments:
        open_amount = inst.outstanding
        outstanding += open_amount
        if open_amount > 0 and inst.due_on < as_of:
            overdue += open_amount
            age = (as_of - inst.due_on).days
            for low, high, label in AGING_BUCKETS:
                if age >= low and (high is None or age <= high):
                    aging[label] += open_amount
        if inst.amount <= 0 or not start <= inst.due_on < as_of:
            continue
        due += 1
        lateness = days_late(inst, as_of)
        if lateness is None:
            on_time += 1
        else:
            late += 1
            weighted_days += Decimal(lateness) * inst.amount
            weight += inst.amount
    return Behaviour(
        outstanding=outstanding,
        overdue=overdue,
        aging=aging,
        due_count=due,
        on_time_count=on_time,
        late_count=late,
        avg_days_late=(weighted_days / weight) if weight > 0 else None,
        on_time_ratio=(Decimal(on_time) / due) if due else None,
    )


def dso(outstanding: Decimal, billed: Decimal, days: int = 90) -> Decimal | None:
    """Days sales outstanding: receivables now / what was billed in the last `days` x `days`."""
    if billed <= 0:
        return None
    return outstanding / billed * days


def monthly_on_time(
    instalments: Iterable[Instalment], months: Sequence[dt.date], as_of: dt.date
) -> list[tuple[dt.date, int, Decimal | None]]:
    """Per due month: instalments due and the share paid on time (as known at `as_of`)."""
    counts: dict[dt.date, list[int]] = {m: [0, 0] for m in months}
    for inst in instalments:
        if inst.amount <= 0 or inst.due_on >= as_of:
            continue
        key = inst.due_on.replace(day=1)
        if key in counts:
            counts[key][0] += 1
            counts[key][1] += days_late(inst, as_of) is None
    return [(m, c[0], (Decimal(c[1]) / c[0]) if c[0] else None) for m, c in counts.items()]


@dataclass(frozen=True)
class Record:
    """A client's payment record, as the cash-in forecast weighs it."""

    on_time_ratio: Decimal
    avg_days_late: Decimal


def expected_cash_in(
    instalments: Iterable[Instalment],
    records: dict[uuid.UUID, Record],
    default: Record,
    as_of: dt.date,
    weeks: int,
) -> tuple[list[Decimal], Decimal]:
    """Spread each open instalment over the weeks ahead by its client's record: the on-time
    share of it lands on its due date (or today, if already due), the rest its client's average
    delay later. Week k covers [as_of + 7k, as_of + 7k + 6]. Returns (per week, later)."""
    buckets = [ZERO] * weeks
    later = ZERO

    def place(day: dt.date, amount: Decimal) -> None:
        nonlocal later
        index = max((day - as_of).days, 0) // 7
        if index < weeks:
            buckets[index] += amount
        else:
            later += amount

    for inst in instalments:
        amount = inst.outstanding
        if amount <= 0:
            continue
        record = records.get(inst.client_id, default)
        on_time_part = cents(amount * record.on_time_ratio)
        delay = int(record.avg_days_late.to_integral_value())
        place(max(inst.due_on, as_of), on_time_part)
        place(max(inst.due_on + dt.timedelta(days=delay), as_of), amount - on_time_part)
    return buckets, later


# --- satisfaction ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    csat_responses: int
    csat: Decimal | None  # share of CSAT answers of 4 or 5 (scale 1-5)
    csat_average: Decimal | None
    nps_responses: int
    promoters: int
    passives: int
    detractors: int
    nps: Decimal | None  # % promoters (9-10) - % detractors (0-6), from -100 to 100


def scores(answers: Iterable[tuple[str, int]]) -> Scores:
    given = list(answers)
    csat = [s for kind, s in given if kind == "csat"]
    nps = [s for kind, s in given if kind == "nps"]
    promoters = sum(1 for s in nps if s >= 9)
    detractors = sum(1 for s in nps if s <= 6)
    return Scores(
        csat_responses=len(csat),
        csat=(Decimal(sum(1 for s in csat if s >= 4)) / len(csat)) if csat else None,
        csat_average=(Decimal(sum(csat)) / len(csat)) if csat else None,
        nps_responses=len(nps),
        promoters=promoters,
        passives=len(nps) - promoters - detractors,
        detractors=detractors,
        nps=(Decimal(100) * (promoters - detractors) / len(nps)) if nps else None,
    )


# --- clients at risk ------------------------------------------------------------------------------

BILLING_DROP = Decimal("0.30")  # last 3 months at least 30 % below the 3 before
LATE_RATIO = Decimal("0.50")
POOR_CSAT = Decimal("0.60")
POOR_NPS = Decimal(0)
OVERDUE_DAYS = 30


@dataclass(frozen=True)
class RiskInput:
    recent_base: Decimal  # last three full months
    previous_base: Decimal  # the three months before
    behaviour: Behaviour
    oldest_overdue_days: int | None
    satisfaction: Scores
    breached_requests: int


def risk_reasons(data: RiskInput) -> list[dict[str, str]]:
    reasons: list[dict[str, str]] = []
    if data.previous_base > 0:
        fall = (data.previous_base - data.recent_base) / data.previous_base
        if fall >= BILLING_DROP:
            reasons.append(
                {
                    "rule": "falling_billing",
                    "detail": f"billing of the last 3 months {cents(data.recent_base)} is "
                    f"{ratio(fall) * 100:.2f} % below the 3 months before "
                    f"({cents(data.previous_base)})",
                }
            )
    b = data.behaviour
    late_ratio = b.late_ratio
    if b.due_count >= 2 and late_ratio is not None and late_ratio >= LATE_RATIO:
        reasons.append(
            {
                "rule": "late_payments",
                "detail": f"{b.late_count} of its {b.due_count} instalments due in the last "
                f"12 months were paid late or are unpaid",
            }
        )
    if data.oldest_overdue_days is not None and data.oldest_overdue_days > OVERDUE_DAYS:
        reasons.append(
            {
                "rule": "long_overdue",
                "detail": f"{cents(b.overdue)} overdue, the oldest {data.oldest_overdue_days} days",
            }
        )
    s = data.satisfaction
    if s.csat is not None and s.csat < POOR_CSAT:
        reasons.append(
            {
                "rule": "poor_csat",
                "detail": f"CSAT {ratio(s.csat) * 100:.2f} % over {s.csat_responses} answers",
            }
        )
    if s.nps is not None and s.nps < POOR_NPS:
        reasons.append(
            {"rule": "poor_nps", "detail": f"NPS {s.nps:.1f} over {s.nps_responses} answers"}
        )
    if data.breached_requests >= 2:
        reasons.append(
            {
                "rule": "sla_breaches",
                "detail": f"{data.breached_requests} requests closed past their SLA",
            }
        )
    return reasons
