"""Event payloads to rows: the one reading of each event, shared by the live consumers and the
rebuild. Parsing is tolerant (unknown fields are ignored); what is missing is an `InvalidFact`."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from cartera_analytics.domain import tax
from cartera_analytics.domain.invoices import (
    NO_CLIENT,
    Amounts,
    InvalidFact,
    InvoiceDoc,
    PaymentFact,
)
from cartera_analytics.event_models import (
    DunningFact,
    InteractionFact,
    RequestClosedFact,
    RequestFact,
    SatisfactionFact,
)
from cartera_shared.events import topics

INVOICE_TOPICS = (topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED, topics.INVOICE_CANCELLED)
PAYMENT_TOPICS = (topics.PAYMENT_RECORDED, topics.PAYMENT_REVERSED)
CRM_TOPICS = (
    topics.SATISFACTION_RECORDED,
    topics.REQUEST_OPENED,
    topics.REQUEST_CLOSED,
    topics.INTERACTION_LOGGED,
)
READ_MODEL_TOPICS = (
    *INVOICE_TOPICS,
    *PAYMENT_TOPICS,
    topics.RECEIVABLE_OVERDUE,
    topics.DUNNING_SENT,
    *CRM_TOPICS,
)


def doc_row(tenant_id: uuid.UUID, doc: InvoiceDoc) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "invoice_id": doc.invoice_id,
        "root_id": doc.root_id,
        "kind": doc.kind,
        "client_id": doc.client_id,
        "number": doc.number[:60],
        "invoice_type": doc.invoice_type[:4],
        "issue_date": doc.issue_date,
        "base": doc.amounts.base,
        "total": doc.amounts.total,
        "gross": doc.amounts.gross,
        "rate": doc.rate,
        "recipient_tax_id": doc.recipient_tax_id,
        "recipient_name": (doc.recipient_name or "")[:300] or None,
        "m347_exclusion": doc.m347_exclusion,
        "due_dates": [{"due_on": d.isoformat(), "amount": str(a)} for d, a in doc.due_dates],
        "cancelled": doc.cancelled,
        "m347_gross": doc.m347_gross,
        "m347_rents": rents_json(doc.m347_rents),
        "contrib_base": Decimal(0),
        "contrib_total": Decimal(0),
        "contrib_347": Decimal(0),
        "contrib_invoices": 0,
        "contrib_rents": None,
        "tax_facts": tax.to_json(doc.tax) if doc.tax is not None else None,
    }


def rents_json(rents: tuple[tuple[str, Decimal], ...]) -> list[dict[str, str]] | None:
    """Rents of urban property as stored: [{cadastral_reference, amount}], None if none."""
    return [{"cadastral_reference": r, "amount": str(a)} for r, a in rents] or None


def rents_from_json(value: Any) -> tuple[tuple[str, Decimal], ...]:
    return tuple((str(r["cadastral_reference"]), Decimal(r["amount"])) for r in value or ())


def doc_from_row(row: Any) -> InvoiceDoc:
    return InvoiceDoc(
        invoice_id=row["invoice_id"],
        root_id=row["root_id"],
        kind=row["kind"],
        client_id=row["client_id"],
        number=row["number"],
        invoice_type=row["invoice_type"],
        issue_date=row["issue_date"],
        amounts=Amounts(row["base"], row["total"], row["gross"]),
        rate=row["rate"],
        recipient_tax_id=row["recipient_tax_id"],
        recipient_name=row["recipient_name"],
        m347_exclusion=row["m347_exclusion"],
        due_dates=tuple(
            (dt.date.fromisoformat(d["due_on"]), Decimal(d["amount"])) for d in row["due_dates"]
        ),
        cancelled=row["cancelled"],
        # Rows stored before line-by-line 347 have no m347_gross: a withheld one counted 0.
        m347_gross=row["m347_gross"]
        if row["m347_gross"] is not None or row["m347_exclusion"] != "irpf_withholding"
        else Decimal(0),
        m347_rents=rents_from_json(row["m347_rents"]),
        tax=tax.from_json(row.get("tax_facts")),
    )


def payment_row(tenant_id: uuid.UUID, p: PaymentFact) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "payment_id": p.payment_id,
        "invoice_id": p.invoice_id,
        "client_id": p.client_id,
        "amount": p.amount,
        "applied": p.applied,
        "method": p.method[:20],
        "paid_on": p.paid_on,
        "allocations": [{"seq": s, "amount": str(a)} for s, a in p.allocations],
        "reversed": p.reversed,
        "reversed_on": p.reversed_on,
        "reversal_reason": p.reversal_reason,
    }


def payment_from_row(row: Any) -> PaymentFact:
    return PaymentFact(
        payment_id=row["payment_id"],
        invoice_id=row["invoice_id"],
        client_id=row["client_id"],
        amount=row["amount"],
        applied=row["applied"],
        method=row["method"],
        paid_on=row["paid_on"],
        allocations=tuple((int(a["seq"]), Decimal(a["amount"])) for a in row["allocations"]),
        reversed=row["reversed"],
        reversed_on=row["reversed_on"],
        reversal_reason=row["reversal_reason"],
    )


def satisfaction_row(tenant_id: uuid.UUID, data: dict[str, Any]) -> dict[str, Any]:
    try:
        fact = SatisfactionFact.model_validate(data)
        kind = fact.kind.lower()
        score = fact.score
        if kind not in ("csat", "nps"):
            raise InvalidFact(f"unknown satisfaction kind {kind!r}")
        low, high = (1, 5) if kind == "csat" else (0, 10)
        if not low <= score <= high:
            raise InvalidFact(f"a {kind} score is between {low} and {high}, not {score}")
        return {
            "tenant_id": tenant_id,
            "survey_id": fact.survey_id,
            "client_id": fact.client_id or NO_CLIENT,
            "kind": kind,
            "score": score,
            "request_id": fact.request_id[:80] if fact.request_id else None,
            "answered_at": fact.answered_at,
        }
    except ValidationError as exc:
        raise InvalidFact(f"satisfaction.recorded without what analytics needs: {exc}") from exc


REQUEST_OPENED_FIELDS = ("priority", "opened_at", "sla_due_at")
REQUEST_CLOSED_FIELDS = ("closed_at", "sla_breached")


def request_row(tenant_id: uuid.UUID, event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    try:
        fact = (
            RequestClosedFact if event_type == topics.REQUEST_CLOSED else RequestFact
        ).model_validate(data)
    except ValidationError as exc:
        raise InvalidFact(f"{event_type} without what analytics needs: {exc}") from exc
    row: dict[str, Any] = {
        "tenant_id": tenant_id,
        "request_id": fact.request_id[:80],
        "client_id": fact.client_id or NO_CLIENT,
        "priority": fact.priority[:20] if fact.priority else None,
        "opened_at": fact.opened_at,
        "sla_due_at": fact.sla_due_at,
        "closed_at": None,
        "sla_breached": None,
    }
    if isinstance(fact, RequestClosedFact):
        row["closed_at"] = fact.closed_at
        row["sla_breached"] = bool(fact.sla_breached)
    return row


def merge_request(
    held: dict[str, Any] | None, new: dict[str, Any], event_type: str
) -> dict[str, Any]:
    """The same result whichever of opened / closed comes first: the opening's own fields come
    from `request.opened` when it is known, the closing's from `request.closed`."""
    if held is None:
        return dict(new)
    merged = dict(held)
    own = REQUEST_CLOSED_FIELDS if event_type == topics.REQUEST_CLOSED else REQUEST_OPENED_FIELDS
    for name in (*REQUEST_OPENED_FIELDS, *REQUEST_CLOSED_FIELDS):
        if (name in own and new[name] is not None) or merged.get(name) is None:
            merged[name] = new[name]
    if merged["client_id"] == NO_CLIENT:
        merged["client_id"] = new["client_id"]
    return merged


def interaction_row(tenant_id: uuid.UUID, data: dict[str, Any]) -> dict[str, Any]:
    try:
        fact = InteractionFact.model_validate(data)
    except ValidationError as exc:
        raise InvalidFact(f"interaction.logged without what analytics needs: {exc}") from exc
    return {
        "tenant_id": tenant_id,
        "interaction_id": fact.interaction_id[:80],
        "client_id": fact.client_id or NO_CLIENT,
        "channel": (fact.channel or "")[:40] or None,
        "direction": (fact.direction or "")[:20] or None,
        "outcome": (fact.outcome or "")[:80] or None,
        "occurred_at": fact.occurred_at,
    }


def dunning_row(
    tenant_id: uuid.UUID, data: dict[str, Any], occurred_at: dt.datetime
) -> dict[str, Any]:
    try:
        fact = DunningFact.model_validate(data)
    except ValidationError as exc:
        raise InvalidFact(f"dunning.sent without what analytics needs: {exc}") from exc
    return {
        "tenant_id": tenant_id,
        "notice_id": fact.notice_id[:80],
        "client_id": fact.client_id or NO_CLIENT,
        "invoice_id": fact.invoice_id,
        "level": fact.level,
        "days_late": fact.days_late,
        "sent_at": occurred_at,
    }
