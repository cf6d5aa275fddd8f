"""The tax facts of an issued invoice as an accountant needs them: VAT and recargo by rate, IRPF
withheld by rate and by the return the payer declares it in, and how much of the base is a sale
of goods (account 700) rather than services (705).

Everything is in euros (the invoice's own figures times its exchange rate, half-up to cents per
rate, the rule `domain.invoices` and invoicing use). A document's *contribution* is what it adds
to a period, decided by its chain exactly as the billing figures are (`chain_contributions`): an
original adds itself, a rectification by differences (I) adds its own figures, one by
substitution (S) adds the difference with what the chain amounted to before it, and a cancelled
invoice adds nothing.

Withholdings: the payer declares what it withheld in Modelo 111 (withholdings on work and on
professional and business activities: RIRPF, RD 439/2007, arts. 95 and 101, declared quarterly
under art. 108) or in Modelo 115 (withholdings on rents of urban property: RIRPF art. 100,
declared under the same art. 108). A line of the invoice with a cadastral reference is such a
rent; any other withheld line is an activity's. See docs/compliance.md, "Tax figures and the
accounting export".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cartera_analytics.domain.money import ZERO, cents

MODELO_ACTIVITIES = "111"
MODELO_RENTS = "115"
# Recargo de equivalencia only applies to deliveries of goods to retailers (LIVA art. 154), and
# Verifactu's exemption E5 is the exempt intra-EU delivery of goods (LIVA art. 25): a line with
# either is a sale of goods. Nothing else on an invoice says goods or services; services is the
# default (docs/accounting-export.md, "Sales accounts").
GOODS_EXEMPTIONS = frozenset({"E5"})

RateKey = tuple[Decimal, Decimal]  # (VAT rate, recargo rate), percentages
WithholdingKey = tuple[Decimal, str]  # (IRPF rate, modelo)


def _d(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _rate(value: Any) -> Decimal:
    # 21, "21.00" and "21.0" are one rate: normalised to two places.
    return _d(value).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class TaxLine:
    vat_rate: Decimal
    surcharge_rate: Decimal
    base: Decimal
    vat: Decimal
    surcharge: Decimal


@dataclass(frozen=True)
class Withheld:
    irpf_rate: Decimal
    modelo: str
    base: Decimal
    irpf: Decimal


@dataclass(frozen=True)
class TaxFacts:
    """One document's tax figures (or a contribution: the same shape, possibly negative)."""

    breakdown: tuple[TaxLine, ...] = ()
    withholdings: tuple[Withheld, ...] = ()
    goods_base: Decimal = ZERO  # the part of the base that is a sale of goods (700)

    @property
    def base(self) -> Decimal:
        return sum((t.base for t in self.breakdown), ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((t.vat for t in self.breakdown), ZERO)

    @property
    def surcharge(self) -> Decimal:
        return sum((t.surcharge for t in self.breakdown), ZERO)

    @property
    def irpf(self) -> Decimal:
        return sum((w.irpf for w in self.withholdings), ZERO)

    def by_rate(self) -> dict[RateKey, list[Decimal]]:
        out: dict[RateKey, list[Decimal]] = {}
        for t in self.breakdown:
            row = out.setdefault((t.vat_rate, t.surcharge_rate), [ZERO, ZERO, ZERO])
            row[0] += t.base
            row[1] += t.vat
            row[2] += t.surcharge
        return out

    def by_withholding(self) -> dict[WithholdingKey, list[Decimal]]:
        out: dict[WithholdingKey, list[Decimal]] = {}
        for w in self.withholdings:
            row = out.setdefault((w.irpf_rate, w.modelo), [ZERO, ZERO])
            row[0] += w.base
            row[1] += w.irpf
        return out

    def __sub__(self, other: TaxFacts) -> TaxFacts:
        return _from_maps(
            _combine(self.by_rate(), other.by_rate(), -1),
            _combine(self.by_withholding(), other.by_withholding(), -1),
            self.goods_base - other.goods_base,
        )

    def __add__(self, other: TaxFacts) -> TaxFacts:
        return _from_maps(
            _combine(self.by_rate(), other.by_rate(), 1),
            _combine(self.by_withholding(), other.by_withholding(), 1),
            self.goods_base + other.goods_base,
        )

    def is_zero(self) -> bool:
        return all(t.base == t.vat == t.surcharge == 0 for t in self.breakdown) and all(
            w.base == w.irpf == 0 for w in self.withholdings
        )


def _combine(
    a: dict[Any, list[Decimal]], b: dict[Any, list[Decimal]], sign: int
) -> dict[Any, list[Decimal]]:
    out = {k: list(v) for k, v in a.items()}
    for key, values in b.items():
        row = out.setdefault(key, [ZERO] * len(values))
        for i, v in enumerate(values):
            row[i] += sign * v
    return out


def _from_maps(
    rates: dict[RateKey, list[Decimal]],
    held: dict[WithholdingKey, list[Decimal]],
    goods: Decimal,
) -> TaxFacts:
    return TaxFacts(
        breakdown=tuple(
            TaxLine(v, s, *rates[(v, s)])
            for v, s in sorted(rates)
            if any(x != 0 for x in rates[(v, s)])
        ),
        withholdings=tuple(
            Withheld(r, m, *held[(r, m)])
            for r, m in sorted(held)
            if any(x != 0 for x in held[(r, m)])
        ),
        goods_base=goods,
    )


def _line_base(line: dict[str, Any]) -> Decimal:
    if line.get("amount") not in (None, ""):
        return _d(line["amount"])
    gross = _d(line.get("quantity")) * _d(line.get("unit_price"))
    return cents(gross - gross * _d(line.get("discount_percent")) / 100)


def _is_goods(line: dict[str, Any]) -> bool:
    return _d(line.get("surcharge_rate")) != 0 or (
        str(line.get("exemption_reason") or "").upper() in GOODS_EXEMPTIONS
    )


def tax_facts(data: dict[str, Any], rate: Decimal) -> TaxFacts:
    """An `invoice.issued` / `invoice.rectified` / `invoice.cancelled` payload's tax figures, in
    euros. The breakdown and the withholdings are the invoice's own (what it printed and sent to
    Verifactu), so they add up to its totals to the cent; the lines only split them: a
    withholding rate between rents (115) and activities (111), the base between goods and
    services. An event without a breakdown (older payloads) is one line at the totals' rate."""
    amounts = data.get("amounts") or {}
    totals = amounts.get("totals") or {}
    lines = [line for line in data.get("lines") or () if isinstance(line, dict)]
    breakdown = [b for b in amounts.get("breakdown") or () if isinstance(b, dict)]
    rates: dict[RateKey, list[Decimal]] = {}
    if breakdown:
        for b in breakdown:
            row = rates.setdefault(
                (_rate(b.get("vat_rate")), _rate(b.get("surcharge_rate"))), [ZERO, ZERO, ZERO]
            )
            row[0] += cents(_d(b.get("taxable_base")) * rate)
            row[1] += cents(_d(b.get("vat")) * rate)
            row[2] += cents(_d(b.get("surcharge")) * rate)
    elif totals:
        base = _d(totals.get("taxable_base"))
        vat, surcharge = _d(totals.get("vat")), _d(totals.get("surcharge"))
        vat_rate = _rate(cents(vat * 100 / base)) if base else _rate(0)
        surcharge_rate = _rate(cents(surcharge * 100 / base)) if base else _rate(0)
        rates[(vat_rate, surcharge_rate)] = [
            cents(base * rate),
            cents(vat * rate),
            cents(surcharge * rate),
        ]
    held: dict[WithholdingKey, list[Decimal]] = {}
    withholdings = [w for w in amounts.get("withholdings") or () if isinstance(w, dict)]
    if not withholdings and _d(totals.get("irpf")) != 0:
        withholdings = [
            {
                "irpf_rate": "0",
                "taxable_base": totals.get("taxable_base"),
                "irpf": totals.get("irpf"),
            }
        ]
    for w in withholdings:
        irpf_rate = _rate(w.get("irpf_rate"))
        base, irpf = cents(_d(w.get("taxable_base")) * rate), cents(_d(w.get("irpf")) * rate)
        withheld_lines = [ln for ln in lines if _rate(ln.get("irpf_rate")) == irpf_rate]
        rent_base = sum(
            (_line_base(ln) for ln in withheld_lines if ln.get("cadastral_reference")), ZERO
        )
        all_base = sum((_line_base(ln) for ln in withheld_lines), ZERO)
        if rent_base == 0 or all_base == 0:
            parts = [(MODELO_ACTIVITIES, base, irpf)]
        elif rent_base == all_base:
            parts = [(MODELO_RENTS, base, irpf)]
        else:
            # Both on one rate: the rents' share, the rest to the activities (to the cent).
            rents = cents(base * rent_base / all_base)
            rents_irpf = cents(rents * irpf_rate / 100)
            parts = [
                (MODELO_RENTS, rents, rents_irpf),
                (MODELO_ACTIVITIES, base - rents, irpf - rents_irpf),
            ]
        for modelo, part_base, part_irpf in parts:
            row = held.setdefault((irpf_rate, modelo), [ZERO, ZERO])
            row[0] += part_base
            row[1] += part_irpf
    whole_base = sum((r[0] for r in rates.values()), ZERO)
    goods_lines = sum((_line_base(ln) for ln in lines if _is_goods(ln)), ZERO)
    every_line = sum((_line_base(ln) for ln in lines), ZERO)
    if goods_lines == 0 or every_line == 0:
        goods = ZERO
    elif goods_lines == every_line:
        goods = whole_base
    else:
        goods = cents(whole_base * goods_lines / every_line)
    return _from_maps(rates, held, goods)


# ------------------------------------------------------------------ storage (JSONB)


def to_json(facts: TaxFacts) -> dict[str, Any]:
    return {
        "breakdown": [
            {
                "vat_rate": str(t.vat_rate),
                "surcharge_rate": str(t.surcharge_rate),
                "taxable_base": str(t.base),
                "vat": str(t.vat),
                "surcharge": str(t.surcharge),
            }
            for t in facts.breakdown
        ],
        "withholdings": [
            {
                "irpf_rate": str(w.irpf_rate),
                "modelo": w.modelo,
                "taxable_base": str(w.base),
                "irpf": str(w.irpf),
            }
            for w in facts.withholdings
        ],
        "goods_base": str(facts.goods_base),
    }


def from_json(value: dict[str, Any] | None) -> TaxFacts | None:
    """None for a document stored before the tax facts were kept (a rebuild fills it)."""
    if value is None:
        return None
    return TaxFacts(
        breakdown=tuple(
            TaxLine(
                _d(t["vat_rate"]),
                _d(t["surcharge_rate"]),
                _d(t["taxable_base"]),
                _d(t["vat"]),
                _d(t["surcharge"]),
            )
            for t in value.get("breakdown") or ()
        ),
        withholdings=tuple(
            Withheld(_d(w["irpf_rate"]), str(w["modelo"]), _d(w["taxable_base"]), _d(w["irpf"]))
            for w in value.get("withholdings") or ()
        ),
        goods_base=_d(value.get("goods_base")),
    )


# ------------------------------------------------------------------ chains


@dataclass(frozen=True)
class TaxDoc:
    """What the chain rule needs of a document."""

    invoice_id: uuid.UUID
    is_original: bool
    kind: str  # "original", "I" or "S"
    cancelled: bool
    facts: TaxFacts
    order: tuple[Any, ...] = field(default=())  # the chain order (domain.invoices.chain_order)


def tax_contributions(ordered: Iterable[TaxDoc]) -> dict[uuid.UUID, TaxFacts]:
    """Each document's contribution, for documents given in chain order (original first)."""
    docs = list(ordered)
    original = next((d for d in docs if d.is_original), None)
    if original is not None and original.cancelled:
        return {d.invoice_id: TaxFacts() for d in docs}
    running = TaxFacts()
    out: dict[uuid.UUID, TaxFacts] = {}
    for doc in docs:
        if doc.kind == "S":
            out[doc.invoice_id] = doc.facts - running
            running = doc.facts
        else:
            out[doc.invoice_id] = doc.facts
            running = running + doc.facts
    return out
