"""What the timeline consumer reads of each foreign event: only the fields its entries use.

Each model is a tolerant reader (`extra="ignore"`), so a producer adding a field never breaks
the timeline, and a field an entry needs that is missing or malformed fails validation, which
the consumer turns into a dead letter naming the field (cartera_shared.inbox). The shared
contracts (cartera_shared.events) describe everything a producer writes; these describe what
crm depends on, and a unit test parses each contract's example through them.

Amounts stay the producer's decimal text (checked against the contract's pattern): the entry's
details echo it as it came.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints, field_validator

from cartera_shared.events.base import DECIMAL_PATTERN, Day, Id, Tolerant

DecimalText = Annotated[str, StringConstraints(pattern=DECIMAL_PATTERN)]


class AboutAClient(Tolerant):
    """Every fact the timeline takes names its client; simplified invoices (and their payments)
    name none, and have no timeline to join."""

    client_id: Id | None = None

    @field_validator("client_id", mode="before")
    @classmethod
    def _none_when_empty(cls, value: object) -> object:
        return value or None


class Totals(Tolerant):
    total: DecimalText


class Amounts(Tolerant):
    totals: Totals


class InvoiceFact(Tolerant):
    """`invoice.issued` and `invoice.rectified`."""

    id: Id
    number: str
    issue_date: Day
    currency: str = "EUR"
    amounts: Amounts
    due_dates: list[Any] = []
    # Rectifications name the invoice they correct (echoed in the entry's details).
    rectifies: dict[str, Any] | None = None


class PaymentFact(Tolerant):
    """`payment.recorded` and `payment.reversed`."""

    id: Id
    invoice_id: Id
    invoice_number: str
    amount: DecimalText
    currency: str = "EUR"
    paid_on: Day
    method: str | None = None
    reason: str | None = None


class OverdueFact(Tolerant):
    """`receivable.overdue`."""

    receivable_id: Id
    invoice_id: Id
    invoice_number: str
    instalment: int
    due_on: Day
    overdue_since: Day
    outstanding: DecimalText
    currency: str = "EUR"


class DunningFact(Tolerant):
    """`dunning.sent`."""

    notice_id: Id
    invoice_id: Id
    invoice_number: str
    level: int
    tone: str
    to: str | None = None
    outstanding: DecimalText
    days_late: int | None = None
