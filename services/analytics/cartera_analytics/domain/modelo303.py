"""The boxes (casillas) of Modelo 303's "IVA devengado" section that the invoices issued fill.

Modelo 303, "Impuesto sobre el Valor Añadido. Autoliquidación", approved by Orden EHA/3786/2008
and amended since (its current design: the AEAT's model page and instructions). Only what issued
invoices determine is given: the general regime's rows by VAT rate, the recargo de equivalencia
rows by recargo rate, the modifications of bases and quotas (rectifying invoices, LIVA art. 80
and RIVA art. 24) for VAT (14, 15) and recargo (25, 26), and the total accrued quota (27)
as far as these boxes make it (intra-EU acquisitions and reverse-charge boxes 10 to 13 come from
purchases, which Cartera does not hold). Which row holds which rate is in docs/compliance.md with
its sources; a rate without a row of its own (a temporary rate the form has no row for) is not
placed in a box, and the answer's `by_rate` still shows it. Nor are 0 % lines: the event does
not tell an exempt operation (declared elsewhere in the form) from a 0 % rate (boxes 150-152).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cartera_analytics.domain.money import cents
from cartera_analytics.domain.tax import TaxFacts

# VAT rate -> (base, rate, quota) boxes of the general regime.
VAT_ROWS: dict[Decimal, tuple[str, str, str]] = {
    Decimal("4.00"): ("01", "02", "03"),
    Decimal("5.00"): ("153", "154", "155"),
    Decimal("10.00"): ("04", "05", "06"),
    Decimal("21.00"): ("07", "08", "09"),
}
# Recargo rate -> (base, rate, quota) boxes of the recargo de equivalencia rows.
SURCHARGE_ROWS: dict[Decimal, tuple[str, str, str]] = {
    Decimal("0.50"): ("16", "17", "18"),
    Decimal("1.40"): ("19", "20", "21"),
    Decimal("5.20"): ("22", "23", "24"),
    Decimal("1.75"): ("156", "157", "158"),
}
MODIFICATION_VAT = ("14", "15")
MODIFICATION_SURCHARGE = ("25", "26")
TOTAL_ACCRUED = "27"


def boxes(originals: TaxFacts, rectifications: TaxFacts) -> list[dict[str, Any]]:
    """[{box, description, value}] in the form's order; values are Money, rates Percent."""
    out: list[tuple[str, str, Decimal]] = []
    accrued = Decimal(0)
    vat_sums: dict[Decimal, list[Decimal]] = {}
    surcharge_sums: dict[Decimal, list[Decimal]] = {}
    for (vat_rate, surcharge_rate), (base, vat, surcharge) in originals.by_rate().items():
        v = vat_sums.setdefault(vat_rate, [Decimal(0), Decimal(0)])
        v[0] += base
        v[1] += vat
        if surcharge_rate:
            s = surcharge_sums.setdefault(surcharge_rate, [Decimal(0), Decimal(0)])
            s[0] += base
            s[1] += surcharge
    for rate, (b, r, q) in VAT_ROWS.items():
        if rate in vat_sums:
            base, quota = vat_sums[rate]
            out += [
                (b, f"Régimen general {rate} %: base imponible", base),
                (r, f"Régimen general {rate} %: tipo", rate),
                (q, f"Régimen general {rate} %: cuota", quota),
            ]
            accrued += quota
    out += [
        (MODIFICATION_VAT[0], "Modificación bases (rectificativas)", rectifications.base),
        (MODIFICATION_VAT[1], "Modificación cuotas (rectificativas)", rectifications.vat),
    ]
    accrued += rectifications.vat
    for rate, (b, r, q) in SURCHARGE_ROWS.items():
        if rate in surcharge_sums:
            base, quota = surcharge_sums[rate]
            out += [
                (b, f"Recargo de equivalencia {rate} %: base imponible", base),
                (r, f"Recargo de equivalencia {rate} %: tipo", rate),
                (q, f"Recargo de equivalencia {rate} %: cuota", quota),
            ]
            accrued += quota
    surcharged_base = sum(
        (b for (_, s), (b, _, _) in rectifications.by_rate().items() if s), Decimal(0)
    )
    out += [
        (MODIFICATION_SURCHARGE[0], "Modificación bases del recargo", surcharged_base),
        (MODIFICATION_SURCHARGE[1], "Modificación cuotas del recargo", rectifications.surcharge),
        (
            TOTAL_ACCRUED,
            "Total cuota devengada (de las facturas emitidas)",
            accrued + rectifications.surcharge,
        ),
    ]
    return [{"box": b, "description": d, "value": str(cents(v))} for b, d, v in out]


def placed(rate: Decimal) -> bool:
    return rate in VAT_ROWS
