"""For tests: every event a service writes to its outbox checked against its contract.

`contracts_checked_at_outbox()` wraps the outbox's row builder, which every producer's event
goes through (add_event and add_events), so any test that runs a producer's real code path
also proves that what it writes follows the contract; it counts the types it checked.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import CONTRACTS, check_outgoing


@contextlib.contextmanager
def contracts_checked_at_outbox() -> Iterator[Counter[str]]:
    from cartera_shared import outbox

    seen: Counter[str] = Counter()
    original = outbox._outbox_row

    def checked(envelope: Envelope, topic: str) -> dict[str, Any]:
        check_outgoing(envelope)
        if envelope.type in CONTRACTS:  # a test's own types have none to be checked against
            seen[envelope.type] += 1
        return original(envelope, topic)

    setattr(outbox, "_outbox_row", checked)  # noqa: B010 (mypy: assigning to a function)
    try:
        yield seen
    finally:
        setattr(outbox, "_outbox_row", original)  # noqa: B010


__all__ = ["contracts_checked_at_outbox"]
