"""What a late payer owes on top of the invoice (Ley 3/2004): statutory interest on each
instalment for the days it was late, and the 40 € compensation per late invoice.

Interest runs on what was actually unpaid: an instalment paid in two parts accrues on each part
until the day it was paid, and on the rest until the date asked for. A reversed payment never
happened. The rate table is the dated one of :mod:`cartera_collections.domain.interest`, plus the
half-years an operator adds from the BOE (:mod:`cartera_collections.published_rates`, or the
older ``LATE_INTEREST_RATES`` setting); a half-year without a rate is never guessed: its
interest is left out and the answer says the rate is missing and how to add it.

Only debts Ley 3/2004 covers (a business or public administration debtor: debtor_scope.py)
get interest and the compensation; a consumer's get neither.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import debtor_scope, ledger, published_rates
from cartera_collections.domain.interest import (
    COLLECTION_COSTS_COMPENSATION,
    STATUTORY_RATES,
    InterestBreakdown,
    RateTable,
    UnknownRate,
    half_year_start,
    late_interest,
)
from cartera_collections.models import client_replicas, payments
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.edge import TenantSession
from cartera_shared.edge import part as part_of
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import NotFound, UnprocessableEntity

router = APIRouter(prefix="/v1/collections", tags=["late interest"])
ReadIdentity = Annotated[Identity, require_scope("collections:read")]
ZERO = Decimal("0.00")
MAX_DAYS_AHEAD = 366


@dataclass(frozen=True)
class ConfiguredRates:
    """The statutory table with the operator's additions (LATE_INTEREST_RATES), read at start."""

    table: RateTable


def rate_table(extra: str) -> tuple[tuple[dt.date, Decimal], ...]:
    """The statutory table plus operator-supplied half-years: ``YYYY-MM-DD=percent,...``.

    An extra entry must start a half-year the table lacks; a figure the table already has is
    never overridden from the environment.
    """
    table = dict(STATUTORY_RATES)
    for item in filter(None, (part.strip() for part in extra.split(","))):
        day_text, _, rate_text = item.partition("=")
        try:
            day = dt.date.fromisoformat(day_text.strip())
            rate = Decimal(rate_text.strip())
        except (ValueError, InvalidOperation) as exc:
            raise ValueError(f"LATE_INTEREST_RATES: cannot read {item!r}") from exc
        if day.day != 1 or day.month not in (1, 7):
            raise ValueError(f"LATE_INTEREST_RATES: {day} is not the first day of a half-year")
        if not (Decimal(0) <= rate < Decimal(100)):
            raise ValueError(f"LATE_INTEREST_RATES: {rate} is not a percentage")
        if day in table and table[day] != rate:
            raise ValueError(f"LATE_INTEREST_RATES: {day} is already in the table at {table[day]}")
        table[day] = rate
    return tuple(sorted(table.items()))


def _periods(breakdown: InterestBreakdown) -> list[dict[str, Any]]:
    return [
        {
            "from": p.start.isoformat(),
            "through": p.end.isoformat(),
            "days": p.days,
            "rate": str(p.rate),
            "interest": str(p.interest),
        }
        for p in breakdown.periods
    ]


def instalment_interest(
    *,
    amount: Decimal,
    due_on: dt.date,
    paid_parts: Sequence[tuple[Decimal, dt.date]],
    until: dt.date,
    table: RateTable,
) -> dict[str, Any]:
    """Interest on one instalment through ``until``: each paid part accrues up to its payment
    day, what is still unpaid on ``until`` accrues up to ``until``."""
    pieces: list[tuple[Decimal, dt.date]] = []
    unpaid = amount
    for part, paid_on in sorted(paid_parts, key=lambda p: p[1]):
        if paid_on > until:
            continue
        unpaid -= part
        if paid_on > due_on:
            pieces.append((part, paid_on))
    unpaid = max(unpaid, ZERO)
    if unpaid > 0 and until > due_on:
        pieces.append((unpaid, until))
    late = []
    total = ZERO
    for part, through in pieces:
        breakdown = late_interest(part, due_on, through, table)
        total += breakdown.total
        late.append(
            {
                "amount": str(part),
                "late_through": through.isoformat(),
                "days_late": (through - due_on).days,
                "interest": str(breakdown.total),
                "periods": _periods(breakdown),
            }
        )
    return {
        "due_on": due_on.isoformat(),
        "amount": str(amount),
        "unpaid_on_until": str(unpaid),
        "late_amounts": late,
        "interest": str(total),
    }


def _was_late(
    rows: Sequence[Any], parts: dict[int, list[tuple[Decimal, dt.date]]], until: dt.date
) -> bool:
    """Whether some instalment was paid after its due date or is still unpaid after it."""
    for row in rows:
        paid = [(amount, day) for amount, day in parts.get(row["seq"], []) if day <= until]
        if any(day > row["due_on"] for _, day in paid):
            return True
        if until > row["due_on"] and sum((a for a, _ in paid), ZERO) < row["amount"]:
            return True
    return False


async def claim_of(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    receivable: Any,
    until: dt.date,
    extra_rates: RateTable = (),
) -> dict[str, Any]:
    """What can be claimed on a receivable through ``until``: the unpaid principal and, only
    where Ley 3/2004 covers the debtor, the interest and the 40 € compensation. A half-year
    without a published rate gives no interest figure and says so (``rate_missing``)."""
    scope = await debtor_scope.decide(session, tenant_id, receivable)
    rows = await ledger.instalments_of(session, receivable["id"])
    paid = (
        await session.execute(
            select(payments.c.allocations, payments.c.paid_on).where(
                payments.c.receivable_id == receivable["id"],
                payments.c.reversed_at.is_(None),
            )
        )
    ).all()
    parts: dict[int, list[tuple[Decimal, dt.date]]] = {}
    for allocations, paid_on in paid:
        for allocation in allocations:
            parts.setdefault(allocation["seq"], []).append((Decimal(allocation["amount"]), paid_on))
    answer: dict[str, Any] = {
        "invoice_id": str(receivable["invoice_id"]),
        "invoice_number": receivable["invoice_number"],
        "client_id": str(receivable["client_id"]) if receivable["client_id"] else None,
        "currency": receivable["currency"],
        "until": until.isoformat(),
        "late_payment_law": debtor_scope.scope_data(scope),
        "rate_missing": None,
    }
    unpaid_rows = []
    for row in rows:
        paid_by_until = sum(
            (amount for amount, day in parts.get(row["seq"], []) if day <= until), ZERO
        )
        unpaid_rows.append(
            {
                "seq": row["seq"],
                "due_on": row["due_on"].isoformat(),
                "amount": str(row["amount"]),
                "unpaid_on_until": str(max(row["amount"] - paid_by_until, ZERO)),
            }
        )
    unpaid = sum((Decimal(i["unpaid_on_until"]) for i in unpaid_rows), ZERO)
    if not scope.applies:
        # Neither figures nor the law's name for a debtor the law does not cover.
        return answer | {
            "instalments": unpaid_rows,
            "unpaid": str(unpaid),
            "interest": None,
            "compensation": None,
            "claim_total": str(unpaid),
        }
    compensation = COLLECTION_COSTS_COMPENSATION if _was_late(rows, parts, until) else ZERO
    table = await published_rates.table(session, extra_rates)
    try:
        per_instalment = [
            {"seq": row["seq"]}
            | instalment_interest(
                amount=row["amount"],
                due_on=row["due_on"],
                paid_parts=parts.get(row["seq"], []),
                until=until,
                table=table,
            )
            for row in rows
        ]
    except UnknownRate as exc:
        return answer | {
            "instalments": unpaid_rows,
            "unpaid": str(unpaid),
            "interest": None,
            "compensation": str(compensation),
            "claim_total": None,
            "rate_missing": published_rates.missing_rate(exc.half_year_start),
        }
    interest = sum((Decimal(i["interest"]) for i in per_instalment), ZERO)
    return answer | {
        "instalments": per_instalment,
        "unpaid": str(unpaid),
        "interest": str(interest),
        "compensation": str(compensation),
        "claim_total": str(unpaid + interest + compensation),
    }


@router.get("/late-interest")
async def late_interest_of(
    identity: ReadIdentity,
    session: TenantSession,
    directory: Annotated[ClientsDirectory, part_of(ClientsDirectory)],
    rates: Annotated[ConfiguredRates, part_of(ConfiguredRates)],
    invoice_id: Annotated[uuid.UUID, Query()],
    until: Annotated[
        dt.date | None, Query(description="Accrue interest through this day (default today).")
    ] = None,
) -> Any:
    """Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it)."""
    today = dt.datetime.now(dt.UTC).date()
    until = until or today
    if until > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise UnprocessableEntity(f"until: at most {MAX_DAYS_AHEAD} days from today.")
    receivable = await ledger.find(session, identity.tenant_id, invoice_id)
    if receivable is None:
        raise NotFound(f"Nothing is owed on invoice {invoice_id} (unknown or not issued).")
    if until < receivable["issue_date"]:
        raise UnprocessableEntity(
            f"until: {until} is before the invoice was issued ({receivable['issue_date']})."
        )
    if receivable["late_payment_law_applies"] is None and receivable["client_id"]:
        # Not decided yet because the replica did not know the client: read it through to
        # the clients service (kept in the replica), so the decision is the client's, not
        # a lagging event's. A clients service that does not answer is a 503.
        await directory.known_client(
            session, client_replicas, identity.tenant_id, receivable["client_id"]
        )
    return await claim_of(
        session,
        identity.tenant_id,
        receivable,
        until,
        rates.table,
    )


@router.get("/late-interest/rates")
async def statutory_rates(
    identity: ReadIdentity,
    session: TenantSession,
    configured: Annotated[ConfiguredRates, part_of(ConfiguredRates)],
) -> Any:
    """The statutory half-year rates in force, and whether today's half-year has one yet."""
    today = dt.datetime.now(dt.UTC).date()
    table = await published_rates.table(session, configured.table)
    in_force = dict(table)
    current = half_year_start(today)
    return {
        "rates": [
            {"half_year_start": start.isoformat(), "rate": str(rate)} for start, rate in table
        ],
        "current_half_year": {
            "start": current.isoformat(),
            "rate": str(in_force[current]) if current in in_force else None,
        },
        "rate_missing": None if current in in_force else published_rates.missing_rate(current),
    }
