"""What a late payer owes on top of the invoice (Ley 3/2004): statutory interest on each
instalment for the days it was late, and the 40 € compensation per late invoice.

Interest runs on what was actually unpaid: an instalment paid in two parts accrues on each part
until the day it was paid, and on the rest until the date asked for. A reversed payment never
happened. The rate table is the dated one of :mod:`cartera_collections.domain.interest`, plus the
half-years an operator adds from the BOE (:mod:`cartera_collections.published_rates`, or the
older ``CARTERA_COLLECTIONS_LATE_INTEREST_RATES`` setting); a half-year without a rate is never
guessed: its interest is left out and the answer says the rate is missing and how to add it.

Only debts Ley 3/2004 covers (a business or public administration debtor: debtor_scope.py)
get interest and the compensation; a consumer's get neither.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import debtor_scope, issued_invoices, ledger, published_rates
from cartera_collections.domain.claims import instalment_interest, was_late
from cartera_collections.domain.interest import (
    COLLECTION_COSTS_COMPENSATION,
    RateTable,
    UnknownRate,
    half_year_start,
)
from cartera_collections.models import client_replicas, payments
from cartera_shared import business_day
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.internal_calls import InternalClient
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity, field_error

ZERO = Decimal("0.00")
MAX_DAYS_AHEAD = 366


@dataclass(frozen=True)
class ConfiguredRates:
    """The statutory table with the operator's additions (CARTERA_COLLECTIONS_LATE_INTEREST_RATES),
    read at start."""

    table: RateTable


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
    compensation = COLLECTION_COSTS_COMPENSATION if was_late(rows, parts, until) else ZERO
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


async def claim_through(
    session: AsyncSession,
    directory: ClientsDirectory,
    invoicing: InternalClient,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    until: dt.date | None,
    rates: RateTable,
) -> dict[str, Any]:
    """Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it)."""
    today = business_day.today()
    until = until or today
    if until > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise UnprocessableEntity(
            f"until: at most {MAX_DAYS_AHEAD} days from today.",
            errors=field_error("query", "until", msg=f"more than {MAX_DAYS_AHEAD} days ahead"),
        )
    receivable = await ledger.find(session, tenant_id, invoice_id)
    if receivable is None:
        # Issued a moment ago, its event still on its way? Invoicing says, and the receivable
        # is made as for a payment: what is not found now will not be found on a retry either.
        try:
            receivable = await issued_invoices.receivable_to_pay(
                session, invoicing, tenant_id, invoice_id
            )
        except (UnprocessableEntity, Conflict) as exc:
            raise NotFound(
                f"Nothing is owed on invoice {invoice_id} (unknown or not issued)."
            ) from exc
    if until < receivable["issue_date"]:
        raise UnprocessableEntity(
            f"until: {until} is before the invoice was issued ({receivable['issue_date']}).",
            code=Code.DATE_OUT_OF_ORDER,
            errors=field_error("query", "until", msg="before the issue date"),
        )
    if receivable["late_payment_law_applies"] is None and receivable["client_id"]:
        # Not decided yet because the replica did not know the client: read it through to
        # the clients service (kept in the replica), so the decision is the client's, not
        # a lagging event's. A clients service that does not answer is a 503.
        await directory.known_client(session, client_replicas, tenant_id, receivable["client_id"])
    return await claim_of(
        session,
        tenant_id,
        receivable,
        until,
        rates,
    )


async def statutory_rates(session: AsyncSession, configured: RateTable) -> dict[str, Any]:
    """The statutory half-year rates in force, and whether today's half-year has one yet."""
    today = business_day.today()
    table = await published_rates.table(session, configured)
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
