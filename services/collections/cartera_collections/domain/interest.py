"""Late-payment interest and compensation for commercial operations (Ley 3/2004).

Rules implemented (Ley 3/2004, de 29 de diciembre, as amended by Ley 11/2013):

* Interest accrues automatically from the day after the due date, without notice (art. 5).
* The statutory rate is the ECB rate of its most recent main refinancing operation carried out
  before the first day of the calendar half-year, plus 8 points; the rate so determined applies
  for the whole half-year (art. 7.2). The Secretaría General del Tesoro publishes it in the BOE
  for each half-year (1 Jan-30 Jun, 1 Jul-31 Dec).
* A fixed 40 EUR compensation for collection costs is due per unpaid invoice (art. 8.1).

Conventions (the law does not fix them; these are the usual ones and are stated here so a claim
can be reproduced by hand):

* simple interest on the outstanding amount, no capitalisation;
* day count actual/365, also in leap years (a 366-day year still divides by 365);
* the late period runs from ``due_on + 1`` through ``until`` inclusive and is split at half-year
  boundaries; each piece uses its half-year's rate and is rounded half-up to cents on its own;
  the total is the sum of the rounded pieces.

A half-year missing from the table raises :class:`UnknownRate`: we never guess a statutory rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
DAY_COUNT_BASIS = 365

COLLECTION_COSTS_COMPENSATION = Decimal("40.00")
"""Fixed compensation per unpaid invoice, Ley 3/2004 art. 8.1."""

RateTable = Sequence[tuple[date, Decimal]]

# (first day of the half-year, statutory rate in percent). Each figure is the ECB main
# refinancing rate of the last operation of the previous half-year + 8 points.
STATUTORY_RATES: tuple[tuple[date, Decimal], ...] = (
    # Resolución de 27/12/2019 de la Secretaría General del Tesoro y Financiación Internacional,
    # BOE-A-2019-18736 (ECB MRO 0.00 %).
    (date(2020, 1, 1), Decimal("8.00")),
    # ECB MRO 0.00 % (unchanged since March 2016); BOE resolution of June 2020 - check against
    # the BOE.
    (date(2020, 7, 1), Decimal("8.00")),
    # ECB MRO 0.00 %; BOE resolution of December 2020 - check against the BOE.
    (date(2021, 1, 1), Decimal("8.00")),
    # ECB MRO 0.00 %; BOE resolution of June 2021 - check against the BOE.
    (date(2021, 7, 1), Decimal("8.00")),
    # Resolución de 30/12/2021, BOE núm. 314 of 31/12/2021, BOE-A-2021-21959 (ECB MRO 0.00 %).
    (date(2022, 1, 1), Decimal("8.00")),
    # ECB MRO still 0.00 % at the end of June 2022 (first hike effective 27/07/2022); BOE
    # resolution of June 2022 - check against the BOE.
    (date(2022, 7, 1), Decimal("8.00")),
    # ECB MRO 2.50 % (since 21/12/2022); BOE resolution of December 2022 - check against the BOE.
    (date(2023, 1, 1), Decimal("10.50")),
    # Resolución de 28/06/2023, BOE of 29/06/2023 (ECB MRO 4.00 % since 21/06/2023).
    (date(2023, 7, 1), Decimal("12.00")),
    # ECB MRO 4.50 % (since 20/09/2023); BOE resolution of December 2023 - check against the BOE.
    (date(2024, 1, 1), Decimal("12.50")),
    # ECB MRO 4.25 % (since 12/06/2024); BOE resolution of June 2024 - check against the BOE.
    (date(2024, 7, 1), Decimal("12.25")),
    # ECB MRO 3.15 % (since 18/12/2024); BOE resolution of December 2024 - check against the BOE.
    (date(2025, 1, 1), Decimal("11.15")),
    # Resolución de 25/06/2025 de la Secretaría General del Tesoro y Financiación
    # Internacional, BOE núm. 155 of 28/06/2025, p. 85748, BOE-A-2025-13217 (title, number and
    # date checked against the BOE's first page; the figure is ECB MRO 2.15 % since 11/06/2025
    # + 8 points, the paragraph stating it was not readable from here: docs/collections.md).
    (date(2025, 7, 1), Decimal("10.15")),
    # Resolución de 23/12/2025, BOE núm. 315 of 31/12/2025, p. 181145, BOE-A-2025-27201 (same
    # check; ECB MRO 2.15 %, kept at every ECB meeting of H2 2025 up to 18/12/2025, + 8).
    (date(2026, 1, 1), Decimal("10.15")),
    # 2026 H2: its resolution (due late June 2026) could not be found from here, so no figure is
    # written: an operator adds it from the BOE (python -m cartera_collections.published_rates
    # add), and until then a period in it raises UnknownRate.
)


class UnknownRate(LookupError):
    """The statutory rate for a half-year is not in the table."""

    def __init__(self, half_year_start: date) -> None:
        self.half_year_start = half_year_start
        super().__init__(
            f"no statutory late-payment rate for {half_year_name(half_year_start)} "
            f"(from {half_year_start.isoformat()}); add it from the BOE resolution of the "
            "Secretaría General del Tesoro y Financiación Internacional"
        )


class InvalidInterestInput(ValueError):
    """Amount or dates that cannot be used to compute late-payment interest."""


@dataclass(frozen=True, slots=True)
class InterestPeriod:
    start: date  # first day of accrual in this piece (inclusive)
    end: date  # last day of accrual in this piece (inclusive)
    days: int
    rate: Decimal  # percent per year
    interest: Decimal  # rounded to cents


@dataclass(frozen=True, slots=True)
class InterestBreakdown:
    amount: Decimal
    due_on: date
    until: date
    periods: tuple[InterestPeriod, ...]
    total: Decimal


@dataclass(frozen=True, slots=True)
class Claim:
    principal: Decimal
    interest: Decimal
    compensation: Decimal
    total: Decimal
    breakdown: InterestBreakdown


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_name(day: date) -> str:
    """ "H1 2026" / "H2 2026": the half-year a day falls in, as the docs and messages name it."""
    return f"H{1 if day.month <= 6 else 2} {day.year}"


def half_year_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def rate_for(day: date, table: RateTable = STATUTORY_RATES) -> Decimal:
    """The statutory rate (percent) in force on ``day``: the one of its half-year."""
    start = half_year_start(day)
    for valid_from, rate in table:
        if valid_from == start:
            return rate
    raise UnknownRate(start)


def late_interest(
    amount: Decimal, due_on: date, until: date, table: RateTable = STATUTORY_RATES
) -> InterestBreakdown:
    """Statutory late-payment interest on ``amount`` due on ``due_on``, accrued through ``until``.

    Zero (no periods) when ``until`` is not after ``due_on``.
    """
    _check_amount(amount)
    periods: list[InterestPeriod] = []
    start = due_on + timedelta(days=1)
    while start <= until:
        end = min(half_year_end(start), until)
        rate = rate_for(start, table)
        days = (end - start).days + 1
        interest = (amount * rate * days / (100 * DAY_COUNT_BASIS)).quantize(CENT, ROUND_HALF_UP)
        periods.append(InterestPeriod(start, end, days, rate, interest))
        start = end + timedelta(days=1)
    total = sum((p.interest for p in periods), Decimal("0.00"))
    return InterestBreakdown(amount, due_on, until, tuple(periods), total)


def claim(
    invoice_amount_due: Decimal, due_on: date, until: date, table: RateTable = STATUTORY_RATES
) -> Claim:
    """What can be claimed for one unpaid invoice on ``until``: principal, interest and the
    40 EUR compensation (the compensation only once the invoice is late)."""
    breakdown = late_interest(invoice_amount_due, due_on, until, table)
    compensation = COLLECTION_COSTS_COMPENSATION if until > due_on else Decimal("0.00")
    principal = invoice_amount_due.quantize(CENT)
    total = principal + breakdown.total + compensation
    return Claim(principal, breakdown.total, compensation, total, breakdown)


def _check_amount(amount: Decimal) -> None:
    if not isinstance(amount, Decimal):
        raise InvalidInterestInput(f"amount must be a Decimal, got {type(amount).__name__}")
    if not amount.is_finite() or amount <= 0:
        raise InvalidInterestInput(f"amount must be a positive number of euros, got {amount}")
    if amount != amount.quantize(CENT):
        raise InvalidInterestInput(f"amount must have at most 2 decimals, got {amount}")
