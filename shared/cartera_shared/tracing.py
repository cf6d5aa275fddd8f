"""W3C trace context (`traceparent`) carried from the caller through the gateway, the services
and the Kafka headers of the events they publish, so one trace id follows a request end to end.

Only the propagation lives here; exporting spans is left to an OpenTelemetry collector that
reads the same headers.
"""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar

TRACEPARENT = "traceparent"
_FORMAT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")

span_id_var: ContextVar[str | None] = ContextVar("span_id", default=None)


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def parse_traceparent(value: str | None) -> tuple[str, str] | None:
    """(trace id, parent span id) of a valid version-00 header; None otherwise (all-zero ids are
    invalid by the specification)."""
    if not value:
        return None
    match = _FORMAT.match(value.strip().lower())
    if match is None or set(match[1]) == {"0"} or set(match[2]) == {"0"}:
        return None
    return match[1], match[2]


def traceparent(trace_id: str, span_id: str) -> str:
    return f"00-{trace_id}-{span_id}-01"
