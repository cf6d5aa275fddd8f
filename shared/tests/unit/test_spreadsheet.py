"""Cells a spreadsheet would run as formulas are neutralised; numbers and plain text are not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartera_shared.spreadsheet import neutralised, neutralised_row, original

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1",
    "\r=1",
    "\n=1",
    "   =1+1",
    "\u00a0=1+1",
    "\uff1dSUM(1)",  # full-width equals sign
    "=",
    "-",
    "+34 600 000 000",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_quote(text):
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        "Talleres Aranda S.L.",
        "María-José Pérez",
        "a=b",
        "x@example.es",
        "O'Neill",
        "'quoted",
        "",
        " ",
        "B12345674",
        "ES9121000418450200051332",
    ],
)
def test_other_text_is_left_alone(text):
    assert neutralised(text) == text


@pytest.mark.parametrize("number", ["-12.50", "+7", "12", "-0,5", "-.5", "1e5", "-3E-2"])
def test_numbers_written_as_text_stay_numbers(number):
    assert neutralised(number) == number


@pytest.mark.parametrize("value", [None, 0, -12, Decimal("-12.50"), 3.5, True])
def test_values_that_are_not_text_pass_through(value):
    assert neutralised(value) is value


def test_a_row_is_neutralised_cell_by_cell():
    assert neutralised_row(["=1", -3, None, "-12.50", "ok"]) == ["'=1", -3, None, "-12.50", "ok"]


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "Plain S.L.", "'", "'=1", "''=1", "'-2+3", "'plain", "-12.50", "'-12.50", ""],
)
def test_original_undoes_exactly_what_neutralised_added(text):
    assert original(neutralised(text)) == text
    # Whatever an import reads back is itself safe to export again.
    assert neutralised(original(neutralised(text))) == neutralised(text)


def test_a_name_that_begins_with_a_quote_keeps_it_through_a_round_trip():
    assert neutralised("'=1") == "''=1"
    assert original("''=1") == "'=1"
    assert original("'plain") == "'plain"
