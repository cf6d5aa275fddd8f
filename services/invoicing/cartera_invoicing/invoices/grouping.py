"""Group commit: concurrent one-call issues of one series, numbered, chained and written together.

A series' numbers are gapless (RD 1619/2012, art. 6.1.a), so its issues wait for each other on
the series' lock, and each used to hold it for a whole transaction of its own. Here, while one
issue of a series is in hand in this process, the issues that come for the same series wait in
this process instead, and are then issued together, in order of arrival, in one transaction:
the series, its counter and the issuer's VERI*FACTU chain head are locked once, and the
invoices, their records and their events written in one statement each (`IssueBatch`). Each
caller gets its own invoice once the transaction has committed.

- Only calls without an `Idempotency-Key` come here: a key's row is written in the request's
  own transaction, which must be the one that issues.
- An issue with nobody ahead of it in this process runs as before, in the request's own
  transaction (`issuing.issue_locked`), and so does a group of one.
- A group that fails as a whole (one of its invoices refused after numbering, a deadlock) is
  rolled back, and each of its issues is then made alone, so each caller gets its own answer,
  and a refusal costs nobody else a number.
- The groups' transactions use a small pool of their own: the callers waiting for a group hold
  their request's connection, and must not be able to take every connection the group needs.
- Locks are still the database's: other processes, batches and draft issues of the series wait
  for a group's transaction as for any other.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Histogram
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing.invoices import issuing
from cartera_shared.db import create_engine, session_factory, tenant_transaction

log = logging.getLogger("invoicing.grouping")

# The most invoices one group issues; the rest wait for the next. A group is one transaction
# holding the series' lock; this bounds how long another process's issue of it may wait.
MOST_IN_A_GROUP = 100

GROUP_SIZE = Histogram(
    "cartera_invoicing_issue_group_size",
    "Invoices issued together by one group commit (one-call issues of one series).",
    buckets=(1, 2, 4, 8, 16, 32, 64, 100),
)


@dataclass
class _Waiting:
    draft: Mapping[Any, Any]
    recipient_state: dict[str, Any] | None
    producer: tuple[str | None, str | None]
    answer: asyncio.Future[Mapping[Any, Any]] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )
    # The caller's context (its trace and span, its request id in logs): its invoice is issued
    # in it, so its event names its request's trace, whoever runs the group.
    context: contextvars.Context = field(default_factory=contextvars.copy_context)

    async def issue_in(self, session: AsyncSession, tenant_id: uuid.UUID, **how: Any) -> Any:
        return await asyncio.create_task(
            issuing.issue_locked(
                session,
                tenant_id=tenant_id,
                draft=self.draft,
                recipient_state=self.recipient_state,
                producer=self.producer,
                **how,
            ),
            context=self.context,
        )


class IssueGroups:
    """The one-call issues of this process, grouped by series (a part of the invoicing app)."""

    def __init__(self, database_url: str, *, connections: int = 4) -> None:
        self._engine = create_engine(
            database_url, pool_size=connections, application_name="invoicing-issue-groups"
        )
        self._sessions = session_factory(self._engine)
        self._in_hand: set[tuple[uuid.UUID, uuid.UUID]] = set()
        self._waiting: dict[tuple[uuid.UUID, uuid.UUID], list[_Waiting]] = {}
        self._draining: dict[tuple[uuid.UUID, uuid.UUID], asyncio.Task[None]] = {}

    async def issue(
        self,
        session: AsyncSession,
        *,
        tenant_id: uuid.UUID,
        draft: Mapping[Any, Any],
        recipient_state: dict[str, Any] | None,
        producer: tuple[str | None, str | None],
        alone: bool = False,
    ) -> Mapping[Any, Any]:
        """Issue a new invoice (a draft not written, from `service.new_draft`): in `session`'s
        transaction if no other issue of its series is in hand here, or if it must go `alone`
        (its transaction stores an Idempotency-Key's answer); else with the others."""
        key = (tenant_id, draft["series_id"])
        if alone or (key not in self._in_hand and key not in self._draining):
            holder = key not in self._in_hand
            self._in_hand.add(key)
            try:
                return await issuing.issue_locked(
                    session,
                    tenant_id=tenant_id,
                    draft=draft,
                    recipient_state=recipient_state,
                    producer=producer,
                    written=False,
                )
            finally:
                if holder:
                    self._in_hand.discard(key)
        waiting = _Waiting(draft, recipient_state, producer)
        self._waiting.setdefault(key, []).append(waiting)
        if key not in self._draining:
            self._draining[key] = asyncio.create_task(
                self._drain(key), name=f"issue-group-{key[1]}"
            )
        return await waiting.answer

    async def _drain(self, key: tuple[uuid.UUID, uuid.UUID]) -> None:
        try:
            while waiting := self._waiting.pop(key, None):
                if len(waiting) > MOST_IN_A_GROUP:
                    self._waiting[key] = waiting[MOST_IN_A_GROUP:] + self._waiting.get(key, [])
                    waiting = waiting[:MOST_IN_A_GROUP]
                group = [w for w in waiting if not w.answer.done()]  # a caller gone stays out
                if group:
                    await self._issue_group(key[0], group)
        finally:
            del self._draining[key]

    async def _issue_group(self, tenant_id: uuid.UUID, group: list[_Waiting]) -> None:
        if len(group) == 1:
            await self._issue_alone(tenant_id, group[0])
            return
        try:
            async with tenant_transaction(self._sessions, tenant_id) as session:
                shared = issuing.IssueBatch(session, tenant_id, keep_rows=True)
                for waiting in group:
                    await waiting.issue_in(session, tenant_id, batch=shared)
                await shared.flush()
        except Exception as exc:
            log.info("a group of %d issues failed (%r); issuing them one by one", len(group), exc)
            for waiting in group:
                await self._issue_alone(tenant_id, waiting)
            return
        GROUP_SIZE.observe(len(group))
        assert shared.written is not None
        for waiting, row in zip(group, shared.written, strict=True):
            if not waiting.answer.done():
                waiting.answer.set_result(row)

    async def _issue_alone(self, tenant_id: uuid.UUID, waiting: _Waiting) -> None:
        try:
            async with tenant_transaction(self._sessions, tenant_id) as session:
                row = await waiting.issue_in(session, tenant_id, written=False)
        except Exception as exc:
            if not waiting.answer.done():
                waiting.answer.set_exception(exc)
            return
        GROUP_SIZE.observe(1)
        if not waiting.answer.done():
            waiting.answer.set_result(row)

    async def close(self) -> None:
        for task in list(self._draining.values()):
            await asyncio.shield(task)
        await self._engine.dispose()
