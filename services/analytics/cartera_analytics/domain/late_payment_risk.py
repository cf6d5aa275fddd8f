"""Late-payment risk: the probability that an instalment is paid more than 30 days late.

A logistic model over five explainable features, fitted on the tenant's own settled history
(maximum a posteriori: a Gaussian prior pulls each weight toward a sensible default, so a tenant
with a thin history gets the default model and one with a long history gets its own). A score's
log-odds is the intercept (the tenant's prior) plus one contribution per feature, which are the
reasons shown to a person.

Everything here is pure and works "as of" a day: only what was known on that day is read (an
instalment's outcome is known 31 days after it fell due; a settlement counts from its date; an
invoice exists from its issue date; a reminder from the day it was sent). The backtest relies on
it, and a test changes everything after the day to prove it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import statistics
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# "Paid more than 30 days late": the outcome of an instalment is known once this many days have
# passed since its due date (paid by then: no; not paid by then: yes).
LATE_DAYS = 30
# Recent behaviour, for the trend: instalments due in the last six months.
RECENT_DAYS = 182
# A reminder is answered when a payment of its invoice follows within this many days.
REMINDER_ANSWER_DAYS = 14
# Pseudo-counts of the shrinkage: a client's share of late instalments starts at the tenant's and
# moves toward its own as its record grows (4 instalments weigh as much as the prior).
SHRINK = 4.0
# The tenant's base rate, before its own record: pulled toward this with this many pseudo-counts.
DEFAULT_RATE = 0.15
DEFAULT_RATE_WEIGHT = 20.0
# How days overdue enter the model: in months, capped (beyond it the outcome is all but certain).
OVERDUE_CAP_DAYS = 60
AMOUNT_CAP = 2.0  # |ln(amount / usual)|, at most
USUAL_OF = 24  # a client's usual amount: the median of its last this many instalments issued

FEATURES = ("history", "trend", "amount", "overdue", "reminders")
# The default model, and the centre of the prior of a fitted one: a late history and ignored
# reminders raise the risk, so does time overdue; the amount effect starts small.
PRIOR_WEIGHTS = {"history": 1.0, "trend": 0.5, "amount": 0.2, "overdue": 2.0, "reminders": 0.5}
# Weights that may not go below zero: each of these features is oriented toward risk by its
# definition, and "overdue" must keep the score non-decreasing in days overdue.
NON_NEGATIVE = frozenset({"history", "trend", "overdue", "reminders"})
# Strength of the prior (an L2 penalty toward PRIOR_WEIGHTS): about as much as this many
# observations of a feature with unit spread.
PRIOR_STRENGTH = 10.0
# Training snapshots: each settled instalment is looked at as it stood on these days relative to
# its due date, when it was still open (the population the live score is asked about).
SNAPSHOT_OFFSETS = (-20, 0, 10, 20, 30)
# The model learns from at most this many outcomes, the most recently due: the fit is plain
# Python, done per request (about a second at this size), and recent behaviour matters most.
MAX_OUTCOMES = 2000


@dataclass(frozen=True)
class Due:
    """One instalment, as the analytics read model holds it (its final state)."""

    invoice_id: uuid.UUID
    client_id: uuid.UUID
    issued_on: dt.date
    due_on: dt.date
    amount: float
    settled_on: dt.date | None

    def exists(self, as_of: dt.date) -> bool:
        return self.issued_on <= as_of

    def open_on(self, as_of: dt.date) -> bool:
        return self.exists(as_of) and (self.settled_on is None or self.settled_on > as_of)

    def outcome_known(self, as_of: dt.date) -> bool:
        return self.exists(as_of) and (as_of - self.due_on).days > LATE_DAYS

    @property
    def late(self) -> bool:
        """Paid more than 30 days late (or never). Only read once `outcome_known`: it is then
        decided by what had happened by that day."""
        return self.settled_on is None or (self.settled_on - self.due_on).days > LATE_DAYS


@dataclass(frozen=True)
class Notice:
    """A payment reminder (dunning notice) sent to a client about an invoice."""

    client_id: uuid.UUID
    invoice_id: uuid.UUID | None
    sent_on: dt.date


@dataclass(frozen=True)
class History:
    """The tenant's record: instalments, reminders and the days each invoice received a payment."""

    dues: Sequence[Due]
    notices: Sequence[Notice] = ()
    paid_on: Mapping[uuid.UUID, Sequence[dt.date]] = field(default_factory=dict)

    def by_client(self) -> dict[uuid.UUID, list[Due]]:
        out: dict[uuid.UUID, list[Due]] = defaultdict(list)
        for d in self.dues:
            out[d.client_id].append(d)
        for items in out.values():
            items.sort(key=lambda d: (d.due_on, str(d.invoice_id)))
        return out

    def fingerprint(self) -> int:
        """Equal for two histories with the same instalments, reminders and payment days, in
        whatever order they were read (a model fitted on one is the model of the other)."""
        return hash(
            (
                frozenset(Counter(self.dues).items()),
                frozenset(Counter(self.notices).items()),
                frozenset((k, tuple(sorted(v))) for k, v in self.paid_on.items()),
            )
        )

    def notices_by_client(self) -> dict[uuid.UUID, list[Notice]]:
        out: dict[uuid.UUID, list[Notice]] = defaultdict(list)
        for n in self.notices:
            out[n.client_id].append(n)
        return out


# --- features ---------------------------------------------------------------------------------


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def base_rate(dues: Iterable[Due], as_of: dt.date) -> tuple[float, int, int]:
    """The tenant's share of instalments paid >30 days late as of a day, pulled toward
    DEFAULT_RATE while its record is short: (rate, late, known)."""
    known = [d for d in dues if d.outcome_known(as_of)]
    late = sum(d.late for d in known)
    rate = (late + DEFAULT_RATE * DEFAULT_RATE_WEIGHT) / (len(known) + DEFAULT_RATE_WEIGHT)
    return rate, late, len(known)


@dataclass(frozen=True)
class ClientRecord:
    """What the features read of one client, as of a day."""

    late: int
    known: int
    recent_late: int
    recent_known: int
    usual_amount: float | None
    reminders: int
    ignored: int
    last_late: bool | None  # the outcome of its most recently due known instalment


class ClientIndex:
    """One client's instalments and reminders, sorted once, so that its record as of any day is
    read with a few binary searches (the fit asks for it at every training snapshot).

    An instalment's outcome is known from max(due date + 31 days, issue date): sorted by that
    day, the outcomes known as of a day are a prefix, and an earlier one in that order was due
    at least 31 days before the later one's known day, which bounds the backward scans below."""

    def __init__(
        self,
        dues: Sequence[Due],
        notices: Sequence[Notice],
        paid_on: Mapping[uuid.UUID, Sequence[dt.date]],
    ) -> None:
        gap = dt.timedelta(days=LATE_DAYS + 1)
        self.known = sorted(dues, key=lambda d: (max(d.due_on + gap, d.issued_on), d.due_on))
        self.known_from = [max(d.due_on + gap, d.issued_on) for d in self.known]
        self.late_before = [0]
        # The latest due of each prefix (by due date, then id), and the instalments known only
        # from their issue date (issued more than 31 days after falling due), which are rare.
        self.last_of_prefix: list[Due] = []
        self.irregular: list[int] = []
        for j, d in enumerate(self.known):
            self.late_before.append(self.late_before[-1] + d.late)
            held = self.last_of_prefix[-1] if self.last_of_prefix else None
            key = (d.due_on, str(d.invoice_id))
            later = held is None or key > (held.due_on, str(held.invoice_id))
            self.last_of_prefix.append(d if later else held)  # type: ignore[arg-type]
            if self.known_from[j] != d.due_on + gap:
                self.irregular.append(j)
        issued = sorted((d for d in dues if d.amount > 0), key=lambda d: d.issued_on)
        self.issued_on = [d.issued_on for d in issued]
        self.amounts = [d.amount for d in issued]
        # A reminder says something once its answer window has closed; whether it was answered
        # reads only payments inside that window.
        window = dt.timedelta(days=REMINDER_ANSWER_DAYS)
        answers = sorted(
            (
                n.sent_on + window,
                not any(
                    n.sent_on <= p <= n.sent_on + window for p in paid_on.get(n.invoice_id, ())
                ),
            )
            for n in notices
            if n.invoice_id is not None
        )
        self.closed_on = [c for c, _ in answers]
        self.ignored_before = [0]
        for _, ignored in answers:
            self.ignored_before.append(self.ignored_before[-1] + ignored)

    def record(self, as_of: dt.date) -> ClientRecord:
        n = bisect.bisect_right(self.known_from, as_of)
        recent_from = as_of - dt.timedelta(days=RECENT_DAYS)
        # Known before recent_from + 31 days means due before recent_from: not recent. From
        # there on every one is recent, but for an irregular one due before recent_from.
        lo = min(n, bisect.bisect_left(self.known_from, recent_from + dt.timedelta(LATE_DAYS + 1)))
        recent = n - lo
        recent_late = self.late_before[n] - self.late_before[lo]
        for j in self.irregular:
            if lo <= j < n and self.known[j].due_on < recent_from:
                recent -= 1
                recent_late -= self.known[j].late
        last = self.last_of_prefix[n - 1] if n else None
        issued = bisect.bisect_right(self.issued_on, as_of)
        usual = self.amounts[max(0, issued - USUAL_OF) : issued]
        reminders = bisect.bisect_right(self.closed_on, as_of)
        return ClientRecord(
            late=self.late_before[n],
            known=n,
            recent_late=recent_late,
            recent_known=recent,
            usual_amount=statistics.median(usual) if usual else None,
            reminders=reminders,
            ignored=self.ignored_before[reminders],
            last_late=None if last is None else last.late,
        )


def client_record(
    dues: Sequence[Due],
    notices: Sequence[Notice],
    paid_on: Mapping[uuid.UUID, Sequence[dt.date]],
    as_of: dt.date,
) -> ClientRecord:
    return ClientIndex(dues, notices, paid_on).record(as_of)


def shrunk(late: int, known: int, toward: float) -> float:
    return (late + SHRINK * toward) / (known + SHRINK)


def features(
    record: ClientRecord, amount: float, days_overdue: int, prior: float
) -> dict[str, float]:
    """The five features of an instalment of `amount`, `days_overdue` days past due (negative:
    not due yet) of a client with `record`; each is 0 when there is nothing to say."""
    share = shrunk(record.late, record.known, prior)
    older_known = record.known - record.recent_known
    if record.recent_known and older_known:
        recent = shrunk(record.recent_late, record.recent_known, share)
        older = shrunk(record.late - record.recent_late, older_known, share)
        trend = logit(recent) - logit(older)
    else:
        trend = 0.0
    if record.usual_amount and amount > 0:
        size = max(-AMOUNT_CAP, min(AMOUNT_CAP, math.log(amount / record.usual_amount)))
    else:
        size = 0.0
    reminders = logit((record.ignored + 1) / (record.reminders + 2)) if record.reminders else 0.0
    return {
        "history": logit(share) - logit(prior),
        "trend": trend,
        "amount": size,
        "overdue": max(0, min(days_overdue, OVERDUE_CAP_DAYS)) / 30,
        "reminders": reminders,
    }


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    intercept: float
    weights: dict[str, float]
    prior_rate: float  # the tenant's smoothed base rate, what `history` is measured against
    outcomes: int  # settled instalments it learnt from
    late_outcomes: int
    samples: int  # training snapshots
    fitted: bool  # False: too little history, the default weights

    def log_odds(self, x: Mapping[str, float]) -> float:
        return self.intercept + sum(self.weights[k] * x[k] for k in FEATURES)


MIN_OUTCOMES = 20


def default_model(prior: float = DEFAULT_RATE, outcomes: int = 0, late: int = 0) -> Model:
    return Model(logit(prior), dict(PRIOR_WEIGHTS), prior, outcomes, late, 0, False)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and positive definite)."""
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit_weights(
    rows: Sequence[Sequence[float]], labels: Sequence[int], intercept0: float
) -> tuple[float, dict[str, float]]:
    """Penalised logistic regression by Newton's method: the penalty is a Gaussian prior around
    (intercept0, PRIOR_WEIGHTS); the sign constraints are kept by projection after each step."""
    k = len(FEATURES) + 1
    centre = [intercept0] + [PRIOR_WEIGHTS[f] for f in FEATURES]
    # The intercept's prior is weak: the data decide the base level as soon as there are some.
    strength = [1.0] + [PRIOR_STRENGTH] * len(FEATURES)
    beta = centre[:]
    for _ in range(50):
        grad = [strength[j] * (beta[j] - centre[j]) for j in range(k)]
        hess = [[strength[i] if i == j else 0.0 for j in range(k)] for i in range(k)]
        for x, y in zip(rows, labels, strict=True):
            v = (1.0, *x)
            p = sigmoid(sum(b * xi for b, xi in zip(beta, v, strict=True)))
            w = p * (1 - p)
            for i in range(k):
                grad[i] += (p - y) * v[i]
                wi = w * v[i]
                for j in range(i, k):
                    hess[i][j] += wi * v[j]
        for i in range(k):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        new = [b - s for b, s in zip(beta, step, strict=True)]
        for j, name in enumerate(FEATURES, start=1):
            if name in NON_NEGATIVE and new[j] < 0:
                new[j] = 0.0
        moved = max(abs(a - b) for a, b in zip(new, beta, strict=True))
        beta = new
        if moved < 1e-7:
            break
    return beta[0], dict(zip(FEATURES, beta[1:], strict=True))


def training_set(
    history: History, as_of: dt.date, prior: float
) -> tuple[list[list[float]], list[int], int, int]:
    """Snapshots of the instalments whose outcome is known as of `as_of` (the MAX_OUTCOMES most
    recently due), each as it stood (still open) on the days SNAPSHOT_OFFSETS from its due date,
    with its client's record as of that day: (rows, labels, outcomes, late outcomes)."""
    rows: list[list[float]] = []
    labels: list[int] = []
    outcomes = late = 0
    notices = history.notices_by_client()
    known = sorted(
        (d for d in history.dues if d.outcome_known(as_of)),
        key=lambda d: (d.due_on, str(d.invoice_id)),
        reverse=True,
    )
    learnt = {id(d) for d in known[:MAX_OUTCOMES]}
    for client, dues in history.by_client().items():
        index = ClientIndex(dues, notices.get(client, []), history.paid_on)
        for d in dues:
            if id(d) not in learnt:
                continue
            outcomes += 1
            late += d.late
            for offset in SNAPSHOT_OFFSETS:
                day = d.due_on + dt.timedelta(days=offset)
                if not d.open_on(day):
                    continue
                record = index.record(day)
                x = features(record, d.amount, offset, prior)
                rows.append([x[f] for f in FEATURES])
                labels.append(int(d.late))
    return rows, labels, outcomes, late


def fit(history: History, as_of: dt.date) -> Model:
    """The tenant's model as of a day, from what was known that day."""
    prior, late, known = base_rate(history.dues, as_of)
    if known < MIN_OUTCOMES:
        return default_model(prior, known, late)
    rows, labels, outcomes, late_outcomes = training_set(history, as_of, prior)
    if not rows:
        return default_model(prior, known, late)
    intercept, weights = fit_weights(rows, labels, logit(prior))
    return Model(intercept, weights, prior, outcomes, late_outcomes, len(rows), True)


# --- scores and their reasons -----------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    feature: str
    value: float
    contribution: float  # to the log-odds
    detail: str


@dataclass(frozen=True)
class Score:
    probability: float
    log_odds: float
    base_log_odds: float  # the intercept: the score of a client with nothing to say about it
    reasons: list[Reason]  # largest contribution (in absolute value) first

    @property
    def top_reason(self) -> Reason | None:
        positive = [r for r in self.reasons if r.contribution > 0]
        return positive[0] if positive else None


def _details(
    record: ClientRecord, amount: float, days_overdue: int, model: Model
) -> dict[str, str]:
    older = record.known - record.recent_known
    return {
        "history": (
            f"{record.late} of its {record.known} instalments with a known outcome were paid "
            f"more than {LATE_DAYS} days late (the business: {model.prior_rate:.0%})"
            if record.known
            else "no instalment with a known outcome yet: the business's rate applies"
        ),
        "trend": (
            f"last six months: {record.recent_late} of {record.recent_known} late; before: "
            f"{record.late - record.recent_late} of {older}"
            if record.recent_known and older
            else "not enough history on both sides of six months ago"
        ),
        "amount": (
            f"{amount:.2f} against a usual {record.usual_amount:.2f}"
            if record.usual_amount
            else "no earlier amount to compare with"
        ),
        "overdue": (f"{days_overdue} days past due" if days_overdue > 0 else "not overdue"),
        "reminders": (
            f"{record.ignored} of its {record.reminders} reminders were not followed by a "
            f"payment within {REMINDER_ANSWER_DAYS} days"
            if record.reminders
            else "no reminder sent yet"
        ),
    }


def score(model: Model, record: ClientRecord, amount: float, days_overdue: int) -> Score:
    x = features(record, amount, days_overdue, model.prior_rate)
    details = _details(record, amount, days_overdue, model)
    reasons = [Reason(f, x[f], model.weights[f] * x[f], details[f]) for f in FEATURES]
    reasons.sort(key=lambda r: (-abs(r.contribution), r.feature))
    z = model.log_odds(x)
    return Score(sigmoid(z), z, model.intercept, reasons)


@dataclass(frozen=True)
class InvoiceScore:
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    due_on: dt.date  # of its riskiest open instalment
    outstanding: float
    days_overdue: int
    score: Score


@dataclass(frozen=True)
class ClientScore:
    client_id: uuid.UUID
    open_invoices: int
    score: Score
    # The invoice whose score it is; None: no open invoice, the score of a new invoice of its
    # usual amount falling due today.
    invoice_id: uuid.UUID | None


def score_open(
    model: Model, history: History, as_of: dt.date
) -> tuple[list[InvoiceScore], list[ClientScore]]:
    """Every invoice open as of a day (the score of its riskiest open instalment) and every
    client with a record (the score of its riskiest open invoice, else of a new one)."""
    notices = history.notices_by_client()
    invoices: list[InvoiceScore] = []
    clients: list[ClientScore] = []
    for client, dues in history.by_client().items():
        if not any(d.exists(as_of) for d in dues):
            continue
        record = client_record(dues, notices.get(client, []), history.paid_on, as_of)
        best: dict[uuid.UUID, InvoiceScore] = {}
        outstanding: dict[uuid.UUID, float] = defaultdict(float)
        for d in dues:
            if not d.open_on(as_of):
                continue
            outstanding[d.invoice_id] += d.amount
            late_days = (as_of - d.due_on).days
            s = score(model, record, d.amount, late_days)
            held = best.get(d.invoice_id)
            if held is None or s.log_odds > held.score.log_odds:
                best[d.invoice_id] = InvoiceScore(d.invoice_id, client, d.due_on, 0.0, late_days, s)
        mine = [
            InvoiceScore(i.invoice_id, i.client_id, i.due_on, outstanding[i.invoice_id],
                         i.days_overdue, i.score)
            for i in best.values()
        ]  # fmt: skip
        invoices += mine
        if mine:
            top = max(mine, key=lambda i: (i.score.log_odds, str(i.invoice_id)))
            clients.append(ClientScore(client, len(mine), top.score, top.invoice_id))
        else:
            usual = record.usual_amount or 0.0
            clients.append(ClientScore(client, 0, score(model, record, usual, 0), None))
    invoices.sort(key=lambda i: (-i.score.log_odds, str(i.invoice_id)))
    clients.sort(key=lambda c: (-c.score.log_odds, str(c.client_id)))
    return invoices, clients


# --- backtest ---------------------------------------------------------------------------------


def auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """Area under the ROC curve: the chance that a random positive scores above a random
    negative, ties counting one half (Mann-Whitney). None without both classes."""
    pos = sum(1 for y in labels if y)
    neg = len(labels) - pos
    if not pos or not neg:
        return None
    ranked = sorted(zip(scores, labels, strict=True), key=lambda t: t[0])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # the average rank of the tied block (1-based)
        rank_sum += mid * sum(1 for _, y in ranked[i:j] if y)
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


@dataclass(frozen=True)
class Case:
    """One instalment open on a backtest day, scored as of that day, with what then happened."""

    as_of: dt.date
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    score: float
    baseline: float  # 1: the client's last known instalment was late; 0.5: no record
    late: bool
    # The score with the days overdue left out (as if not yet due): what the client's record
    # alone says, to tell it from what merely being overdue says.
    record_only: float


def cases_as_of(history: History, as_of: dt.date, until: dt.date) -> list[Case]:
    """The instalments open as of a day whose outcome was not yet decided (less than 30 days
    overdue) and is known by `until`, scored by the model fitted as of that day."""
    model = fit(history, as_of)
    notices = history.notices_by_client()
    out = []
    for client, dues in history.by_client().items():
        record = client_record(dues, notices.get(client, []), history.paid_on, as_of)
        for d in dues:
            overdue = (as_of - d.due_on).days
            if not d.open_on(as_of) or overdue >= LATE_DAYS or not d.outcome_known(until):
                continue
            s = score(model, record, d.amount, overdue)
            base = 0.5 if record.last_late is None else float(record.last_late)
            alone = score(model, record, d.amount, min(overdue, 0)).probability
            out.append(Case(as_of, d.invoice_id, client, s.probability, base, d.late, alone))
    return out


@dataclass(frozen=True)
class Backtest:
    days: int
    cases: int
    late: int
    auc_score: float | None
    auc_baseline: float | None
    auc_record_only: float | None


def backtest(history: History, days: Sequence[dt.date], until: dt.date) -> Backtest:
    cases = [c for day in days for c in cases_as_of(history, day, until)]
    labels = [int(c.late) for c in cases]
    return Backtest(
        days=len(days),
        cases=len(cases),
        late=sum(labels),
        auc_score=auc([c.score for c in cases], labels),
        auc_baseline=auc([c.baseline for c in cases], labels),
        auc_record_only=auc([c.record_only for c in cases], labels),
    )
