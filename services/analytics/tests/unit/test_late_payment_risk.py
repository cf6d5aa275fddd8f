"""The late-payment risk model (domain/late_payment_risk.py): its scores, reasons, AUC and the
as-of reconstruction the backtest relies on."""

import dataclasses
import datetime as dt
import itertools
import math
import random
import statistics
import uuid

import pytest

from cartera_analytics.domain import late_payment_risk as risk

DAY = dt.date(2026, 6, 1)


def dues_for(client: uuid.UUID, late_days: list[int], amount: float = 1000.0) -> list[risk.Due]:
    """Monthly instalments falling due before DAY, each settled that many days after its due
    date (None: never)."""
    out = []
    for k, late in enumerate(late_days):
        due = DAY - dt.timedelta(days=60 + 30 * (len(late_days) - k))
        out.append(
            risk.Due(
                invoice_id=uuid.uuid4(),
                client_id=client,
                issued_on=due - dt.timedelta(days=30),
                due_on=due,
                amount=amount,
                settled_on=None if late is None else due + dt.timedelta(days=late),
            )
        )
    return out


def open_due(client: uuid.UUID, due_on: dt.date, amount: float = 1000.0) -> risk.Due:
    return risk.Due(uuid.uuid4(), client, due_on - dt.timedelta(days=30), due_on, amount, None)


def test_a_client_who_always_paid_late_scores_above_one_who_never_did():
    late, punctual = uuid.uuid4(), uuid.uuid4()
    history = risk.History(
        dues_for(late, [45, 60, 50, 70, 40, 90] * 2)
        + dues_for(punctual, [0, -2, 1, 0, 3, 0] * 2)
        + [open_due(late, DAY + dt.timedelta(days=10)), open_due(punctual, DAY + dt.timedelta(10))]
    )
    model = risk.fit(history, DAY)
    invoices, clients = risk.score_open(model, history, DAY)
    by_client = {c.client_id: c.score.probability for c in clients}
    assert by_client[late] > 0.5 > by_client[punctual]
    assert [i.client_id for i in invoices] == [late, punctual]
    top = {c.client_id: c.score.top_reason for c in clients}
    assert top[late] is not None
    assert top[late].feature == "history"


def test_no_history_gives_the_prior():
    model = risk.fit(risk.History([]), DAY)
    assert not model.fitted
    record = risk.client_record([], [], {}, DAY)
    s = risk.score(model, record, 500.0, 0)
    assert s.probability == pytest.approx(risk.DEFAULT_RATE)
    assert all(r.contribution == 0 for r in s.reasons)
    assert s.top_reason is None
    # A new client of a tenant with a record gets that tenant's prior, not the default.
    c = uuid.uuid4()
    history = risk.History(dues_for(uuid.uuid4(), [45, 0, 60, 0, 50, 0, 40, 0] * 4))
    fitted = risk.fit(history, DAY)
    assert fitted.fitted
    new = risk.score(fitted, risk.client_record([], [], {}, DAY), 800.0, 0)
    assert new.log_odds == pytest.approx(fitted.intercept)
    assert c not in {x.client_id for x in risk.score_open(fitted, history, DAY)[1]}


def test_reasons_sum_to_the_log_odds():
    c = uuid.uuid4()
    dues = dues_for(c, [45, 0, 60, 5, 50, None, 2, 40] * 3)
    notices = [risk.Notice(c, d.invoice_id, d.due_on + dt.timedelta(days=5)) for d in dues[::3]]
    paid = {d.invoice_id: [d.settled_on] for d in dues if d.settled_on}
    history = risk.History(dues, notices, paid)
    model = risk.fit(history, DAY)
    record = risk.client_record(dues, notices, paid, DAY)
    for amount, overdue in [(1000.0, 0), (5000.0, 12), (100.0, -10), (1000.0, 90)]:
        s = risk.score(model, record, amount, overdue)
        assert s.base_log_odds + sum(r.contribution for r in s.reasons) == pytest.approx(s.log_odds)
        assert s.probability == pytest.approx(1 / (1 + math.exp(-s.log_odds)))
    assert record.reminders == len(notices)
    assert 0 < record.ignored < record.reminders


def test_the_score_never_falls_as_days_overdue_grow():
    c = uuid.uuid4()
    history = risk.History(dues_for(c, [0, 45, 3, 60, 1, 0, 35, 2] * 3))
    model = risk.fit(history, DAY)
    record = risk.client_record(history.dues, [], {}, DAY)
    scores = [risk.score(model, record, 1000.0, d).probability for d in range(-30, 120)]
    assert all(b >= a for a, b in itertools.pairwise(scores))
    assert scores[-1] > scores[0]


def test_thin_history_keeps_the_default_weights_and_long_history_learns():
    thin = risk.History(dues_for(uuid.uuid4(), [45, 0, 60]))
    assert risk.fit(thin, DAY).weights == risk.PRIOR_WEIGHTS
    rng = random.Random(1)
    dues: list[risk.Due] = []
    for _ in range(30):
        p = rng.random()
        dues += dues_for(uuid.uuid4(), [45 if rng.random() < p else 0 for _ in range(12)])
    model = risk.fit(risk.History(dues), DAY)
    assert model.fitted
    assert model.samples > model.outcomes
    assert model.weights != risk.PRIOR_WEIGHTS
    assert model.weights["history"] > 0


def test_it_learns_from_the_most_recent_outcomes_only(monkeypatch):
    monkeypatch.setattr(risk, "MAX_OUTCOMES", 25)
    c = uuid.uuid4()
    # 20 old punctual instalments, then 30 late ones: the model sees only the last 25.
    dues = dues_for(c, [0] * 20 + [45] * 30)
    model = risk.fit(risk.History(dues), DAY)
    assert (model.outcomes, model.late_outcomes) == (25, 25)


def test_auc():
    assert risk.auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]) == 1.0
    assert risk.auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]) == 0.0
    assert risk.auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]) == 0.5
    # One positive above both negatives, one tied with one of them: (2 + 1.5) / 4.
    assert risk.auc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]) == pytest.approx(3.5 / 4)
    assert risk.auc([0.3, 0.6], [1, 1]) is None
    assert risk.auc([], []) is None


def test_the_as_of_reconstruction_uses_nothing_from_after_the_day():
    """Everything after the backtest day is rewritten: later settlements of then-open
    instalments, invoices issued later, reminders sent later, payments recorded later. The
    scores as of the day must not move; the outcomes (which the backtest reads from the
    future on purpose) may."""
    rng = random.Random(7)
    clients = [uuid.uuid4() for _ in range(12)]
    dues: list[risk.Due] = []
    start = DAY - dt.timedelta(days=500)
    for c in clients:
        habit = rng.choice([0, 10, 40, 70])
        for k in range(22):
            issued = start + dt.timedelta(days=30 * k + rng.randint(0, 5))
            due = issued + dt.timedelta(days=30)
            dues.append(
                risk.Due(
                    uuid.uuid4(), c, issued, due, rng.choice([300.0, 900.0]),
                    due + dt.timedelta(days=max(0, habit + rng.randint(-10, 10))),
                )
            )  # fmt: skip
    notices = [risk.Notice(d.client_id, d.invoice_id, d.due_on + dt.timedelta(8)) for d in dues]
    paid = {d.invoice_id: [d.settled_on] for d in dues if d.settled_on}
    history = risk.History(dues, notices, paid)
    as_of = DAY - dt.timedelta(days=120)
    before = risk.cases_as_of(history, as_of, DAY + dt.timedelta(days=400))
    assert before
    assert any(c.late for c in before)
    assert not all(c.late for c in before)

    def rewrite(d: risk.Due) -> risk.Due:
        if d.settled_on is not None and d.settled_on > as_of:
            moved = d.settled_on + dt.timedelta(days=rng.choice([-5, 45]))
            return dataclasses.replace(d, settled_on=max(moved, as_of + dt.timedelta(days=1)))
        return d

    future = [
        risk.Due(uuid.uuid4(), c, as_of + dt.timedelta(days=3), as_of + dt.timedelta(days=20),
                 50_000.0, None)
        for c in clients
    ]  # fmt: skip
    changed = risk.History(
        [rewrite(d) for d in dues] + future,
        notices + [risk.Notice(c, None, as_of + dt.timedelta(days=1)) for c in clients]
        + [risk.Notice(d.client_id, d.invoice_id, as_of + dt.timedelta(days=2)) for d in dues],
        {i: [*days, as_of + dt.timedelta(days=1)] for i, days in paid.items()},
    )  # fmt: skip
    after = risk.cases_as_of(changed, as_of, DAY + dt.timedelta(days=400))
    assert [(c.invoice_id, c.score, c.baseline) for c in after] == [
        (c.invoice_id, c.score, c.baseline) for c in before
    ]
    # And the check has teeth: a change before the day does move the scores.
    earlier = risk.History(
        [dataclasses.replace(d, settled_on=None) if d.due_on < as_of - dt.timedelta(days=60)
         else d for d in dues], notices, paid,
    )  # fmt: skip
    moved = risk.cases_as_of(earlier, as_of, DAY + dt.timedelta(days=400))
    assert [c.score for c in moved] != [c.score for c in before]


def test_backtest_beats_the_baseline_on_a_known_behaviour():
    rng = random.Random(3)
    dues: list[risk.Due] = []
    start = DAY - dt.timedelta(days=700)
    for _ in range(40):
        c = uuid.uuid4()
        p = rng.choice([0.05, 0.2, 0.5, 0.8])
        for k in range(24):
            issued = start + dt.timedelta(days=30 * k)
            due = issued + dt.timedelta(days=30)
            late = rng.random() < p
            delay = rng.randint(35, 80) if late else rng.randint(-3, 20)
            dues.append(risk.Due(uuid.uuid4(), c, issued, due, 1000.0, due + dt.timedelta(delay)))
    result = risk.backtest(risk.History(dues), [DAY - dt.timedelta(days=200)], DAY)
    assert result.cases > 20
    assert 0 < result.late < result.cases
    assert result.auc_score is not None
    assert result.auc_baseline is not None
    assert result.auc_score > result.auc_baseline


def naive_record(dues, notices, paid_on, as_of):
    """The record read the slow, obvious way, to check the sorted index against."""
    known = [d for d in dues if d.outcome_known(as_of)]
    recent = [d for d in known if (as_of - d.due_on).days <= risk.RECENT_DAYS]
    issued = sorted(
        (d for d in dues if d.exists(as_of) and d.amount > 0), key=lambda d: d.issued_on
    )
    usual = [d.amount for d in issued][-risk.USUAL_OF :]
    closed = [n for n in notices if n.invoice_id and (as_of - n.sent_on).days >= 14]
    ignored = [
        n
        for n in closed
        if not any(
            n.sent_on <= p <= n.sent_on + dt.timedelta(14) for p in paid_on.get(n.invoice_id, ())
        )
    ]
    last = max(known, key=lambda d: (d.due_on, str(d.invoice_id)), default=None)
    return (
        sum(d.late for d in known), len(known), sum(d.late for d in recent), len(recent),
        statistics.median(usual) if usual else None,
        len(closed), len(ignored), None if last is None else last.late,
    )  # fmt: skip


def test_the_sorted_index_reads_the_same_record_as_the_obvious_way():
    rng = random.Random(11)
    c = uuid.uuid4()
    dues = []
    for _ in range(150):
        issued = DAY - dt.timedelta(days=rng.randint(0, 600))
        # Some invoices are entered long after they fell due (known from their issue date).
        due = issued + dt.timedelta(days=rng.choice([30, 30, 60, -45]))
        settled = rng.choice([None, due + dt.timedelta(days=rng.randint(-5, 80))])
        dues.append(
            risk.Due(uuid.uuid4(), c, issued, due, rng.choice([100.0, 250.0, 900.0]), settled)
        )
    notices = [risk.Notice(c, d.invoice_id, d.due_on + dt.timedelta(days=7)) for d in dues[::4]]
    notices.append(risk.Notice(c, None, DAY - dt.timedelta(days=100)))
    paid = {d.invoice_id: [d.settled_on] for d in dues if d.settled_on}
    index = risk.ClientIndex(dues, notices, paid)
    for offset in range(-650, 40, 7):
        day = DAY + dt.timedelta(days=offset)
        r = index.record(day)
        got = (r.late, r.known, r.recent_late, r.recent_known, r.usual_amount, r.reminders,
               r.ignored, r.last_late)  # fmt: skip
        assert got == naive_record(dues, notices, paid, day), day
