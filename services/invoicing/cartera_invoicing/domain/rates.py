"""Tax rates in force, as dated tables (DOMAIN.md: never a literal in code).

Sources: Ley 37/1992 del IVA arts. 90-91 (21 %, 10 %, 4 %); art. 161 (recargo de equivalencia:
5.2 %, 1.4 %, 0.5 %; 1.75 % on tobacco); Ley 35/2006 del IRPF and RD 439/2007 art. 101 (15 %
professionals, 7 % in the first three years of activity). The 0 % rate covers exempt and
not-subject lines, which must carry their legal reason.

The temporary rates of 2022-2024 (`TEMPORARY_VAT`) are each valid only in their dated window.
The rate in force is the one on the day the tax accrues (devengo, Ley 37/1992 art. 75: the
delivery of the goods or the service), so callers pass the invoice's operation date, or its
issue date when the operation took place that day. Cartera does not know what a line sells:
a temporary rate is accepted on any line inside one of its windows, and the tenant answers for
applying it to the goods the decree names. See docs/compliance.md, "Invoices".
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


@dataclass(frozen=True)
class TemporaryVat:
    """A VAT rate the law allowed for some goods during a dated window (both days included)."""

    vat: Decimal
    surcharge: Decimal  # the recargo de equivalencia the same provision set for it
    valid_from: dt.date
    valid_to: dt.date
    goods: str
    source: str
    # 0 % taxed operations are written as "S1 ..." lines (taxed, not exempt): only those
    # lines use a 0 % window; exempt and not-subject 0 % lines stay valid on any day.
    taxed_at_zero: bool = False

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to

    @property
    def window(self) -> str:
        return f"{self.valid_from.isoformat()} to {self.valid_to.isoformat()}"


TEMPORARY_VAT = (
    TemporaryVat(
        vat=Decimal("5"),
        surcharge=Decimal("0.62"),
        valid_from=dt.date(2022, 7, 1),
        valid_to=dt.date(2023, 12, 31),
        goods="electricity (contracted power up to 10 kW, and severely vulnerable consumers)",
        source="RDL 11/2022 art. 18; extended to 31-12-2023 by RDL 20/2022",
    ),
    TemporaryVat(
        vat=Decimal("5"),
        surcharge=Decimal("0.62"),
        valid_from=dt.date(2022, 10, 1),
        valid_to=dt.date(2023, 12, 31),
        goods="natural gas, biomass pellets and briquettes, firewood",
        source="RDL 17/2022; extended to 31-12-2023 by RDL 20/2022",
    ),
    TemporaryVat(
        vat=Decimal("5"),
        surcharge=Decimal("0.62"),
        valid_from=dt.date(2023, 1, 1),
        valid_to=dt.date(2024, 9, 30),
        goods="olive and seed oils, pasta",
        source="RDL 20/2022 art. 72 (recargo 0.62 % per RDL 1/2023); extended by RDL 5/2023, "
        "RDL 8/2023 and RDL 4/2024 art. 1",
    ),
    TemporaryVat(
        vat=Decimal("0"),
        surcharge=Decimal("0"),
        valid_from=dt.date(2023, 1, 1),
        valid_to=dt.date(2024, 9, 30),
        goods="basic food: common bread, bread flour, milk, cheese, eggs, fruit, vegetables, "
        "legumes, tubers, cereals (olive oil from RDL 4/2024)",
        source="RDL 20/2022 art. 72; extended by RDL 5/2023, RDL 8/2023 and RDL 4/2024 art. 1",
        taxed_at_zero=True,
    ),
    TemporaryVat(
        vat=Decimal("2"),
        surcharge=Decimal("0.26"),
        valid_from=dt.date(2024, 10, 1),
        valid_to=dt.date(2024, 12, 31),
        goods="basic food and olive oil (the 0 % goods above)",
        source="RDL 4/2024 art. 1",
    ),
    TemporaryVat(
        vat=Decimal("7.5"),
        surcharge=Decimal("1"),
        valid_from=dt.date(2024, 10, 1),
        valid_to=dt.date(2024, 12, 31),
        goods="seed oils, pasta",
        source="RDL 4/2024 art. 1",
    ),
)


def table_for(day: dt.date) -> RateTable:
    applicable = [t for t in TABLES if t.valid_from <= day]
    if not applicable:
        raise ValueError(f"no tax rates are known for {day.isoformat()}")
    return max(applicable, key=lambda t: t.valid_from)


def temporary_rates(vat: Decimal, *, taxed_at_zero: bool = False) -> tuple[TemporaryVat, ...]:
    """Every dated window of a temporary VAT rate (a 0 % one only for taxed-at-zero lines)."""
    return tuple(
        t for t in TEMPORARY_VAT if t.vat == vat and (vat != 0 or taxed_at_zero == t.taxed_at_zero)
    )


def temporary_rate_on(
    vat: Decimal, day: dt.date, *, taxed_at_zero: bool = False
) -> TemporaryVat | None:
    windows = temporary_rates(vat, taxed_at_zero=taxed_at_zero)
    return next((t for t in windows if t.covers(day)), None)
