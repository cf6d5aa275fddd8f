"""Topic names: one per event type, `<entity>.<past-tense verb>`; dead letters in `<topic>.dlq`."""

from __future__ import annotations

CLIENT_CREATED = "client.created"
CLIENT_UPDATED = "client.updated"
CLIENT_ARCHIVED = "client.archived"
CLIENT_EVENTS = (CLIENT_CREATED, CLIENT_UPDATED, CLIENT_ARCHIVED)

TENANT_CREATED = "tenant.created"

INVOICE_ISSUED = "invoice.issued"
INVOICE_RECTIFIED = "invoice.rectified"
INVOICE_CANCELLED = "invoice.cancelled"  # contract: cartera_shared.events.invoices
QUOTE_ACCEPTED = "quote.accepted"
CERTIFICATE_EXPIRING = "certificate.expiring"
# What the AEAT answered for a VERI*FACTU record (contract: events/verifactu.py).
VERIFACTU_ACCEPTED = "verifactu.accepted"
VERIFACTU_REJECTED = "verifactu.rejected"

PAYMENT_RECORDED = "payment.recorded"
PAYMENT_REVERSED = "payment.reversed"
RECEIVABLE_SETTLED = "receivable.settled"
RECEIVABLE_OVERDUE = "receivable.overdue"
DUNNING_SENT = "dunning.sent"
# A dunning hold placed or released: what is disputed or under an agreed plan, not chased.
DUNNING_HOLD_CHANGED = "dunning.hold_changed"

INTERACTION_LOGGED = "interaction.logged"
REQUEST_OPENED = "request.opened"
REQUEST_CLOSED = "request.closed"
SATISFACTION_RECORDED = "satisfaction.recorded"

ALERT_RAISED = "alert.raised"

ALL_TOPICS = (
    *CLIENT_EVENTS,
    TENANT_CREATED,
    INVOICE_ISSUED,
    INVOICE_RECTIFIED,
    INVOICE_CANCELLED,
    QUOTE_ACCEPTED,
    CERTIFICATE_EXPIRING,
    VERIFACTU_ACCEPTED,
    VERIFACTU_REJECTED,
    PAYMENT_RECORDED,
    PAYMENT_REVERSED,
    RECEIVABLE_SETTLED,
    RECEIVABLE_OVERDUE,
    DUNNING_SENT,
    DUNNING_HOLD_CHANGED,
    INTERACTION_LOGGED,
    REQUEST_OPENED,
    REQUEST_CLOSED,
    SATISFACTION_RECORDED,
    ALERT_RAISED,
)


def dlq(topic: str) -> str:
    return f"{topic}.dlq"
