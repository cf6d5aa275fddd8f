"""Backtest of the cash forecast on the demo's history (`bench/run.py --part forecast`).

The demo tenant's history (deploy/local/seed_demo.py) is replayed offline, without the stack,
by the seed's own code against a stand-in for the gateway (bench/demo_replay.py).

For several past Mondays (every two weeks, from six months into the history on, up to 20 weeks
before the end of the history, so every week ahead has happened), the forecast is made as of
that day from what was known then (`cash_forecast.known_at`), and compared week by week with
what the instalments open that day actually brought in; beside it, the naive forecast a peer
shows (each instalment on its due date, the overdue ones this week).

The error is the WAPE per week ahead, sum |forecast - actual| / sum actual over the as-of days,
not the MAPE: a week in which nothing came in (some do, in a small business) makes the MAPE
undefined or infinite, and the WAPE weighs each week by the cash at stake.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

import demo_replay  # noqa: E402 (bench/demo_replay.py)
from report_section import replace_section  # noqa: E402 (bench/report_section.py)

from cartera_analytics.domain import cash_forecast as cf  # noqa: E402

WEEKS = 13
START, END = "<!-- forecast -->", "<!-- /forecast -->"


def demo_history(today: dt.date) -> list[cf.HistoricInstalment]:
    """The demo's instalments as seed_demo.main makes them for `today` (bench/demo_replay.py)."""
    return [
        cf.HistoricInstalment(
            item.client_id, item.issued_on, item.due_on, item.amount, item.paid_on
        )
        for item in demo_replay.replay(today)
    ]


def as_of_days(today: dt.date) -> list[dt.date]:
    """Mondays every two weeks, from six months into the history (it starts two years before
    `today`, as clients join) to 20 weeks before `today`."""
    last = cf.week_start(today - dt.timedelta(weeks=20))
    day = cf.week_start(today - dt.timedelta(days=730 - 182))
    days = []
    while day <= last:
        days.append(day)
        day += dt.timedelta(weeks=2)
    return days


def run(today: dt.date | None = None) -> dict[str, object]:
    today = today or dt.date.today()
    history = demo_history(today)
    points = [cf.backtest_point(history, day, WEEKS) for day in as_of_days(today)]
    rows = []
    for ahead in range(WEEKS):
        rows.append(
            {
                "ahead": ahead,
                "actual": sum((p.actual[ahead] for p in points), Decimal(0)),
                "forecast": cf.wape(points, "forecast", ahead),
                "naive": cf.wape(points, "naive", ahead),
            }
        )
    total = {which: cf.wape_over_horizon(points, which) for which in ("forecast", "naive")}
    return {
        "today": today,
        "instalments": len(history),
        "points": len(points),
        "first": points[0].as_of if points else None,
        "last": points[-1].as_of if points else None,
        "rows": rows,
        "total": total,
    }


def pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f} %"


def section(results: dict[str, object]) -> list[str]:
    rows: list[dict[str, object]] = results["rows"]  # type: ignore[assignment]
    total: dict[str, Decimal | None] = results["total"]  # type: ignore[assignment]
    lines = [
        START,
        "## Cash forecast backtest on the demo's history",
        "",
        "The demo tenant's history (deploy/local/seed_demo.py), replayed offline",
        "(bench/forecast.py)",
        f"as the seed makes it on {results['today']}: {results['instalments']:,} instalments. The",
        "forecast of `GET /v1/analytics/cash-forecast` (domain/cash_forecast.py) was made as of",
        f"{results['points']} past Mondays, every two weeks from {results['first']} to",
        f"{results['last']}, from what was known on each (the instalments open, each client's",
        "settled ones), and compared with what those open instalments actually brought in each",
        "week after. Beside it, the naive forecast a peer shows: each instalment on its due date,",
        "the overdue ones this week. New invoices issued after the as-of day are in neither.",
        "",
        "Error: WAPE, sum over the as-of days of |forecast - actual| / sum of actual, per week",
        "ahead (0 is the as-of day's own week). Not MAPE: weeks in which nothing came in make it",
        "undefined, and WAPE weighs each week by the cash at stake. Lower is better.",
        "",
        "| week ahead | cash that came in | WAPE, client distributions | WAPE, naive due dates |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['ahead']} | {row['actual']:,.2f} | {pct(row['forecast'])} "  # type: ignore[arg-type]
            f"| {pct(row['naive'])} |"  # type: ignore[arg-type]
        )
    lines += [
        f"| all 13 weeks | | {pct(total['forecast'])} | {pct(total['naive'])} |",
        "",
        "The demo's habits are simple (most clients pay 0-3 days early, some 0-5, 5-25 or 15-60",
        "days late, two stopped paying four months before its end), so this measures whether the",
        "forecast learns each client's habit, not how it does on a real portfolio.",
        END,
        "",
    ]
    return lines


def write_section(results: dict[str, object], report: Path) -> Path:
    """Replace only this section of the report (or add it before the notes)."""
    return replace_section(report, START, END, section(results))


if __name__ == "__main__":
    outcome = run()
    for line in section(outcome):
        print(line)
