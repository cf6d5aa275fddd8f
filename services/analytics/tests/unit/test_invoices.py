"""Invoice chains: contributions and instalments do not depend on the order events arrive in."""

import datetime as dt
import itertools
import uuid
from decimal import Decimal

import pytest

from cartera_analytics.domain.invoices import (
    NO_CLIENT,
    InvalidFact,
    PaymentFact,
    chain_contributions,
    doc_from_event,
    instalment_schedule,
)

CLIENT = uuid.uuid4()
ORIGINAL = uuid.uuid4()


def payload(invoice_id, *, base, vat, irpf="0.00", issue_date="2026-03-10", **extra):
    base, vat, irpf = Decimal(base), Decimal(vat), Decimal(irpf)
    total = base + vat - irpf
    data = {
        "id": str(invoice_id),
        "number": extra.pop("number", f"F-{str(invoice_id)[:4]}"),
        "invoice_type": "F1",
        "issue_date": issue_date,
        "client_id": str(CLIENT),
        "currency": "EUR",
        "recipient": {"legal_name": "Cliente S.L.", "tax_id": "B12345678", "country": "ES"},
        "amounts": {
            "totals": {
                "taxable_base": str(base),
                "vat": str(vat),
                "surcharge": "0.00",
                "irpf": str(irpf),
                "total": str(total),
            },
            "withholdings": [],
        },
        "due_dates": [],
    }
    data.update(extra)
    return data


def original():
    return doc_from_event(
        "invoice.issued",
        payload(
            ORIGINAL,
            base="1000.00",
            vat="210.00",
            due_dates=[
                {"due_on": "2026-04-09", "amount": "605.00"},
                {"due_on": "2026-05-09", "amount": "605.00"},
            ],
        ),
    )


def rectification(kind, base, vat, day, number):
    return doc_from_event(
        "invoice.rectified",
        payload(
            uuid.uuid4(),
            base=base,
            vat=vat,
            issue_date=day,
            number=number,
            rectifies={"id": str(ORIGINAL), "number": "F-1"},
            rectification_kind=kind,
        ),
    )


def test_a_chain_sums_to_the_net_invoice_whatever_the_order():
    docs = [
        original(),
        rectification("I", "-100.00", "-21.00", "2026-04-01", "R-1"),
        rectification("S", "500.00", "105.00", "2026-05-01", "R-2"),
        rectification("I", "50.00", "10.50", "2026-06-01", "R-3"),
    ]
    expected = None
    for order in itertools.permutations(docs):
        result = chain_contributions(order)
        by_number = {d.number: result[d.invoice_id] for d in docs}
        if expected is None:
            expected = by_number
        assert by_number == expected
    assert expected is not None
    assert expected["R-1"].amounts.base == Decimal("-100.00")
    # The substitution replaces the 900.00 the invoice amounted to: -400.00 on its own date.
    assert expected["R-2"].amounts.base == Decimal("-400.00")
    assert sum(c.amounts.base for c in expected.values()) == Decimal("550.00")
    assert sum(c.amounts.total for c in expected.values()) == Decimal("665.50")
    assert [c.invoices for c in expected.values()] == [1, 0, 0, 0]


def test_a_substitution_before_its_original_counts_in_full_until_the_original_lands():
    sub = rectification("S", "500.00", "105.00", "2026-05-01", "R-2")
    alone = chain_contributions([sub])
    assert alone[sub.invoice_id].amounts.base == Decimal("500.00")
    both = chain_contributions([sub, original()])
    assert both[sub.invoice_id].amounts.base == Decimal("-500.00")


def test_modelo_347_exclusions_come_from_the_invoice():
    withheld = doc_from_event(
        "invoice.issued",
        payload(uuid.uuid4(), base="1000.00", vat="210.00", irpf="150.00"),
    )
    assert withheld.m347_exclusion == "irpf_withholding"
    french = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1000.00",
            vat="0.00",
            recipient={"legal_name": "SARL", "tax_id": "FR40303265045", "country": "FR"},
        ),
    )
    assert french.m347_exclusion == "intra_eu"
    american = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1000.00",
            vat="0.00",
            recipient={"legal_name": "Inc", "tax_id": "12-3456789", "country": "US"},
        ),
    )
    assert american.m347_exclusion == "export"
    simplified = doc_from_event(
        "invoice.issued", payload(uuid.uuid4(), base="10.00", vat="2.10", recipient=None)
    )
    assert simplified.m347_exclusion == "no_identified_recipient"
    assert original().m347_exclusion is None
    result = chain_contributions([withheld])
    assert result[withheld.invoice_id].m347 == 0
    assert chain_contributions([original()])[ORIGINAL].m347 == Decimal("1210.00")


def test_an_invoice_without_client_is_kept_under_no_client_and_bad_payloads_are_refused():
    doc = doc_from_event(
        "invoice.issued", payload(uuid.uuid4(), base="10.00", vat="2.10", client_id=None)
    )
    assert doc.client_id == NO_CLIENT
    with pytest.raises(InvalidFact):
        doc_from_event("invoice.issued", {"id": str(uuid.uuid4())})


def test_foreign_currency_is_converted_with_the_invoice_rate():
    doc = doc_from_event(
        "invoice.issued",
        payload(uuid.uuid4(), base="100.00", vat="21.00", currency="USD", exchange_rate="0.9"),
    )
    assert (doc.amounts.base, doc.amounts.total) == (Decimal("90.00"), Decimal("108.90"))


def pay(seq_amounts, paid_on, reversed_=False):
    return PaymentFact(
        payment_id=uuid.uuid4(),
        invoice_id=ORIGINAL,
        client_id=CLIENT,
        amount=sum(a for _, a in seq_amounts),
        applied=sum(a for _, a in seq_amounts),
        method="transfer",
        paid_on=dt.date.fromisoformat(paid_on),
        allocations=tuple(seq_amounts),
        reversed=reversed_,
    )


def test_instalments_follow_rectifications_and_payments():
    credit = rectification("I", "-100.00", "-21.00", "2026-04-01", "R-1")
    payments = [
        pay([(1, Decimal("605.00"))], "2026-04-20"),
        pay([(2, Decimal("100.00"))], "2026-05-01", reversed_=True),
    ]
    schedule = instalment_schedule([credit, original()], payments)
    assert [(i.seq, i.amount, i.paid, i.settled_on) for i in schedule] == [
        (1, Decimal("605.00"), Decimal("605.00"), dt.date(2026, 4, 20)),
        (2, Decimal("484.00"), Decimal("0.00"), None),
    ]
    assert instalment_schedule([credit], payments) == []  # no due dates until the original


def test_a_request_ends_the_same_whether_it_was_closed_or_opened_first():
    from cartera_analytics import facts

    tenant = uuid.uuid4()
    opened = {
        "request_id": "R-1",
        "client_id": str(CLIENT),
        "subject": "Factura duplicada",
        "priority": "normal",
        "opened_at": "2026-05-01T09:00:00Z",
        "sla_due_at": "2026-05-02T09:00:00Z",
    }
    closed = {
        "request_id": "R-1",
        "client_id": str(CLIENT),
        "priority": "high",
        "opened_at": "2026-05-01T09:00:00Z",
        "closed_at": "2026-05-03T09:00:00Z",
        "sla_breached": True,
    }
    rows = {
        "request.opened": facts.request_row(tenant, "request.opened", opened),
        "request.closed": facts.request_row(tenant, "request.closed", closed),
    }
    one = facts.merge_request(None, rows["request.opened"], "request.opened")
    one = facts.merge_request(one, rows["request.closed"], "request.closed")
    other = facts.merge_request(None, rows["request.closed"], "request.closed")
    other = facts.merge_request(other, rows["request.opened"], "request.opened")
    assert one == other
    assert (one["priority"], one["sla_breached"]) == ("normal", True)
    assert one["sla_due_at"] is not None
    assert one["closed_at"] is not None


# --- Modelo 347, line by line (RD 1065/2007 arts. 33.2 and 34.1.d) --------------------------------

CADASTRAL = "9872023VH5797S0001WX"  # the Catastro's 20-character reference (example layout)


def line(amount, *, vat="21", irpf="0", cadastral_reference=None):
    data = {"description": "x", "amount": amount, "vat_rate": vat, "irpf_rate": irpf}
    if cadastral_reference is not None:
        data["cadastral_reference"] = cadastral_reference
    return data


def test_a_landlords_withheld_rent_of_urban_property_is_declared_with_its_reference():
    # 1,000 rent, 21 % VAT, 19 % withholding: the landlord declares 1,210 (VAT included).
    rent = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1000.00",
            vat="210.00",
            irpf="190.00",
            lines=[line("1000.00", irpf="19", cadastral_reference=CADASTRAL.lower())],
        ),
    )
    assert rent.m347_exclusion is None
    contribution = chain_contributions([rent])[rent.invoice_id]
    assert contribution.m347 == Decimal("1210.00")
    assert contribution.m347_rents == ((CADASTRAL, Decimal("1210.00")),)


def test_only_the_withheld_lines_that_are_not_rents_stay_out():
    # A professional's fee withheld at 15 % stays out (the payer reports it in Modelo 190);
    # the goods sold on the same invoice are declared.
    mixed = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1500.00",
            vat="315.00",
            irpf="150.00",
            lines=[line("1000.00", irpf="15"), line("500.00")],
        ),
    )
    assert mixed.m347_exclusion is None
    contribution = chain_contributions([mixed])[mixed.invoice_id]
    assert contribution.m347 == Decimal("605.00")
    assert contribution.m347_rents == ()


def test_an_invoice_all_of_whose_lines_are_withheld_fees_stays_out():
    fees = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1000.00",
            vat="210.00",
            irpf="150.00",
            lines=[line("600.00", irpf="15"), line("400.00", irpf="15")],
        ),
    )
    assert fees.m347_exclusion == "irpf_withholding"
    assert chain_contributions([fees])[fees.invoice_id].m347 == Decimal("0.00")


def test_a_rent_to_a_recipient_outside_spain_stays_out_whatever_its_lines():
    rent = doc_from_event(
        "invoice.issued",
        payload(
            uuid.uuid4(),
            base="1000.00",
            vat="0.00",
            recipient={"legal_name": "SARL", "tax_id": "FR40303265045", "country": "FR"},
            lines=[line("1000.00", vat="0", cadastral_reference=CADASTRAL)],
        ),
    )
    contribution = chain_contributions([rent])[rent.invoice_id]
    assert (contribution.m347, contribution.m347_rents) == (Decimal("0.00"), ())


def test_a_substitution_replaces_the_rent_it_corrects():
    first = doc_from_event(
        "invoice.issued",
        payload(
            ORIGINAL,
            base="1000.00",
            vat="210.00",
            irpf="190.00",
            lines=[line("1000.00", irpf="19", cadastral_reference=CADASTRAL)],
        ),
    )
    corrected = doc_from_event(
        "invoice.rectified",
        payload(
            uuid.uuid4(),
            base="800.00",
            vat="168.00",
            irpf="152.00",
            issue_date="2026-05-01",
            rectifies={"id": str(ORIGINAL), "number": "F-1"},
            rectification_kind="S",
            lines=[line("800.00", irpf="19", cadastral_reference=CADASTRAL)],
        ),
    )
    contributions = chain_contributions([corrected, first])
    assert contributions[corrected.invoice_id].m347 == Decimal("-242.00")
    assert contributions[corrected.invoice_id].m347_rents == ((CADASTRAL, Decimal("-242.00")),)
    assert sum(c.m347 for c in contributions.values()) == Decimal("968.00")
