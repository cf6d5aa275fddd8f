"""Journal entries (asientos) for the accounting export, and the tenant's account mapping.

Accounts follow the Plan General de Contabilidad (RD 1514/2007, fourth part, "Cuadro de
cuentas"): 430 Clientes, 700 Ventas de mercaderías, 705 Prestaciones de servicios, 477 Hacienda
Pública, IVA repercutido, 473 Hacienda Pública, retenciones y pagos a cuenta (4730 for what
clients withheld), 572 Bancos e instituciones de crédito c/c vista, euros. The PGC fixes the
three- and four-digit accounts; the sub-accounts below them are each business's own, so the
defaults here (one 477 sub-account per VAT rate and one per recargo rate, one 430 sub-account
per client) are Cartera's and can be changed per tenant (`AccountMapping`).

Entries, in euros:
- an invoice's contribution (domain.tax): 430 client at the total to collect; 4730 at the IRPF
  withheld; 700 / 705 at the base of goods / services; 477 per VAT rate and per recargo rate. A
  rectification lowering the figures is posted with negative amounts on the same sides (the
  books' "asiento en negativo", so the VAT books show the decrease); a cancelled invoice has no
  entry;
- a payment: 572 bank to 430 client;
- a return (payment.reversed: a returned direct debit, a reversed payment): 430 client to 572.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cartera_analytics.domain.money import ZERO, cents
from cartera_analytics.domain.tax import TaxFacts

DIGITS = re.compile(r"^[0-9]+$")
# ContaPlus and A3 take sub-accounts of up to 12 digits; fewer than 4 is not a sub-account.
MIN_DIGITS, MAX_DIGITS = 4, 12


class UnbalancedEntry(ValueError):
    """An entry whose debits and credits differ: never written to an export."""


@dataclass(frozen=True)
class Line:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


@dataclass(frozen=True)
class Entry:
    kind: str  # invoice, rectification, payment, return
    date: dt.date
    document: str  # the invoice's number
    description: str
    lines: tuple[Line, ...]
    number: int = 0  # set by the export, 1.. in the file

    @property
    def debit(self) -> Decimal:
        return sum((ln.debit for ln in self.lines), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((ln.credit for ln in self.lines), ZERO)


def balanced(entry: Entry) -> Entry:
    """The entry, if its debits equal its credits; `UnbalancedEntry` otherwise."""
    if entry.debit != entry.credit:
        raise UnbalancedEntry(
            f"entry {entry.number} ({entry.kind} {entry.document}) debits {entry.debit} "
            f"and credits {entry.credit}"
        )
    return entry


def _rate_code(rate: Decimal) -> str:
    return f"{int(cents(rate) * 100):04d}"


@dataclass(frozen=True)
class AccountMapping:
    """A tenant's accounts (digits only). Per-rate accounts not listed are derived from the
    prefixes: VAT 21 % -> 4770 + 2100 padded to `digits` (47702100 with 8 digits)."""

    digits: int = 8  # length of every sub-account
    clients: str = "430"  # prefix of the per-client sub-accounts
    sales_goods: str = "700"
    sales_services: str = "705"
    output_tax_prefix: str = "4770"
    equivalence_prefix: str = "4771"
    withholding_account: str = "4730"
    bank: str = "572"
    output_tax_accounts: dict[str, str] = field(default_factory=dict)  # "21.00" -> account
    equivalence_accounts: dict[str, str] = field(default_factory=dict)

    def pad(self, account: str) -> str:
        """A prefix written out to `digits` with zeros (ContaPlus's "punto" rule: 572 ->
        57200000); an account already that long stays."""
        return account.ljust(self.digits, "0") if len(account) < self.digits else account

    def client(self, seq: int) -> str:
        width = self.digits - len(self.clients)
        return f"{self.clients}{seq:0{width}d}"

    def vat(self, rate: Decimal) -> str:
        key = str(cents(rate))
        if key in self.output_tax_accounts:
            return self.output_tax_accounts[key]
        return self._by_rate(self.output_tax_prefix, rate)

    def surcharge(self, rate: Decimal) -> str:
        key = str(cents(rate))
        if key in self.equivalence_accounts:
            return self.equivalence_accounts[key]
        return self._by_rate(self.equivalence_prefix, rate)

    def _by_rate(self, prefix: str, rate: Decimal) -> str:
        code = _rate_code(rate)
        return prefix + code.rjust(self.digits - len(prefix), "0")

    def to_json(self) -> dict[str, Any]:
        return {
            "digits": self.digits,
            "clients": self.clients,
            "sales_goods": self.sales_goods,
            "sales_services": self.sales_services,
            "output_tax_prefix": self.output_tax_prefix,
            "equivalence_prefix": self.equivalence_prefix,
            "withholding_account": self.withholding_account,
            "bank": self.bank,
            "output_tax_accounts": dict(sorted(self.output_tax_accounts.items())),
            "equivalence_accounts": dict(sorted(self.equivalence_accounts.items())),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> AccountMapping:
        if not value:
            return cls()
        return cls(**value)


SINGLE_ACCOUNTS = ("sales_goods", "sales_services", "withholding_account", "bank")
PREFIXES = ("clients", "output_tax_prefix", "equivalence_prefix")


def mapping_errors(mapping: AccountMapping) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with a mapping: (location under the body, message) per fault. Every
    account is digits only, at most `digits` long (the formats' sub-account width); a prefix
    leaves room for at least three more digits (a client, a rate)."""
    faults: list[tuple[tuple[str | int, ...], str]] = []
    if not MIN_DIGITS + 2 <= mapping.digits <= MAX_DIGITS:
        faults.append((("digits",), f"between {MIN_DIGITS + 2} and {MAX_DIGITS}"))
        return faults
    for name in SINGLE_ACCOUNTS:
        value = getattr(mapping, name)
        if not DIGITS.match(value) or not 3 <= len(value) <= mapping.digits:
            faults.append(((name,), f"3 to {mapping.digits} digits"))
    for name in PREFIXES:
        value = getattr(mapping, name)
        if not DIGITS.match(value) or not 3 <= len(value) <= mapping.digits - 4:
            faults.append(((name,), f"3 to {mapping.digits - 4} digits (a prefix)"))
    for name in ("output_tax_accounts", "equivalence_accounts"):
        for rate, account in getattr(mapping, name).items():
            try:
                ok_rate = 0 <= Decimal(rate) < 100
            except ArithmeticError:
                ok_rate = False
            if not ok_rate:
                faults.append(((name, rate), "a percentage between 0 and 100"))
            elif not DIGITS.match(account) or not MIN_DIGITS <= len(account) <= mapping.digits:
                faults.append(((name, rate), f"{MIN_DIGITS} to {mapping.digits} digits"))
    return faults


def normalised(mapping: AccountMapping) -> AccountMapping:
    """Rates written as "21.00" (so "21" and "21.0" name one rate)."""
    return AccountMapping(
        **{
            **mapping.__dict__,
            "output_tax_accounts": {
                str(cents(Decimal(k))): v for k, v in mapping.output_tax_accounts.items()
            },
            "equivalence_accounts": {
                str(cents(Decimal(k))): v for k, v in mapping.equivalence_accounts.items()
            },
        }
    )


def invoice_entry(
    mapping: AccountMapping,
    *,
    client_account: str,
    date: dt.date,
    number: str,
    rectifying: bool,
    contribution: TaxFacts,
) -> Entry | None:
    """The entry of an invoice's (or a rectification's) contribution; None when it adds
    nothing."""
    if contribution.is_zero() and contribution.goods_base == 0:
        return None
    total = contribution.base + contribution.vat + contribution.surcharge - contribution.irpf
    lines = [Line(client_account, debit=total)]
    if contribution.irpf:
        lines.append(Line(mapping.pad(mapping.withholding_account), debit=contribution.irpf))
    goods = contribution.goods_base
    services = contribution.base - goods
    if goods:
        lines.append(Line(mapping.pad(mapping.sales_goods), credit=goods))
    if services or not goods:
        lines.append(Line(mapping.pad(mapping.sales_services), credit=services))
    for t in contribution.breakdown:
        if t.vat:
            lines.append(Line(mapping.vat(t.vat_rate), credit=t.vat))
        if t.surcharge:
            lines.append(Line(mapping.surcharge(t.surcharge_rate), credit=t.surcharge))
    kind = "rectification" if rectifying else "invoice"
    label = "Factura rectificativa" if rectifying else "Factura"
    return balanced(Entry(kind, date, number, f"{label} {number}", tuple(lines)))


def payment_entry(
    mapping: AccountMapping, *, client_account: str, date: dt.date, number: str, amount: Decimal
) -> Entry:
    lines = (Line(mapping.pad(mapping.bank), debit=amount), Line(client_account, credit=amount))
    return balanced(Entry("payment", date, number, f"Cobro {number}", lines))


def return_entry(
    mapping: AccountMapping, *, client_account: str, date: dt.date, number: str, amount: Decimal
) -> Entry:
    lines = (Line(client_account, debit=amount), Line(mapping.pad(mapping.bank), credit=amount))
    return balanced(Entry("return", date, number, f"Devolución cobro {number}", lines))


@dataclass
class Totals:
    """What a journal adds up to, by account: the read-back tests compare a file's with
    Cartera's own figures."""

    debit: dict[str, Decimal] = field(default_factory=dict)
    credit: dict[str, Decimal] = field(default_factory=dict)
    entries: int = 0

    def add(self, entries: Iterable[Entry]) -> Totals:
        for e in entries:
            self.entries += 1
            for ln in e.lines:
                self.debit[ln.account] = self.debit.get(ln.account, ZERO) + ln.debit
                self.credit[ln.account] = self.credit.get(ln.account, ZERO) + ln.credit
        return self
