"""Modelo 347: reads the operations, cash payments and rents of a year from the read models
and hands them to the rules in domain/modelo347.py."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.alerts.raising import thresholds
from cartera_analytics.domain import modelo347
from cartera_analytics.domain.invoices import RECIPIENT_EXCLUSIONS
from cartera_analytics.models import invoice_documents, m347_quarters, payments


async def modelo_347(session: AsyncSession, tenant_id: uuid.UUID, year: int) -> dict[str, Any]:
    """The answer for the return of `year` (the CSV download is made from its `items`)."""
    first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    declared_recipient = invoice_documents.c.m347_exclusion.is_(None) | (
        invoice_documents.c.m347_exclusion.notin_(sorted(RECIPIENT_EXCLUSIONS))
    )
    limits = await thresholds(session, tenant_id)
    rows = (
        await session.execute(
            select(
                m347_quarters.c.tax_id,
                m347_quarters.c.name,
                m347_quarters.c.quarter,
                m347_quarters.c.amount,
            ).where(m347_quarters.c.tenant_id == tenant_id, m347_quarters.c.year == year)
        )
    ).all()
    # Every unreversed cash payment up to the end of the year, in euros (payments are in
    # the invoice's currency), by counterparty, year of the operation and year received.
    cash_rows = (
        await session.execute(
            select(
                invoice_documents.c.recipient_tax_id,
                func.max(invoice_documents.c.recipient_name),
                func.extract("year", invoice_documents.c.issue_date),
                func.extract("year", payments.c.paid_on),
                func.sum(payments.c.amount * invoice_documents.c.rate),
            )
            .join(
                invoice_documents,
                (invoice_documents.c.tenant_id == payments.c.tenant_id)
                & (invoice_documents.c.invoice_id == payments.c.invoice_id),
            )
            .where(
                payments.c.tenant_id == tenant_id,
                payments.c.method == "cash",
                payments.c.reversed.is_(False),
                payments.c.paid_on <= last_day,
                invoice_documents.c.recipient_tax_id.is_not(None),
                # Cash on a cancelled invoice was still received (docs/analytics.md).
                declared_recipient,
            )
            .group_by(
                invoice_documents.c.recipient_tax_id,
                func.extract("year", invoice_documents.c.issue_date),
                func.extract("year", payments.c.paid_on),
            )
        )
    ).all()
    rent_rows = (
        await session.execute(
            select(invoice_documents.c.recipient_tax_id, invoice_documents.c.contrib_rents).where(
                invoice_documents.c.tenant_id == tenant_id,
                invoice_documents.c.issue_date >= first_day,
                invoice_documents.c.issue_date <= last_day,
                invoice_documents.c.recipient_tax_id.is_not(None),
                invoice_documents.c.contrib_rents.is_not(None),
            )
        )
    ).all()
    items = modelo347.counterparties(
        year,
        limits.files_through_sii,
        quarters=[(r.tax_id, r.name, r.quarter, r.amount) for r in rows],
        cash_payments=[(t, n or "", int(o), int(r), amount) for t, n, o, r, amount in cash_rows],
        rent_lines=(
            (tax_id, rent["cadastral_reference"], Decimal(rent["amount"]))
            for tax_id, stored in rent_rows
            for rent in stored or ()
        ),
    )
    return {
        "year": year,
        "threshold": str(modelo347.m347_threshold(year)),
        "currency": "EUR",
        "files_through_sii": limits.files_through_sii,
        # Purchases are part of the return; Cartera has none yet, and says so in every answer.
        "covers": "sales_only",
        "note": modelo347.note(limits.files_through_sii),
        "items": items,
    }
