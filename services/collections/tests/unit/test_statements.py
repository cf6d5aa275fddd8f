"""Bank statements: Norma 43 and camt.053 readers, and proposed matches with open receivables."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from cartera_collections.domain.statements import (
    InvalidStatement,
    MatchConfidence,
    OpenItem,
    StatementLine,
    parse_camt053,
    parse_norma43,
    parse_norma43_accounts,
    propose_matches,
)

# --- Norma 43 fixture ---------------------------------------------------------------------------


def record(*fields: tuple[int, str]) -> str:
    """An 80-character record from (1-based start position, text) pairs, blanks elsewhere."""
    chars = [" "] * 80
    for start, text in fields:
        assert start - 1 + len(text) <= 80, (start, text)
        chars[start - 1 : start - 1 + len(text)] = text
    return "".join(chars)


def money(cents: int) -> str:
    """14 digits, 2 implied decimals."""
    return f"{cents:014d}"


def header(opening_sign: str = "2", opening: int = 100000) -> str:
    # 11: bank 3-6, branch 7-10, account 11-20, start 21-26, end 27-32, sign 33, balance 34-47,
    # currency 48-50, information mode 51, name 52-77
    return record(
        (1, "11"),
        (3, "2100"),
        (7, "0418"),
        (11, "0200051332"),
        (21, "260301"),
        (27, "260331"),
        (33, opening_sign),
        (34, money(opening)),
        (48, "978"),
        (51, "3"),
        (52, "TALLERES GARCIA SL"),
    )


def movement(
    sign: str, cents: int, booked: str = "260305", value: str = "260306", ref1: str = ""
) -> str:
    # 22: branch 7-10, operation date 11-16, value date 17-22, common concept 23-24,
    # own concept 25-27, sign 28, amount 29-42, document 43-52, reference 1 53-64,
    # reference 2 65-80
    return record(
        (1, "22"),
        (7, "0418"),
        (11, booked),
        (17, value),
        (23, "02"),
        (25, "099"),
        (28, sign),
        (29, money(cents)),
        (43, "0000004711"),
        (53, ref1),
        (65, "REF2"),
    )


def concept(code: str, first: str, second: str = "") -> str:
    # 23: data code 3-4, concepts 5-42 and 43-80
    return record((1, "23"), (3, code), (5, first), (43, second))


def account_end(
    debits: tuple[int, int], credits: tuple[int, int], closing_sign: str, closing: int
) -> str:
    # 33: bank 3-6, branch 7-10, account 11-20, debits count 21-25 total 26-39,
    # credits count 40-44 total 45-58, closing sign 59, closing 60-73, currency 74-76
    return record(
        (1, "33"),
        (3, "2100"),
        (7, "0418"),
        (11, "0200051332"),
        (21, f"{debits[0]:05d}"),
        (26, money(debits[1])),
        (40, f"{credits[0]:05d}"),
        (45, money(credits[1])),
        (59, closing_sign),
        (60, money(closing)),
        (74, "978"),
    )


def end_of_file(count: int) -> str:
    # 88: nines 3-20, record count 21-26 (without the 88 itself)
    return record((1, "88"), (3, "9" * 18), (21, f"{count:06d}"))


def n43_records() -> list[str]:
    # opening 1,000.00 credit; +1,210.00 +500.00 -75.40 -> closing 2,634.60
    body = [
        header(),
        movement("2", 121000, ref1="000000012345"),
        concept("01", "TRANSFERENCIA DE CONSTRUCCIONES PEÑA", "PAGO FRA F2026-000"),
        concept("02", "12"),
        movement("2", 50000, booked="260310", value="260310"),
        concept("01", "FACTURA F2026/00013 A CUENTA"),
        movement("1", 7540, booked="260315", value="260314"),
        concept("01", "COMISION MANTENIMIENTO"),
        account_end((1, 7540), (2, 171000), "2", 263460),
    ]
    return [*body, end_of_file(len(body))]


def n43(records: list[str], newline: str = "\r\n", encoding: str = "latin-1") -> bytes:
    return (newline.join(records) + newline).encode(encoding)


def test_norma43_parses_amounts_dates_and_concepts() -> None:
    statement = parse_norma43(n43(n43_records()))

    assert statement.account == "2100/0418/0200051332"
    assert statement.currency == "EUR"
    assert statement.opening_balance == Decimal("1000.00")
    assert statement.closing_balance == Decimal("2634.60")
    assert [line.amount for line in statement.lines] == [
        Decimal("1210.00"),
        Decimal("500.00"),
        Decimal("-75.40"),
    ]
    first, second, third = statement.lines
    assert first.booked_on == date(2026, 3, 5)
    assert first.value_on == date(2026, 3, 6)
    assert first.reference == "000000012345 REF2"
    assert first.remittance == "TRANSFERENCIA DE CONSTRUCCIONES PEÑA PAGO FRA F2026-000 12"
    assert first.bank_reference == "0000004711"
    assert first.counterparty_name is None
    assert first.counterparty_account is None
    assert second.remittance == "FACTURA F2026/00013 A CUENTA"
    assert third.booked_on == date(2026, 3, 15)
    assert third.value_on == date(2026, 3, 14)


def test_norma43_accepts_utf8_and_lf() -> None:
    latin = parse_norma43(n43(n43_records()))
    utf8 = parse_norma43(n43(n43_records(), newline="\n", encoding="utf-8"))
    assert utf8 == latin


def test_norma43_debit_balances_are_negative() -> None:
    records = n43_records()
    records[0] = header(opening_sign="1", opening=50000)  # -500.00
    # -500.00 + 1,710.00 - 75.40 = 1,134.60
    records[-2] = account_end((1, 7540), (2, 171000), "2", 113460)
    statement = parse_norma43(n43(records))
    assert statement.opening_balance == Decimal("-500.00")
    assert statement.closing_balance == Decimal("1134.60")


@pytest.mark.parametrize(
    ("bad_end", "reason"),
    [
        (account_end((1, 7541), (2, 171000), "2", 263460), "total of debits"),
        (account_end((2, 7540), (2, 171000), "2", 263460), "number of debits"),
        (account_end((1, 7540), (2, 171001), "2", 263461), "total of credits"),
        (account_end((1, 7540), (2, 171000), "2", 263470), "closing balance"),
        (account_end((1, 7540), (2, 171000), "1", 263460), "closing balance"),
    ],
)
def test_norma43_refuses_totals_that_do_not_match(bad_end: str, reason: str) -> None:
    records = n43_records()
    records[-2] = bad_end
    with pytest.raises(InvalidStatement, match=reason) as exc:
        parse_norma43(n43(records))
    assert exc.value.line == len(records) - 1


def test_norma43_refuses_wrong_record_count() -> None:
    records = n43_records()
    records[-1] = end_of_file(len(records))
    with pytest.raises(InvalidStatement, match="declares") as exc:
        parse_norma43(n43(records))
    assert exc.value.line == len(records)


def test_norma43_refuses_wrong_line_length() -> None:
    records = n43_records()
    records[3] = records[3].rstrip()
    with pytest.raises(InvalidStatement, match="expected 80") as exc:
        parse_norma43(n43(records))
    assert exc.value.line == 4


def test_norma43_refuses_unknown_record_code() -> None:
    records = n43_records()
    records[4] = "27" + records[4][2:]
    with pytest.raises(InvalidStatement, match="unknown record code") as exc:
        parse_norma43(n43(records))
    assert exc.value.line == 5


def test_norma43_refuses_non_numeric_amount() -> None:
    records = n43_records()
    records[1] = records[1][:28] + "00000001210,00" + records[1][42:]
    with pytest.raises(InvalidStatement, match="amount") as exc:
        parse_norma43(n43(records))
    assert exc.value.line == 2


@pytest.mark.parametrize(
    ("index", "replacement", "reason"),
    [
        (2, concept("02", "OUT OF ORDER"), "expected 01"),
        (1, movement("3", 121000), "must be 1 or 2"),
        (1, movement("2", 121000, booked="260231"), "valid YYMMDD"),
        (0, header().replace("978", "999", 1), "unsupported currency"),
    ],
)
def test_norma43_refuses_malformed_fields(index: int, replacement: str, reason: str) -> None:
    records = n43_records()
    records[index] = replacement
    with pytest.raises(InvalidStatement, match=reason):
        parse_norma43(n43(records))


def test_norma43_refuses_missing_end_and_the_same_account_twice() -> None:
    with pytest.raises(InvalidStatement, match="88"):
        parse_norma43(n43(n43_records()[:-1]))
    records = n43_records()
    same_twice = [*records[:-1], *records[:-1], end_of_file(2 * (len(records) - 1))]
    with pytest.raises(InvalidStatement, match="appears twice"):
        parse_norma43_accounts(n43(same_twice))


def other_account(records: list[str], account: str = "0200099999") -> list[str]:
    """The same 11..33 group for another account of the same customer."""
    return [
        r.replace("0200051332", account, 1) if r.startswith(("11", "33")) else r for r in records
    ]


def test_norma43_reads_each_account_of_a_file_with_several() -> None:
    records = n43_records()[:-1]
    two = [*records, *other_account(records), end_of_file(2 * len(records))]
    statements = parse_norma43_accounts(n43(two))
    assert [s.account for s in statements] == ["2100/0418/0200051332", "2100/0418/0200099999"]
    assert statements[0].lines == statements[1].lines
    assert statements[1].closing_balance == Decimal("2634.60")
    with pytest.raises(InvalidStatement, match="more than one account"):
        parse_norma43(n43(two))


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        # the 88 counts every account's records
        (lambda rs, other: [*rs, *other, end_of_file(len(rs))], "declares"),
        # a second 11 before the first account's 33
        (lambda rs, other: [*rs[:-1], *other, end_of_file(len(rs) * 2 - 1)], "before the previous"),
        # a movement between two accounts
        (
            lambda rs, other: [*rs, rs[1], *other, end_of_file(len(rs) * 2 + 1)],
            "after the account end",
        ),
        # the second account's 33 names the first account
        (
            lambda rs, other: [*rs, *other[:-1], rs[-1], end_of_file(len(rs) * 2)],
            "differs from record 11",
        ),
    ],
)
def test_norma43_with_several_accounts_checks_each_group(mangle, reason) -> None:
    records = n43_records()[:-1]
    with pytest.raises(InvalidStatement, match=reason):
        parse_norma43_accounts(n43(mangle(records, other_account(records))))


# --- camt.053 fixture ---------------------------------------------------------------------------

CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-03-31T20:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-1</Id>
      <CreDtTm>2026-03-31T20:00:00</CreDtTm>
      <Acct><Id><IBAN>ES91 2100 0418 4502 0005 1332</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-03-01</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">2134.60</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-03-31</Dt></Dt>
      </Bal>
      <Ntry>
        <NtryRef>E-1</NtryRef>
        <Amt Ccy="EUR">1210.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-05</Dt></BookgDt>
        <ValDt><Dt>2026-03-06</Dt></ValDt>
        <AcctSvcrRef>BANK-REF-1</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-0001</EndToEndId></Refs>
          <RltdPties>
            <Dbtr><Nm>Construcciones Peña SL</Nm></Dbtr>
            <DbtrAcct><Id><IBAN>ES7921000813610123456789</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf><Ustrd>PAGO FRA F2026-00012</Ustrd><Ustrd>GRACIAS</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">75.40</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-15</Dt></BookgDt>
        <ValDt><Dt>2026-03-14</Dt></ValDt>
        <AcctSvcrRef>BANK-REF-2</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def test_camt053_parses_entries() -> None:
    statement = parse_camt053(CAMT.encode())

    assert statement.account == "ES9121000418450200051332"
    assert statement.currency == "EUR"
    assert statement.opening_balance == Decimal("1000.00")
    assert statement.closing_balance == Decimal("2134.60")
    credit, debit = statement.lines
    assert credit == StatementLine(
        booked_on=date(2026, 3, 5),
        value_on=date(2026, 3, 6),
        amount=Decimal("1210.00"),
        reference="E2E-0001",
        remittance="PAGO FRA F2026-00012 GRACIAS",
        counterparty_name="Construcciones Peña SL",
        counterparty_account="ES7921000813610123456789",
        bank_reference="BANK-REF-1",
    )
    assert debit.amount == Decimal("-75.40")
    assert debit.reference == "RF18539007547034"
    assert debit.remittance == ""
    assert debit.counterparty_name is None
    assert debit.bank_reference == "BANK-REF-2"


def test_camt053_version_08_with_status_code() -> None:
    document = (
        CAMT.replace("camt.053.001.02", "camt.053.001.08")
        .replace("<Sts>BOOK</Sts>", "<Sts><Cd>BOOK</Cd></Sts>")
        .replace(
            "<Dbtr><Nm>Construcciones Peña SL</Nm></Dbtr>", "<Dbtr><Pty><Nm>Peña</Nm></Pty></Dbtr>"
        )
    )
    statement = parse_camt053(document.encode())
    assert statement.lines[0].counterparty_name == "Peña"
    assert statement.lines[0].amount == Decimal("1210.00")


def test_camt053_refuses_doctype_and_does_not_expand_entities() -> None:
    xxe = CAMT.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace("GRACIAS", "&xxe;")
    with pytest.raises(InvalidStatement, match="DOCTYPE"):
        parse_camt053(xxe.encode())


def test_camt053_refuses_missing_iban() -> None:
    document = CAMT.replace(
        "<Id><IBAN>ES91 2100 0418 4502 0005 1332</IBAN></Id>", "<Id><Othr><Id>X</Id></Othr></Id>"
    )
    with pytest.raises(InvalidStatement, match="IBAN"):
        parse_camt053(document.encode())


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("camt.053.001.02", "camt.054.001.02", "not a camt.053"),
        ('<Amt Ccy="EUR">75.40</Amt>', '<Amt Ccy="EUR">75.41</Amt>', "closing balance"),
        ("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>", "CdtDbtInd"),
        ('<Amt Ccy="EUR">75.40</Amt>', '<Amt Ccy="EUR">75,40</Amt>', "bad amount"),
        ("</Document>", "", "not well-formed"),
    ],
)
def test_camt053_refuses_malformed(old: str, new: str, reason: str) -> None:
    with pytest.raises(InvalidStatement, match=reason):
        parse_camt053(CAMT.replace(old, new, 1).encode())


def test_xml_the_parser_cannot_read_is_told_without_the_parser_s_words() -> None:
    with pytest.raises(InvalidStatement) as refused:
        parse_camt053(CAMT.replace("</Stmt>", "</Stmnt>", 1).encode())
    said = str(refused.value)
    assert "not well-formed XML" in said
    assert refused.value.line is not None
    # libxml2 would say "Opening and ending tag mismatch: Stmt line 5 and Stmnt".
    assert "Stmnt" not in said
    assert "mismatch" not in said


# --- Matching -----------------------------------------------------------------------------------


def line(
    amount: str,
    remittance: str = "",
    *,
    reference: str = "",
    iban: str | None = None,
) -> StatementLine:
    return StatementLine(
        booked_on=date(2026, 3, 5),
        value_on=date(2026, 3, 5),
        amount=Decimal(amount),
        reference=reference,
        remittance=remittance,
        counterparty_name=None,
        counterparty_account=iban,
        bank_reference=None,
    )


def item(invoice_id: str, number: str, outstanding: str, iban: str | None = None) -> OpenItem:
    return OpenItem(
        invoice_id=invoice_id,
        invoice_number=number,
        outstanding=Decimal(outstanding),
        client_name="Cliente",
        client_iban=iban,
    )


CLIENT_IBAN = "ES7921000813610123456789"


def test_exact_match_by_number_with_or_without_separators() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00"), item("inv-13", "F2026-00013", "500.00")]
    lines = [line("1210.00", "pago fra f2026 000 12"), line("500.00", reference="F202600013")]
    result = propose_matches(lines, items)
    assert [(m.line_index, m.invoice_id, m.confidence) for m in result.matches] == [
        (0, "inv-12", MatchConfidence.EXACT),
        (1, "inv-13", MatchConfidence.EXACT),
    ]
    assert result.unmatched == ()


def test_matches_the_norma43_fixture() -> None:
    statement = parse_norma43(n43(n43_records()))
    items = [item("inv-12", "F2026-00012", "1210.00"), item("inv-13", "F2026-00013", "800.00")]
    result = propose_matches(statement.lines, items)
    assert [(m.invoice_id, m.confidence) for m in result.matches] == [
        ("inv-12", MatchConfidence.EXACT),
        ("inv-13", MatchConfidence.PARTIAL),
    ]
    assert result.unmatched == (statement.lines[2],)  # the debit


def test_partial_payment_and_overpayment() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00")]
    partial = propose_matches([line("600.00", "F2026-00012")], items)
    assert partial.matches[0].confidence is MatchConfidence.PARTIAL
    assert partial.matches[0].amount == Decimal("600.00")
    assert partial.matches[0].outstanding == Decimal("1210.00")
    over = propose_matches([line("1300.00", "F2026-00012")], items)
    assert over.matches == ()


def test_number_is_not_found_inside_a_longer_number() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00", CLIENT_IBAN)]
    result = propose_matches([line("1210.00", "F2026-000123")], items)
    # No invoice named, so the amount+account rule applies only with the IBAN: none here.
    assert result.matches == ()


def test_match_by_amount_and_account() -> None:
    items = [
        item("inv-12", "F2026-00012", "1210.00", "ES79 2100 0813 6101 2345 6789"),
        item("inv-20", "F2026-00020", "99.00", "ES0000000000000000000000"),
    ]
    result = propose_matches([line("1210.00", "TRANSFERENCIA", iban=CLIENT_IBAN)], items)
    assert [(m.invoice_id, m.confidence) for m in result.matches] == [
        ("inv-12", MatchConfidence.AMOUNT_AND_ACCOUNT)
    ]


def test_amount_match_needs_the_client_iban() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00", CLIENT_IBAN)]
    assert propose_matches([line("1210.00", "TRANSFERENCIA")], items).matches == ()
    other = "ES1000490001500000000000"
    assert propose_matches([line("1210.00", "TRANSFERENCIA", iban=other)], items).matches == ()


def test_ambiguous_amount_without_number_stays_unmatched() -> None:
    items = [
        item("inv-12", "F2026-00012", "1210.00", CLIENT_IBAN),
        item("inv-30", "F2026-00030", "1210.00", "ES1000490001500000000000"),
    ]
    lines = [line("1210.00", "TRANSFERENCIA", iban=CLIENT_IBAN), line("1210.00", "TRANSF")]
    result = propose_matches(lines, items)
    assert result.matches == ()
    assert result.unmatched == tuple(lines)


def test_debit_is_unmatched() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00", CLIENT_IBAN)]
    debit = line("-1210.00", "DEVOLUCION F2026-00012", iban=CLIENT_IBAN)
    result = propose_matches([debit], items)
    assert result.matches == ()
    assert result.unmatched == (debit,)


def test_same_invoice_is_not_matched_twice() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00", CLIENT_IBAN)]
    first = line("1210.00", "F2026-00012")
    duplicate = replace(first, remittance="PAGO F2026-00012 DUPLICADO")
    by_account = line("1210.00", "TRANSFERENCIA", iban=CLIENT_IBAN)
    result = propose_matches([first, duplicate, by_account], items)
    assert [(m.line_index, m.invoice_id) for m in result.matches] == [(0, "inv-12")]
    assert result.unmatched == (duplicate, by_account)


def test_exact_match_wins_over_earlier_partial() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00")]
    lines = [line("200.00", "F2026-00012 A CUENTA"), line("1210.00", "F2026-00012")]
    result = propose_matches(lines, items)
    assert [(m.line_index, m.confidence) for m in result.matches] == [(1, MatchConfidence.EXACT)]
    assert result.unmatched == (lines[0],)


def test_line_naming_several_invoices_is_left_for_review_unless_one_is_exact() -> None:
    items = [item("inv-12", "F2026-00012", "1210.00"), item("inv-13", "F2026-00013", "500.00")]
    several = line("1710.00", "FRAS F2026-00012 Y F2026-00013")
    assert propose_matches([several], items).matches == ()
    one_exact = line("500.00", "FRAS F2026-00012 Y F2026-00013")
    [match] = propose_matches([one_exact], items).matches
    assert match.invoice_id == "inv-13"
