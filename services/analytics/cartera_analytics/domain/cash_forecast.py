"""Cash forecast: the cash expected week by week from the open receivables, each instalment spread
over the weeks by its client's own distribution of days late (docs/analytics.md, "Cash forecast").

Pure: no I/O. The service reads the open instalments and each client's settled history; the
backtest (bench/forecast.py) feeds the same functions with a history replayed as of past days.

The rule, in short:

- **Days late** of a settled instalment: settled_on - due_on, in days (negative: paid early).
- **A client's distribution** is its empirical distribution of days late, shrunk toward the
  tenant's: a client with n settled instalments weighs its own n / (n + K) and the tenant's
  K / (n + K), K = `SHRINK` (pseudo-observations). The tenant's is its own empirical
  distribution (all clients pooled) shrunk the same way toward `DEFAULT_DAYS_LATE`, so a tenant
  with no history at all forecasts with the default alone.
- **What is already known**: an instalment `a` days overdue today was not paid in its first
  a - 1 days late; its distribution is conditioned on days late >= a (renormalised). When its
  client's shrunk distribution has no mass there (it is older than anything seen), the *remaining*
  delay is taken from the default's shape counted from today: a far overdue instalment still
  lands within the default's longest delay (60 days) of today, not never.
- **Weeks** are ISO weeks (Monday to Sunday); week 0 is the one holding `as_of`. A date of
  payment before `as_of` (an early payer's instalment not due yet) counts on `as_of`.
- **Bands**: each instalment lands whole in one week, independently of the others, with the
  probabilities above. A week's cash-in is then a sum of independent amounts; `low` and `high`
  are its 10th and 90th percentiles by the normal approximation (mean -/+ 1.2816 standard
  deviations), clipped to [0, the sum of the amounts that can land that week].
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cartera_analytics.domain.money import ZERO, cents

# Pseudo-observations of the prior: a client with SHRINK settled instalments weighs its own
# record and the tenant's equally.
SHRINK = 5
# The default distribution of days late (days -> probability), used when a tenant has no history:
# a convention, stated here and in docs/analytics.md, not a measurement. Spanish B2B invoices are
# paid late more often than not (Ley 3/2004 caps agreed terms at 60 days; payers go past them).
DEFAULT_DAYS_LATE: Mapping[int, float] = {0: 0.40, 7: 0.20, 15: 0.15, 30: 0.15, 60: 0.10}
# 10th / 90th percentile of the standard normal.
Z90 = 1.2815515655446004

Distribution = dict[int, float]  # days late -> probability, summing to 1


@dataclass(frozen=True)
class OpenItem:
    """What is still owed on one instalment."""

    client_id: uuid.UUID
    due_on: dt.date
    amount: Decimal


@dataclass(frozen=True)
class Week:
    start: dt.date  # Monday
    expected: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Forecast:
    weeks: list[Week]
    later: Decimal  # expected after the last week
    open_amount: Decimal  # the sum of the open items forecast


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def empirical(days_late: Iterable[int]) -> Distribution:
    counts = Counter(days_late)
    n = sum(counts.values())
    return {d: c / n for d, c in counts.items()} if n else {}


def blend(own: Distribution, n: int, prior: Mapping[int, float], k: int = SHRINK) -> Distribution:
    """`own` (from n observations) shrunk toward `prior`: weights n / (n + k) and k / (n + k)."""
    if n <= 0 or not own:
        return dict(prior)
    w = n / (n + k)
    mixed: dict[int, float] = defaultdict(float)
    for d, p in own.items():
        mixed[d] += w * p
    for d, p in prior.items():
        mixed[d] += (1 - w) * p
    return dict(mixed)


def distributions(
    history: Mapping[uuid.UUID, Sequence[int]],
    default: Mapping[int, float] = DEFAULT_DAYS_LATE,
    k: int = SHRINK,
) -> tuple[dict[uuid.UUID, Distribution], Distribution]:
    """Each client's shrunk distribution, and the tenant's (for clients with no history)."""
    pooled = [d for days in history.values() for d in days]
    tenant = blend(empirical(pooled), len(pooled), default, k)
    return (
        {c: blend(empirical(days), len(days), tenant, k) for c, days in history.items() if days},
        tenant,
    )


def landing(
    dist: Mapping[int, float],
    due_on: dt.date,
    as_of: dt.date,
    default: Mapping[int, float] = DEFAULT_DAYS_LATE,
) -> dict[dt.date, float]:
    """When an open instalment is expected to be paid: day -> probability (summing to 1)."""
    age = (as_of - due_on).days
    if age > 0:
        tail = {d: p for d, p in dist.items() if d >= age}
        mass = sum(tail.values())
        if mass <= 0:
            # Older than anything its distribution has seen: the default's delays, from today.
            return _merge((as_of + dt.timedelta(days=max(d, 0)), p) for d, p in default.items())
        return _merge((due_on + dt.timedelta(days=d), p / mass) for d, p in tail.items())
    return _merge((max(due_on + dt.timedelta(days=d), as_of), p) for d, p in dist.items())


def _merge(pairs: Iterable[tuple[dt.date, float]]) -> dict[dt.date, float]:
    out: dict[dt.date, float] = defaultdict(float)
    for day, p in pairs:
        out[day] += p
    return dict(out)


def forecast(
    items: Iterable[OpenItem],
    history: Mapping[uuid.UUID, Sequence[int]],
    as_of: dt.date,
    weeks: int,
    default: Mapping[int, float] = DEFAULT_DAYS_LATE,
    k: int = SHRINK,
) -> Forecast:
    """Expected cash-in per ISO week from `as_of`'s week, with its 10 %-90 % band."""
    per_client, tenant = distributions(history, default, k)
    first = week_start(as_of)
    mean = [0.0] * weeks
    variance = [0.0] * weeks
    ceiling = [0.0] * weeks
    later = 0.0
    total = ZERO
    for item in items:
        if item.amount <= 0:
            continue
        total += item.amount
        amount = float(item.amount)
        per_week: dict[int, float] = defaultdict(float)
        for day, p in landing(per_client.get(item.client_id, tenant), item.due_on, as_of).items():
            per_week[(day - first).days // 7] += p
        for index, p in per_week.items():
            if index >= weeks:
                later += amount * p
                continue
            mean[index] += amount * p
            variance[index] += amount * amount * p * (1 - p)
            ceiling[index] += amount
    result = []
    for index in range(weeks):
        sd = math.sqrt(max(variance[index], 0.0))
        low = min(max(mean[index] - Z90 * sd, 0.0), mean[index])
        high = max(min(mean[index] + Z90 * sd, ceiling[index]), mean[index])
        result.append(
            Week(
                start=first + dt.timedelta(weeks=index),
                expected=_money(mean[index]),
                low=_money(low),
                high=_money(high),
            )
        )
    return Forecast(weeks=result, later=_money(later), open_amount=total)


def naive(items: Iterable[OpenItem], as_of: dt.date, weeks: int) -> list[Decimal]:
    """The due-date forecast a peer shows: each instalment on its due date, the overdue ones
    this week."""
    first = week_start(as_of)
    out = [ZERO] * weeks
    for item in items:
        index = (max(item.due_on, as_of) - first).days // 7
        if item.amount > 0 and index < weeks:
            out[index] += item.amount
    return out


def _money(value: float) -> Decimal:
    return cents(Decimal(repr(value))) if value else ZERO


# --- backtest -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoricInstalment:
    """One instalment of a replayed history: known from `issued_on`, paid whole on `settled_on`
    (None: never)."""

    client_id: uuid.UUID
    issued_on: dt.date
    due_on: dt.date
    amount: Decimal
    settled_on: dt.date | None


@dataclass(frozen=True)
class BacktestPoint:
    as_of: dt.date
    forecast: list[Decimal]
    naive: list[Decimal]
    actual: list[Decimal]


def known_at(
    history: Sequence[HistoricInstalment], day: dt.date
) -> tuple[list[OpenItem], dict[uuid.UUID, list[int]], list[HistoricInstalment]]:
    """What was known at the start of `day`: the open items, each client's days late, and the
    open instalments themselves (to look up what came in afterwards)."""
    open_now = [
        h
        for h in history
        if h.issued_on < day and h.amount > 0 and (h.settled_on is None or h.settled_on >= day)
    ]
    late: dict[uuid.UUID, list[int]] = defaultdict(list)
    for h in history:
        if h.settled_on is not None and h.settled_on < day and h.amount > 0:
            late[h.client_id].append((h.settled_on - h.due_on).days)
    return [OpenItem(h.client_id, h.due_on, h.amount) for h in open_now], dict(late), open_now


def backtest_point(
    history: Sequence[HistoricInstalment], day: dt.date, weeks: int
) -> BacktestPoint:
    """The forecast and the naive one made at the start of `day`, beside what the instalments
    open then actually brought in, week by week."""
    items, late, open_now = known_at(history, day)
    first = week_start(day)
    actual = [ZERO] * weeks
    for h in open_now:
        if h.settled_on is not None:
            index = (h.settled_on - first).days // 7
            if index < weeks:
                actual[index] += h.amount
    made = forecast(items, late, day, weeks)
    return BacktestPoint(day, [w.expected for w in made.weeks], naive(items, day, weeks), actual)


def wape(points: Sequence[BacktestPoint], which: str, ahead: int) -> Decimal | None:
    """Weighted absolute percentage error of week `ahead` over the points: sum |F - A| / sum A
    (None when nothing came in that week at any point)."""
    error = sum((abs(getattr(p, which)[ahead] - p.actual[ahead]) for p in points), ZERO)
    came = sum((p.actual[ahead] for p in points), ZERO)
    return None if came <= 0 else error / came


def wape_over_horizon(points: Sequence[BacktestPoint], which: str) -> Decimal | None:
    """The WAPE over every week ahead at once."""
    error = sum(
        (abs(f - a) for p in points for f, a in zip(getattr(p, which), p.actual, strict=True)),
        ZERO,
    )
    came = sum((a for p in points for a in p.actual), ZERO)
    return None if came <= 0 else error / came
