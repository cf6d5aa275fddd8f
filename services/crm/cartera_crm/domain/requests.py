"""Client requests: their states, the moves allowed between them, and their SLA.

    open ──> in_progress ──> waiting_on_client ──> resolved ──> closed
      │           ^    └───────────────────────────^  │  ^          │
      │           └─────────── (client answers) ──┘   │  │          │
      └──────────────────────────────────────────────-┘  │          │
    resolved / closed ──(reopen)──> open ────────────────┘ ─────────┘

The SLA is a resolution target in wall-clock hours from the moment the request was opened,
per priority (urgent 4 h, high 8 h, normal 24 h, low 72 h unless the tenant sets its own). It
is not paused while waiting on the client: the clock is the client's experience. A request is
in breach when it was resolved after its due time, or is still unresolved past it. A change of
priority moves the due time to `opened_at` + the new priority's target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, get_args

Priority = Literal["low", "normal", "high", "urgent"]
Status = Literal["open", "in_progress", "waiting_on_client", "resolved", "closed"]

PRIORITIES: tuple[str, ...] = get_args(Priority)
STATUSES: tuple[str, ...] = get_args(Status)

DEFAULT_RESOLVE_HOURS: Mapping[str, int] = {"urgent": 4, "high": 8, "normal": 24, "low": 72}
MAX_RESOLVE_HOURS = 24 * 90

TRANSITIONS: Mapping[str, frozenset[str]] = {
    "open": frozenset({"in_progress", "waiting_on_client", "resolved"}),
    "in_progress": frozenset({"waiting_on_client", "resolved"}),
    "waiting_on_client": frozenset({"in_progress", "resolved"}),
    "resolved": frozenset({"closed", "open"}),
    "closed": frozenset({"open"}),
}


class InvalidTransition(Exception):
    def __init__(self, current: str, wanted: str) -> None:
        allowed = sorted(TRANSITIONS.get(current, frozenset()))
        super().__init__(
            f"A request that is {current} cannot move to {wanted}; "
            f"allowed: {', '.join(allowed) or 'none'}."
        )
        self.current = current
        self.wanted = wanted
        self.allowed = allowed


def check_transition(current: str, wanted: str) -> None:
    if wanted not in TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(current, wanted)


def is_reopen(current: str, wanted: str) -> bool:
    return current in ("resolved", "closed") and wanted == "open"


def sla_due_at(
    opened_at: dt.datetime, priority: str, policy: Mapping[str, int] | None = None
) -> dt.datetime:
    hours = (policy or {}).get(priority, DEFAULT_RESOLVE_HOURS[priority])
    return opened_at + dt.timedelta(hours=hours)


def breached(sla_due: dt.datetime, resolved_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Resolved after the due time, or not resolved and past it."""
    return (resolved_at or now) > sla_due


def editable(status: str) -> bool:
    """A closed request keeps what it was closed with; reopening it makes it editable again."""
    return status != "closed"
