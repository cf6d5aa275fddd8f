"""Parsers of every accounting export format, written apart from the writers (from the layouts
in docs/accounting-export.md), so a test reads a file back as an accounting program would and
compares its totals with Cartera's."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ReadLine:
    entry: int
    date: dt.date
    account: str
    debit: Decimal
    credit: Decimal
    document: str


@dataclass
class Journal:
    lines: list[ReadLine] = field(default_factory=list)

    def by_entry(self) -> dict[int, list[ReadLine]]:
        out: dict[int, list[ReadLine]] = defaultdict(list)
        for ln in self.lines:
            out[ln.entry].append(ln)
        return out

    def balance(self, prefix: str) -> tuple[Decimal, Decimal]:
        """(debits, credits) of the accounts starting with `prefix`."""
        chosen = [ln for ln in self.lines if ln.account.startswith(prefix)]
        return (
            sum((ln.debit for ln in chosen), Decimal(0)),
            sum((ln.credit for ln in chosen), Decimal(0)),
        )

    def account(self, account: str) -> tuple[Decimal, Decimal]:
        chosen = [ln for ln in self.lines if ln.account == account]
        return (
            sum((ln.debit for ln in chosen), Decimal(0)),
            sum((ln.credit for ln in chosen), Decimal(0)),
        )


def read_csv(data: bytes) -> Journal:
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert list(rows[0]) == [
        "entry",
        "date",
        "kind",
        "account",
        "description",
        "document",
        "debit",
        "credit",
    ]
    return Journal(
        [
            ReadLine(
                int(r["entry"]),
                dt.date.fromisoformat(r["date"]),
                r["account"],
                Decimal(r["debit"]),
                Decimal(r["credit"]),
                r["document"],
            )
            for r in rows
        ]
    )


def read_xlsx(data: bytes) -> Journal:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True)["Diario"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("entry", "date", "kind", "account")
    out = Journal()
    for r in rows[1:]:
        day = r[1].date() if isinstance(r[1], dt.datetime) else r[1]
        out.lines.append(
            ReadLine(
                int(r[0]),
                day,
                str(r[3]),
                Decimal(str(r[6])).quantize(Decimal("0.01")),
                Decimal(str(r[7])).quantize(Decimal("0.01")),
                str(r[5]),
            )
        )
    return out


def read_sage(data: bytes) -> Journal:
    text = data.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Asiento", "Fecha", "Cuenta", "Concepto", "Documento", "Debe", "Haber"]
    return Journal(
        [
            ReadLine(
                int(r[0]),
                dt.datetime.strptime(r[1], "%d/%m/%Y").date(),
                r[2],
                Decimal(r[5].replace(",", ".")),
                Decimal(r[6].replace(",", ".")),
                r[4],
            )
            for r in rows[1:]
        ]
    )


def _records(data: bytes, width: int) -> list[str]:
    assert data.endswith(b"\r\n")
    records = data.decode("cp1252").split("\r\n")[:-1]
    assert all(len(r) == width for r in records), {len(r) for r in records}
    return records


# ContaPlus XDiario: start (0-based) and width of the fields read back.
XDIARIO_AT = {
    "ASIEN": (0, 6),
    "FECHA": (6, 8),
    "SUBCTA": (14, 12),
    "DOCUMENTO": (129, 10),
    "MONEDAUSO": (237, 1),
}
XDIARIO_WIDTH = 297
EURO_AT = {"EURODEBE": (238, 16), "EUROHABER": (254, 16)}


def _field(record: str, at: tuple[int, int]) -> str:
    start, width = at
    return record[start : start + width]


def read_contaplus(data: bytes) -> Journal:
    out = Journal()
    for r in _records(data, XDIARIO_WIDTH):
        assert _field(r, XDIARIO_AT["MONEDAUSO"]) == "2"  # euros
        out.lines.append(
            ReadLine(
                int(_field(r, XDIARIO_AT["ASIEN"])),
                dt.datetime.strptime(_field(r, XDIARIO_AT["FECHA"]), "%Y%m%d").date(),
                _field(r, XDIARIO_AT["SUBCTA"]).strip(),
                Decimal(_field(r, EURO_AT["EURODEBE"])),
                Decimal(_field(r, EURO_AT["EUROHABER"])),
                _field(r, XDIARIO_AT["DOCUMENTO"]).strip(),
            )
        )
    return out


def read_a3(data: bytes) -> Journal:
    out = Journal()
    for r in _records(data, 254):
        side, amount = r[56], Decimal(r[67:81])
        out.lines.append(
            ReadLine(
                int(r[81:87]),
                dt.datetime.strptime(r[5:13], "%Y%m%d").date(),
                r[14:26].strip(),
                amount if side == "D" else Decimal("0.00"),
                amount if side == "H" else Decimal("0.00"),
                r[57:67].strip(),
            )
        )
    return out


READERS = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "sage": read_sage,
    "contaplus": read_contaplus,
    "a3": read_a3,
}
