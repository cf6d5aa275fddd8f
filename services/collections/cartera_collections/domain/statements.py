"""Bank statements (AEB Norma 43 and ISO 20022 camt.053) and proposed matches with receivables.

A pure module: it reads bytes and returns values, and it never touches the network, the file
system or a database. Both readers produce the same model (:class:`Statement` with
:class:`StatementLine` items, amounts signed from the account holder's point of view: credits
and income positive, debits and charges negative), and :func:`propose_matches` proposes, for a
human to confirm, which incoming payment settles which open receivable.

Anything malformed is refused with :class:`InvalidStatement`; nothing is guessed or repaired.

AEB Norma 43 (Cuaderno 43, "Información normalizada de cuenta corriente")
-----------------------------------------------------------------------------

Text, one 80-character record per line (CRLF or LF), ISO-8859-1 or UTF-8. Positions are 1-based
and inclusive, as in the AEB booklet; amounts are 14 digits with 2 implied decimals; dates are
``YYMMDD`` and read as 20YY; balance and movement signs are ``1`` = debit, ``2`` = credit.

=====  ==========  ============================================================================
Rec.   Positions   Field
=====  ==========  ============================================================================
00     1-2         "00" optional file header (accepted and not used)
       3-6         bank code
       7-12        creation date YYMMDD
       13-80       free
11     1-2         "11" account header
       3-6         bank code (entidad)
       7-10        branch code (oficina)
       11-20       account number (10 digits; the CCC check digits are not in the file)
       21-26       start date YYMMDD
       27-32       end date YYMMDD
       33          opening balance sign: 1 = debit (overdrawn, negative), 2 = credit
       34-47       opening balance, 2 implied decimals
       48-50       currency, ISO 4217 numeric (978 = EUR)
       51          information mode (1, 2 or 3)
       52-77       abbreviated account holder name
       78-80       free (client code in some banks)
22     1-2         "22" movement
       3-6         free (some banks repeat the bank code)
       7-10        originating branch
       11-16       operation date YYMMDD
       17-22       value date YYMMDD
       23-24       common concept (concepto común, AEB table)
       25-27       own concept (concepto propio, bank's own code)
       28          1 = debit (charge), 2 = credit (income)
       29-42       amount, 2 implied decimals
       43-52       document number
       53-64       reference 1
       65-80       reference 2
23     1-2         "23" complementary concept, up to 5 per movement
       3-4         data code 01 .. 05, in order
       5-42        concept (38)
       43-80       concept (38)
24     1-2         "24" currency equivalence, at most one per movement (skipped)
       3-4         data code "01"
       5-7         original currency, numeric
       8-21        amount in the original currency
       22-80       free
33     1-2         "33" account end
       3-6         bank code
       7-10        branch code
       11-20       account number
       21-25       number of debit movements
       26-39       total of debits
       40-44       number of credit movements
       45-58       total of credits
       59          closing balance sign: 1 = debit, 2 = credit
       60-73       closing balance
       74-76       currency, ISO 4217 numeric
       77-80       free
88     1-2         "88" end of file
       3-20        eighteen "9"
       21-26       number of records, excluding the optional 00 and the 88 itself
       27-80       free
=====  ==========  ============================================================================

Checks: every line is exactly 80 characters and has a known code; the order is
``[00] 11 (22 [23...] [24])* 33 88``; numeric fields are digits; dates exist; 23 data codes run
01, 02, ... up to 05; 33 repeats the 11 account and currency; the 33 debit and credit counts
and totals equal the movements; closing = opening + credits - debits; the 88 count equals the
records read. A file may hold several accounts (several 11..33 groups, one after another, each
checked on its own; the 88 counts them all): ``parse_norma43_accounts`` gives one statement per
account, ``parse_norma43`` accepts only a file with one.

In the model, ``reference`` is reference 1 and reference 2 (stripped, space-joined),
``remittance`` is the 23 concepts concatenated in order with runs of blanks collapsed (an
invoice number split across two 38-character fields stays together once spaces are ignored),
``bank_reference`` is the document number (``None`` when blank or zeros) and the account is
``bank/branch/account``; Norma 43 carries no counterparty data, so those fields are ``None``.

ISO 20022 camt.053 (.001.02 and .001.08)
----------------------------------------

Parsed with lxml without network access or entity expansion; a DOCTYPE is refused outright.
Exactly one ``Stmt`` is accepted, with ``Acct/Id/IBAN``; the opening balance is ``OPBD``
(``PRCD`` if there is no ``OPBD``) and the closing balance ``CLBD``, all in the account currency.
Only booked entries (``Sts`` ``BOOK``, or ``Sts/Cd`` ``BOOK`` in .08) become lines, and closing
must equal opening plus their sum. Per entry: ``Amt`` (+``Ccy``), ``CdtDbtInd``,
``BookgDt/Dt`` (or ``DtTm``), ``ValDt/Dt`` (or ``DtTm``; defaults to the booking date),
``bank_reference`` = ``AcctSvcrRef`` else ``NtryRef``; from every ``NtryDtls/TxDtls``:
``RmtInf/Ustrd`` (all, in order, then ``AddtlNtryInf``) as ``remittance``, and
``RmtInf/Strd/CdtrRefInf/Ref`` (else ``Refs/EndToEndId`` unless ``NOTPROVIDED``) as
``reference``; the counterparty of a credit is the debtor (``RltdPties/Dbtr/Nm``, .08
``Dbtr/Pty/Nm``, ``DbtrAcct/Id/IBAN``) and of a debit the creditor (``Cdtr``/``CdtrAcct``), taken
from the first transaction that names one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Literal

from lxml import etree

# --- Model -------------------------------------------------------------------------------------


class InvalidStatement(ValueError):
    """A statement file that is malformed, inconsistent or of an unsupported kind.

    ``line`` is the 1-based line number of the offending Norma 43 record (or of the XML element,
    when lxml knows it); ``None`` when the problem is not tied to a line.
    """

    def __init__(self, line: int | None, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line is not None else reason)


@dataclass(frozen=True, slots=True)
class StatementLine:
    booked_on: date
    value_on: date
    amount: Decimal
    """Positive for credits (income), negative for debits (charges)."""
    reference: str
    remittance: str
    counterparty_name: str | None
    counterparty_account: str | None
    bank_reference: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    account: str
    """IBAN (camt.053) or ``bank/branch/account`` (Norma 43)."""
    currency: str
    opening_balance: Decimal
    closing_balance: Decimal
    lines: tuple[StatementLine, ...]


# --- Norma 43 ----------------------------------------------------------------------------------

RECORD_LENGTH = 80
MAX_COMPLEMENTARY_RECORDS = 5
_CENT = Decimal("0.01")

# ISO 4217 numeric -> alphabetic, for the currencies a Spanish SME account is likely to hold.
CURRENCIES = {
    "978": "EUR",
    "840": "USD",
    "826": "GBP",
    "756": "CHF",
    "392": "JPY",
    "752": "SEK",
    "208": "DKK",
    "578": "NOK",
    "124": "CAD",
    "036": "AUD",
    "985": "PLN",
    "203": "CZK",
    "348": "HUF",
    "946": "RON",
    "156": "CNY",
    "484": "MXN",
    "504": "MAD",
}

_KNOWN_CODES = {"00", "11", "22", "23", "24", "33", "88"}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _field(record: str, start: int, end: int) -> str:
    """Positions ``start``..``end``, 1-based and inclusive as in the AEB booklet."""
    return record[start - 1 : end]


def _digits(record: str, start: int, end: int, line: int, what: str) -> str:
    value = _field(record, start, end)
    if not (value.isascii() and value.isdigit()):
        raise InvalidStatement(line, f"{what} (positions {start}-{end}) is not numeric: {value!r}")
    return value


def _amount(record: str, start: int, end: int, line: int, what: str) -> Decimal:
    return Decimal(_digits(record, start, end, line, what)) * _CENT


def _sign(record: str, position: int, line: int, what: str) -> int:
    value = _field(record, position, position)
    if value == "1":
        return -1
    if value == "2":
        return 1
    raise InvalidStatement(line, f"{what} (position {position}) must be 1 or 2, got {value!r}")


def _yymmdd(record: str, start: int, line: int, what: str) -> date:
    value = _digits(record, start, start + 5, line, what)
    try:
        return date(2000 + int(value[:2]), int(value[2:4]), int(value[4:]))
    except ValueError:
        raise InvalidStatement(line, f"{what} is not a valid YYMMDD date: {value!r}") from None


def _currency(record: str, start: int, line: int) -> str:
    code = _digits(record, start, start + 2, line, "currency")
    if code not in CURRENCIES:
        raise InvalidStatement(line, f"unsupported currency code {code}")
    return CURRENCIES[code]


def _collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Movement:
    line: int
    booked_on: date
    value_on: date
    amount: Decimal
    reference: str
    document: str | None
    concepts: list[str]
    debit: bool
    next_concept: int = 1
    has_equivalence: bool = False

    def to_line(self) -> StatementLine:
        return StatementLine(
            booked_on=self.booked_on,
            value_on=self.value_on,
            amount=self.amount,
            reference=self.reference,
            remittance=_collapse("".join(self.concepts)),
            counterparty_name=None,
            counterparty_account=None,
            bank_reference=self.document,
        )


def _records(data: bytes) -> list[tuple[int, str]]:
    text = _decode(data)
    lines = text.split("\n")
    # Tolerate the final newline, trailing blank lines and a DOS end-of-file mark, nothing else.
    while lines and lines[-1].strip(" \r\x1a") == "":
        lines.pop()
    records: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        record = raw.removesuffix("\r")
        if len(record) != RECORD_LENGTH:
            raise InvalidStatement(
                number, f"record is {len(record)} characters long, expected {RECORD_LENGTH}"
            )
        code = record[:2]
        if code not in _KNOWN_CODES:
            raise InvalidStatement(number, f"unknown record code {code!r}")
        records.append((number, record))
    if not records:
        raise InvalidStatement(None, "empty Norma 43 file")
    return records


def parse_norma43(data: bytes) -> Statement:
    """Read an AEB Norma 43 file holding exactly one account (see the module docstring)."""
    accounts = parse_norma43_accounts(data)
    if len(accounts) > 1:
        raise InvalidStatement(None, "more than one account in the file; one statement per account")
    return accounts[0]


def parse_norma43_accounts(data: bytes) -> list[Statement]:
    """Read an AEB Norma 43 file: one statement per account (11 .. 33 group), in file order.

    A bank sends one file for all of a customer's accounts; each group is checked on its own
    (its 33 against its 11 and its movements) and the 88 counts the records of all of them. The
    same account twice in one file is refused: which of the two would be the statement?
    """
    records = _records(data)
    statements: list[Statement] = []
    account: str | None = None
    currency = ""
    opening = Decimal(0)
    closing: Decimal | None = None
    movements: list[_Movement] = []
    counted = 0  # records that the 88 count covers
    end_seen = False

    for number, record in records:
        code = record[:2]
        if end_seen:
            raise InvalidStatement(number, "record after the end-of-file record 88")
        if code == "00":
            if counted or account is not None:
                raise InvalidStatement(number, "file header 00 must be the first record")
            _digits(record, 3, 6, number, "bank code")
            _yymmdd(record, 7, number, "creation date")
            continue
        if code == "88":
            if account is not None or not statements:
                raise InvalidStatement(number, "end of file 88 before the account end 33")
            if _field(record, 3, 20) != "9" * 18:
                raise InvalidStatement(number, "positions 3-20 of record 88 must be nines")
            declared = int(_digits(record, 21, 26, number, "number of records"))
            if declared != counted:
                raise InvalidStatement(
                    number, f"record 88 declares {declared} records, the file has {counted}"
                )
            end_seen = True
            continue

        counted += 1
        if code == "11":
            if account is not None:
                raise InvalidStatement(number, "account header 11 before the previous account's 33")
            bank = _digits(record, 3, 6, number, "bank code")
            branch = _digits(record, 7, 10, number, "branch code")
            number_ = _digits(record, 11, 20, number, "account number")
            account = f"{bank}/{branch}/{number_}"
            if any(statement.account == account for statement in statements):
                raise InvalidStatement(number, f"account {account} appears twice in the file")
            closing = None
            movements = []
            start = _yymmdd(record, 21, number, "start date")
            end = _yymmdd(record, 27, number, "end date")
            if end < start:
                raise InvalidStatement(number, "end date before start date")
            opening = _sign(record, 33, number, "opening balance sign") * _amount(
                record, 34, 47, number, "opening balance"
            )
            currency = _currency(record, 48, number)
            if _field(record, 51, 51) not in {"1", "2", "3"}:
                raise InvalidStatement(number, "information mode (position 51) must be 1, 2 or 3")
        elif account is None:
            where = "after the account end 33" if statements else "before the account header 11"
            raise InvalidStatement(number, f"record {code} {where}")
        elif code == "22":
            _digits(record, 7, 10, number, "originating branch")
            booked_on = _yymmdd(record, 11, number, "operation date")
            value_on = _yymmdd(record, 17, number, "value date")
            _digits(record, 23, 24, number, "common concept")
            sign = _sign(record, 28, number, "debit/credit code")
            amount = sign * _amount(record, 29, 42, number, "amount")
            document = _field(record, 43, 52).strip()
            references = [_field(record, 53, 64).strip(), _field(record, 65, 80).strip()]
            movements.append(
                _Movement(
                    line=number,
                    booked_on=booked_on,
                    value_on=value_on,
                    amount=amount,
                    reference=" ".join(r for r in references if r),
                    document=document if document.strip("0") else None,
                    concepts=[],
                    debit=sign < 0,
                )
            )
        elif code == "23":
            if not movements:
                raise InvalidStatement(number, "complementary concept 23 without a movement 22")
            movement = movements[-1]
            if movement.has_equivalence:
                raise InvalidStatement(number, "complementary concept 23 after record 24")
            data_code = _digits(record, 3, 4, number, "data code")
            if movement.next_concept > MAX_COMPLEMENTARY_RECORDS:
                raise InvalidStatement(number, "more than 5 complementary concept records")
            if int(data_code) != movement.next_concept:
                raise InvalidStatement(
                    number,
                    f"complementary concept data code {data_code}, "
                    f"expected {movement.next_concept:02d}",
                )
            movement.next_concept += 1
            movement.concepts.extend((_field(record, 5, 42), _field(record, 43, 80)))
        elif code == "24":
            if not movements:
                raise InvalidStatement(number, "currency equivalence 24 without a movement 22")
            movement = movements[-1]
            if movement.has_equivalence:
                raise InvalidStatement(number, "more than one currency equivalence 24")
            if _field(record, 3, 4) != "01":
                raise InvalidStatement(number, "currency equivalence data code must be 01")
            _digits(record, 5, 7, number, "original currency")
            _digits(record, 8, 21, number, "equivalent amount")
            movement.has_equivalence = True
        elif code == "33":
            closing = _account_end(record, number, account, currency, opening, movements)
            statements.append(
                Statement(
                    account=account,
                    currency=currency,
                    opening_balance=opening,
                    closing_balance=closing,
                    lines=tuple(m.to_line() for m in movements),
                )
            )
            account = None

    if account is not None or not statements:
        raise InvalidStatement(None, "no complete account (11 .. 33) in the file")
    if not end_seen:
        raise InvalidStatement(None, "missing end-of-file record 88")
    return statements


def _account_end(
    record: str,
    number: int,
    account: str,
    currency: str,
    opening: Decimal,
    movements: Sequence[_Movement],
) -> Decimal:
    bank = _digits(record, 3, 6, number, "bank code")
    branch = _digits(record, 7, 10, number, "branch code")
    number_ = _digits(record, 11, 20, number, "account number")
    if f"{bank}/{branch}/{number_}" != account:
        raise InvalidStatement(number, "account in record 33 differs from record 11")
    debit_count = int(_digits(record, 21, 25, number, "number of debits"))
    debit_total = _amount(record, 26, 39, number, "total of debits")
    credit_count = int(_digits(record, 40, 44, number, "number of credits"))
    credit_total = _amount(record, 45, 58, number, "total of credits")
    closing = _sign(record, 59, number, "closing balance sign") * _amount(
        record, 60, 73, number, "closing balance"
    )
    if _currency(record, 74, number) != currency:
        raise InvalidStatement(number, "currency in record 33 differs from record 11")

    # A zero amount is booked with a sign; count it on the side its sign says.
    debits = [-m.amount for m in movements if m.debit]
    credits = [m.amount for m in movements if not m.debit]
    checks = (
        ("number of debits", debit_count, len(debits)),
        ("total of debits", debit_total, sum(debits, Decimal(0))),
        ("number of credits", credit_count, len(credits)),
        ("total of credits", credit_total, sum(credits, Decimal(0))),
        ("closing balance", closing, opening + credit_total - debit_total),
    )
    for what, declared, actual in checks:
        if declared != actual:
            raise InvalidStatement(
                number, f"{what} in record 33 is {declared}, the movements give {actual}"
            )
    return closing


# --- camt.053 ----------------------------------------------------------------------------------

CAMT053_NAMESPACES = (
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08",
)


class _Xml:
    """Namespace-bound helpers over one camt.053 document."""

    def __init__(self, namespace: str) -> None:
        self.ns = {"c": namespace}

    def path(self, steps: str) -> str:
        return "/".join(f"c:{step}" for step in steps.split("/"))

    def all(self, element: etree._Element, steps: str) -> list[etree._Element]:
        return list(element.findall(self.path(steps), self.ns))

    def text(self, element: etree._Element, steps: str) -> str | None:
        found = element.find(self.path(steps), self.ns)
        text = str(found.text or "").strip() if found is not None else ""
        return text or None

    def required(self, element: etree._Element, steps: str, what: str) -> str:
        value = self.text(element, steps)
        if value is None:
            raise InvalidStatement(element.sourceline, f"missing {what} ({steps})")
        return value


def _xml_amount(xml: _Xml, element: etree._Element, what: str) -> tuple[Decimal, str]:
    """Signed ``Amt`` and its ``Ccy`` from an element holding ``Amt`` and ``CdtDbtInd``."""
    amt = element.find(xml.path("Amt"), xml.ns)
    if amt is None or amt.text is None:
        raise InvalidStatement(element.sourceline, f"missing amount of {what}")
    try:
        value = Decimal(amt.text.strip())
    except InvalidOperation:
        raise InvalidStatement(amt.sourceline, f"bad amount {amt.text!r} in {what}") from None
    if not value.is_finite() or value < 0 or value != value.quantize(_CENT):
        raise InvalidStatement(amt.sourceline, f"bad amount {amt.text!r} in {what}")
    currency = amt.get("Ccy")
    if not currency:
        raise InvalidStatement(amt.sourceline, f"amount of {what} has no currency")
    indicator = xml.required(element, "CdtDbtInd", f"credit/debit indicator of {what}")
    if indicator == "CRDT":
        return value, currency
    if indicator == "DBIT":
        return -value, currency
    raise InvalidStatement(element.sourceline, f"bad CdtDbtInd {indicator!r} in {what}")


def _xml_date(xml: _Xml, element: etree._Element, steps: str) -> date | None:
    day = xml.text(element, f"{steps}/Dt")
    stamp = xml.text(element, f"{steps}/DtTm")
    try:
        if day is not None:
            return date.fromisoformat(day[:10])
        if stamp is not None:
            return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidStatement(element.sourceline, f"bad date in {steps}") from None
    return None


def _load_camt(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        # libxml2's message quotes the file and names the parser's internals: only the place.
        raise InvalidStatement(
            exc.lineno,
            f"not well-formed XML (the parser stopped at column {exc.offset}: check that every "
            "element is closed and that & and < in text are written &amp; and &lt;)",
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InvalidStatement(1, "a DOCTYPE is not allowed in a camt.053 statement")
    return root


def parse_camt053(data: bytes) -> Statement:
    """Read an ISO 20022 camt.053.001.02 (or .001.08) document holding one statement."""
    root = _load_camt(data)
    tag = etree.QName(root)
    if tag.localname != "Document" or tag.namespace not in CAMT053_NAMESPACES:
        raise InvalidStatement(
            root.sourceline, f"not a camt.053.001.02/.08 document: {{{tag.namespace}}}"
        )
    xml = _Xml(tag.namespace)
    statements = xml.all(root, "BkToCstmrStmt/Stmt")
    if len(statements) != 1:
        raise InvalidStatement(
            root.sourceline, f"expected exactly one Stmt, found {len(statements)}"
        )
    stmt = statements[0]
    iban = xml.required(stmt, "Acct/Id/IBAN", "account IBAN")
    account = _normalise_iban(iban)

    balances: dict[str, tuple[Decimal, str]] = {}
    for bal in xml.all(stmt, "Bal"):
        kind = xml.text(bal, "Tp/CdOrPrtry/Cd")
        if kind in {"OPBD", "PRCD", "CLBD"} and kind not in balances:
            balances[kind] = _xml_amount(xml, bal, f"balance {kind}")
    opening_bal = balances.get("OPBD") or balances.get("PRCD")
    closing_bal = balances.get("CLBD")
    if opening_bal is None or closing_bal is None:
        raise InvalidStatement(stmt.sourceline, "missing opening (OPBD) or closing (CLBD) balance")
    currency = xml.text(stmt, "Acct/Ccy") or opening_bal[1]
    if opening_bal[1] != currency or closing_bal[1] != currency:
        raise InvalidStatement(stmt.sourceline, "balances not in the account currency")

    lines: list[StatementLine] = []
    for entry in xml.all(stmt, "Ntry"):
        status = xml.text(entry, "Sts") or xml.text(entry, "Sts/Cd")
        if status is None:
            raise InvalidStatement(entry.sourceline, "entry without status (Sts)")
        if status != "BOOK":
            continue
        line = _camt_entry(xml, entry, currency)
        lines.append(line)

    total = sum((line.amount for line in lines), Decimal(0))
    if opening_bal[0] + total != closing_bal[0]:
        raise InvalidStatement(
            stmt.sourceline,
            f"closing balance {closing_bal[0]} differs from opening {opening_bal[0]} "
            f"plus booked entries {total}",
        )
    return Statement(
        account=account,
        currency=currency,
        opening_balance=opening_bal[0],
        closing_balance=closing_bal[0],
        lines=tuple(lines),
    )


def _camt_entry(xml: _Xml, entry: etree._Element, currency: str) -> StatementLine:
    amount, entry_currency = _xml_amount(xml, entry, "entry")
    if entry_currency != currency:
        raise InvalidStatement(entry.sourceline, "entry amount not in the account currency")
    booked_on = _xml_date(xml, entry, "BookgDt")
    if booked_on is None:
        raise InvalidStatement(entry.sourceline, "entry without booking date (BookgDt)")
    value_on = _xml_date(xml, entry, "ValDt") or booked_on

    party, party_account = ("Dbtr", "DbtrAcct") if amount >= 0 else ("Cdtr", "CdtrAcct")
    unstructured: list[str] = []
    structured: list[str] = []
    end_to_end: list[str] = []
    name: str | None = None
    counter_iban: str | None = None
    for tx in xml.all(entry, "NtryDtls/TxDtls"):
        unstructured += [
            u.text.strip() for u in xml.all(tx, "RmtInf/Ustrd") if u.text and u.text.strip()
        ]
        structured += [
            r.text.strip()
            for r in xml.all(tx, "RmtInf/Strd/CdtrRefInf/Ref")
            if r.text and r.text.strip()
        ]
        e2e = xml.text(tx, "Refs/EndToEndId")
        if e2e and e2e != "NOTPROVIDED":
            end_to_end.append(e2e)
        if name is None:
            name = xml.text(tx, f"RltdPties/{party}/Nm") or xml.text(
                tx, f"RltdPties/{party}/Pty/Nm"
            )
        if counter_iban is None:
            found = xml.text(tx, f"RltdPties/{party_account}/Id/IBAN")
            counter_iban = _normalise_iban(found) if found else None
    additional = xml.text(entry, "AddtlNtryInf")
    if additional:
        unstructured.append(additional)
    return StatementLine(
        booked_on=booked_on,
        value_on=value_on,
        amount=amount,
        reference=" ".join(structured or end_to_end),
        remittance=_collapse(" ".join(unstructured)),
        counterparty_name=name,
        counterparty_account=counter_iban,
        bank_reference=xml.text(entry, "AcctSvcrRef") or xml.text(entry, "NtryRef"),
    )


# --- Matching ----------------------------------------------------------------------------------


class MatchConfidence(StrEnum):
    EXACT = "exact"
    """The invoice number is in the text and the amount equals the outstanding."""
    PARTIAL = "partial"
    """The invoice number is in the text and the amount is less than the outstanding."""
    AMOUNT_AND_ACCOUNT = "amount_and_account"
    """No invoice number; the only open item of that amount, paid from the client's IBAN."""


@dataclass(frozen=True, slots=True)
class OpenItem:
    invoice_id: str
    invoice_number: str
    outstanding: Decimal
    client_name: str | None
    client_iban: str | None


@dataclass(frozen=True, slots=True)
class Match:
    line_index: int
    """Position of the line in the sequence given to :func:`propose_matches`."""
    line: StatementLine
    invoice_id: str
    invoice_number: str
    amount: Decimal
    """The amount the line would apply to the invoice (the whole line amount)."""
    outstanding: Decimal
    confidence: MatchConfidence


@dataclass(frozen=True, slots=True)
class MatchResult:
    matches: tuple[Match, ...]
    """Proposals, in statement order."""
    unmatched: tuple[StatementLine, ...]
    """Debits, zero amounts and credits without a safe proposal, in statement order."""


MIN_INVOICE_NUMBER_LENGTH = 4
"""Shorter numbers (letters and digits only) are never searched for in free text."""

_SEPARATORS = r"[\s\-/._:\\]*"


def _normalise_iban(value: str) -> str:
    return "".join(value.split()).upper()


def _number_pattern(invoice_number: str) -> re.Pattern[str] | None:
    """Invoice number found in upper-case text, with or without separators between characters.

    ``F2026-00012`` matches ``F2026-00012``, ``F2026 00012``, ``F202600012`` and ``F2026-000 12``
    (split over two Norma 43 concept fields); it does not match inside ``F2026-000123`` or
    ``1F2026-00012`` style runs: a number that ends (starts) with a digit must not be followed
    (preceded) by another digit.
    """
    core = "".join(ch for ch in invoice_number.upper() if ch.isalnum())
    if len(core) < MIN_INVOICE_NUMBER_LENGTH:
        return None
    body = _SEPARATORS.join(re.escape(ch) for ch in core)
    before = r"(?<![0-9])" if core[0].isdigit() else ""
    after = r"(?![0-9])" if core[-1].isdigit() else ""
    return re.compile(before + body + after)


def propose_matches(lines: Sequence[StatementLine], open_items: Iterable[OpenItem]) -> MatchResult:
    """Propose which credit line settles which open item; everything else goes to review.

    Rules, applied in three passes so that a stronger proposal is never pre-empted by a weaker
    one earlier in the statement (each pass walks the lines in order; a line gets at most one
    item and an item is proposed at most once):

    1. ``exact``: the text (reference + remittance) names exactly one open item whose
       outstanding equals the amount (if several named items qualify, the line is ambiguous);
    2. ``partial``: the text names exactly one open item and the amount is below its
       outstanding. A line naming several open items is left for review: one payment for
       several invoices is not split automatically; an overpayment is left for review too;
    3. ``amount_and_account``: the text names no open item at all, exactly one still
       unproposed open item has that outstanding, and the line's counterparty IBAN equals that
       item's client IBAN.

    Debits and zero amounts are never matched.
    """
    items = list(open_items)
    patterns = [_number_pattern(item.invoice_number) for item in items]

    named: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.amount <= 0:
            continue
        text = f"{line.reference} {line.remittance}".upper()
        named[index] = [
            i for i, pattern in enumerate(patterns) if pattern is not None and pattern.search(text)
        ]

    proposed: dict[int, Match] = {}
    taken: set[int] = set()

    def propose(index: int, item_index: int, confidence: MatchConfidence) -> None:
        item = items[item_index]
        line = lines[index]
        proposed[index] = Match(
            line_index=index,
            line=line,
            invoice_id=item.invoice_id,
            invoice_number=item.invoice_number,
            amount=line.amount,
            outstanding=item.outstanding,
            confidence=confidence,
        )
        taken.add(item_index)

    # 1. exact, by number
    for index, mentioned in named.items():
        amount = lines[index].amount
        candidates = [i for i in mentioned if i not in taken and items[i].outstanding == amount]
        if len(candidates) == 1:
            propose(index, candidates[0], MatchConfidence.EXACT)

    # 2. partial, by number (the line must name a single open item)
    for index, mentioned in named.items():
        if index in proposed or len(mentioned) != 1 or mentioned[0] in taken:
            continue
        if lines[index].amount < items[mentioned[0]].outstanding:
            propose(index, mentioned[0], MatchConfidence.PARTIAL)

    # 3. amount and account, only for lines that name no open item
    for index, mentioned in named.items():
        line = lines[index]
        if index in proposed or mentioned or not line.counterparty_account:
            continue
        same_amount = [
            i for i, item in enumerate(items) if i not in taken and item.outstanding == line.amount
        ]
        if len(same_amount) != 1:
            continue
        client_iban = items[same_amount[0]].client_iban
        if client_iban and _normalise_iban(client_iban) == _normalise_iban(
            line.counterparty_account
        ):
            propose(index, same_amount[0], MatchConfidence.AMOUNT_AND_ACCOUNT)

    return MatchResult(
        matches=tuple(proposed[i] for i in sorted(proposed)),
        unmatched=tuple(line for i, line in enumerate(lines) if i not in proposed),
    )


def detect_format(data: bytes) -> Literal["norma43", "camt053"]:
    """camt.053 when the file starts as XML, otherwise Norma 43."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "camt053" if head == b"<" else "norma43"


def same_account(statement_account: str, iban: str) -> bool:
    """Whether a statement's account is the account of ``iban``: the same IBAN (camt.053), or
    for Norma 43 (``bank/branch/account``) the Spanish IBAN's bank, branch and account number
    (ES kk BBBB SSSS DD NNNNNNNNNN; the file carries no CCC check digits DD)."""
    iban = iban.replace(" ", "").upper()
    if "/" not in statement_account:
        return statement_account.replace(" ", "").upper() == iban
    if not iban.startswith("ES") or len(iban) != 24:
        return False
    return statement_account == f"{iban[4:8]}/{iban[8:12]}/{iban[14:24]}"
