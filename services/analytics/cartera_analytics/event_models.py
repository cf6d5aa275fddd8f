"""What the read-model consumer (and the rebuild) reads of other services' events: only the
fields its rows use.

Each model is a tolerant reader (`extra="ignore"`), so a producer adding a field never breaks
analytics, and a field a row needs that is missing or malformed fails validation with its name;
`facts` turns that into an `InvalidFact`, which the consumer dead-letters at once
(cartera_shared.inbox). The shared contracts (cartera_shared.events) describe all that a
producer writes; a unit test parses each contract's example through these.

The invoice documents' lines are still read from the payload by the Modelo 347 rules
(`domain.invoices`), which keep their own checks line by line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from cartera_shared.events.base import Day, DecimalString, Id, Tolerant


def _utc_when_naive(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _none_when_empty(value: object) -> object:
    return value if value not in ("", None) else None


# An instant; one written without its offset is taken as UTC (as the rows always were).
Instant = Annotated[dt.datetime, AfterValidator(_utc_when_naive)]
# Simplified invoices, and facts that come before a client exists, name no client.
ClientRef = Annotated[Id | None, BeforeValidator(_none_when_empty)]
Text = Annotated[str | None, BeforeValidator(_none_when_empty)]


class AboutAClient(Tolerant):
    """`receivable.overdue`: analytics only looks at the client's record again."""

    client_id: ClientRef = None


class SatisfactionFact(Tolerant):
    """`satisfaction.recorded`."""

    survey_id: Id
    client_id: ClientRef
    kind: str
    score: int
    request_id: Text = None
    answered_at: Instant


class RequestFact(Tolerant):
    """`request.opened` (and what `request.closed` repeats of the opening)."""

    request_id: str
    client_id: ClientRef
    priority: Text = None
    opened_at: Instant | None = None
    sla_due_at: Instant | None = None


class RequestClosedFact(RequestFact):
    """`request.closed`."""

    closed_at: Instant
    sla_breached: bool | None = None


class InteractionFact(Tolerant):
    """`interaction.logged`."""

    interaction_id: str
    client_id: ClientRef
    channel: Text = None
    direction: Text = None
    outcome: Text = None
    occurred_at: Instant


class DunningFact(Tolerant):
    """`dunning.sent`."""

    notice_id: str
    client_id: ClientRef = None
    invoice_id: ClientRef = None
    level: int | None = None
    days_late: int | None = None


class HoldFact(Tolerant):
    """`dunning.hold_changed`."""

    hold_id: Id
    client_id: ClientRef = None
    invoice_id: ClientRef = None
    until: Day | None = None
    released: bool = False


class AllocationFact(Tolerant):
    seq: int
    amount: DecimalString


class PaymentEvent(Tolerant):
    """`payment.recorded` and `payment.reversed`."""

    id: Id
    invoice_id: Id
    client_id: ClientRef = None
    amount: DecimalString
    # Absent in payments recorded before collections said how much of it paid what was owed.
    applied: DecimalString | None = None
    method: Text = None
    paid_on: Day
    allocations: list[AllocationFact] | None = None
    reversed: bool = False
    reason: Text = None  # payment.reversed


class DocTotals(Tolerant):
    taxable_base: DecimalString
    # The total to pay (after withholdings).
    total: DecimalString
    vat: DecimalString = Decimal(0)
    surcharge: DecimalString = Decimal(0)
    irpf: DecimalString = Decimal(0)


class DocAmounts(Tolerant):
    totals: DocTotals


class DocDueDate(Tolerant):
    due_on: Day
    amount: DecimalString


class DocOriginal(Tolerant):
    id: Id


class DocRecipient(Tolerant):
    tax_id: Text = None
    legal_name: Text = None


class DocCancellation(Tolerant):
    reason: Text = None


class InvoiceDocEvent(Tolerant):
    """`invoice.issued`, `invoice.rectified` and `invoice.cancelled` (which carries the invoice
    as issued). The lines stay in the payload for the Modelo 347 rules (`domain.invoices`)."""

    id: Id
    number: Text = None
    invoice_type: Text = None
    client_id: ClientRef = None
    issue_date: Day
    currency: str | None = "EUR"
    # Units of `currency` per euro; unset or empty, 1.
    exchange_rate: Annotated[DecimalString | None, BeforeValidator(_none_when_empty)] = None
    amounts: DocAmounts
    due_dates: list[DocDueDate] | None = None
    rectifies: DocOriginal | None = None
    rectification_kind: Text = None
    recipient: DocRecipient | None = None
    cancellation: DocCancellation | None = None
