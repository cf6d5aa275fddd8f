"""Journal entries (domain.journal): debits equal credits in every entry, for any invoice a
generator makes; the account mapping's defaults and its validation; every format written and
read back (export_readers) to the same totals."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cartera_analytics.domain import export_formats
from cartera_analytics.domain.journal import (
    AccountMapping,
    Entry,
    Line,
    Totals,
    UnbalancedEntry,
    balanced,
    invoice_entry,
    mapping_errors,
    payment_entry,
    return_entry,
)
from cartera_analytics.domain.tax import tax_facts

from .export_readers import READERS
from .tax_samples import invoice, line

DAY = dt.date(2026, 2, 10)
MAPPING = AccountMapping()

amounts = st.decimals(min_value=D("-5000"), max_value=D("50000"), places=2).filter(lambda d: d != 0)
lines = st.lists(
    st.builds(
        lambda amount, vat, surcharge, irpf, rent: line(
            str(amount),
            vat,
            surcharge=surcharge,
            irpf=irpf,
            cadastral_reference="9872023VH5797S0001WX" if rent else None,
        ),
        amounts,
        st.sampled_from(["21", "10", "4", "0", "5"]),
        st.sampled_from(["0", "0", "5.2", "1.4", "0.5", "1.75"]),
        st.sampled_from(["0", "0", "15", "7", "19"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(lines, st.decimals(min_value=D("0.1"), max_value=D("3"), places=4))
def test_every_generated_invoice_gives_a_balanced_entry_that_adds_up_to_the_invoice(ls, rate):
    data = invoice(ls, day=DAY)
    facts = tax_facts(data, rate)
    entry = invoice_entry(
        MAPPING,
        client_account="43000001",
        date=DAY,
        number="F-1",
        rectifying=False,
        contribution=facts,
    )
    if entry is None:
        assert facts.is_zero()
        return
    assert entry.debit == entry.credit
    totals = Totals().add([entry])
    if rate == 1:
        t = data["amounts"]["totals"]
        assert totals.debit["43000001"] == D(t["total"])
        assert sum((v for k, v in totals.debit.items() if k.startswith("473")), D(0)) == D(
            t["irpf"]
        )
        assert sum((v for k, v in totals.credit.items() if k.startswith("70")), D(0)) == D(
            t["taxable_base"]
        )


def test_an_unbalanced_entry_is_refused():
    entry = Entry(
        "invoice",
        DAY,
        "F-1",
        "Factura F-1",
        (Line("43000001", debit=D("121.00")), Line("70500000", credit=D("100.00"))),
    )
    with pytest.raises(UnbalancedEntry):
        balanced(entry)


def test_the_default_accounts_are_the_pgcs():
    facts = tax_facts(
        invoice([line("100.00", surcharge="5.2"), line("200.00", irpf="15")], day=DAY), D(1)
    )
    entry = invoice_entry(
        MAPPING,
        client_account=MAPPING.client(7),
        date=DAY,
        number="F-1",
        rectifying=False,
        contribution=facts,
    )
    assert entry is not None
    got = {(ln.account, ln.debit, ln.credit) for ln in entry.lines}
    assert (
        got
        == {
            ("43000007", D("338.20"), D(0)),  # 300 + 63 VAT + 5.20 recargo - 30 IRPF
            ("47300000", D("30.00"), D(0)),
            ("70000000", D(0), D("100.00")),  # with recargo: goods
            ("70500000", D(0), D("200.00")),
            ("47702100", D(0), D("63.00")),
            ("47710520", D(0), D("5.20")),
        }
        or got
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("bank", "57A"), ("bank", "5720000000000"), ("clients", "43000000"), ("digits", 20)],
)
def test_a_bad_mapping_names_its_field(field, value):
    bad = AccountMapping(**{**MAPPING.__dict__, field: value})
    assert next(loc for loc, _ in mapping_errors(bad)) == (field,)


def test_a_bad_rate_account_names_the_rate():
    bad = AccountMapping(output_tax_accounts={"21.00": "47"})
    assert mapping_errors(bad) == [(("output_tax_accounts", "21.00"), "4 to 8 digits")]
    assert mapping_errors(MAPPING) == []


def _entries() -> list[Entry]:
    a = tax_facts(
        invoice([line("1000.00", irpf="15"), line("250.00", "10", surcharge="1.4")], day=DAY), D(1)
    )
    r = tax_facts(invoice([line("-100.00")], day=DAY), D(1))
    made = [
        invoice_entry(
            MAPPING,
            client_account="43000001",
            date=DAY,
            number="F-1",
            rectifying=False,
            contribution=a,
        ),
        invoice_entry(
            MAPPING,
            client_account="43000001",
            date=DAY,
            number="R-1",
            rectifying=True,
            contribution=r,
        ),
        payment_entry(
            MAPPING, client_account="43000001", date=DAY, number="F-1", amount=D("500.00")
        ),
        return_entry(
            MAPPING, client_account="43000001", date=DAY, number="F-1", amount=D("500.00")
        ),
    ]
    return [Entry(**{**e.__dict__, "number": i}) for i, e in enumerate(made, 1) if e]


@pytest.mark.parametrize("fmt", export_formats.FORMATS)
def test_every_format_reads_back_to_the_same_lines(fmt):
    out = io.BytesIO()
    writer = export_formats.KINDS[fmt].writer(out)
    entries = _entries()
    for e in entries:
        writer.write(e)
    writer.finish()
    read = READERS[fmt](out.getvalue())
    expected = Totals().add(entries)
    for account in expected.debit:
        assert read.account(account) == (expected.debit[account], expected.credit[account])
    assert len(read.by_entry()) == len(entries)
    for number, read_lines in read.by_entry().items():
        assert sum(ln.debit for ln in read_lines) == sum(ln.credit for ln in read_lines), number
    assert {ln.date for ln in read.lines} == {DAY}
