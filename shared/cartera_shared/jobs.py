"""Single-runner jobs: any number of replicas may try; a Postgres advisory lock lets one run."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

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
