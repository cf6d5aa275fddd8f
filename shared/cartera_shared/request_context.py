"""The request context every service's HTTP edge sets up: a request id, the trace context, one
latency metric and one access-log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from urllib.parse import unquote

from fastapi import Request
from opentelemetry.trace import SpanKind
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartera_shared import telemetry
from cartera_shared.logging import request_id_var, trace_id_var
from cartera_shared.metrics import (
    observe_http,
    route_template,
)
from cartera_shared.problems import (
    problem_response,
)
from cartera_shared.tracing import (
    TRACEPARENT,
    new_span_id,
    new_trace_id,
    parse_traceparent,
    span_id_var,
)

REQUEST_ID_HEADER = "X-Request-ID"

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Paths whose segments after these prefixes are secrets (one-time survey links).
_SECRET_PATHS = ("/v1/public/surveys/",)
access_log = logging.getLogger("cartera.access")


def loggable_path(path: str) -> str:
    for prefix in _SECRET_PATHS:
        if path.startswith(prefix):
            return prefix + "***"
    return path


class RequestContextMiddleware:
    """Request id, trace context, latency metric and one access-log line per request (never the
    query string, headers or bodies, which may carry secrets).

    Plain ASGI rather than `@app.middleware("http")`: that form runs every request through an
    extra task and an in-memory stream per middleware, a measurable share of a busy gateway.
    """

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if "\x00" in path or "\x00" in unquote(scope.get("query_string", b"").decode("latin-1")):
            # No text field anywhere holds a NUL character; refusing it here also covers answers
            # that are streamed (an export), which could no longer turn a late error into a 422.
            refusal = problem_response(
                422,
                "Unprocessable entity",
                "The address carries a NUL character.",
                "validation-error",
            )
            await refusal(scope, receive, send)
            return
        headers = Headers(scope=scope)
        sent_id = headers.get(REQUEST_ID_HEADER, "")
        request_id = sent_id if _REQUEST_ID.match(sent_id) else uuid.uuid4().hex
        request_id_var.set(request_id)
        parent = parse_traceparent(headers.get(TRACEPARENT))
        method: str = scope["method"]
        status = 500
        started = time.perf_counter()
        with telemetry.span(
            f"{method} {path}",  # renamed to the route template below
            kind=SpanKind.SERVER,
            parent=parent,
            attributes={"http.request.method": method},
        ) as server_span:
            # With OpenTelemetry on, the server span's ids are the ones propagated onwards.
            trace_id = telemetry.trace_id_of(server_span) or (
                parent[0] if parent else new_trace_id()
            )
            trace_id_var.set(trace_id)
            span_id_var.set(telemetry.span_id_of(server_span) or new_span_id())

            body_unread = "transfer-encoding" in headers or headers.get(
                "content-length", "0"
            ) not in ("", "0")

            async def receive_tracking_body() -> Message:
                nonlocal body_unread
                message = await receive()
                if message["type"] != "http.request" or not message.get("more_body", False):
                    body_unread = False
                return message

            async def send_with_ids(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    response_headers = MutableHeaders(scope=message)
                    response_headers[REQUEST_ID_HEADER] = request_id
                    response_headers["X-Trace-ID"] = trace_id
                    if body_unread:
                        # Answered before the whole body was read (a 413, a 408, a refusal):
                        # the rest will not be read, so the connection is closed after this
                        # answer. Saying so keeps the caller from sending its next request on
                        # a connection about to end, which it would see as "no answer".
                        response_headers["Connection"] = "close"
                await send(message)

            try:
                await self.app(
                    scope, receive_tracking_body if body_unread else receive, send_with_ids
                )
            finally:
                elapsed = time.perf_counter() - started
                route = route_template(Request(scope))
                observe_http(self.service, method, route, status, elapsed)
                if server_span is not None:
                    server_span.update_name(f"{method} {route}")
                    server_span.set_attribute("http.route", route)
                    server_span.set_attribute("http.response.status_code", status)
        if path not in ("/health", "/ready", "/metrics"):
            access_log.info(
                "request",
                extra={
                    "method": method,
                    "path": loggable_path(path),
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
