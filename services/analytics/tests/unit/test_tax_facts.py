"""The tax facts read from an invoice event (domain.tax) and what each document of a chain
contributes: by rate, withholdings split between Modelos 111 and 115, goods and services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from cartera_analytics.domain import modelo303
from cartera_analytics.domain.invoices import doc_from_event
from cartera_analytics.domain.tax import (
    TaxDoc,
    TaxFacts,
    from_json,
    tax_contributions,
    tax_facts,
    to_json,
)

from .tax_samples import cancellation, invoice, line, rectification

DAY = dt.date(2026, 2, 10)
REF = "9872023VH5797S0001WX"


def test_breakdown_and_withholdings_come_from_the_invoice_and_rents_go_to_115():
    data = invoice(
        [
            line("1000.00", irpf="15"),
            line("500.00", irpf="19", cadastral_reference=REF),
            line("200.00", "10", surcharge="1.4"),
            line("100.00", "4"),
        ],
        day=DAY,
    )
    facts = tax_facts(data, D(1))
    assert {
        (t.vat_rate, t.surcharge_rate): (t.base, t.vat, t.surcharge) for t in facts.breakdown
    } == {
        (D("21.00"), D("0.00")): (D("1500.00"), D("315.00"), D("0.00")),
        (D("10.00"), D("1.40")): (D("200.00"), D("20.00"), D("2.80")),
        (D("4.00"), D("0.00")): (D("100.00"), D("4.00"), D("0.00")),
    }
    assert {(w.irpf_rate, w.modelo): w.irpf for w in facts.withholdings} == {
        (D("15.00"), "111"): D("150.00"),
        (D("19.00"), "115"): D("95.00"),
    }
    assert facts.goods_base == D("200.00")  # the line with recargo: a sale of goods
    assert from_json(to_json(facts)) == facts


def test_one_rate_shared_by_a_rent_and_fees_is_split_to_the_cent():
    data = invoice(
        [line("300.00", irpf="15", cadastral_reference=REF), line("100.01", irpf="15")], day=DAY
    )
    facts = tax_facts(data, D(1))
    by = {w.modelo: (w.base, w.irpf) for w in facts.withholdings}
    assert by == {"115": (D("300.00"), D("45.00")), "111": (D("100.01"), D("15.00"))}
    assert facts.irpf == D(data["amounts"]["totals"]["irpf"])


def test_an_invoice_in_another_currency_is_in_euros():
    data = invoice([line("100.00")], day=DAY)
    data.update(currency="USD", exchange_rate="0.5")
    facts = doc_from_event("invoice.issued", data).tax
    assert facts is not None
    assert (facts.base, facts.vat) == (D("50.00"), D("10.50"))


def _doc(data, kind="invoice.issued"):
    d = doc_from_event(kind, data)
    return TaxDoc(d.invoice_id, d.is_original, d.kind, d.cancelled, d.tax or TaxFacts())


def test_a_substitution_adds_the_difference_a_difference_adds_itself_a_cancellation_nothing():
    original = invoice([line("1000.00")], day=DAY)
    by_difference = rectification(original, [line("-100.00")], day=DAY, kind="I")
    substitution = rectification(original, [line("700.00")], day=DAY, kind="S")
    docs = [
        _doc(original),
        _doc(by_difference, "invoice.rectified"),
        _doc(substitution, "invoice.rectified"),
    ]
    got = tax_contributions(docs)
    assert got[docs[1].invoice_id].vat == D("-21.00")
    # The chain stood at 900 before the substitution to 700: it adds -200.
    assert (got[docs[2].invoice_id].base, got[docs[2].invoice_id].vat) == (
        D("-200.00"),
        D("-42.00"),
    )
    cancelled = _doc(cancellation(invoice([line("50.00")], day=DAY)), "invoice.cancelled")
    assert tax_contributions([cancelled])[cancelled.invoice_id].is_zero()


def test_boxes_put_originals_by_rate_and_rectifications_in_14_and_15():
    originals = tax_facts(
        invoice([line("1000.00"), line("500.00", surcharge="5.2"), line("100.00", "10")], day=DAY),
        D(1),
    )
    rect = tax_facts(invoice([line("-100.00")], day=DAY), D(1))
    boxes = {b["box"]: b["value"] for b in modelo303.boxes(originals, rect)}
    assert (boxes["07"], boxes["08"], boxes["09"]) == ("1500.00", "21.00", "315.00")
    assert (boxes["04"], boxes["06"]) == ("100.00", "10.00")
    assert (boxes["22"], boxes["23"], boxes["24"]) == ("500.00", "5.20", "26.00")
    assert (boxes["14"], boxes["15"]) == ("-100.00", "-21.00")
    assert boxes["27"] == str(D("315.00") + D("10.00") + D("26.00") - D("21.00"))
    assert "01" not in boxes  # no 4 % invoice
