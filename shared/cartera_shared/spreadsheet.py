"""Text that goes into a CSV or spreadsheet file a person will open.

Excel, LibreOffice Calc and Google Sheets read a cell that begins with `=`, `+`, `-` or `@`
(or with a tab or carriage return before one) as a formula. A client named
`=HYPERLINK("http://evil","x")` would become a live link, and `+cmd|' /C calc'!A0` a DDE
command, in the spreadsheet of whoever opens the export: the tenant's own accountant. OWASP's
"CSV Injection" advice is followed: such a cell gets a leading single quote, which spreadsheets
take as "this is text" (`neutralised`); exports also quote every text field, so a separator
inside a value (a `;` when a Spanish Excel splits on semicolons) cannot start a new cell.

Plain numbers are left alone, even with a sign (`-12.50` is an amount, not a formula), and
values that are not text (int, Decimal, None) pass through: they cannot carry a formula.

An import reads its own exports back: `original` undoes exactly what `neutralised` added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# The full-width forms are on the list because East Asian editions of Excel turn them into their
# ASCII forms when a cell is entered.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_LEADING_BLANKS = " \t\r\n\u00a0\u3000"


def starts_like_a_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (a plain number is not one)."""
    if not text:
        return False
    # A cell of blanks followed by `=` is still a formula to some spreadsheets.
    first = text[0] if text[0] in FORMULA_STARTS else text.lstrip(_LEADING_BLANKS)[:1]
    return first in FORMULA_STARTS and _PLAIN_NUMBER.fullmatch(text) is None


def _quoted(text: str) -> bool:
    # Quotes already in front of a formula get one more, so that `original` can tell the one it
    # must remove from a name that really begins with a quote.
    return starts_like_a_formula(text.lstrip(QUOTE))


def neutralised(value: Any) -> Any:
    """`value` as a cell: text a spreadsheet would evaluate gets a leading `'`; anything else,
    numbers written as text included, is returned unchanged."""
    if isinstance(value, str) and _quoted(value):
        return QUOTE + value
    return value


def neutralised_row(values: Iterable[Any]) -> list[Any]:
    return [neutralised(v) for v in values]


def original(text: str) -> str:
    """The value `neutralised` was given: its quote removed when it added one."""
    if text.startswith(QUOTE) and _quoted(text):
        return text[1:]
    return text
