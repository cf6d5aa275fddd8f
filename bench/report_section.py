"""docs/benchmarks.md is written in marked sections (`<!-- name -->` … `<!-- /name -->`) so that
one part of the benchmark can be run again without losing the others' figures."""

from __future__ import annotations

from pathlib import Path


def replace_section(report: Path, start: str, end: str, lines: list[str]) -> Path:
    """Put `lines` (which begin with `start` and end with `end`) in place of that section of the
    report, or before its notes if it has none yet."""
    existing = report.read_text() if report.exists() else "# Benchmarks\n\n<!-- notes -->\n"
    text = "\n".join(lines)
    if start in existing and end in existing:
        head, rest = existing.split(start, 1)
        updated = head + text + rest.split(end, 1)[1].lstrip("\n")
    else:
        head, _, notes = existing.partition("<!-- notes -->")
        updated = head + text + "<!-- notes -->" + notes
    report.write_text(updated)
    return report
