"""Reads what each invoice document of a period contributes to the tax figures, and sums it for
the tax summary. The accounting export reads the same contributions (`contributions`)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import facts
from cartera_analytics.domain import modelo303
from cartera_analytics.domain.invoices import InvoiceDoc, chain_order
from cartera_analytics.domain.money import ZERO, cents
from cartera_analytics.domain.tax import TaxDoc, TaxFacts, TaxLine, tax_contributions
from cartera_analytics.models import invoice_documents

BATCH = 1000  # rows fetched at a time from the server-side cursor


def legacy_facts(doc: InvoiceDoc) -> TaxFacts:
    """A document projected before the tax facts were kept: its base and its VAT-included
    amount are all that is known, so it is one line at the rate they imply (recargo and IRPF
    unknown). A rebuild replaces this with the real figures."""
    base, tax = doc.amounts.base, doc.amounts.gross - doc.amounts.base
    rate = cents(tax * 100 / base) if base else ZERO
    return TaxFacts(breakdown=(TaxLine(rate, ZERO, base, tax, ZERO),))


def _tax_doc(doc: InvoiceDoc) -> TaxDoc:
    return TaxDoc(
        invoice_id=doc.invoice_id,
        is_original=doc.is_original,
        kind=doc.kind,
        cancelled=doc.cancelled,
        facts=doc.tax if doc.tax is not None else legacy_facts(doc),
    )


async def _chain(session: AsyncSession, tenant_id: uuid.UUID, root_id: uuid.UUID) -> list[Any]:
    rows = (
        await session.execute(
            select(invoice_documents).where(
                invoice_documents.c.tenant_id == tenant_id,
                invoice_documents.c.root_id == root_id,
            )
        )
    ).mappings()
    return [facts.doc_from_row(r) for r in rows]


async def contributions(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date
) -> AsyncIterator[tuple[InvoiceDoc, TaxFacts]]:
    """Each document issued in [start, end] with what it contributes (by its chain, as the
    billing figures decide: domain.tax.tax_contributions), in issue-date order, read with a
    server-side cursor. Only a substitution (S) needs the rest of its chain, read apart; an
    original of a cancelled chain contributes nothing."""
    result = await session.stream(
        select(invoice_documents)
        .where(
            invoice_documents.c.tenant_id == tenant_id,
            invoice_documents.c.issue_date >= start,
            invoice_documents.c.issue_date <= end,
        )
        .order_by(invoice_documents.c.issue_date, invoice_documents.c.number)
        .execution_options(yield_per=BATCH)
    )
    async for row in result.mappings():
        doc = facts.doc_from_row(row)
        if doc.kind == "S":
            chain = chain_order(await _chain(session, tenant_id, doc.root_id))
            yield doc, tax_contributions(_tax_doc(d) for d in chain)[doc.invoice_id]
        else:
            yield doc, tax_contributions([_tax_doc(doc)])[doc.invoice_id]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def _rates(sums: dict[tuple[Decimal, Decimal], list[Decimal]]) -> list[dict[str, Any]]:
    return [
        {
            "vat_rate": str(v),
            "surcharge_rate": str(s),
            "taxable_base": str(b),
            "vat": str(q),
            "surcharge": str(r),
        }
        for (v, s), (b, q, r) in sorted(sums.items())
        if b or q or r
    ]


async def tax_summary(
    session: AsyncSession, tenant_id: uuid.UUID, year: int, quarter: int
) -> dict[str, Any]:
    start, end = quarter_bounds(year, quarter)
    originals, rectifications, withheld = TaxFacts(), TaxFacts(), TaxFacts()
    async for doc, contribution in contributions(session, tenant_id, start, end):
        if doc.is_original:
            originals = originals + contribution
        else:
            rectifications = rectifications + contribution
        withheld = withheld + contribution
    every = originals + rectifications
    return {
        "year": year,
        "quarter": quarter,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "taxable_base_total": str(cents(every.base)),
        "vat_total": str(cents(every.vat)),
        "surcharge_total": str(cents(every.surcharge)),
        "irpf_withheld_total": str(cents(withheld.irpf)),
        "by_rate": _rates(every.by_rate()),
        "rectifications": {
            "taxable_base": str(cents(rectifications.base)),
            "vat": str(cents(rectifications.vat)),
            "surcharge": str(cents(rectifications.surcharge)),
            "by_rate": _rates(rectifications.by_rate()),
        },
        "irpf_withheld": [
            {"irpf_rate": str(r), "modelo": m, "taxable_base": str(b), "irpf": str(i)}
            for (r, m), (b, i) in sorted(withheld.by_withholding().items())
            if b or i
        ],
        "boxes": modelo303.boxes(originals, rectifications),
    }
