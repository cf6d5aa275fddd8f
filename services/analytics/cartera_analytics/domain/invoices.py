"""Invoices as analytics sees them: each issued or rectifying invoice is a document of a chain
(the original and its rectifications), and what each document adds to the billing figures is
decided by the whole chain, so events arriving in any order end at the same figures.

Amounts are in euros: an invoice in another currency is converted with its own exchange rate
(amount x rate, half-up to cents), as invoicing does for Verifactu.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from cartera_analytics.domain.money import ZERO, cents
from cartera_analytics.domain.tax import TaxFacts, tax_facts
from cartera_analytics.event_models import DocRecipient, InvoiceDocEvent, PaymentEvent

# Invoices without an identified recipient (simplified invoices) are kept under this id, so the
# totals stay complete; the API shows them with `client_id: null`.
NO_CLIENT = uuid.UUID(int=0)

ORIGINAL = "original"


class InvalidFact(ValueError):
    """An event that lacks what the read models need; it goes to the dead-letter topic."""


@dataclass(frozen=True)
class Amounts:
    base: Decimal = ZERO  # taxable base
    total: Decimal = ZERO  # the invoice's total to pay (base + VAT + recargo - IRPF)
    gross: Decimal = ZERO  # base + VAT + recargo (VAT included, before withholding): Modelo 347

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.base + other.base, self.total + other.total, self.gross + other.gross)

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.base - other.base, self.total - other.total, self.gross - other.gross)


@dataclass(frozen=True)
class InvoiceDoc:
    invoice_id: uuid.UUID
    root_id: uuid.UUID  # the original invoice of the chain (itself for an original)
    kind: str  # "original", or the rectification kind: "I" (differences), "S" (substitution)
    client_id: uuid.UUID
    number: str
    invoice_type: str
    issue_date: dt.date
    amounts: Amounts
    rate: Decimal  # euros per unit of the invoice's currency (1 for euros)
    recipient_tax_id: str | None
    recipient_name: str | None
    m347_exclusion: str | None  # why the document stays out of Modelo 347, if it does
    due_dates: tuple[tuple[dt.date, Decimal], ...] = field(default_factory=tuple)  # euros
    # Cancelled (`invoice.cancelled`): it counts for nothing, nor does anything of its chain.
    cancelled: bool = False
    # The VAT-included amount of the lines Modelo 347 declares (euros), decided line by line;
    # None when every line counts (then it is `amounts.gross`: rows stored before the rule).
    m347_gross: Decimal | None = None
    # Rents of urban property in this document (the landlord's lines, declared even when
    # withheld): (cadastral reference, VAT-included euros), art. 34.1.d RD 1065/2007.
    m347_rents: tuple[tuple[str, Decimal], ...] = field(default_factory=tuple)
    # VAT and recargo by rate, IRPF by rate and modelo, the goods' base (domain.tax), in euros;
    # None on a row stored before they were kept (a rebuild fills it).
    tax: TaxFacts | None = None

    @property
    def m347_amount(self) -> Decimal:
        return self.amounts.gross if self.m347_gross is None else self.m347_gross

    @property
    def is_original(self) -> bool:
        return self.kind == ORIGINAL


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


# Modelo 347 exclusions decided from the invoice itself (RD 1065/2007, the Reglamento General
# de gestión e inspección tributaria, art. 33.2; docs/analytics.md "Modelo 347" says what was
# verified). Decided by the recipient, for the whole invoice: intra-EU operations (declared in
# Modelo 349), exports and other operations with recipients outside Spain, invoices without an
# identified recipient. Decided line by line: a line with IRPF withholding is declared by the
# payer in Modelos 190/180 (art. 33.2, operations already reported in another periodic
# return), so it stays out, except a landlord's rent of urban property, which the DGT and the
# AEAT's instructions keep in the 347 (its cadastral reference is not in the payer's 180; art.
# 34.1.d asks the landlord to report it separately with that reference). Other exclusions need
# facts no event carries (the tenant filing through SII is a setting).
RECIPIENT_EXCLUSIONS = frozenset({"no_identified_recipient", "intra_eu", "export"})
EU_COUNTRIES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "GR",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)


def recipient_exclusion(data: dict[str, Any]) -> str | None:
    """Why the whole invoice stays out of Modelo 347 because of its recipient, if it does."""
    recipient = data.get("recipient") or None
    if recipient is None or not recipient.get("tax_id"):
        return "no_identified_recipient"
    country = str(recipient.get("country") or "ES").upper()
    if country != "ES":
        return "intra_eu" if country in EU_COUNTRIES else "export"
    return None


def m347_exclusion(data: dict[str, Any], irpf: Decimal) -> str | None:
    """The label of a document that adds nothing to Modelo 347: its recipient's reason, or
    `irpf_withholding` when every line is withheld and none is a rent of urban property."""
    by_recipient = recipient_exclusion(data)
    if by_recipient is not None:
        return by_recipient
    lines = _lines(data)
    if lines:
        if all(_withheld_outside_347(line) for line in lines):
            return "irpf_withholding"
        return None
    # An event without lines (older payloads): the invoice's withholding decides, as before.
    if irpf != 0 or any(Decimal(str(w.get("irpf", "0"))) != 0 for w in _withholdings(data)):
        return "irpf_withholding"
    return None


def _lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in data.get("lines") or () if isinstance(line, dict)]


def cadastral_reference(line: dict[str, Any]) -> str | None:
    """The cadastral reference of a line that rents urban property (`invoice.issued` lines)."""
    value = line.get("cadastral_reference")
    return str(value).strip().upper() or None if value else None


def _withheld_outside_347(line: dict[str, Any]) -> bool:
    """A line whose withholding the payer declares elsewhere (190/180): out of the 347, except
    the rent of urban property, which the landlord declares."""
    return _decimal(line.get("irpf_rate") or "0") != 0 and cadastral_reference(line) is None


def _line_gross(line: dict[str, Any]) -> Decimal:
    """The line's VAT-included amount (base + VAT + recargo), in the invoice's currency."""
    base = _decimal(line["amount"])
    rates = _decimal(line.get("vat_rate") or "0") + _decimal(line.get("surcharge_rate") or "0")
    return base + base * rates / 100


def m347_lines(
    data: dict[str, Any], rate: Decimal
) -> tuple[Decimal | None, tuple[tuple[str, Decimal], ...]]:
    """What the document's lines give Modelo 347: the VAT-included euros that count (None when
    every line counts, so the invoice's own gross is used to the cent) and its rents of urban
    property by cadastral reference."""
    lines = _lines(data)
    rents: dict[str, Decimal] = {}
    for line in lines:
        reference = cadastral_reference(line)
        if reference is not None:
            rents[reference] = rents.get(reference, ZERO) + cents(_line_gross(line) * rate)
    if not lines:
        return None, ()
    excluded = [line for line in lines if _withheld_outside_347(line)]
    if not excluded:
        counted: Decimal | None = None
    elif len(excluded) == len(lines):
        counted = ZERO
    else:
        counted = sum(
            (cents(_line_gross(line) * rate) for line in lines if not _withheld_outside_347(line)),
            ZERO,
        )
    return counted, tuple(sorted(rents.items()))


def _withholdings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list((data.get("amounts") or {}).get("withholdings") or [])


def doc_from_event(event_type: str, data: dict[str, Any]) -> InvoiceDoc:
    """Read an `invoice.issued`, `invoice.rectified` or `invoice.cancelled` payload (tolerant
    of extra fields). A cancellation carries the invoice as issued, so it is read the same way;
    only an original invoice is ever cancelled."""
    try:
        event = InvoiceDocEvent.model_validate(data)
    except ValidationError as exc:
        raise InvalidFact(f"{event_type} without what analytics needs: {exc}") from exc
    try:
        totals = event.amounts.totals
        rate = Decimal(1) if event.currency == "EUR" else event.exchange_rate
        if rate is None:
            rate = Decimal(1)
        base, total, irpf = totals.taxable_base, totals.total, totals.irpf
        amounts = Amounts(
            base=cents(base * rate),
            total=cents(total * rate),
            gross=cents((base + totals.vat + totals.surcharge) * rate),
        )
        cancelled = event_type == "invoice.cancelled"
        if cancelled and not (event.cancellation and (event.cancellation.reason or "").strip()):
            raise InvalidFact("invoice.cancelled without its cancellation")
        if event_type == "invoice.rectified":
            if event.rectifies is None:
                raise InvalidFact("invoice.rectified without the invoice it rectifies (rectifies)")
            root_id = event.rectifies.id
            kind = event.rectification_kind or "I"
            if kind not in ("I", "S"):
                raise InvalidFact(f"unknown rectification kind {kind!r}")
        else:
            root_id, kind = event.id, ORIGINAL
        recipient = event.recipient or DocRecipient()
        exclusion = m347_exclusion(data, irpf)
        counted: Decimal | None = ZERO
        rents: tuple[tuple[str, Decimal], ...] = ()
        if exclusion != "irpf_withholding":
            counted, rents = m347_lines(data, rate)
        dues = tuple((d.due_on, cents(d.amount * rate)) for d in event.due_dates or ())
        return InvoiceDoc(
            invoice_id=event.id,
            root_id=root_id,
            kind=kind,
            client_id=event.client_id or NO_CLIENT,
            number=event.number or "",
            invoice_type=event.invoice_type or "",
            issue_date=event.issue_date,
            amounts=amounts,
            rate=rate,
            recipient_tax_id=recipient.tax_id or None,
            recipient_name=recipient.legal_name or None,
            m347_exclusion=exclusion,
            due_dates=dues,
            cancelled=cancelled,
            m347_gross=counted,
            m347_rents=rents,
            tax=tax_facts(data, rate),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        # The lines, read by the Modelo 347 rules.
        if isinstance(exc, InvalidFact):
            raise
        raise InvalidFact(f"{event_type} without what analytics needs: {exc!r}") from exc


@dataclass(frozen=True)
class Contribution:
    """What one document adds to the billing figures of its issue date."""

    amounts: Amounts
    m347: Decimal  # VAT-included amount that counts for Modelo 347 (0 when excluded)
    invoices: int  # 1 for an original invoice, 0 for a rectification
    # What it adds to the rents of urban property declared apart: (cadastral reference, euros)
    m347_rents: tuple[tuple[str, Decimal], ...] = ()


def chain_order(docs: Iterable[InvoiceDoc]) -> list[InvoiceDoc]:
    """The original first, then its rectifications by issue date and number."""
    if isinstance(docs, list | tuple) and len(docs) == 1:
        return list(docs)  # the usual chain: an invoice never rectified
    return sorted(
        docs,
        key=lambda d: (not d.is_original, d.issue_date, d.number, str(d.invoice_id)),
    )


def chain_contributions(docs: Iterable[InvoiceDoc]) -> dict[uuid.UUID, Contribution]:
    """Each document's contribution, so the chain sums to the invoice's net value.

    A rectification by differences adds its own amounts; one by substitution replaces what the
    invoice amounted to until then, so it adds the difference. Each contribution is dated on its
    own document's issue date (the rectifying invoice's date, as in the books). Until the
    original arrives, a substitution counts in full; the original's arrival corrects it.
    The original's recipient (an identified Spanish one or not) decides Modelo 347 for the whole
    chain; withholding is decided line by line, each document's lines giving its `m347_amount`.
    """
    ordered = chain_order(docs)
    original = next((d for d in ordered if d.is_original), None)
    excluded_chain = (
        original.m347_exclusion
        if original is not None and original.m347_exclusion in RECIPIENT_EXCLUSIONS
        else None
    )
    running = Amounts()
    running_347 = ZERO
    result: dict[uuid.UUID, Contribution] = {}
    if original is not None and original.cancelled:
        # A cancelled invoice counts for nothing: not in billing, shares, evolution or 347.
        return {d.invoice_id: Contribution(Amounts(), ZERO, 0) for d in ordered}
    running_rents: dict[str, Decimal] = {}
    for doc in ordered:
        own_rents = dict(doc.m347_rents)
        if doc.kind == "S":
            added = doc.amounts - running
            added_347 = doc.m347_amount - running_347
            added_rents = {
                ref: own_rents.get(ref, ZERO) - running_rents.get(ref, ZERO)
                for ref in own_rents.keys() | running_rents.keys()
            }
            running = doc.amounts
            running_347 = doc.m347_amount
            running_rents = own_rents
        else:
            added = doc.amounts
            added_347 = doc.m347_amount
            added_rents = own_rents
            running = running + doc.amounts
            running_347 += doc.m347_amount
            for ref, amount in own_rents.items():
                running_rents[ref] = running_rents.get(ref, ZERO) + amount
        excluded = excluded_chain or doc.m347_exclusion in RECIPIENT_EXCLUSIONS
        result[doc.invoice_id] = Contribution(
            amounts=added,
            m347=ZERO if excluded else added_347,
            invoices=1 if doc.is_original else 0,
            m347_rents=()
            if excluded
            else tuple(sorted((ref, a) for ref, a in added_rents.items() if a != 0)),
        )
    return result


@dataclass(frozen=True)
class PaymentFact:
    payment_id: uuid.UUID
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    amount: Decimal
    applied: Decimal
    method: str
    paid_on: dt.date
    allocations: tuple[tuple[int, Decimal], ...]
    reversed: bool
    # A return (payment.reversed: a returned direct debit, a reversed payment): the day it was
    # reversed (the event's date) and why.
    reversed_on: dt.date | None = None
    reversal_reason: str | None = None


def payment_from_event(
    event_type: str, data: dict[str, Any], occurred_on: dt.date | None = None
) -> PaymentFact:
    try:
        event = PaymentEvent.model_validate(data)
    except ValidationError as exc:
        raise InvalidFact(f"{event_type} without what analytics needs: {exc}") from exc
    return PaymentFact(
        payment_id=event.id,
        invoice_id=event.invoice_id,
        client_id=event.client_id or NO_CLIENT,
        amount=event.amount,
        applied=event.amount if event.applied is None else event.applied,
        method=event.method or "other",
        paid_on=event.paid_on,
        allocations=tuple((a.seq, a.amount) for a in event.allocations or ()),
        reversed=event_type == "payment.reversed" or event.reversed,
        reversed_on=occurred_on if event_type == "payment.reversed" else None,
        reversal_reason=(event.reason or "")[:200] or None
        if event_type == "payment.reversed"
        else None,
    )


@dataclass(frozen=True)
class Instalment:
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    seq: int
    due_on: dt.date
    amount: Decimal  # euros, after rectifications
    paid: Decimal  # euros
    settled_on: dt.date | None  # the day the payments reached the amount

    @property
    def outstanding(self) -> Decimal:
        return max(self.amount - self.paid, ZERO)


def instalment_schedule(
    docs: Sequence[InvoiceDoc], payments: Iterable[PaymentFact]
) -> list[Instalment]:
    """An invoice's instalments after its rectifications and its (unreversed) payments.

    Rectifications change the last instalments as collections does: an increase goes onto the
    last one, a decrease comes off the last ones first (never below zero). Payments are applied
    by the allocations collections made, in order of payment date.
    """
    ordered = chain_order(docs)
    original = next((d for d in ordered if d.is_original), None)
    if original is None or not original.due_dates or original.cancelled:
        return []  # nothing owed on a cancelled invoice
    amounts = [amount for _, amount in original.due_dates]
    current = sum(amounts, ZERO)
    for doc in ordered[1:]:
        change = doc.amounts.total
        target = max(change if doc.kind == "S" else current + change, ZERO)
        difference = target - current
        if difference > 0:
            amounts[-1] += difference
        for i in range(len(amounts) - 1, -1, -1):
            if difference >= 0:
                break
            take = min(amounts[i], -difference)
            amounts[i] -= take
            difference += take
        current = target
    paid = [ZERO] * len(amounts)
    settled: list[dt.date | None] = [None] * len(amounts)
    live = sorted(
        (p for p in payments if not p.reversed), key=lambda p: (p.paid_on, str(p.payment_id))
    )
    for payment in live:
        for seq, amount in payment.allocations:
            if not 1 <= seq <= len(amounts):
                continue
            paid[seq - 1] += cents(amount * original.rate)
            if settled[seq - 1] is None and 0 < amounts[seq - 1] <= paid[seq - 1]:
                settled[seq - 1] = payment.paid_on
    return [
        Instalment(
            invoice_id=original.invoice_id,
            client_id=original.client_id,
            seq=seq,
            due_on=due_on,
            amount=amounts[seq - 1],
            paid=paid[seq - 1],
            settled_on=settled[seq - 1] if paid[seq - 1] >= amounts[seq - 1] else None,
        )
        for seq, (due_on, _) in enumerate(original.due_dates, start=1)
    ]
