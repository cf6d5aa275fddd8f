"""bench/forecast.py: the demo's history replayed offline is the seed's plan, and the part
rewrites only its own section of docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import forecast  # noqa: E402 (bench/forecast.py)

TODAY = dt.date(2026, 12, 6)


def test_the_replay_is_the_same_history_every_time_with_its_two_defaulters():
    history = forecast.demo_history(TODAY)
    assert history == forecast.demo_history(TODAY)
    assert all(h.issued_on <= h.due_on for h in history)
    assert all(h.settled_on is None or h.settled_on < TODAY for h in history)
    stopped = TODAY - dt.timedelta(days=120)
    never_again = {
        h.client_id
        for h in history
        if h.due_on > stopped and h.settled_on is None and h.due_on < TODAY - dt.timedelta(days=60)
    }
    assert len(never_again) == 2  # the two clients that stopped paying four months ago


def test_the_part_rewrites_only_its_section(tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\nkept above\n\n<!-- notes -->\nkept below\n")
    results = forecast.run(TODAY)
    forecast.write_section(results, report)
    forecast.write_section(results, report)
    text = report.read_text()
    assert text.count(forecast.START) == 1
    assert text.startswith("# Benchmarks\n\nkept above\n")
    assert text.endswith("<!-- notes -->\nkept below\n")
    assert "| all 13 weeks |" in text
