"""What a late payer owes on top of the invoice (Ley 3/2004): statutory interest on each
instalment for the days it was late, and the 40 € compensation per late invoice.

Interest runs on what was actually unpaid: an instalment paid in two parts accrues on each part
until the day it was paid, and on the rest until the date asked for. A reversed payment never
happened. The rate table is the dated one of :mod:`cartera_collections.domain.interest`, plus the
half-years an operator adds with ``LATE_INTEREST_RATES`` (``2026-07-01=10.15,...``) once the BOE
publishes them; a half-year without a published rate is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from cartera_collections import ledger
from cartera_collections.domain.interest import (
    COLLECTION_COSTS_COMPENSATION,
    STATUTORY_RATES,
    InterestBreakdown,
    RateTable,
    UnknownRate,
    late_interest,
)
from cartera_collections.models import payments
from cartera_shared.db import tenant_transaction
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import NotFound, UnprocessableEntity

router = APIRouter(prefix="/v1/collections", tags=["late interest"])
ReadIdentity = Annotated[Identity, require_scope("collections:read")]
ZERO = Decimal("0.00")
MAX_DAYS_AHEAD = 366


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


@router.get("/late-interest")
async def late_interest_of(
    request: Request,
    identity: ReadIdentity,
    invoice_id: Annotated[uuid.UUID, Query()],
    until: Annotated[
        dt.date | None, Query(description="Accrue interest through this day (default today).")
    ] = None,
) -> Any:
    """Statutory late-payment interest and the 40 € compensation on one invoice, up to a day."""
    today = dt.datetime.now(dt.UTC).date()
    until = until or today
    if until > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise UnprocessableEntity(f"until: at most {MAX_DAYS_AHEAD} days from today.")
    table: RateTable = request.app.state.late_interest_rates
    async with tenant_transaction(
        request.app.state.runtime.sessions, identity.tenant_id
    ) as session:
        receivable = await ledger.find(session, identity.tenant_id, invoice_id)
        if receivable is None:
            raise NotFound(f"Nothing is owed on invoice {invoice_id} (unknown or not issued).")
        rows = await ledger.instalments_of(session, receivable["id"])
        paid = (
            await session.execute(
                select(payments.c.allocations, payments.c.paid_on).where(
                    payments.c.receivable_id == receivable["id"],
                    payments.c.reversed_at.is_(None),
                )
            )
        ).all()
    if until < receivable["issue_date"]:
        raise UnprocessableEntity(
            f"until: {until} is before the invoice was issued ({receivable['issue_date']})."
        )
    parts: dict[int, list[tuple[Decimal, dt.date]]] = {}
    for allocations, paid_on in paid:
        for allocation in allocations:
            parts.setdefault(allocation["seq"], []).append((Decimal(allocation["amount"]), paid_on))
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
        raise UnprocessableEntity(
            f"{exc}. An operator can add it with LATE_INTEREST_RATES until a release carries it.",
            code="late_interest_rate_unknown",
        ) from exc
    interest = sum((Decimal(i["interest"]) for i in per_instalment), ZERO)
    unpaid = sum((Decimal(i["unpaid_on_until"]) for i in per_instalment), ZERO)
    was_late = any(i["late_amounts"] for i in per_instalment)
    compensation = COLLECTION_COSTS_COMPENSATION if was_late else ZERO
    return {
        "invoice_id": str(receivable["invoice_id"]),
        "invoice_number": receivable["invoice_number"],
        "client_id": str(receivable["client_id"]) if receivable["client_id"] else None,
        "currency": receivable["currency"],
        "until": until.isoformat(),
        "instalments": per_instalment,
        "unpaid": str(unpaid),
        "interest": str(interest),
        "compensation": str(compensation),
        "claim_total": str(unpaid + interest + compensation),
    }
