"""The VERI*FACTU sender: every record reaches the AEAT, once, in chain order.

The rules it follows (cited in docs/verifactu.md, "Submission"):
- A VERI*FACTU system sends each record as it is made, automatically and in order (RD 1007/2023
  arts. 15 and 16; Orden HAC/1177/2024). One request carries the records of one issuer
  (ObligadoEmision), at most 1,000 (RegFactuSistemaFacturacion, SuministroLR.xsd), here in
  chain order.
- Flow control: each answer sets TiempoEsperaEnvio (60 s until a first answer says otherwise);
  no new request for that issuer before it passes, unless 1,000 records are waiting.
- A failure that is not an answer (a SOAP fault, HTTP or TLS errors, a time-out: the client's
  `AeatUnavailable`) is no rejection: the records go back to pending and the issuer waits, 30 s
  doubling per failure in a row, never more than 15 minutes, so records stuck behind an outage
  are tried again well within the hour the AEAT asks of a system after an incident.
- A record sent later than it should have been goes with the incident flag (Incidencia S in
  the request's RemisionVoluntaria). The AEAT reads a record's FechaHoraHusoGenRegistro as the
  moment it is sent, with a margin of 240 seconds (error 2004, which registers the record with
  errors); a request may take up to its time-out to arrive, so a record older than 240 s minus
  the time-out (180 s by default) when its request leaves is late (`incident_age`). In the normal
  flow (waits of 60 s) no record gets that old: only an outage, a back-off or a stopped sender
  makes one late.

Many replicas may run it. Which tenants have records to look at comes from `verifactu_due`
(filled by a trigger on the records); a replica claims a few at a time (FOR UPDATE SKIP
LOCKED), then for each issuer takes the lease on its chain row (`verifactu_chains`), so one
runner at a time works on an issuer's records. A lease lasts twice the request time-out plus
30 s and is renewed before every request; a runner that dies loses it when it lapses. Records
it left `sent` are first looked up with a query (ConsultaFactuSistemaFacturacion): those the
AEAT holds take the state it holds; the others go back to pending and are sent again. A record
sent twice all the same (a time-out after the AEAT registered it) comes back as a duplicate,
which is reconciled to what the AEAT holds.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import logging
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from sqlalchemy import (
    BigInteger,
    Boolean,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.aeat.credentials import Party, Submitter
from cartera_invoicing.domain.verifactu import SF_NS
from cartera_invoicing.models import outbox, verifactu_chains, verifactu_due, verifactu_records
from cartera_invoicing.verifactu import status
from cartera_invoicing.verifactu.ports import HeldRecordLike, SubmissionAnswerLike, VerifactuParts
from cartera_shared.db import tenant_transaction
from cartera_shared.outbox import add_events
from cartera_shared.tenancy import is_test_tenant

log = logging.getLogger(__name__)
Row = Mapping[Any, Any]  # a record as read (or as marked sent)

MAX_RECORDS_PER_REQUEST = 1000
FIRST_WAIT_SECONDS = 60  # TiempoEsperaEnvio until an answer sets one
AEAT_CLOCK_MARGIN_SECONDS = 240  # error 2004
LEASE_MARGIN_SECONDS = 30
# How soon to look again at an issuer or a tenant that cannot send now (submission off, no
# valid certificate, a question the database did not answer).
RECHECK_SECONDS = 60
MAX_QUERY_PAGES = 1000
# Requests (or look-ups) for one issuer in one visit: a long backlog does not hold the runner.
MAX_ROUNDS_PER_VISIT = 20


def incident_age(timeout_seconds: float) -> dt.timedelta:
    """The age from which a record goes with the incident flag (see the module's doc)."""
    return dt.timedelta(seconds=max(AEAT_CLOCK_MARGIN_SECONDS - timeout_seconds, 0.0))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class LeaseLost(Exception):
    """Another runner holds the issuer now: this one stops before sending anything."""


@dataclass(frozen=True)
class _Batch:
    sending_id: uuid.UUID
    rows: list[dict[str, Any]]  # as marked: sent, with this request's id
    incident: bool


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def issuer_name(stored_request: str) -> str:
    """ObligadoEmision's NombreRazon in a stored request (the record's issuer, as it signed)."""
    root = etree.fromstring(stored_request.encode(), _PARSER)
    found = root.find(f".//{{{SF_NS}}}ObligadoEmision/{{{SF_NS}}}NombreRazon")
    return (found.text or "").strip() if found is not None else ""


class VerifactuSender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        parts: VerifactuParts,
        *,
        poll_seconds: float = 5.0,
        timeout_seconds: float = 60.0,
        backoff_seconds: float = 30.0,
        backoff_max_seconds: float = 900.0,
        concurrency: int = 4,
        clock: Callable[[], dt.datetime] = utc_now,
        holder: uuid.UUID | None = None,
        tenants: Collection[uuid.UUID] | None = None,
    ) -> None:
        """`tenants`: only these (a run for a few tenants, as tests make); None: every one."""
        self.sessions = sessions
        self.parts = parts
        self.poll_seconds = poll_seconds
        self.backoff_seconds = backoff_seconds
        self.backoff_max_seconds = backoff_max_seconds
        self.concurrency = concurrency
        self.clock = clock
        self.holder = holder or uuid.uuid4()
        self.lease = dt.timedelta(seconds=2 * timeout_seconds + LEASE_MARGIN_SECONDS)
        self.late_after = incident_age(timeout_seconds)
        self.tenants = frozenset(tenants) if tenants is not None else None

    # -------------------------------------------------------------- the loop

    async def run_forever(self) -> None:
        while True:
            try:
                worked = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the VERI*FACTU sender failed a round; it tries again")
                worked = False
            if not worked:
                await asyncio.sleep(self.poll_seconds)

    async def run_once(self) -> bool:
        """Visit the tenants that are due (a few at once); False when none was."""
        tenants = await self._claim_tenants()
        if tenants:
            await asyncio.gather(*(self._visit_guarded(t) for t in tenants))
        return bool(tenants)

    async def _claim_tenants(self) -> list[uuid.UUID]:
        now = self.clock()
        due = select(verifactu_due.c.tenant_id).where(verifactu_due.c.next_at <= now)
        if self.tenants is not None:
            due = due.where(verifactu_due.c.tenant_id.in_(self.tenants))
        due = due.order_by(verifactu_due.c.next_at).limit(self.concurrency)
        due = due.with_for_update(skip_locked=True)
        async with self.sessions() as session, session.begin():
            claimed = await session.execute(
                update(verifactu_due)
                .where(verifactu_due.c.tenant_id.in_(due.scalar_subquery()))
                .values(next_at=now + self.lease, claimed_by=self.holder)
                .returning(verifactu_due.c.tenant_id)
            )
            return list(claimed.scalars())

    async def _visit_guarded(self, tenant_id: uuid.UUID) -> None:
        try:
            next_at = await self.visit(tenant_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception(
                "VERI*FACTU submission failed for a tenant", extra={"tenant": str(tenant_id)}
            )
            next_at = self.clock() + dt.timedelta(seconds=RECHECK_SECONDS)
        await self._release_tenant(tenant_id, next_at)

    async def visit(self, tenant_id: uuid.UUID) -> dt.datetime | None:
        """Send what each of the tenant's issuers may send now; when to look again (None:
        nothing is waiting)."""
        if is_test_tenant(tenant_id):
            # A sandbox's records are made `test`, never pending, so none should be due; should
            # one be all the same (a row put there by hand), nothing of a sandbox leaves Cartera.
            log.warning(
                "a sandbox tenant was due for submission; skipped", extra={"tenant": str(tenant_id)}
            )
            return None
        async with tenant_transaction(self.sessions, tenant_id) as session:
            issuers = list(
                (
                    await session.execute(
                        select(verifactu_records.c.issuer_tax_id)
                        .where(
                            verifactu_records.c.tenant_id == tenant_id,
                            verifactu_records.c.status.in_(status.WAITING),
                        )
                        .distinct()
                    )
                ).scalars()
            )
            if not issuers:
                return None
            enabled = await self.parts.certificates.submission_enabled(session, tenant_id)
        if not enabled:
            return self.clock() + dt.timedelta(seconds=RECHECK_SECONDS)
        times = [await self.issuer(tenant_id, nif) for nif in sorted(issuers)]
        return min((t for t in times if t is not None), default=None)

    async def _release_tenant(self, tenant_id: uuid.UUID, next_at: dt.datetime | None) -> None:
        async with tenant_transaction(self.sessions, tenant_id) as session:
            waiting, oldest = (
                await session.execute(
                    select(func.count(), func.min(verifactu_records.c.generated_at)).where(
                        verifactu_records.c.tenant_id == tenant_id,
                        verifactu_records.c.status.in_(status.WAITING),
                    )
                )
            ).one()
            kept = await session.execute(
                update(verifactu_due)
                .where(
                    verifactu_due.c.tenant_id == tenant_id,
                    verifactu_due.c.claimed_by == self.holder,
                )
                .values(next_at=next_at, claimed_by=None, waiting=waiting, oldest_waiting_at=oldest)
            )
            if kept.rowcount == 0 and next_at is not None:  # type: ignore[attr-defined]
                # A new record (or another runner) came since this visit began: keep the
                # earlier of the two times, so neither look is lost.
                await session.execute(
                    update(verifactu_due)
                    .where(verifactu_due.c.tenant_id == tenant_id)
                    .values(next_at=func.least(verifactu_due.c.next_at, next_at))
                )

    # -------------------------------------------------------------- one issuer

    async def issuer(self, tenant_id: uuid.UUID, issuer_nif: str) -> dt.datetime | None:
        """Work on one issuer's chain under its lease; when to look at it again."""
        if not await self._take_lease(tenant_id, issuer_nif):
            # Another runner has it (or an issue is appending to it right now): look again soon.
            return self.clock() + dt.timedelta(seconds=self.poll_seconds)
        try:
            return await self._work(tenant_id, issuer_nif)
        except LeaseLost:
            return self.clock() + dt.timedelta(seconds=self.poll_seconds)
        finally:
            await self._release_lease(tenant_id, issuer_nif)

    def _chain(self, tenant_id: uuid.UUID, issuer_nif: str) -> Any:
        return and_(
            verifactu_chains.c.tenant_id == tenant_id,
            verifactu_chains.c.issuer_tax_id == issuer_nif,
        )

    def _records(self, tenant_id: uuid.UUID, issuer_nif: str) -> Any:
        return and_(
            verifactu_records.c.tenant_id == tenant_id,
            verifactu_records.c.issuer_tax_id == issuer_nif,
        )

    async def _take_lease(self, tenant_id: uuid.UUID, issuer_nif: str) -> bool:
        now = self.clock()
        async with tenant_transaction(self.sessions, tenant_id) as session:
            free = (
                await session.execute(
                    select(verifactu_chains.c.issuer_tax_id)
                    .where(
                        self._chain(tenant_id, issuer_nif),
                        or_(
                            verifactu_chains.c.lease_until.is_(None),
                            verifactu_chains.c.lease_until < now,
                            verifactu_chains.c.lease_holder == self.holder,
                        ),
                    )
                    .with_for_update(skip_locked=True)
                )
            ).first()
            if free is None:
                return False
            await session.execute(
                update(verifactu_chains)
                .where(self._chain(tenant_id, issuer_nif))
                .values(lease_holder=self.holder, lease_until=now + self.lease)
            )
        return True

    async def _renew_lease(self, session: AsyncSession, tenant_id: uuid.UUID, nif: str) -> None:
        renewed = await session.execute(
            update(verifactu_chains)
            .where(self._chain(tenant_id, nif), verifactu_chains.c.lease_holder == self.holder)
            .values(lease_until=self.clock() + self.lease)
        )
        if renewed.rowcount == 0:  # type: ignore[attr-defined]
            raise LeaseLost(nif)

    async def _release_lease(self, tenant_id: uuid.UUID, issuer_nif: str) -> None:
        async with tenant_transaction(self.sessions, tenant_id) as session:
            await session.execute(
                update(verifactu_chains)
                .where(
                    self._chain(tenant_id, issuer_nif),
                    verifactu_chains.c.lease_holder == self.holder,
                )
                .values(lease_holder=None, lease_until=None)
            )

    async def _work(self, tenant_id: uuid.UUID, issuer_nif: str) -> dt.datetime | None:
        for _ in range(MAX_ROUNDS_PER_VISIT):
            now = self.clock()
            async with tenant_transaction(self.sessions, tenant_id) as session:
                await self._renew_lease(session, tenant_id, issuer_nif)
                chain = (
                    (
                        await session.execute(
                            select(verifactu_chains).where(self._chain(tenant_id, issuer_nif))
                        )
                    )
                    .mappings()
                    .one()
                )
                counts: dict[str, int] = dict(
                    (
                        await session.execute(
                            select(verifactu_records.c.status, func.count())
                            .where(
                                self._records(tenant_id, issuer_nif),
                                verifactu_records.c.status.in_(status.WAITING),
                            )
                            .group_by(verifactu_records.c.status)
                        )
                    ).all()
                )
                pending, orphans = counts.get(status.PENDING, 0), counts.get(status.SENT, 0)
                if not pending and not orphans:
                    return None
                submitter = await self._submitter(session, tenant_id, issuer_nif)
            if submitter is None:
                # No valid certificate: the records wait, pending, until there is one.
                return now + dt.timedelta(seconds=RECHECK_SECONDS)
            if orphans:
                # A runner stopped before storing its answer: look before sending anything.
                if not await self._recover(tenant_id, issuer_nif, submitter):
                    return await self._next_send_at(tenant_id, issuer_nif)
                continue
            not_before: dt.datetime | None = chain["next_send_at"]
            # 1,000 waiting records may go before TiempoEsperaEnvio is up, never during a
            # back-off after failures (a backlog builds up exactly while the AEAT is down, and
            # each new record wakes the tenant).
            full = pending >= MAX_RECORDS_PER_REQUEST and not chain["failures"]
            if not_before is not None and now < not_before and not full:
                return not_before  # TiempoEsperaEnvio (or the back-off) still runs
            batch = await self._mark_sending(tenant_id, issuer_nif, chain["wait_seconds"])
            if batch is None:
                continue
            if not await self._send(tenant_id, issuer_nif, submitter, batch):
                return await self._next_send_at(tenant_id, issuer_nif)
        return self.clock()  # more to do: back soon, after the other tenants had their turn

    async def _submitter(
        self, session: AsyncSession, tenant_id: uuid.UUID, issuer_nif: str
    ) -> Submitter | None:
        latest = await session.scalar(
            select(verifactu_records.c.xml)
            .where(self._records(tenant_id, issuer_nif))
            .order_by(verifactu_records.c.position.desc())
            .limit(1)
        )
        name = issuer_name(latest) if latest else ""
        return await self.parts.certificates.submitter_for(
            session, tenant_id, Party(nif=issuer_nif, name=name)
        )

    async def _next_send_at(self, tenant_id: uuid.UUID, issuer_nif: str) -> dt.datetime | None:
        async with tenant_transaction(self.sessions, tenant_id) as session:
            moment = await session.scalar(
                select(verifactu_chains.c.next_send_at).where(self._chain(tenant_id, issuer_nif))
            )
        return moment if isinstance(moment, dt.datetime) else None

    # -------------------------------------------------------------- sending

    async def _mark_sending(
        self, tenant_id: uuid.UUID, issuer_nif: str, wait_seconds: int
    ) -> _Batch | None:
        now = self.clock()
        sending_id = uuid.uuid4()
        async with tenant_transaction(self.sessions, tenant_id) as session:
            await self._renew_lease(session, tenant_id, issuer_nif)
            rows: list[Any] = list(
                (
                    await session.execute(
                        select(verifactu_records)
                        .where(
                            self._records(tenant_id, issuer_nif),
                            verifactu_records.c.status == status.PENDING,
                        )
                        .order_by(verifactu_records.c.position)
                        .limit(MAX_RECORDS_PER_REQUEST)
                        .with_for_update()
                    )
                )
                .mappings()
                .all()
            )
            if not rows:
                return None
            incident = any(now - row["generated_at"] > self.late_after for row in rows)
            marked = {"status": status.SENT, "sending_id": sending_id, "last_attempt_at": now}
            rows = [
                {**row, **marked, "attempts": row["attempts"] + 1, "sent_with_incident": incident}
                for row in rows
            ]
            positions = [row["position"] for row in rows]
            await session.execute(
                update(verifactu_records)
                .where(
                    self._records(tenant_id, issuer_nif),
                    verifactu_records.c.position.in_(positions),
                )
                .values(
                    status=status.SENT,
                    sending_id=sending_id,
                    attempts=verifactu_records.c.attempts + 1,
                    last_attempt_at=now,
                    sent_with_incident=incident,
                )
            )
            # Should this runner stop before the answer, the next one still waits as if it came.
            await session.execute(
                update(verifactu_chains)
                .where(self._chain(tenant_id, issuer_nif))
                .values(next_send_at=now + dt.timedelta(seconds=wait_seconds))
            )
        return _Batch(sending_id, rows, incident)

    async def _send(
        self, tenant_id: uuid.UUID, issuer_nif: str, submitter: Submitter, batch: _Batch
    ) -> bool:
        requests = [row["xml"].encode() for row in batch.rows]
        try:
            answer = await self.parts.aeat.register(submitter, requests, incident=batch.incident)
        except self.parts.unavailable as exc:
            delivered = bool(getattr(exc, "delivered", True))
            await self._failed(
                tenant_id, issuer_nif, _kind(exc), batch.sending_id, delivered=delivered
            )
            return False
        await self._store(tenant_id, issuer_nif, batch, answer)
        return True

    async def _failed(
        self,
        tenant_id: uuid.UUID,
        issuer_nif: str,
        kind: str,
        sending_id: uuid.UUID | None,
        *,
        delivered: bool = True,
    ) -> None:
        """No answer: the records (if any were sent) are pending again; the issuer backs off.
        `delivered`: the request may have reached the AEAT (see `AeatUnavailable.delivered`)."""
        status.SEND_FAILURES.labels(kind).inc()
        now = self.clock()
        async with tenant_transaction(self.sessions, tenant_id) as session:
            if sending_id is not None:
                await session.execute(
                    update(verifactu_records)
                    .where(
                        self._records(tenant_id, issuer_nif),
                        verifactu_records.c.status == status.SENT,
                        verifactu_records.c.sending_id == sending_id,
                    )
                    .values(status=status.PENDING, sending_id=None, last_failure=kind)
                )
            failures = await session.scalar(
                update(verifactu_chains)
                .where(self._chain(tenant_id, issuer_nif))
                .values(failures=verifactu_chains.c.failures + 1, last_failure=kind)
                .returning(verifactu_chains.c.failures)
            )
            delay = min(self.backoff_seconds * 2 ** ((failures or 1) - 1), self.backoff_max_seconds)
            retry_at: Any = now + dt.timedelta(seconds=delay)
            if sending_id is not None and delivered:
                # The request left: the AEAT may have registered it (a time-out, an answer
                # lost on the way back) and counts its waiting time from then. The time set
                # when it left (`_mark_sending`) still holds if it ends later.
                retry_at = func.greatest(verifactu_chains.c.next_send_at, retry_at)
            await session.execute(
                update(verifactu_chains)
                .where(self._chain(tenant_id, issuer_nif))
                .values(next_send_at=retry_at)
            )
        log.warning(
            "the AEAT did not answer; the records wait",
            extra={"tenant": str(tenant_id), "kind": kind, "retry_in_seconds": delay},
        )

    async def _store(
        self,
        tenant_id: uuid.UUID,
        issuer_nif: str,
        batch: _Batch,
        answer: SubmissionAnswerLike,
    ) -> None:
        """Each record's line, read on its own (a ParcialmenteCorrecto answer mixes them)."""
        now = self.clock()
        lines: dict[status.RecordKey, collections.deque[Any]] = collections.defaultdict(
            collections.deque
        )
        for line in answer.lines:
            lines[status.line_key(line)].append(line)
        answered: list[tuple[Row, status.Outcome]] = []
        unanswered: list[Row] = []
        for row in batch.rows:
            waiting = lines.get(status.record_key(row["kind"], row["fields"]))
            if not waiting:  # no line for it: not answered
                unanswered.append(row)
                continue
            try:
                answered.append((row, status.line_outcome(waiting.popleft())))
            except status.UnreadableAnswer:
                log.warning("an answer line with a status the schema does not have")
                unanswered.append(row)
        if not answered:
            # An answer about none of its records (a header refused, say) is no answer to
            # them: they wait, and the issuer backs off as after any failure.
            await self._failed(tenant_id, issuer_nif, "unanswered", batch.sending_id)
            return
        async with tenant_transaction(self.sessions, tenant_id) as session:
            stored = await self._settle(
                session,
                tenant_id,
                issuer_nif,
                answered,
                csv=answer.csv,
                incident=batch.incident,
                now=now,
            )
            # Records the answer says nothing about go again with the next request.
            await self._back_to_pending(session, tenant_id, issuer_nif, unanswered, "unanswered")
            await session.execute(
                update(verifactu_chains)
                .where(self._chain(tenant_id, issuer_nif))
                .values(
                    wait_seconds=answer.wait_seconds,
                    next_send_at=now + dt.timedelta(seconds=answer.wait_seconds),
                    failures=0,
                    last_failure=None,
                )
            )
        _count(stored)

    async def _settle(
        self,
        session: AsyncSession,
        tenant_id: uuid.UUID,
        issuer_nif: str,
        answered: Sequence[tuple[Row, status.Outcome]],
        *,
        csv: str | None,
        incident: bool | None,
        now: dt.datetime,
    ) -> list[status.Outcome]:
        """Store what the AEAT answered for records still `sent` with the request that
        carried them, and announce each; a record settled meanwhile by another runner is left
        as it is. One statement per request, whatever its size."""
        by_request: dict[uuid.UUID, list[tuple[Row, status.Outcome]]] = collections.defaultdict(
            list
        )
        for row, outcome in answered:
            by_request[row["sending_id"]].append((row, outcome))
        events: list[tuple[Any, str]] = []
        stored: list[status.Outcome] = []
        for sending_id, group in by_request.items():
            # One row per record, as parallel arrays (typed binds, so NULL errors keep their type).
            def array(values: list[Any], kind: Any, name: str) -> Any:
                return func.unnest(bindparam(name, value=values, type_=ARRAY(kind)))

            answers = select(
                array([row["position"] for row, _ in group], BigInteger, "positions").label(
                    "position"
                ),
                array([o.status for _, o in group], String, "statuses").label("status"),
                array([o.error_code for _, o in group], Integer, "codes").label("error_code"),
                array([o.error_description for _, o in group], Text, "texts").label(
                    "error_description"
                ),
                array([o.duplicate for _, o in group], Boolean, "duplicates").label("duplicate"),
            ).subquery("answers")
            done = set(
                (
                    await session.execute(
                        update(verifactu_records)
                        .where(
                            self._records(tenant_id, issuer_nif),
                            verifactu_records.c.position == answers.c.position,
                            verifactu_records.c.status == status.SENT,
                            verifactu_records.c.sending_id == sending_id,
                        )
                        .values(
                            status=answers.c.status,
                            csv=csv,
                            error_code=answers.c.error_code,
                            error_description=answers.c.error_description,
                            duplicate=answers.c.duplicate,
                            answered_at=now,
                            sending_id=None,
                            last_failure=None,
                        )
                        .returning(verifactu_records.c.position)
                    )
                ).scalars()
            )
            for row, outcome in group:
                if row["position"] not in done:
                    continue
                stored.append(outcome)
                topic, envelope = status.answered_event(
                    tenant_id,
                    row,
                    outcome,
                    csv=csv,
                    incident=row["sent_with_incident"] if incident is None else incident,
                    answered_at=now,
                )
                events.append((envelope, topic))
        await add_events(session, outbox, events)
        return stored

    async def _back_to_pending(
        self,
        session: AsyncSession,
        tenant_id: uuid.UUID,
        issuer_nif: str,
        rows: Sequence[Row],
        kind: str,
    ) -> None:
        by_request: dict[uuid.UUID, list[int]] = collections.defaultdict(list)
        for row in rows:
            by_request[row["sending_id"]].append(row["position"])
        for sending_id, positions in by_request.items():
            await session.execute(
                update(verifactu_records)
                .where(
                    self._records(tenant_id, issuer_nif),
                    verifactu_records.c.position.in_(positions),
                    verifactu_records.c.status == status.SENT,
                    verifactu_records.c.sending_id == sending_id,
                )
                .values(status=status.PENDING, sending_id=None, last_failure=kind)
            )

    # -------------------------------------------------------------- after a stopped runner

    async def _recover(self, tenant_id: uuid.UUID, issuer_nif: str, submitter: Submitter) -> bool:
        """Settle the records a stopped runner left `sent`: what the AEAT holds takes its
        state; the rest is pending again. False when the AEAT could not be asked."""
        async with tenant_transaction(self.sessions, tenant_id) as session:
            await self._renew_lease(session, tenant_id, issuer_nif)
            rows = list(
                (
                    await session.execute(
                        select(verifactu_records)
                        .where(
                            self._records(tenant_id, issuer_nif),
                            verifactu_records.c.status == status.SENT,
                        )
                        .order_by(verifactu_records.c.position)
                    )
                )
                .mappings()
                .all()
            )
        keys = [status.record_key(row["kind"], row["fields"]) for row in rows]
        periods = sorted({(k.issue_date.year, k.issue_date.month) for k in keys})
        try:
            held = await held_records(self.parts, submitter, periods)
        except self.parts.unavailable as exc:
            await self._failed(tenant_id, issuer_nif, _kind(exc), None)
            return False
        answered: list[tuple[Row, status.Outcome]] = []
        again: list[Row] = []
        for row, key in zip(rows, keys, strict=True):
            found = held.get((key.number, key.issue_date))
            outcome = status.held_outcome(found, row["kind"], row["huella"]) if found else None
            if outcome is None:
                again.append(row)
            else:
                answered.append((row, outcome))
        async with tenant_transaction(self.sessions, tenant_id) as session:
            stored = await self._settle(
                session, tenant_id, issuer_nif, answered, csv=None, incident=None, now=self.clock()
            )
            await self._back_to_pending(session, tenant_id, issuer_nif, again, "not_held")
        _count(stored)
        log.info(
            "records left sending were looked up at the AEAT",
            extra={"tenant": str(tenant_id), "held": len(stored), "to_send_again": len(again)},
        )
        return True


async def held_records(
    parts: VerifactuParts, submitter: Submitter, periods: Sequence[tuple[int, int]]
) -> dict[tuple[str, dt.date], HeldRecordLike]:
    """What the AEAT holds for the submitter's issuer in each (year, month), every page, by
    invoice number and issue date."""
    held: dict[tuple[str, dt.date], HeldRecordLike] = {}
    for year, month in periods:
        page: Any = None
        for _ in range(MAX_QUERY_PAGES):
            answer = await parts.aeat.query(submitter, year=year, month=month, page=page)
            for record in answer.records:
                held[(record.number.strip(), record.issue_date)] = record
            if not answer.next_page or answer.next_page == page:
                break
            page = answer.next_page
    return held


def _kind(exc: BaseException) -> str:
    kind = getattr(exc, "kind", None)
    return str(kind)[:40] if kind else "unavailable"


def _count(outcomes: Sequence[status.Outcome]) -> None:
    for outcome in outcomes:
        status.ANSWERS.labels(outcome.status).inc()
        if outcome.status == status.REJECTED:
            status.REJECTIONS.inc()
