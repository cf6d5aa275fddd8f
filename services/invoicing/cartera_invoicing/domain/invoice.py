"""Amounts of an invoice and the immutable issued invoice.

Rounding rule, the same everywhere (invoice, PDF, Verifactu, analytics): each line's amount
(quantity x unit price, less its discount) is rounded half-up to cents; the taxable base of a tax
rate is the sum of its lines' amounts; each tax (VAT, recargo, IRPF) is rounded half-up to cents
once, on the taxable base of its rate (DOMAIN.md, "Amounts"). Totals are sums of those cents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cartera_invoicing.domain.rates import table_for, temporary_rate_on, temporary_rates

CENT = Decimal("0.01")
# How a 0 % line names its reason: exempt (E1-E6), not subject (N1, N2), taxed at zero (S1, S2).
ZERO_RATE_CODE = re.compile(r"^(E[1-6]|N[12]|S[12])\b")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class InvalidInvoice(ValueError):
    """An invoice that the law or arithmetic does not allow; the message says why, and `field`
    which input it is about (e.g. `lines[1].vat_rate`) when it is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str
    province: str | None
    country: str


@dataclass(frozen=True)
class Party:
    """Fiscal identity of the issuer or the recipient, as it stood on the issue date."""

    legal_name: str
    tax_id: str
    country: str
    address: Address | None
    kind: str = "company"
    version: int | None = None
    # A public administration's DIR3 codes, as the client carried them at issue.
    dir3: PublicBodyCodes | None = None


@dataclass(frozen=True)
class PublicBodyCodes:
    """The DIR3 codes of a public body's oficina contable, órgano gestor, unidad tramitadora."""

    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal = Decimal(0)
    vat_rate: Decimal = Decimal(21)
    surcharge_rate: Decimal = Decimal(0)
    irpf_rate: Decimal = Decimal(0)
    exemption_reason: str | None = None
    # A rent of urban property: the property's cadastral reference (Modelo 347, analytics).
    cadastral_reference: str | None = None

    @property
    def amount(self) -> Decimal:
        gross = self.quantity * self.unit_price
        return cents(gross - gross * self.discount_percent / HUNDRED)


@dataclass(frozen=True)
class TaxBreakdown:
    """One VAT rate (with its recargo) and the base it applies to."""

    vat_rate: Decimal
    surcharge_rate: Decimal
    taxable_base: Decimal
    vat: Decimal
    surcharge: Decimal
    exemption_reason: str | None = None


@dataclass(frozen=True)
class Withholding:
    irpf_rate: Decimal
    taxable_base: Decimal
    irpf: Decimal


@dataclass(frozen=True)
class Totals:
    taxable_base: Decimal
    vat: Decimal
    surcharge: Decimal
    irpf: Decimal
    total: Decimal  # to pay: base + VAT + recargo - IRPF

    @property
    def tax_total(self) -> Decimal:
        """VAT and recargo charged (Verifactu's CuotaTotal)."""
        return self.vat + self.surcharge

    @property
    def invoice_amount(self) -> Decimal:
        """Base plus the taxes charged, before withholding (Verifactu's ImporteTotal)."""
        return self.taxable_base + self.vat + self.surcharge


@dataclass(frozen=True)
class Amounts:
    breakdown: tuple[TaxBreakdown, ...]
    withholdings: tuple[Withholding, ...]
    totals: Totals


def check_rates(lines: list[Line] | tuple[Line, ...], day: dt.date) -> None:
    """Every line's rates exist on `day`, the day the tax accrues (the operation's date).

    The permanent rates come from the dated tables; the temporary ones of 2022-2024 only inside
    their windows, each with the recargo its provision set (`rates.TEMPORARY_VAT`).
    """
    try:
        table = table_for(day)
    except ValueError as exc:
        raise InvalidInvoice(f"{exc}: a date before the tax tables start") from exc
    for index, line in enumerate(lines):
        number = index + 1
        where = f"lines[{index}]"
        code = ZERO_RATE_CODE.match(line.exemption_reason or "")
        if line.vat_rate == 0 and code is None:
            raise InvalidInvoice(
                f"line {number}: a line without VAT must say why, starting with its Verifactu "
                "code: E1-E6 exempt (e.g. 'E1 Art. 20.Uno.9º LIVA'), N1/N2 not subject, "
                "S1 taxed at 0 % (basic food, 2023-2024), S2 reverse charge",
                field=f"{where}.exemption_reason",
            )
        taxed_at_zero = line.vat_rate == 0 and code is not None and code.group(1) == "S1"
        if line.vat_rate in table.vat and not taxed_at_zero:
            allowed_surcharges = table.surcharge_for_vat.get(line.vat_rate, frozenset())
        else:
            temporary = temporary_rate_on(line.vat_rate, day, taxed_at_zero=taxed_at_zero)
            if temporary is None:
                raise InvalidInvoice(
                    _no_rate_on(number, line.vat_rate, day, taxed_at_zero),
                    field=f"{where}.vat_rate",
                )
            allowed_surcharges = frozenset({temporary.surcharge})
        if line.surcharge_rate and line.surcharge_rate not in allowed_surcharges:
            raise InvalidInvoice(
                f"line {number}: recargo {line.surcharge_rate} % does not go with "
                f"{line.vat_rate} % VAT"
                + (
                    f" (it takes {', '.join(f'{s} %' for s in sorted(allowed_surcharges))})"
                    if any(allowed_surcharges)
                    else ""
                ),
                field=f"{where}.surcharge_rate",
            )
        if line.irpf_rate not in table.irpf:
            raise InvalidInvoice(
                f"line {number}: there is no {line.irpf_rate} % IRPF rate",
                field=f"{where}.irpf_rate",
            )
        if not Decimal(0) <= line.discount_percent <= HUNDRED:
            raise InvalidInvoice(
                f"line {number}: a discount is between 0 and 100 %",
                field=f"{where}.discount_percent",
            )


def _no_rate_on(number: int, vat_rate: Decimal, day: dt.date, taxed_at_zero: bool) -> str:
    windows = temporary_rates(vat_rate, taxed_at_zero=taxed_at_zero)
    if not windows:
        return f"line {number}: there is no {vat_rate} % VAT rate"
    spans = "; ".join(f"{w.window} ({w.goods}; {w.source})" for w in windows)
    return (
        f"line {number}: the temporary {vat_rate} % VAT rate applied only from {spans}, "
        f"not on {day.isoformat()}, the day the tax accrues (the operation date, or the "
        "issue date when there is none)"
    )


def compute(lines: list[Line] | tuple[Line, ...]) -> Amounts:
    bases: dict[tuple[Decimal, Decimal, str | None], Decimal] = defaultdict(Decimal)
    withheld: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in lines:
        reason = line.exemption_reason if line.vat_rate == 0 else None
        bases[(line.vat_rate, line.surcharge_rate, reason)] += line.amount
        if line.irpf_rate:
            withheld[line.irpf_rate] += line.amount
    breakdown = tuple(
        TaxBreakdown(
            vat_rate=vat_rate,
            surcharge_rate=surcharge_rate,
            taxable_base=base,
            vat=cents(base * vat_rate / HUNDRED),
            surcharge=cents(base * surcharge_rate / HUNDRED),
            exemption_reason=reason,
        )
        for (vat_rate, surcharge_rate, reason), base in sorted(
            bases.items(), key=lambda item: (-item[0][0], -item[0][1], item[0][2] or "")
        )
    )
    withholdings = tuple(
        Withholding(irpf_rate=rate, taxable_base=base, irpf=cents(base * rate / HUNDRED))
        for rate, base in sorted(withheld.items(), reverse=True)
    )
    base = sum((b.taxable_base for b in breakdown), Decimal("0.00"))
    vat = sum((b.vat for b in breakdown), Decimal("0.00"))
    surcharge = sum((b.surcharge for b in breakdown), Decimal("0.00"))
    irpf = sum((w.irpf for w in withholdings), Decimal("0.00"))
    return Amounts(
        breakdown=breakdown,
        withholdings=withholdings,
        totals=Totals(
            taxable_base=base,
            vat=vat,
            surcharge=surcharge,
            irpf=irpf,
            total=base + vat + surcharge - irpf,
        ),
    )


@dataclass(frozen=True)
class RectifiedReference:
    number: str
    issue_date: dt.date


@dataclass(frozen=True)
class DueDate:
    due_on: dt.date
    amount: Decimal


@dataclass(frozen=True)
class IssuedInvoice:
    """An invoice as issued: never changes. What the PDF, FacturaE and Verifactu are made from."""

    id: str
    series: str
    number: str  # series and number as printed, e.g. "F2026-000042"
    invoice_type: str  # Verifactu TipoFactura: F1, F2, F3, R1-R5
    issue_date: dt.date
    operation_date: dt.date | None
    issuer: Party
    recipient: Party | None  # None only on simplified invoices
    lines: tuple[Line, ...]
    amounts: Amounts
    currency: str = "EUR"
    exchange_rate: Decimal | None = None
    description: str = "Prestación de servicios"
    notes: str | None = None
    rectified: tuple[RectifiedReference, ...] = ()
    rectification_kind: str | None = None  # "S" substitution, "I" differences
    rectification_reason: str | None = None
    due_dates: tuple[DueDate, ...] = field(default_factory=tuple)


def euro_equivalent(invoice: IssuedInvoice) -> IssuedInvoice:
    """The invoice's amounts in euros (RD 1619/2012 art. 10: the tax is stated in euros).

    Each rate's base and taxes are converted and rounded half-up to cents, and the totals are
    their sums, so the euro figures add up the same way the invoice's own do.
    """
    if invoice.currency == "EUR":
        return invoice
    if invoice.exchange_rate is None:
        raise InvalidInvoice("an invoice in another currency needs its exchange rate")
    rate = invoice.exchange_rate
    breakdown = tuple(
        dataclasses.replace(
            b,
            taxable_base=cents(b.taxable_base * rate),
            vat=cents(b.vat * rate),
            surcharge=cents(b.surcharge * rate),
        )
        for b in invoice.amounts.breakdown
    )
    withholdings = tuple(
        dataclasses.replace(w, taxable_base=cents(w.taxable_base * rate), irpf=cents(w.irpf * rate))
        for w in invoice.amounts.withholdings
    )
    base = sum((b.taxable_base for b in breakdown), Decimal("0.00"))
    vat = sum((b.vat for b in breakdown), Decimal("0.00"))
    surcharge = sum((b.surcharge for b in breakdown), Decimal("0.00"))
    irpf = sum((w.irpf for w in withholdings), Decimal("0.00"))
    return dataclasses.replace(
        invoice,
        currency="EUR",
        exchange_rate=None,
        amounts=Amounts(
            breakdown=breakdown,
            withholdings=withholdings,
            totals=Totals(base, vat, surcharge, irpf, base + vat + surcharge - irpf),
        ),
    )
