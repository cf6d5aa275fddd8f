"""The one column layout of the client import and export: a CSV row to the client fields it sets,
a client to the cells of its row, and the CSV reader that checks a whole file row by row without
holding it. No database here."""

from __future__ import annotations

import csv
import io
from collections.abc import Generator, Iterable, Iterator
from typing import Any, BinaryIO

from cartera_shared.problems import PayloadTooLarge, UnprocessableEntity
from cartera_shared.spreadsheet import neutralised_row, original
from cartera_shared.text import forbidden_character

COLUMNS = [
    "legal_name", "trade_name", "kind", "tax_id", "country",
    "street", "postal_code", "city", "province",
    "email", "phone", "iban", "bic",
    "payment_days", "instalments", "interval_days", "fixed_day",
    "vat_regime", "equivalence_surcharge", "irpf_retention", "exemption_reason",
    "tags", "notes", "id", "version", "status",
]  # fmt: skip
REQUIRED_COLUMNS = ("legal_name", "kind", "tax_id")
IGNORED_ON_IMPORT = frozenset({"id", "version", "status"})
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
# A row of the layout is a few kilobytes at most (notes: 5,000 characters).
MAX_RECORD_CHARS = 256 * 1024
TRUE_WORDS = frozenset({"true", "1", "yes", "si", "sí", "x"})
FALSE_WORDS = frozenset({"false", "0", "no", ""})


class RowError(ValueError):
    """A cell that cannot be read; the message names the column."""


def _bool(column: str, value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f"{column}: {value!r} is not yes/no (true/false, sí/no, 1/0)")


def _int(column: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError as exc:
        raise RowError(f"{column}: {value!r} is not a whole number") from exc


def row_to_fields(row: dict[str, str]) -> dict[str, Any]:
    """The client fields a CSV row sets (empty cells set nothing)."""
    # `original`: a value our export protected with a leading quote is read back as it was.
    cell = {
        k: original(v or "").strip()
        for k, v in row.items()
        if k in COLUMNS and k not in IGNORED_ON_IMPORT
    }
    present = {k: v for k, v in cell.items() if v}
    for column, value in present.items():
        # Refused here, before a cell reaches a query: PostgreSQL rejects a NUL in a parameter.
        if character := forbidden_character(value):
            raise RowError(f"{column}: the cell contains the control character {character}")
    fields: dict[str, Any] = {
        k: present[k]
        for k in (
            "legal_name",
            "trade_name",
            "kind",
            "tax_id",
            "country",
            "email",
            "phone",
            "notes",
        )
        if k in present
    }
    if "country" in fields:
        fields["country"] = fields["country"].upper()
    if any(k in present for k in ("street", "postal_code", "city", "province")):
        fields["fiscal_address"] = {
            k: present.get(k) for k in ("street", "postal_code", "city", "province")
        }
    if "iban" in present:
        fields["bank_accounts"] = [{"iban": present["iban"], "bic": present.get("bic")}]
    terms = {
        name: _int(column, present[column])
        for column, name in (
            ("payment_days", "days"),
            ("instalments", "instalments"),
            ("interval_days", "interval_days"),
            ("fixed_day", "fixed_day"),
        )
        if column in present
    }
    if terms:
        fields["payment_terms"] = terms
    treatment: dict[str, Any] = {}
    if "vat_regime" in present:
        treatment["vat_regime"] = present["vat_regime"]
    for column in ("equivalence_surcharge", "irpf_retention"):
        if column in present:
            treatment[column] = _bool(column, present[column])
    if "exemption_reason" in present:
        treatment["exemption_reason"] = present["exemption_reason"]
    if treatment:
        fields["tax_treatment"] = treatment
    if "tags" in present:
        fields["tags"] = [
            t.strip() for t in present["tags"].replace(",", "|").split("|") if t.strip()
        ]
    return fields


def client_to_row(state: dict[str, Any]) -> list[Any]:
    address = state.get("fiscal_address") or {}
    accounts: list[dict[str, Any]] = state.get("bank_accounts") or []
    account: dict[str, Any] = next((a for a in accounts if a.get("is_default")), {})
    terms = state.get("payment_terms") or {}
    treatment = state.get("tax_treatment") or {}
    values = {
        **{k: state.get(k) for k in ("legal_name", "trade_name", "kind", "tax_id", "country",
                                     "email", "phone", "notes", "id", "version", "status")},
        **{k: address.get(k) for k in ("street", "postal_code", "city", "province")},
        "iban": account.get("iban"),
        "bic": account.get("bic"),
        "payment_days": terms.get("days"),
        "instalments": terms.get("instalments"),
        "interval_days": terms.get("interval_days"),
        "fixed_day": terms.get("fixed_day"),
        "vat_regime": treatment.get("vat_regime"),
        "equivalence_surcharge": _yes_no(treatment.get("equivalence_surcharge")),
        "irpf_retention": _yes_no(treatment.get("irpf_retention")),
        "exemption_reason": treatment.get("exemption_reason"),
        "tags": "|".join(state.get("tags") or []),
    }  # fmt: skip
    return ["" if values[c] is None else values[c] for c in COLUMNS]


def _yes_no(value: Any) -> str | None:
    return None if value is None else ("yes" if value else "no")


class _RecordBudget:
    """Characters read for the record being parsed: `csv` builds a whole record before it
    returns it, so a line of twenty million commas would become a list of twenty million cells."""

    def __init__(self) -> None:
        self.used = 0


def _lines(text: io.TextIOBase, budget: _RecordBudget) -> Iterator[str]:
    while line := text.readline(MAX_RECORD_CHARS + 1):
        budget.used += len(line)
        if budget.used > MAX_RECORD_CHARS:
            raise _RecordTooLong
        yield line


class _RecordTooLong(Exception):
    pass


def _delimiter(spool: BinaryIO) -> str:
    spool.seek(0)
    first_line = spool.readline(MAX_RECORD_CHARS)
    spool.seek(0)
    return ";" if first_line.count(b";") > first_line.count(b",") else ","


def csv_records(spool: BinaryIO) -> Generator[tuple[int, dict[str, str]], None, None]:
    """(line, row) for each row of a spooled CSV file (UTF-8, comma or semicolon separated, with
    a header row), read one at a time; rows of blank cells are skipped. `line` counts the header
    as line 1 and then the rows given. Raises the problem the whole file would get."""
    delimiter = _delimiter(spool)
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    budget = _RecordBudget()
    reader = csv.reader(_lines(text, budget), delimiter=delimiter, strict=True)
    try:
        try:
            header = [h.strip() for h in next(reader, None) or []]
            budget.used = 0
            if not any(header) and not _any_cell(reader, budget):
                raise UnprocessableEntity("The file is empty.")
            _check_header(header)
            line = 1
            for row in reader:
                budget.used = 0
                # As before streaming: a row whose cells under the header are blank is skipped.
                if not _any_cell([row[: len(header)]], budget):
                    continue
                line += 1
                if len(row) > len(header):
                    raise UnprocessableEntity(f"Line {line} has more cells than the header row.")
                yield line, dict(zip(header, row, strict=False))
        except UnicodeDecodeError as exc:
            raise UnprocessableEntity(
                "The file is not UTF-8 text; save it as 'CSV UTF-8'."
            ) from exc
        except csv.Error as exc:
            # The csv module's own words name its internals; these say what to fix.
            raise UnprocessableEntity(
                f"The CSV cannot be read at line {reader.line_num}: check that every quoted "
                'cell ends with a quote, that quotes inside a cell are doubled (""), and that '
                f"no cell is longer than {csv.field_size_limit()} characters."
            ) from exc
        except _RecordTooLong as exc:
            raise UnprocessableEntity(
                f"The CSV cannot be read at line {reader.line_num + 1}: a row is longer than "
                f"{MAX_RECORD_CHARS} characters, far more than a row of the import layout."
            ) from exc
    finally:
        # The caller's file stays open: the job reads it again.
        text.detach()


def _any_cell(rows: Iterable[list[str]], budget: _RecordBudget) -> bool:
    for row in rows:
        budget.used = 0
        if any(cell.strip() for cell in row):
            return True
    return False


def _check_header(header: list[str]) -> None:
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or unknown:
        raise UnprocessableEntity(
            "The header row does not match the import layout.",
            missing_columns=missing,
            unknown_columns=unknown,
            expected_columns=COLUMNS,
        )


def count_rows(spool: BinaryIO) -> int:
    """The file's rows, every one read and checked the way the job will read it."""
    rows = 0
    for _ in csv_records(spool):
        rows += 1
        if rows > MAX_IMPORT_ROWS:
            raise PayloadTooLarge(f"At most {MAX_IMPORT_ROWS} rows per import; split the file.")
    return rows


def csv_line(values: Iterable[Any]) -> bytes:
    buffer = io.StringIO()
    # Every text field quoted (numbers stay bare numbers): a separator inside a value cannot
    # start a new cell in a spreadsheet that splits on another character.
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerow(neutralised_row(values))
    return buffer.getvalue().encode()


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells of one row: text always as a string cell. openpyxl would otherwise store text that
    begins with `=` as a formula and `#REF!` and the like as error cells."""
    # Imported on use: openpyxl is about 14 MiB of a clients process, for exports alone.
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in neutralised_row(values):
        text = isinstance(value, str)
        cell = WriteOnlyCell(sheet, None if text and not value else value)
        if text and value:
            cell.data_type = "s"
        cells.append(cell)
    return cells
