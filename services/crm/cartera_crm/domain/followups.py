"""Follow-ups: when one is overdue, and how an agenda groups them by person.

"Today" is the business's day (CARTERA_CRM_TIMEZONE), given by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[Any, Any])


def is_overdue(status: str, due_on: dt.date, today: dt.date | None) -> bool:
    return today is not None and status == "open" and due_on < today


def agenda(
    rows: Iterable[Row], today: dt.date, assignee: str | None
) -> list[tuple[str | None, list[Row], list[Row]]]:
    """(assignee, due today, overdue) per person, by name; the asked-for person even with none.
    `rows` are open follow-ups due today or earlier."""
    people: dict[str | None, dict[str, list[Row]]] = {}
    if assignee is not None:
        people[assignee] = {"due_today": [], "overdue": []}
    for row in rows:
        lists = people.setdefault(row["assignee"], {"due_today": [], "overdue": []})
        lists["due_today" if row["due_on"] == today else "overdue"].append(row)
    return [
        (name, lists["due_today"], lists["overdue"])
        for name, lists in sorted(people.items(), key=lambda item: item[0] or "")
    ]
