"""Rounding of money and ratios, in one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
RATIO_PLACES = Decimal("0.0001")  # shares, ratios and HHI: four decimal places (0.01 %)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(value: Decimal) -> Decimal:
    return value.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal) -> str:
    return str(cents(value))


def fmt_ratio(value: Decimal | None) -> str | None:
    return None if value is None else str(ratio(value))
