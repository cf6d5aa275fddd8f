"""Tax rates in force, as dated tables (DOMAIN.md: never a literal in code).

Sources: Ley 37/1992 del IVA arts. 90-91 (21 %, 10 %, 4 %); art. 161 (recargo de equivalencia:
5.2 %, 1.4 %, 0.5 %; 1.75 % on tobacco); Ley 35/2006 del IRPF and RD 439/2007 art. 101 (15 %
professionals, 7 % in the first three years of activity). The 0 % rate covers operations taxed at
zero (and exempt or not-subject lines, which must carry their legal reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RateTable:
    valid_from: dt.date
    vat: frozenset[Decimal]
    # Recargo de equivalencia that goes with each VAT rate.
    surcharge_for_vat: dict[Decimal, frozenset[Decimal]]
    irpf: frozenset[Decimal]


TABLES = (
    RateTable(
        valid_from=dt.date(2012, 9, 1),  # RDL 20/2012: 21 % / 10 % / 4 %
        vat=frozenset(Decimal(r) for r in ("0", "4", "10", "21")),
        surcharge_for_vat={
            Decimal("21"): frozenset({Decimal("5.2"), Decimal("1.75")}),
            Decimal("10"): frozenset({Decimal("1.4")}),
            Decimal("4"): frozenset({Decimal("0.5")}),
            Decimal("0"): frozenset(),
        },
        irpf=frozenset(Decimal(r) for r in ("0", "1", "2", "7", "15", "19")),
    ),
)


def table_for(day: dt.date) -> RateTable:
    applicable = [t for t in TABLES if t.valid_from <= day]
    if not applicable:
        raise ValueError(f"no tax rates are known for {day.isoformat()}")
    return max(applicable, key=lambda t: t.valid_from)
