"""Modelo 347 cash: amounts received in cash above 6,000 EUR per counterparty (RD 1065/2007 art.
34.1.h), and cash that could not go in the return of its operations' year goes in the return of
the year it came in or went over, with the operations' year (art. 35.5)."""

from decimal import Decimal

from cartera_analytics.domain import modelo347

D = Decimal
A, B = "B12345674", "A58818501"


def reported(rows, year):
    return [(c.tax_id, c.operation_year, c.amount) for c in modelo347.m347_cash(rows, year)]


def test_cash_above_six_thousand_in_the_year_of_the_operations_is_reported():
    rows = [(A, "Alfa", 2026, 2026, D("4000.00")), (A, "Alfa", 2026, 2026, D("2000.01"))]
    assert reported(rows, 2026) == [(A, 2026, D("6000.01"))]


def test_exactly_six_thousand_is_not_above_it():
    assert reported([(A, "Alfa", 2026, 2026, D("6000.00"))], 2026) == []


def test_cash_that_came_in_the_next_year_is_reported_then_with_the_operations_year():
    rows = [(A, "Alfa", 2025, 2026, D("7000.00"))]
    assert reported(rows, 2025) == []
    assert reported(rows, 2026) == [(A, 2025, D("7000.00"))]


def test_cash_that_went_over_the_threshold_in_a_later_year_is_reported_in_full_then():
    # 5,000 in 2025 (not above 6,000: nothing in the 2025 return); 2,000 more in 2026 for
    # the same 2025 operations: the 7,000 go in the 2026 return, with year 2025.
    rows = [(A, "Alfa", 2025, 2025, D("5000.00")), (A, "Alfa", 2025, 2026, D("2000.00"))]
    assert reported(rows, 2025) == []
    assert reported(rows, 2026) == [(A, 2025, D("7000.00"))]


def test_after_a_return_reported_it_only_what_came_in_later_is_reported():
    rows = [(A, "Alfa", 2025, 2025, D("6500.00")), (A, "Alfa", 2025, 2026, D("300.00"))]
    assert reported(rows, 2025) == [(A, 2025, D("6500.00"))]
    assert reported(rows, 2026) == [(A, 2025, D("300.00"))]
    assert reported(rows, 2027) == []  # nothing came in during 2027


def test_each_counterparty_and_year_of_operations_is_counted_apart():
    rows = [
        (A, "Alfa", 2026, 2026, D("4000.00")),
        (A, "Alfa", 2025, 2026, D("4000.00")),  # 8,000 from A in 2026, but split by year
        (B, "Beta", 2026, 2026, D("9000.00")),
    ]
    assert reported(rows, 2026) == [(B, 2026, D("9000.00"))]


def test_cash_received_after_the_year_asked_for_is_not_counted():
    assert reported([(A, "Alfa", 2026, 2027, D("9000.00"))], 2026) == []


def test_rents_are_summed_by_counterparty_and_reference_and_zeroes_drop():
    rents = modelo347.m347_rents(
        [
            (A, "9872023VH5797S0001WX", D("1210.00")),
            (A, "9872023VH5797S0001WX", D("1210.00")),
            (A, "1111111AA1111A0001AB", D("500.00")),
            (A, "1111111AA1111A0001AB", D("-500.00")),
        ]
    )
    assert rents == {A: [("9872023VH5797S0001WX", D("2420.00"))]}
