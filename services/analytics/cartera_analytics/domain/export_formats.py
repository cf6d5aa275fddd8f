"""The accounting export's file formats: each writes journal entries to a binary file.

What each layout rests on is in docs/accounting-export.md. In short: the plain CSV and XLSX
journals are Cartera's own; for A3 (SUENLACE.DAT), ContaPlus (XDiario) and Sage 50 / Contasol no
vendor layout document was available when this was written, so those files follow the
structure the programs' public help pages and integrators describe (fixed-width records in
Windows-1252 with CRLF for A3 and ContaPlus, a semicolon journal for Sage / Contasol), with
positions that are Cartera's and are listed in the docs. A gestoría should try one import
before relying on them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Protocol

from cartera_analytics.domain.journal import Entry

FORMATS = ("a3", "contaplus", "sage", "csv", "xlsx")


class Writer(Protocol):
    def write(self, entry: Entry) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class FileKind:
    media_type: str
    filename: Callable[[str, str], str]  # (from, to) -> file name
    writer: Callable[[IO[bytes]], Writer]


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


# ------------------------------------------------------------------ plain CSV journal

CSV_HEADER = ("entry", "date", "kind", "account", "description", "document", "debit", "credit")


class CsvWriter:
    """UTF-8 (with BOM, so spreadsheets read the accents), RFC 4180, one row per line."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.out.write("\ufeff".encode())
        self._row(CSV_HEADER)

    def _row(self, values: tuple[Any, ...]) -> None:
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerow(values)
        self.out.write(text.getvalue().encode("utf-8"))

    def write(self, entry: Entry) -> None:
        for ln in entry.lines:
            self._row(
                (
                    entry.number,
                    entry.date.isoformat(),
                    entry.kind,
                    ln.account,
                    entry.description,
                    entry.document,
                    _money(ln.debit),
                    _money(ln.credit),
                )
            )

    def finish(self) -> None:
        pass


# ------------------------------------------------------------------ XLSX journal


class XlsxWriter:
    """The CSV's columns in one sheet, amounts as numbers and dates as dates; openpyxl's
    write-only workbook keeps only the current row in memory."""

    def __init__(self, out: IO[bytes]) -> None:
        from openpyxl import Workbook  # imported here: only this format needs it

        self.out = out
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("Diario")
        self.sheet.append(list(CSV_HEADER))

    def write(self, entry: Entry) -> None:
        for ln in entry.lines:
            self.sheet.append(
                [
                    entry.number,
                    entry.date,
                    entry.kind,
                    ln.account,
                    entry.description,
                    entry.document,
                    ln.debit,
                    ln.credit,
                ]
            )

    def finish(self) -> None:
        self.book.save(self.out)


# ------------------------------------------------------------------ Sage 50 / Contasol


class SageWriter:
    """A semicolon-separated journal in Windows-1252: Asiento;Fecha;Cuenta;Concepto;Documento;
    Debe;Haber, dates dd/mm/yyyy and decimal commas (the Spanish spreadsheet conventions these
    programs' journal imports use)."""

    HEADER = ("Asiento", "Fecha", "Cuenta", "Concepto", "Documento", "Debe", "Haber")

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._row(self.HEADER)

    def _row(self, values: tuple[Any, ...]) -> None:
        text = io.StringIO()
        csv.writer(text, delimiter=";", lineterminator="\r\n").writerow(values)
        self.out.write(text.getvalue().encode("cp1252", errors="replace"))

    def write(self, entry: Entry) -> None:
        for ln in entry.lines:
            self._row(
                (
                    entry.number,
                    entry.date.strftime("%d/%m/%Y"),
                    ln.account,
                    entry.description[:40],
                    entry.document[:20],
                    _money(ln.debit).replace(".", ","),
                    _money(ln.credit).replace(".", ","),
                )
            )

    def finish(self) -> None:
        pass


# ------------------------------------------------------------------ fixed-width records


def _text(value: str, width: int) -> str:
    return value.encode("cp1252", errors="replace").decode("cp1252")[:width].ljust(width)


def _number(value: Decimal | int, width: int, places: int = 2) -> str:
    text = f"{value:.{places}f}" if places else str(int(value))
    if len(text) > width:
        raise ValueError(f"{value} does not fit in {width} characters")
    return text.rjust(width)


# ContaPlus XDiario, one record per line of an entry: (field, width, kind). Fields and widths of
# the XDiario table as ContaPlus's integrators describe it (docs/accounting-export.md); the
# peseta fields are written as zero and the euro ones carry the amounts.
XDIARIO: tuple[tuple[str, int, str], ...] = (
    ("ASIEN", 6, "int"),
    ("FECHA", 8, "date"),
    ("SUBCTA", 12, "text"),
    ("CONTRA", 12, "text"),
    ("PTADEBE", 16, "money"),
    ("CONCEPTO", 25, "text"),
    ("PTAHABER", 16, "money"),
    ("FACTURA", 8, "int"),
    ("BASEIMPO", 16, "money"),
    ("IVA", 5, "money"),
    ("RECEQUIV", 5, "money"),
    ("DOCUMENTO", 10, "text"),
    ("DEPARTA", 3, "text"),
    ("CLAVE", 6, "text"),
    ("ESTADO", 1, "text"),
    ("NCASADO", 6, "int"),
    ("TCASADO", 1, "int"),
    ("TRANS", 6, "int"),
    ("CAMBIO", 16, "rate"),
    ("DEBEME", 16, "money"),
    ("HABERME", 16, "money"),
    ("AUXILIAR", 1, "text"),
    ("SERIE", 1, "text"),
    ("SUCURSAL", 4, "text"),
    ("CODDIVISA", 5, "text"),
    ("IMPAUXME", 16, "money"),
    ("MONEDAUSO", 1, "text"),
    ("EURODEBE", 16, "money"),
    ("EUROHABER", 16, "money"),
    ("BASEEURO", 16, "money"),
    ("NOCONV", 1, "text"),
    ("NUMEROINV", 10, "text"),
)
XDIARIO_WIDTH = sum(w for _, w, _ in XDIARIO)


def fixed_record(layout: tuple[tuple[str, int, str], ...], values: dict[str, Any]) -> str:
    parts = []
    for name, width, kind in layout:
        value = values.get(name)
        if kind == "text":
            parts.append(_text(str(value or ""), width))
        elif kind == "date":
            parts.append(value.strftime("%Y%m%d") if value else " " * width)
        elif kind == "int":
            parts.append(_number(int(value or 0), width, 0))
        elif kind == "rate":
            parts.append(_number(Decimal(value or 0), width, 6))
        else:
            parts.append(_number(Decimal(value or 0), width))
    return "".join(parts)


class ContaplusWriter:
    """XDiario.txt: fixed-width records, Windows-1252, CRLF; amounts in the euro fields
    (MONEDAUSO 2: euros). The counterpart (CONTRA) of each line is the entry's client account,
    or the 430's counterpart, as ContaPlus asks of 477 lines."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, entry: Entry) -> None:
        first = entry.lines[0].account
        for ln in entry.lines:
            contra = entry.lines[1].account if ln.account == first else first
            record = fixed_record(
                XDIARIO,
                {
                    "ASIEN": entry.number,
                    "FECHA": entry.date,
                    "SUBCTA": ln.account,
                    "CONTRA": contra,
                    "CONCEPTO": entry.description,
                    "DOCUMENTO": entry.document[-10:],
                    "MONEDAUSO": "2",
                    "EURODEBE": ln.debit,
                    "EUROHABER": ln.credit,
                    "NOCONV": "F",
                },
            )
            self.out.write((record + "\r\n").encode("cp1252"))

    def finish(self) -> None:
        pass


# A3 SUENLACE.DAT: one 254-character record per line of an entry. Positions are Cartera's (the
# vendor's layout document was not available: docs/accounting-export.md).
SUENLACE: tuple[tuple[str, int, str], ...] = (
    ("EMPRESA", 5, "text"),  # A3's company code, from the mapping's default "00001"
    ("FECHA", 8, "date"),
    ("TIPO", 1, "text"),  # "0": a journal line ("apunte")
    ("CUENTA", 12, "text"),
    ("DESCRIPCION", 30, "text"),
    ("DH", 1, "text"),  # D (debe) or H (haber)
    ("DOCUMENTO", 10, "text"),
    ("IMPORTE", 14, "money"),
    ("ASIENTO", 6, "int"),
)
SUENLACE_WIDTH = 254


class A3Writer:
    def __init__(self, out: IO[bytes], company: str = "00001") -> None:
        self.out = out
        self.company = company

    def write(self, entry: Entry) -> None:
        for ln in entry.lines:
            side, amount = ("D", ln.debit) if ln.debit != 0 else ("H", ln.credit)
            record = fixed_record(
                SUENLACE,
                {
                    "EMPRESA": self.company,
                    "FECHA": entry.date,
                    "TIPO": "0",
                    "CUENTA": ln.account,
                    "DESCRIPCION": entry.description,
                    "DH": side,
                    "DOCUMENTO": entry.document[-10:],
                    "IMPORTE": amount,
                    "ASIENTO": entry.number,
                },
            ).ljust(SUENLACE_WIDTH)
            self.out.write((record + "\r\n").encode("cp1252"))

    def finish(self) -> None:
        pass


KINDS: dict[str, FileKind] = {
    "csv": FileKind("text/csv; charset=utf-8", lambda a, b: f"diario-{a}-{b}.csv", CsvWriter),
    "xlsx": FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda a, b: f"diario-{a}-{b}.xlsx",
        XlsxWriter,
    ),
    "sage": FileKind(
        "text/csv; charset=windows-1252", lambda a, b: f"diario-sage-{a}-{b}.csv", SageWriter
    ),
    "contaplus": FileKind(
        "text/plain; charset=windows-1252", lambda a, b: "XDiario.txt", ContaplusWriter
    ),
    "a3": FileKind("application/octet-stream", lambda a, b: "SUENLACE.DAT", A3Writer),
}
