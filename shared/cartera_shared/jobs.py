"""Single-runner jobs: any number of replicas may try; a Postgres advisory lock lets one run."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_shared.metrics import JOB_RUNS

log = logging.getLogger(__name__)
T = TypeVar("T")


async def run_single(
    sessions: async_sessionmaker[AsyncSession],
    job_name: str,
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    service: str = "cartera",
) -> tuple[bool, T | None]:
    """Run `work` in one transaction if no other replica holds the job's lock.

    Returns (ran, result). The lock is transaction-scoped, so a crashed runner frees it at once.
    """
    async with sessions() as session, session.begin():
        got = await session.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:name, 0))"),
            {"name": job_name},
        )
        if not got:
            JOB_RUNS.labels(service, job_name, "skipped").inc()
            return False, None
        try:
            result = await work(session)
        except Exception:
            JOB_RUNS.labels(service, job_name, "failed").inc()
            raise
        JOB_RUNS.labels(service, job_name, "ran").inc()
        return True, result


@dataclass(frozen=True)
class Job:
    """A background task of a service, started with it and cancelled at its shutdown
    (`create_service_app(jobs=...)`). `run` is given the service's runtime and runs until
    cancelled; `every` makes the usual kind, a piece of work repeated at an interval."""

    name: str
    run: Callable[[Any], Coroutine[Any, Any, None]]


def every(
    name: str,
    interval_seconds: float | Callable[[], float],
    work: Callable[[Any], Awaitable[object]],
    *,
    first_delay_seconds: float = 0.0,
) -> Job:
    """`work(runtime)` now (after `first_delay_seconds`) and again `interval_seconds` after each
    run ends. A failed run is logged; the next one comes at the usual time, so one
    bad moment (the database restarting) does not stop the job for good."""

    async def repeat(runtime: Any) -> None:
        if first_delay_seconds:
            await asyncio.sleep(first_delay_seconds)
        while True:
            try:
                await work(runtime)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job %s failed; it runs again in its next turn", name)
            wait = interval_seconds() if callable(interval_seconds) else interval_seconds
            await asyncio.sleep(wait)

    return Job(name=name, run=repeat)
