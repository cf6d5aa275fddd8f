"""Who goes in the return of a year and with what (domain/modelo347.counterparties), from the
rows the service reads: the threshold, the year's cash, cash for an earlier year's operations
(art. 35.5 RD 1065/2007), rents of urban property, and a tenant that files through SII."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cartera_analytics.domain import modelo347

YEAR = 2025
A, B, C = "B12345674", "A58818501", "B87654321"


def d(value: str) -> Decimal:
    return Decimal(value)


def listed(items: list[dict]) -> list[tuple[str, str]]:
    return [(i["tax_id"], i["total"]) for i in items]


def test_only_counterparties_above_the_threshold_are_declared_largest_first():
    quarters = [
        (A, "Alfa SL", 1, d("2000.00")),
        (A, "Alfa SL", 3, d("1005.07")),  # 3,005.07: one cent above
        (B, "Beta SA", 2, d("3005.06")),  # exactly the threshold: not above it
        (C, "Gamma SL", 4, d("9000.00")),
    ]
    items = modelo347.counterparties(YEAR, False, quarters, [], [])
    assert listed(items) == [(C, "9000.00"), (A, "3005.07")]
    assert items[1]["quarters"] == {"Q1": "2000.00", "Q2": "0.00", "Q3": "1005.07", "Q4": "0.00"}
    assert items[1]["cash_received"] is None
    assert items[1]["cash_received_earlier_years"] == []


def test_cash_of_the_year_above_six_thousand_is_reported_with_the_year():
    quarters = [(A, "Alfa SL", 1, d("7260.00"))]
    cash = [(A, "Alfa SL", YEAR, YEAR, d("6000.01"))]
    [item] = modelo347.counterparties(YEAR, False, quarters, cash, [])
    assert (item["cash_received"], item["cash_operation_year"]) == ("6000.01", YEAR)
    not_above = [(A, "Alfa SL", YEAR, YEAR, d("6000.00"))]
    [item] = modelo347.counterparties(YEAR, False, quarters, not_above, [])
    assert (item["cash_received"], item["cash_operation_year"]) == (None, None)


def test_cash_for_an_earlier_years_operations_brings_in_a_counterparty_below_the_threshold():
    # Nothing sold to B this year; 4,000 in cash last year and 3,000 this year for last year's
    # operations: above 6,000 this year, reported with last year's date.
    cash = [
        (B, "Beta SA", YEAR - 1, YEAR - 1, d("4000.00")),
        (B, "Beta SA", YEAR - 1, YEAR, d("3000.00")),
    ]
    [item] = modelo347.counterparties(YEAR, False, [], cash, [])
    assert (item["tax_id"], item["name"], item["total"]) == (B, "Beta SA", "0.00")
    assert item["cash_received"] is None
    assert item["cash_received_earlier_years"] == [
        {"operation_year": YEAR - 1, "amount": "7000.00"}
    ]


def test_rents_are_listed_apart_by_cadastral_reference_on_their_counterparty():
    quarters = [(A, "Alfa SL", 2, d("3630.00")), (A, "Alfa SL", 3, d("3630.00"))]
    rents = [
        (A, "9872023VH5797S0001WX", d("3630.00")),
        (A, "9872023VH5797S0001WX", d("3630.00")),
        (B, "1234567AB1234C0001DE", d("5000.00")),  # B is not declared: its rent is not listed
    ]
    [item] = modelo347.counterparties(YEAR, False, quarters, [], rents)
    assert item["rents"] == [{"cadastral_reference": "9872023VH5797S0001WX", "amount": "7260.00"}]


def test_a_tenant_that_files_through_sii_declares_nothing():
    quarters = [(A, "Alfa SL", 1, d("9000.00"))]
    cash = [(A, "Alfa SL", YEAR, YEAR, d("9000.00"))]
    assert modelo347.counterparties(YEAR, True, quarters, cash, []) == []
    assert modelo347.note(True) == "The tenant files through SII: it does not file Modelo 347."
    assert modelo347.note(False).startswith("Sales only")


def test_a_year_that_has_not_begun_is_told_apart_from_the_current_one():
    today = dt.date(2026, 12, 31)
    assert not modelo347.year_not_begun(2026, today)
    assert not modelo347.year_not_begun(2000, today)
    assert modelo347.year_not_begun(2027, today)
    assert modelo347.m347_threshold(2026) == Decimal("3005.06")
