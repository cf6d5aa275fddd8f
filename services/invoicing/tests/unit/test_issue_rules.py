"""RD 1619/2012 at issue: the simplified invoice's limits (art. 4.1 and 4.2), what never goes
on one (art. 4.3), the recipient's data when the buyer asks for it (art. 7.2), and the
recipient's address on a full invoice (art. 6.1.e). docs/compliance.md, "Invoices"."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from cartera_invoicing.domain.invoice import InvalidInvoice, Line, compute
from cartera_invoicing.domain.issue_rules import (
    SIMPLIFIED_ACTIVITIES,
    check_recipient_address,
    check_simplified,
)

from . import invoice_samples as samples


def sale(gross: str, vat: str = "21") -> tuple[Line, ...]:
    """One line whose base is `gross`."""
    return (Line("Menú del día", D(1), D(gross), vat_rate=D(vat)),)


def simplified(lines, *, activity=None, recipient=None, exchange_rate=None, invoice_type="F2"):
    check_simplified(
        invoice_type=invoice_type,
        amounts=compute(lines),
        exchange_rate=exchange_rate,
        lines=lines,
        recipient=recipient,
        activity=activity,
    )


def test_up_to_400_euros_vat_included():
    simplified(sale("330.58"))  # 330.58 + 69.42 = 400.00
    with pytest.raises(InvalidInvoice) as refused:
        simplified(sale("330.59"))  # 400.01
    assert refused.value.field == "totals.total"
    assert "400.00 €" in str(refused.value)
    assert "400.01 €" in str(refused.value)


def test_the_limit_counts_recargo_but_not_irpf_withholding():
    with_recargo = (Line("x", D(1), D("300.00"), surcharge_rate=D("5.2")),)  # 378.60
    simplified(with_recargo)
    withheld = (Line("x", D(1), D("340.00"), irpf_rate=D(15)),)  # 411.40 before withholding
    with pytest.raises(InvalidInvoice, match=r"411\.40"):
        simplified(withheld)


@pytest.mark.parametrize("activity", SIMPLIFIED_ACTIVITIES)
def test_an_activity_of_art_4_2_raises_it_to_3000(activity):
    simplified(sale("2479.33"), activity=activity)  # 2,999.99
    with pytest.raises(InvalidInvoice, match=r"up to 3000.00 €.*3000.01 €"):
        simplified(sale("2479.35"), activity=activity)


def test_art_4_2_lists_fourteen_activities():
    assert len(SIMPLIFIED_ACTIVITIES) == 14  # letters a) to n)


def test_the_limit_is_in_euros_for_an_invoice_in_another_currency():
    simplified(sale("300.00"))  # 363 € is under the limit,
    with pytest.raises(InvalidInvoice, match=r"435\.60 €"):
        simplified(sale("300.00"), exchange_rate=D("1.2"))  # but not 363 USD at 1.20


def test_a_rectifying_simplified_invoice_has_no_limit():
    simplified(sale("5000.00"), invoice_type="R5")  # art. 4.1.b
    simplified(sale("5000.00"), invoice_type="F1")


@pytest.mark.parametrize(
    "reason", ["E5 Art. 25 LIVA (entrega intracomunitaria)", "S2 Art. 84.Uno.2.º f) LIVA"]
)
def test_what_art_4_3_excludes_never_goes_on_a_simplified_invoice(reason):
    lines = (*sale("10.00"), Line("y", D(1), D(5), vat_rate=D(0), exemption_reason=reason))
    with pytest.raises(InvalidInvoice, match=r"art\. 4\.3") as refused:
        simplified(lines)
    assert refused.value.field == "lines[1].exemption_reason"


def test_an_exempt_line_of_another_kind_may_go_on_one():
    simplified((Line("Clase", D(1), D(30), vat_rate=D(0), exemption_reason="E1 Art. 20 LIVA"),))


def test_a_simplified_invoice_for_a_client_carries_its_nif_and_address():
    simplified(sale("10.00"), recipient=samples.RETAILER)  # art. 7.2: both there
    homeless = dataclasses.replace(samples.RETAILER, address=None)
    with pytest.raises(InvalidInvoice, match=r"art\. 7\.2") as refused:
        simplified(sale("10.00"), recipient=homeless)
    assert refused.value.field == "client.fiscal_address"
    nameless = dataclasses.replace(samples.RETAILER, tax_id=" ")
    with pytest.raises(InvalidInvoice, match=r"art\. 7\.2") as refused:
        simplified(sale("10.00"), recipient=nameless)
    assert refused.value.field == "client.tax_id"


@pytest.mark.parametrize(
    "kind", ["individual", "self_employed", "company", "public_administration", "foreign"]
)
@pytest.mark.parametrize("invoice_type", ["F1", "F3", "R1", "R4"])
def test_a_full_invoice_needs_the_recipients_address(kind, invoice_type):
    recipient = dataclasses.replace(samples.RETAILER, kind=kind)
    check_recipient_address(invoice_type=invoice_type, recipient=recipient)
    with pytest.raises(InvalidInvoice, match=r"art\. 6\.1\.e") as refused:
        check_recipient_address(
            invoice_type=invoice_type, recipient=dataclasses.replace(recipient, address=None)
        )
    assert refused.value.field == "client.fiscal_address"
    assert samples.RETAILER.legal_name in str(refused.value)


def test_a_simplified_invoice_needs_no_address_of_its_own():
    homeless = dataclasses.replace(samples.RETAILER, address=None)
    check_recipient_address(invoice_type="F2", recipient=None)
    check_recipient_address(invoice_type="R5", recipient=homeless)
