"""What collections reads of invoicing's events: only the fields its receivables use.

Each model is a tolerant reader (`extra="ignore"`): a field invoicing adds later never breaks
collections, and a field a receivable needs that is missing or malformed fails validation with
its name, which the consumer turns into a dead letter (cartera_shared.inbox). The shared
contracts (cartera_shared.events.invoices) describe all that invoicing writes; a unit test parses
each contract's example through these.
"""

from __future__ import annotations

from pydantic import field_validator

from cartera_shared.events.base import Day, DecimalString, Id, Tolerant


class DueDate(Tolerant):
    due_on: Day
    amount: DecimalString


class Totals(Tolerant):
    # The total to pay (after withholdings): what the receivable asks for.
    total: DecimalString


class Amounts(Tolerant):
    totals: Totals


class InvoiceToOpen(Tolerant):
    """`invoice.issued` (and `invoice.cancelled`, whose receivable may not exist yet): what a
    receivable is made of. The invoicing service's reading of an invoice parses here too."""

    id: Id
    number: str
    # Simplified invoices name no client.
    client_id: Id | None = None
    issue_date: Day
    currency: str = "EUR"
    amounts: Amounts
    # Optional in the contract (an empty list), but a receivable is made of its due dates: an
    # event without the key was never collectable, and is refused as before.
    due_dates: list[DueDate]

    @field_validator("client_id", mode="before")
    @classmethod
    def _none_when_empty(cls, value: object) -> object:
        return value or None

    @field_validator("currency", mode="before")
    @classmethod
    def _euros_when_unset(cls, value: object) -> object:
        return value or "EUR"


class Rectified(Tolerant):
    id: Id


class InvoiceRectification(Tolerant):
    """`invoice.rectified`: which invoice it corrects, and how ("S" replaces the amount, "I" or
    unset adds the difference)."""

    rectifies: Rectified
    amounts: Amounts
    # Optional in the contract: unset, the amounts are differences.
    rectification_kind: str | None = None
