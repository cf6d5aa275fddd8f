"""Prometheus metrics shared by every service's HTTP layer."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.routing import Match

HTTP_LATENCY = Histogram(
    "cartera_http_request_duration_seconds",
    "HTTP request latency by route template",
    ["service", "method", "route", "status"],
)
JOB_RUNS = Counter(
    "cartera_job_runs_total", "Single-runner job runs, by outcome", ["service", "job", "outcome"]
)


def route_template(request: Request) -> str:
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match == Match.FULL:
            return str(getattr(route, "path", request.url.path))
    return "unmatched"


def metrics_middleware(
    service: str,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            HTTP_LATENCY.labels(
                service, request.method, route_template(request), str(status)
            ).observe(time.perf_counter() - started)

    return middleware


def metrics_response() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
