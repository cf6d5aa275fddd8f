"""Backtest of the late-payment risk score (`bench/run.py --part risk`).

As of past days, the invoices then open (not yet 30 days overdue) are scored by the model
fitted on what was known that day (services/analytics/cartera_analytics/domain/
late_payment_risk.py), and the score is checked against what happened: paid more than 30 days
late or not. Its AUC is reported beside a simple baseline: the client's last instalment with a
known outcome was late (1), was not (0), or the client has none (0.5). Two histories:

- the demo's (deploy/local/seed_demo.py), replayed offline by the seed's own code against a
  stand-in for the gateway (bench/demo_replay.py). The seed sends no reminders (collections'
  dunning run does, on a live stack): the reminders feature says nothing there.
- a generated history whose behaviour is known: clients with a set propensity to pay late,
  a trend for some of them, larger invoices paid later, reminders sent on day 7 past due.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

import demo_replay  # noqa: E402 (bench/demo_replay.py)
from report_section import replace_section  # noqa: E402 (bench/report_section.py)

from cartera_analytics.domain import late_payment_risk as risk  # noqa: E402

# The demo's "today": fixed, so the figures are the same at every run.
DEMO_TODAY = dt.date(2026, 12, 6)
START, END = "<!-- risk -->", "<!-- /risk -->"


def demo_history() -> tuple[risk.History, dict[uuid.UUID, float]]:
    """The demo tenant's invoices and payments, made by seed_demo's own code (bench/
    demo_replay.py)."""
    dues = []
    paid: dict[uuid.UUID, list[dt.date]] = {}
    for item in demo_replay.replay(DEMO_TODAY):
        dues.append(
            risk.Due(
                item.invoice_id,
                item.client_id,
                item.issued_on,
                item.due_on,
                float(item.amount),
                item.paid_on,
            )
        )
        days = paid.setdefault(item.invoice_id, [])
        if item.paid_on is not None:
            days.append(item.paid_on)
    return risk.History(dues, (), paid), {}


def generated_history(
    seed: int = 21, clients: int = 120, today: dt.date = DEMO_TODAY
) -> tuple[risk.History, dict[uuid.UUID, float]]:
    """Two years of monthly invoices whose lateness is drawn from a known model: each client a
    propensity (log-odds around that of 15 %), a third of them worsening by 2 in log-odds over
    the last nine months, invoices above the client's usual amount more often late (0.8 per unit
    of log of the ratio); a reminder on day 7 past due, and late payers answer it late. Also
    answers each invoice's true probability of being late, the ceiling any score can reach."""
    rng = random.Random(seed)
    start = today - dt.timedelta(days=730)
    dues: list[risk.Due] = []
    notices: list[risk.Notice] = []
    paid: dict[uuid.UUID, list[dt.date]] = {}
    truth: dict[uuid.UUID, float] = {}
    for _ in range(clients):
        c = uuid.uuid4()
        propensity = rng.gauss(risk.logit(0.15), 1.3)
        drift = rng.choice([2.0, 0.0, 0.0])
        usual = rng.choice([300.0, 800.0, 2500.0])
        day = start + dt.timedelta(days=rng.randint(0, 30))
        while day < today - dt.timedelta(days=5):
            amount = round(usual * math.exp(rng.gauss(0, 0.6)), 2)
            recent = max(0.0, 1 - (today - day).days / 270)
            z = propensity + drift * recent + 0.8 * math.log(amount / usual)
            due = day + dt.timedelta(days=30)
            late = rng.random() < risk.sigmoid(z)
            delay = rng.randint(31, 90) if late else rng.choice([-3, 0, 0, 2, 5, 10, 20])
            settled = due + dt.timedelta(days=delay)
            invoice = uuid.uuid4()
            truth[invoice] = risk.sigmoid(z)
            if settled > today:
                settled_on = None
            else:
                settled_on = settled
                paid[invoice] = [settled]
            dues.append(risk.Due(invoice, c, day, due, amount, settled_on))
            if delay > 7:
                notices.append(risk.Notice(c, invoice, due + dt.timedelta(days=7)))
            day += dt.timedelta(days=rng.randint(20, 40))
    return risk.History(dues, notices, paid), truth


def monthly_days(today: dt.date, months: int = 12, last_gap_days: int = 60) -> list[dt.date]:
    """As-of days, one a month, the last one `last_gap_days` before today (so the outcomes of
    what was open then are known by today)."""
    last = today - dt.timedelta(days=last_gap_days)
    return [last - dt.timedelta(days=30 * k) for k in range(months - 1, -1, -1)]


def run() -> dict[str, Any]:
    out = {}
    for name, make in (("demo", demo_history), ("generated", generated_history)):
        started = time.monotonic()
        history, truth = make()
        days = monthly_days(DEMO_TODAY)
        cases = [c for day in days for c in risk.cases_as_of(history, day, DEMO_TODAY)]
        labels = [int(c.late) for c in cases]
        out[name] = {
            "clients": len({d.client_id for d in history.dues}),
            "instalments": len(history.dues),
            "days": len(days),
            "first": days[0].isoformat(),
            "last": days[-1].isoformat(),
            "cases": len(cases),
            "late": sum(labels),
            "auc_score": risk.auc([c.score for c in cases], labels),
            "auc_baseline": risk.auc([c.baseline for c in cases], labels),
            "auc_record_only": risk.auc([c.record_only for c in cases], labels),
            # The generating model's own probability (generated history only): the ceiling of a
            # score that knows the record but not the days overdue.
            "auc_truth": risk.auc([truth[c.invoice_id] for c in cases], labels) if truth else None,
            "seconds": round(time.monotonic() - started, 1),
        }
        print(name, out[name], flush=True)
    return out


def section(results: dict[str, Any]) -> list[str]:
    def figure(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        START,
        "## Late-payment risk: backtest",
        "",
        "`bench/run.py --part risk` (bench/risk.py). On each as-of day (one a month, the last two",
        "months before the history ends), the instalments then open and less than 30 days",
        "overdue are scored by the model fitted on what was known that day, and checked against",
        "what happened: paid more than 30 days late, or not. AUC (1.0: every late one ranked above",
        "every punctual one; 0.5: chance) of the score, and of the baseline \"the client's last",
        'instalment was late" (0.5 with no record). Nothing after an as-of day is read',
        "(services/analytics/tests/unit/test_late_payment_risk.py checks it).",
        "",
        "Beside them: the score with the days overdue left out (as if not yet due), what the",
        "client's record says beyond being overdue; and, for the generated history, the AUC of",
        "the true probabilities each invoice's lateness was drawn from. That is the ceiling for",
        "a score that knows only the record (compare it with the third figure); the full score",
        "can pass it, since days overdue on an as-of day tell how the draw is turning out.",
        "",
        "| history | clients | instalments | as-of days | cases | late | AUC score "
        "| AUC baseline | AUC score without days overdue | AUC of the true probability |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    labels = {
        "demo": "demo (deploy/local/seed_demo.py, replayed offline)",
        "generated": "generated, known behaviour",
    }
    for name, r in results.items():
        lines.append(
            f"| {labels[name]} | {r['clients']} | {r['instalments']:,} | {r['days']} "
            f"({r['first']} to {r['last']}) | {r['cases']:,} | {r['late']:,} "
            f"| {figure(r['auc_score'])} | {figure(r['auc_baseline'])} "
            f"| {figure(r['auc_record_only'])} | {figure(r['auc_truth'])} |"
        )
    lines += [
        "",
        "The demo is the seed's own code and random seed run against a stand-in for the gateway",
        "(due dates by invoicing's own rules), not a running stack: the same clients, invoices",
        "and payment habits; single delays may differ from a live seed's, since they are drawn",
        "in the order the receivables are listed. Its clients keep one habit for two years (no",
        "trend, no amount effect; two stop paying four months before the end) and get no",
        "reminders from the seed: there the score lives on the client's record (its smoothed",
        "share of late instalments, where the baseline sees only the last one) and the days",
        "overdue.",
        "The generated history has each of the model's effects built in (propensities, a",
        "worsening third of the clients, larger invoices paid later, reminders answered late by",
        "late payers).",
        END,
        "",
    ]
    return lines


def write_section(results: dict[str, Any]) -> Path:
    """Replace only this section of docs/benchmarks.md (or add it before the notes)."""
    return replace_section(ROOT / "docs" / "benchmarks.md", START, END, section(results))


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
