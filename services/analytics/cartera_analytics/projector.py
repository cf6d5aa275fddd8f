"""The live path: each event updates the read models incrementally, in the consumer's
transaction (the inbox row commits with it, so a duplicate has no effect).

Invoice events recompute their chain (the original and its rectifications) under a lock on the
chain, and apply to the aggregates only the difference between what each document contributed
before and what it contributes now: the aggregates always equal the sum of the current
contributions, whatever order the events came in. That is the same sum the rebuild computes.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    Boolean,
    and_,
    bindparam,
    delete,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import TextClause

from cartera_analytics import facts
from cartera_analytics.domain.invoices import (
    Contribution,
    InvalidFact,
    InvoiceDoc,
    PaymentFact,
    chain_contributions,
    doc_from_event,
    instalment_schedule,
    payment_from_event,
)
from cartera_analytics.domain.periods import truncate
from cartera_analytics.event_models import AboutAClient
from cartera_analytics.models import (
    CLIENT_PERIODS,
    dunning_notices,
    instalments,
    interactions,
    invoice_documents,
    m347_quarters,
    payments,
    satisfaction_answers,
    support_requests,
)
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope

ZERO = Decimal(0)


@dataclass
class Effects:
    """What an event changed, for the alert rules."""

    months: set[tuple[uuid.UUID, dt.date]] = field(default_factory=set)  # (client, month)
    credited: set[dt.date] = field(default_factory=set)  # months a document lowered
    payers: set[uuid.UUID] = field(default_factory=set)  # clients whose payment record moved

    def merge(self, other: Effects) -> None:
        self.months |= other.months
        self.credited |= other.credited
        self.payers |= other.payers


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


async def lock_chain(session: AsyncSession, tenant_id: uuid.UUID, root_id: uuid.UUID) -> None:
    """Serialise everything that touches one invoice chain (replicas may consume in parallel)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))"),
        {"key": f"analytics:{tenant_id}:{root_id}"},
    )


async def lock_chains(
    session: AsyncSession, tenant_id: uuid.UUID, root_ids: Iterable[uuid.UUID]
) -> None:
    """`lock_chain` for many chains in one statement, taken in one order (the keys sorted), so
    two transactions locking overlapping sets cannot each wait for the other."""
    keys = sorted({f"analytics:{tenant_id}:{root_id}" for root_id in root_ids})
    await session.execute(
        text(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 7))"
            " FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS held(k, n) ORDER BY n"
        ),
        {"keys": keys},
    )


async def project(session: AsyncSession, envelope: Envelope) -> Effects:
    effects = Effects()
    tenant_id, data = envelope.tenant_id, envelope.data
    kind = envelope.type
    if kind in facts.INVOICE_TOPICS:
        await apply_invoice(session, tenant_id, doc_from_event(kind, data), effects)
    elif kind in facts.PAYMENT_TOPICS:
        await apply_payment(session, tenant_id, kind, data, effects, envelope.occurred_at.date())
    elif kind == topics.RECEIVABLE_OVERDUE:
        # The instalments already know their due dates; an overdue notice only asks for the
        # client's record to be looked at again.
        try:
            client_id = AboutAClient.model_validate(data).client_id
        except ValidationError as exc:
            raise InvalidFact(f"receivable.overdue with a malformed client: {exc}") from exc
        if client_id is not None:
            effects.payers.add(client_id)
    elif kind == topics.DUNNING_SENT:
        row = facts.dunning_row(tenant_id, data, envelope.occurred_at)
        await session.execute(insert(dunning_notices).values(row).on_conflict_do_nothing())
    elif kind == topics.SATISFACTION_RECORDED:
        row = facts.satisfaction_row(tenant_id, data)
        await session.execute(insert(satisfaction_answers).values(row).on_conflict_do_nothing())
    elif kind in (topics.REQUEST_OPENED, topics.REQUEST_CLOSED):
        await apply_request(session, tenant_id, kind, data)
    elif kind == topics.INTERACTION_LOGGED:
        row = facts.interaction_row(tenant_id, data)
        await session.execute(insert(interactions).values(row).on_conflict_do_nothing())
    return effects


async def apply_request(
    session: AsyncSession, tenant_id: uuid.UUID, kind: str, data: dict[str, Any]
) -> None:
    new = facts.request_row(tenant_id, kind, data)
    await lock_chain(session, tenant_id, uuid.uuid5(uuid.NAMESPACE_URL, new["request_id"]))
    held = (
        (
            await session.execute(
                select(support_requests).where(
                    support_requests.c.tenant_id == tenant_id,
                    support_requests.c.request_id == new["request_id"],
                )
            )
        )
        .mappings()
        .first()
    )
    merged = facts.merge_request(dict(held) if held else None, new, kind)
    statement = insert(support_requests).values(merged)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[support_requests.c.tenant_id, support_requests.c.request_id],
            set_={k: statement.excluded[k] for k in merged if k not in ("tenant_id", "request_id")},
        )
    )


async def apply_invoice(
    session: AsyncSession, tenant_id: uuid.UUID, doc: InvoiceDoc, effects: Effects
) -> None:
    await lock_chain(session, tenant_id, doc.root_id)
    if not doc.cancelled:
        stored = (
            (await session.execute(_insert_new_documents(), facts.doc_row(tenant_id, doc)))
            .mappings()
            .all()
        )
        if stored:  # else this invoice is known already (the same fact under another event id)
            await recompute_chains(session, tenant_id, [doc.root_id], effects, alone(stored))
        return
    # The cancellation marks the document the issue stored, or stores it (cancelled) if the
    # issue has not come yet; a repeated cancellation changes nothing.
    statement = (
        insert(invoice_documents)
        .values(facts.doc_row(tenant_id, doc))
        .on_conflict_do_update(
            index_elements=[invoice_documents.c.tenant_id, invoice_documents.c.invoice_id],
            set_={"cancelled": True},
            where=invoice_documents.c.cancelled.is_(False),
        )
    )
    inserted = await session.execute(statement.returning(invoice_documents.c.invoice_id))
    if inserted.first() is None:
        return  # already cancelled
    await recompute_chains(session, tenant_id, [doc.root_id], effects)


async def apply_invoices(
    session: AsyncSession, tenant_id: uuid.UUID, docs: Sequence[InvoiceDoc], effects: Effects
) -> None:
    """`apply_invoice` for documents of distinct chains, none a cancellation, in a handful of
    statements whatever their number: the chains are independent, so applying them together
    leaves what applying them one after another leaves."""
    if len({doc.root_id for doc in docs}) != len(docs) or any(doc.cancelled for doc in docs):
        raise ValueError("apply_invoices takes documents of distinct chains, none cancelled")
    if len(docs) == 1:
        await apply_invoice(session, tenant_id, docs[0], effects)
        return
    await lock_chains(session, tenant_id, (doc.root_id for doc in docs))
    stored = (
        (
            await session.execute(
                _insert_new_documents(), [facts.doc_row(tenant_id, doc) for doc in docs]
            )
        )
        .mappings()
        .all()
    )
    new = {row["invoice_id"] for row in stored}
    roots = [doc.root_id for doc in docs if doc.invoice_id in new]
    if roots:  # documents already known change nothing
        await recompute_chains(session, tenant_id, roots, effects, alone(stored))


@functools.cache
def _insert_new_documents() -> Any:
    """Stores documents not known yet, returning each row stored and whether its chain held
    other documents before (`has_kin`, read in the statement's snapshot, so without the rows it
    inserts). With the chain locked, a document without kin is its chain's only one."""
    # Written out: SQLAlchemy does not correlate a subquery of RETURNING with the inserted row
    # (it adds the table to the subquery's FROM), and uncorrelated the EXISTS would ask whether
    # any chain of the tenant has two documents.
    stored = invoice_documents.fullname
    has_kin = literal_column(
        f"EXISTS (SELECT 1 FROM {stored} AS kin WHERE kin.tenant_id = {stored}.tenant_id"
        f" AND kin.root_id = {stored}.root_id AND kin.invoice_id <> {stored}.invoice_id)",
        Boolean,
    ).label("has_kin")
    return (
        insert(invoice_documents).on_conflict_do_nothing().returning(*invoice_documents.c, has_kin)
    )


def alone(stored: Sequence[Any]) -> dict[uuid.UUID, Any]:
    """The new documents that are their chain's only one, by chain: their chain needs no reading,
    and has no instalments to replace yet (instalments come from a chain's documents)."""
    return {row["root_id"]: row for row in stored if not row["has_kin"]}


async def recompute_chains(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    root_ids: Sequence[uuid.UUID],
    effects: Effects,
    alone: Mapping[uuid.UUID, Any] | None = None,
) -> None:
    """Recompute each chain's contributions (its lock held) and apply to the aggregates only
    what changed, then replace the chains' instalments. `alone` holds, by chain, the stored row
    of a chain known to have only that document (`_insert_new_documents`)."""
    alone = alone or {}
    others = [root for root in root_ids if root not in alone]
    rows = list(alone.values())
    if others:
        rows += (
            (
                await session.execute(
                    select(invoice_documents).where(
                        invoice_documents.c.tenant_id == tenant_id,
                        invoice_documents.c.root_id.in_(others),
                    )
                )
            )
            .mappings()
            .all()
        )
    chains: dict[uuid.UUID, list[tuple[Any, InvoiceDoc]]] = defaultdict(list)
    for row in rows:
        chains[row["root_id"]].append((row, facts.doc_from_row(row)))
    days: Sums = defaultdict(lambda: [ZERO, ZERO, 0])
    quarters: dict[tuple[int, str, int], list[Any]] = defaultdict(lambda: [ZERO, ""])
    changed: list[dict[str, Any]] = []
    for chain in chains.values():
        contributions = chain_contributions(d for _, d in chain)
        for row, d in chain:
            now = contributions[d.invoice_id]
            delta_base = now.amounts.base - row["contrib_base"]
            delta_total = now.amounts.total - row["contrib_total"]
            delta_invoices = now.invoices - row["contrib_invoices"]
            delta_347 = now.m347 - row["contrib_347"]
            rents_changed = facts.rents_json(now.m347_rents) != row["contrib_rents"]
            if delta_base or delta_total or delta_invoices:
                key = (d.issue_date, d.client_id)
                days[key][0] += delta_base
                days[key][1] += delta_total
                days[key][2] += delta_invoices
                effects.months.add((d.client_id, month_of(d.issue_date)))
                if delta_base < 0:
                    effects.credited.add(month_of(d.issue_date))
            if delta_347 and d.recipient_tax_id:
                qkey = (d.issue_date.year, d.recipient_tax_id, quarter_of(d.issue_date))
                quarters[qkey][0] += delta_347
                quarters[qkey][1] = max(quarters[qkey][1], d.recipient_name or "")
            if delta_base or delta_total or delta_invoices or delta_347 or rents_changed:
                changed.append({"document": d.invoice_id, **contribution_values(now)})
    if changed:
        await session.execute(
            update(invoice_documents).where(
                invoice_documents.c.tenant_id == tenant_id,
                invoice_documents.c.invoice_id == bindparam("document"),
            ),
            changed,
        )
    await add_to_aggregates(session, tenant_id, days, quarters)
    await replace_instalments_of(
        session,
        tenant_id,
        {root: [d for _, d in chain] for root, chain in chains.items()},
        effects,
        new_chains=set(alone),
    )


def contribution_values(c: Contribution) -> dict[str, Any]:
    return {
        "contrib_base": c.amounts.base,
        "contrib_total": c.amounts.total,
        "contrib_347": c.m347,
        "contrib_invoices": c.invoices,
        "contrib_rents": facts.rents_json(c.m347_rents),
    }


Sums = dict[tuple[dt.date, uuid.UUID], list[Any]]  # (period start, client) -> base, total, count


def rollups(days: Sums) -> dict[str, Sums]:
    """Per-day sums rolled up to every level the queries read."""
    levels: dict[str, Sums] = {"day": days}
    for level in ("month", "quarter", "year"):
        sums: Sums = defaultdict(lambda: [ZERO, ZERO, 0])
        for (day, client), (base, total, count) in days.items():
            row = sums[(truncate(level, day), client)]
            row[0] += base
            row[1] += total
            row[2] += count
        levels[level] = sums
    return levels


@functools.cache
def periods_upsert() -> TextClause:
    """Adds to every period table's rows (made when missing), returning them as they now
    stand, with their level: one statement for the four tables, built once. Each level's rows
    come as arrays (`periods_parameters`), sorted, so concurrent writers lock rows in one
    order."""
    writes = []
    for level, (table, key_name) in CLIENT_PERIODS.items():
        writes.append(
            f"{level}_rows AS (INSERT INTO {table.fullname} AS t "
            f"(tenant_id, {key_name}, client_id, base, total, invoices) "
            f"SELECT CAST(:tenant_id AS uuid), * FROM unnest(CAST(:{level}_start AS date[]), "
            f"CAST(:{level}_client AS uuid[]), CAST(:{level}_base AS numeric[]), "
            f"CAST(:{level}_total AS numeric[]), CAST(:{level}_invoices AS integer[])) "
            f"ON CONFLICT (tenant_id, {key_name}, client_id) DO UPDATE SET "
            "base = t.base + excluded.base, total = t.total + excluded.total, "
            "invoices = t.invoices + excluded.invoices "
            f"RETURNING '{level}' AS level, {key_name} AS start, client_id, base, total, invoices)"
        )
    return text(
        "WITH "
        + ", ".join(writes)
        + " "
        + " UNION ALL ".join(f"SELECT * FROM {level}_rows" for level in CLIENT_PERIODS)
    )


def periods_parameters(tenant_id: uuid.UUID, levels: dict[str, Sums]) -> dict[str, Any]:
    parameters: dict[str, Any] = {"tenant_id": tenant_id}
    for level in CLIENT_PERIODS:
        changes = sorted(levels[level].items())
        parameters[f"{level}_start"] = [start for (start, _), _ in changes]
        parameters[f"{level}_client"] = [client for (_, client), _ in changes]
        parameters[f"{level}_base"] = [sums[0] for _, sums in changes]
        parameters[f"{level}_total"] = [sums[1] for _, sums in changes]
        parameters[f"{level}_invoices"] = [sums[2] for _, sums in changes]
    return parameters


@functools.cache
def quarter_upsert() -> Any:
    """Adds to Modelo 347's quarters (made when missing), returning them as they now stand."""
    statement = insert(m347_quarters)
    return statement.on_conflict_do_update(
        index_elements=[
            m347_quarters.c.tenant_id,
            m347_quarters.c.year,
            m347_quarters.c.tax_id,
            m347_quarters.c.quarter,
        ],
        set_={
            "amount": m347_quarters.c.amount + statement.excluded.amount,
            "name": func.greatest(m347_quarters.c.name, statement.excluded.name),
        },
    ).returning(
        m347_quarters.c.year,
        m347_quarters.c.tax_id,
        m347_quarters.c.quarter,
        m347_quarters.c.amount,
    )


async def add_to_aggregates(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    days: dict[tuple[dt.date, uuid.UUID], list[Any]],
    quarters: dict[tuple[int, str, int], list[Any]],
) -> None:
    # One upsert for the four period tables and one for Modelo 347's quarters, for all the
    # keys (sorted, so concurrent writers lock rows in one order); each returns the rows as they
    # now stand, so the delete of rows that came back to nothing (as the rebuild would never
    # write them) runs only when there is one: a rectifying invoice now and then, not every
    # invoice.
    if days:
        now = await session.execute(periods_upsert(), periods_parameters(tenant_id, rollups(days)))
        emptied: dict[str, list[tuple[dt.date, uuid.UUID]]] = defaultdict(list)
        for row in now:
            if row.base == 0 and row.total == 0 and row.invoices == 0:
                emptied[row.level].append((row.start, row.client_id))
        for level, keys in emptied.items():
            table, key_name = CLIENT_PERIODS[level]
            await session.execute(
                delete(table).where(
                    table.c.tenant_id == tenant_id,
                    tuple_(table.c[key_name], table.c.client_id).in_(keys),
                    table.c.base == 0,
                    table.c.total == 0,
                    table.c.invoices == 0,
                )
            )
    if not quarters:
        return
    now_amounts = await session.execute(
        quarter_upsert(),
        [
            {"tenant_id": tenant_id, "year": year, "tax_id": tax_id, "quarter": quarter,
             "name": name, "amount": amount}
            for (year, tax_id, quarter), (amount, name) in sorted(quarters.items())
        ],
    )  # fmt: skip
    emptied_quarters = [(r.year, r.tax_id, r.quarter) for r in now_amounts if r.amount == 0]
    if emptied_quarters:
        await session.execute(
            delete(m347_quarters).where(
                m347_quarters.c.tenant_id == tenant_id,
                m347_quarters.c.amount == 0,
                or_(
                    *(
                        and_(
                            m347_quarters.c.year == y,
                            m347_quarters.c.tax_id == t,
                            m347_quarters.c.quarter == q,
                        )
                        for y, t, q in emptied_quarters
                    )
                ),
            )
        )


async def replace_instalments(
    session: AsyncSession, tenant_id: uuid.UUID, root_id: uuid.UUID, effects: Effects
) -> None:
    rows = (
        (
            await session.execute(
                select(invoice_documents).where(
                    invoice_documents.c.tenant_id == tenant_id,
                    invoice_documents.c.root_id == root_id,
                )
            )
        )
        .mappings()
        .all()
    )
    docs = [facts.doc_from_row(r) for r in rows]
    await replace_instalments_of(session, tenant_id, {root_id: docs}, effects)


async def replace_instalments_of(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    chains: dict[uuid.UUID, list[InvoiceDoc]],
    effects: Effects,
    new_chains: set[uuid.UUID] | None = None,
) -> None:
    """Each chain's instalments computed again from its documents and payments. `new_chains`
    had no document before this transaction, so no instalments to delete."""
    paid: dict[uuid.UUID, list[PaymentFact]] = defaultdict(list)
    for row in (
        (
            await session.execute(
                select(payments).where(
                    payments.c.tenant_id == tenant_id, payments.c.invoice_id.in_(list(chains))
                )
            )
        )
        .mappings()
        .all()
    ):
        paid[row["invoice_id"]].append(facts.payment_from_row(row))
    held = [root for root in chains if root not in (new_chains or ())]
    if held:
        await session.execute(
            delete(instalments).where(
                instalments.c.tenant_id == tenant_id, instalments.c.invoice_id.in_(held)
            )
        )
    schedule = [
        instalment
        for root_id, docs in chains.items()
        for instalment in instalment_schedule(docs, paid.get(root_id, []))
    ]
    if schedule:
        await session.execute(insert(instalments), [instalment_row(tenant_id, i) for i in schedule])
        effects.payers.update(i.client_id for i in schedule)


def instalment_row(tenant_id: uuid.UUID, i: Any) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "invoice_id": i.invoice_id,
        "seq": i.seq,
        "client_id": i.client_id,
        "due_on": i.due_on,
        "amount": i.amount,
        "paid": i.paid,
        "settled_on": i.settled_on,
    }


async def apply_payment(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    kind: str,
    data: dict[str, Any],
    effects: Effects,
    occurred_on: dt.date | None = None,
) -> None:
    fact = payment_from_event(kind, data, occurred_on)
    await lock_chain(session, tenant_id, fact.invoice_id)
    statement = insert(payments).values(facts.payment_row(tenant_id, fact))
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[payments.c.tenant_id, payments.c.payment_id],
            # The first reversal's day and reason stay (as the rebuild merges them).
            set_={
                "reversed": payments.c.reversed.op("OR")(statement.excluded.reversed),
                "reversed_on": func.coalesce(
                    payments.c.reversed_on, statement.excluded.reversed_on
                ),
                "reversal_reason": func.coalesce(
                    payments.c.reversal_reason, statement.excluded.reversal_reason
                ),
            },
        )
    )
    effects.payers.add(fact.client_id)
    await replace_instalments(session, tenant_id, fact.invoice_id, effects)
