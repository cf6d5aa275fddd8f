"""Modelo 347 (RD 1065/2007 arts. 31-35): who goes in the return of a year and with what, as
pure functions. The service reads the read models (operations by quarter, cash payments, rents
of urban property) and hands their rows here; which invoice lines count (withholding, rents,
exclusions) is decided when an invoice is projected (domain.invoices)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cartera_analytics.domain.money import ZERO, cents, fmt_money
from cartera_shared.spreadsheet import neutralised_row

# Threshold per year (art. 33 RD 1065/2007: operations above 3,005.06 EUR in the calendar year,
# VAT included). A dated table, so a change of the law is a new row, not an edited literal.
M347_THRESHOLDS: tuple[tuple[int, Decimal], ...] = ((2000, Decimal("3005.06")),)


def m347_threshold(year: int) -> Decimal:
    current = M347_THRESHOLDS[0][1]
    for since, amount in M347_THRESHOLDS:
        if year >= since:
            current = amount
    return current


@dataclass(frozen=True)
class Declared:
    tax_id: str
    name: str
    quarters: tuple[Decimal, Decimal, Decimal, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.quarters, ZERO)


def m347_declared(rows: Iterable[tuple[str, str, int, Decimal]], year: int) -> list[Declared]:
    """(tax id, name, quarter, amount) rows to the counterparties above the threshold."""
    by_party: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    names: dict[str, str] = {}
    for tax_id, name, quarter, amount in rows:
        by_party[tax_id][quarter - 1] += amount
        names[tax_id] = max(names.get(tax_id, ""), name or "")
    threshold = m347_threshold(year)
    declared = [
        Declared(tax_id, names[tax_id], (q[0], q[1], q[2], q[3]))
        for tax_id, q in by_party.items()
        if sum(q, ZERO) > threshold
    ]
    return sorted(declared, key=lambda d: (-d.total, d.tax_id))


# Cash: art. 34.1.h RD 1065/2007 asks for the amounts received in cash ("en metálico": notes and
# coins only, DGT binding ruling of 8 June 2009) above 6,000 EUR from each counterparty; art.
# 35.5 puts the cash that could not go in the return of the operations' year (received after it,
# or not yet above 6,000 EUR then) in the return of the year it came in or went over, apart,
# with the year of the operations. Cartera counts by calendar year of receipt (it cannot know
# when the tenant filed).
M347_CASH_THRESHOLD = Decimal("6000.00")


@dataclass(frozen=True)
class CashReceived:
    tax_id: str
    name: str
    operation_year: int
    amount: Decimal  # euros


def m347_cash(rows: Iterable[tuple[str, str, int, int, Decimal]], year: int) -> list[CashReceived]:
    """The cash the return of `year` reports, from (tax id, name, operation year, year received,
    euros) rows of unreversed cash payments received up to the end of `year`.

    Per counterparty and year of the operations: if the cash received before `year` was already
    above the threshold (so an earlier return reported it), what came in during `year` is
    reported; otherwise, once the cash received up to the end of `year` goes above it, all of
    it is. Nothing is reported for a year in which no cash came in.
    """
    before: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    during: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    names: dict[str, str] = {}
    for tax_id, name, operation_year, received_year, amount in rows:
        if received_year > year:
            continue
        key = (tax_id, operation_year)
        (during if received_year == year else before)[key] += amount
        names[tax_id] = max(names.get(tax_id, ""), name or "")
    reported = []
    for key, came_in in during.items():
        earlier = cents(before.get(key, ZERO))
        came_in = cents(came_in)
        if earlier > M347_CASH_THRESHOLD:
            amount = came_in
        elif earlier + came_in > M347_CASH_THRESHOLD:
            amount = earlier + came_in
        else:
            continue
        if amount:
            reported.append(CashReceived(key[0], names[key[0]], key[1], amount))
    return sorted(reported, key=lambda c: (c.tax_id, -c.operation_year))


def m347_rents(rows: Iterable[tuple[str, str, Decimal]]) -> dict[str, list[tuple[str, Decimal]]]:
    """(tax id, cadastral reference, euros) contributions to each counterparty's rents of urban
    property, by reference (art. 34.1.d RD 1065/2007: reported apart, with the reference)."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for tax_id, reference, amount in rows:
        sums[(tax_id, reference)] += amount
    by_party: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for (tax_id, reference), amount in sorted(sums.items()):
        if amount:
            by_party[tax_id].append((reference, amount))
    return dict(by_party)


M347_COLUMNS = (
    "tax_id",
    "name",
    "total",
    "q1",
    "q2",
    "q3",
    "q4",
    "cash_received",
    "cash_operation_year",
    "rent_cadastral_reference",
)
M347_SCOPE = (
    "Sales only: operations with clients, from the invoices issued with Cartera. Purchases "
    "(operations with suppliers), which the same return declares apart, are not covered until "
    "Cartera records them: add them from your books before filing."
)
M347_RULES = (
    "Amounts VAT included, by quarter of the invoice date. Excluded: intra-EU operations and "
    "exports, invoices without an identified recipient, and invoice lines with IRPF "
    "withholding (the payer declares them in Modelo 190/180) except rents of urban property, "
    "which are declared and also listed apart with their cadastral reference. Cash received "
    "above 6,000 EUR per counterparty is reported, with the year of the operations when it "
    "came in a later year."
)


def m347_csv(items: list[dict[str, Any]]) -> str:
    """The Modelo 347 list as CSV: a row per counterparty (its cash for the year's operations
    dated that year), then a row per cash amount for an earlier year's operations (that year in
    `cash_operation_year`) and per rent of urban property (`total` is the rent). Names come
    from clients' own data: a cell a spreadsheet would run as a formula is neutralised, and
    every text field is quoted (the amounts are numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(M347_COLUMNS)

    def number(amount: str | None) -> Decimal | None:
        return None if amount is None else Decimal(amount)

    for item in items:
        amounts = [item["total"], *item["quarters"].values(), item["cash_received"]]
        cash_year = item.get("cash_operation_year") if item["cash_received"] else None
        party = [item["tax_id"], item["name"]]
        writer.writerow(neutralised_row([*party, *(number(a) for a in amounts), cash_year, None]))
        for cash in item.get("cash_received_earlier_years") or ():
            writer.writerow(
                neutralised_row(
                    [*party, *[None] * 5, number(cash["amount"]), cash["operation_year"], None]
                )
            )
        for rent in item.get("rents") or ():
            writer.writerow(
                neutralised_row(
                    [*party, number(rent["amount"]), *[None] * 6, rent["cadastral_reference"]]
                )
            )
    return out.getvalue()


def year_not_begun(year: int, today: dt.date) -> bool:
    """A return for a year that has not begun is refused (an earlier one can be asked for)."""
    return year > today.year


def note(files_through_sii: bool) -> str:
    """What the answer says about its scope: a tenant that files through SII files no 347."""
    if files_through_sii:
        return "The tenant files through SII: it does not file Modelo 347."
    return f"{M347_SCOPE} {M347_RULES}"


def counterparties(
    year: int,
    files_through_sii: bool,
    quarters: Iterable[tuple[str, str, int, Decimal]],
    cash_payments: Iterable[tuple[str, str, int, int, Decimal]],
    rent_lines: Iterable[tuple[str, str, Decimal]],
) -> list[dict[str, Any]]:
    """The counterparties of the return of `year`, as the answer lists them, from (tax id,
    name, quarter, euros) operations of the year, (tax id, name, operation year, year received,
    euros) cash payments received up to its end and (tax id, cadastral reference, euros) rents
    of urban property of the year. A tenant that files through SII declares no operation and
    no cash; the rents it collects are still listed with the counterparties."""
    declared = [] if files_through_sii else m347_declared(quarters, year)
    cash = [] if files_through_sii else m347_cash(cash_payments, year)
    rents = m347_rents(rent_lines)
    cash_of: dict[str, list[CashReceived]] = defaultdict(list)
    for c in cash:
        cash_of[c.tax_id].append(c)
    listed = {d.tax_id for d in declared}
    # Art. 35.5: cash for an earlier year's operations is reported even when the counterparty
    # is not above the threshold in the year it came in.
    declared += [
        Declared(tax_id, entries[0].name, (ZERO, ZERO, ZERO, ZERO))
        for tax_id, entries in sorted(cash_of.items())
        if tax_id not in listed and any(c.operation_year < year for c in entries)
    ]
    items: list[dict[str, Any]] = []
    for d in declared:
        this_year = next((c for c in cash_of.get(d.tax_id, ()) if c.operation_year == year), None)
        items.append(
            {
                "tax_id": d.tax_id,
                "name": d.name,
                "total": fmt_money(d.total),
                "quarters": {f"Q{i + 1}": fmt_money(q) for i, q in enumerate(d.quarters)},
                "cash_received": fmt_money(this_year.amount) if this_year else None,
                "cash_operation_year": year if this_year else None,
                "cash_received_earlier_years": [
                    {"operation_year": c.operation_year, "amount": fmt_money(c.amount)}
                    for c in cash_of.get(d.tax_id, ())
                    if c.operation_year < year
                ],
                "rents": [
                    {"cadastral_reference": reference, "amount": fmt_money(amount)}
                    for reference, amount in rents.get(d.tax_id, ())
                ],
            }
        )
    return items
