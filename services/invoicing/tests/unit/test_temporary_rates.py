"""The temporary VAT rates of 2022-2024, each only in its dated window (docs/compliance.md,
"Invoices"), and the documents an invoice at those rates makes.

Windows, from the decrees: 5 % electricity from 1-7-2022 (RDL 11/2022 art. 18), gas from
1-10-2022 (RDL 17/2022), both to 31-12-2023 (RDL 20/2022); 0 % basic food and 5 % oils and pasta
from 1-1-2023 (RDL 20/2022 art. 72) to 30-9-2024 (RDL 4/2024 art. 1); then 2 % and 7.5 % from
1-10-2024 to 31-12-2024 (RDL 4/2024 art. 1). Recargo: 0.62 % with 5 %, 0 % with 0 %, 0.26 %
with 2 %, 1 % with 7.5 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from lxml import etree

from cartera_invoicing.domain.facturae import facturae_xml
from cartera_invoicing.domain.invoice import InvalidInvoice, Line, check_rates, compute
from cartera_invoicing.domain.verifactu import build_alta, record_xml
from cartera_invoicing.invoices.pdf import invoice_pdf
from cartera_invoicing.invoices.service import accrual_day
from cartera_invoicing.xml_schemas import FACTURAE_XSD, VERIFACTU

from . import invoice_samples as samples
from .test_pdf import Pdf
from .test_verifactu import NS, SYSTEM, at

FOOD_AT_ZERO = "S1 Tipo 0 % art. 72 RDL 20/2022 (alimentos básicos)"


def line(vat: str, surcharge: str = "0", reason: str | None = None) -> Line:
    return Line(
        "Aceite de oliva virgen extra 1 l",
        D(10),
        D("6.00"),
        vat_rate=D(vat),
        surcharge_rate=D(surcharge),
        exemption_reason=reason,
    )


@pytest.mark.parametrize(
    ("vat", "surcharge", "reason", "first_day", "last_day"),
    [
        ("5", "0.62", None, dt.date(2022, 7, 1), dt.date(2024, 9, 30)),  # electricity .. pasta
        ("0", "0", FOOD_AT_ZERO, dt.date(2023, 1, 1), dt.date(2024, 9, 30)),
        ("2", "0.26", None, dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("7.5", "1", None, dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ],
)
def test_each_temporary_rate_holds_in_its_window_and_nowhere_else(
    vat, surcharge, reason, first_day, last_day
):
    for day in (first_day, last_day):
        check_rates([line(vat, surcharge, reason)], day)
        check_rates([line(vat, "0", reason)], day)  # a client outside the recargo regime
    for day in (first_day - dt.timedelta(days=1), last_day + dt.timedelta(days=1)):
        with pytest.raises(InvalidInvoice, match=f"temporary {vat} % VAT rate") as refused:
            check_rates([line("21"), line(vat, surcharge, reason)], day)
        assert refused.value.field == "lines[1].vat_rate"
        assert day.isoformat() in str(refused.value)


def test_the_refusal_names_the_rates_windows_and_their_sources():
    with pytest.raises(InvalidInvoice) as refused:
        check_rates([line("7.5")], dt.date(2025, 1, 2))
    message = str(refused.value)
    assert "2024-10-01 to 2024-12-31" in message
    assert "RDL 4/2024" in message
    assert "line 1" in message


@pytest.mark.parametrize(
    ("vat", "wrong", "right"),
    [("5", "1.4", "0.62"), ("5", "0.625", "0.62"), ("2", "0.5", "0.26"), ("7.5", "1.4", "1")],
)
def test_a_temporary_rate_takes_only_its_own_recargo(vat, wrong, right):
    with pytest.raises(InvalidInvoice, match=f"takes {right} %") as refused:
        check_rates(
            [line(vat, wrong)], dt.date(2024, 10, 15) if vat != "5" else dt.date(2023, 3, 1)
        )
    assert refused.value.field == "lines[0].surcharge_rate"


def test_taxed_at_zero_is_dated_but_exempt_lines_are_not():
    after = dt.date(2025, 1, 10)
    with pytest.raises(InvalidInvoice, match="temporary 0 % VAT rate"):
        check_rates([line("0", reason=FOOD_AT_ZERO)], after)
    with pytest.raises(InvalidInvoice, match=r"recargo 0\.5 % does not go with 0 % VAT"):
        check_rates([line("0", "0.5", FOOD_AT_ZERO)], dt.date(2023, 5, 1))
    check_rates([line("0", reason="E1 Art. 20.Uno.9.º LIVA")], after)
    check_rates([line("0", reason="S2 Art. 84.Uno.2.º f) LIVA")], after)


def test_a_rate_that_never_existed_is_still_refused_as_such():
    with pytest.raises(InvalidInvoice, match="there is no 6 % VAT rate"):
        check_rates([line("6")], dt.date(2023, 5, 1))


def test_the_permanent_rates_are_unchanged_in_the_windows():
    check_rates([line("4", "0.5"), line("10", "1.4"), line("21", "5.2")], dt.date(2023, 5, 1))


def historical_invoice():
    """A wholesaler's invoice of 15-11-2024 to a retailer under recargo: 2 % and 7.5 %."""
    return samples.issued(
        number="F2024-000311",
        series="F2024",
        issuer=samples.WHOLESALER,
        recipient=samples.RETAILER,
        issue_date=dt.date(2024, 11, 15),
        lines=[
            Line(
                "Pan común (barra 250 g)",
                D(200),
                D("0.80"),
                vat_rate=D(2),
                surcharge_rate=D("0.26"),
            ),
            Line("Espaguetis 500 g", D(120), D("1.15"), vat_rate=D("7.5"), surcharge_rate=D(1)),
        ],
    )


def test_amounts_at_the_temporary_rates():
    amounts = compute(historical_invoice().lines)
    assert [(b.vat_rate, b.taxable_base, b.vat, b.surcharge) for b in amounts.breakdown] == [
        (D("7.5"), D("138.00"), D("10.35"), D("1.38")),
        (D(2), D("160.00"), D("3.20"), D("0.42")),  # 0.416 rounds half-up
    ]
    assert amounts.totals.total == D("313.35")


def test_the_verifactu_record_carries_the_rates_and_validates():
    schema = etree.XMLSchema(etree.parse(str(VERIFACTU / "SuministroLR.xsd")))
    record = build_alta(historical_invoice(), previous=None, generated_at=at(9, 0), system=SYSTEM)
    document = etree.fromstring(record_xml(record))
    schema.assertValid(document)
    found = [e.text for e in document.iterfind(".//sf:DetalleDesglose/sf:TipoImpositivo", NS)]
    assert found == ["7.50", "2.00"]
    surcharges = [e.text for e in document.iterfind(".//sf:TipoRecargoEquivalencia", NS)]
    assert surcharges == ["1.00", "0.26"]


def test_a_food_line_at_zero_is_a_taxed_s1_line_in_verifactu():
    invoice = samples.issued(
        number="F2023-000007",
        series="F2023",
        issuer=samples.WHOLESALER,
        recipient=samples.RETAILER,
        issue_date=dt.date(2023, 5, 10),
        lines=[
            Line("Leche UHT 1 l", D(60), D("0.95"), vat_rate=D(0), exemption_reason=FOOD_AT_ZERO)
        ],
    )
    record = build_alta(invoice, previous=None, generated_at=at(9, 0), system=SYSTEM)
    document = etree.fromstring(record_xml(record))
    assert [e.text for e in document.iterfind(".//sf:CalificacionOperacion", NS)] == ["S1"]
    assert [e.text for e in document.iterfind(".//sf:TipoImpositivo", NS)] == ["0.00"]
    assert not list(document.iterfind(".//sf:OperacionExenta", NS))


class LocalSchemas(etree.Resolver):
    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        if system_url.endswith("xmldsig-core-schema.xsd"):
            return self.resolve_filename(str(VERIFACTU / "xmldsig-core-schema.xsd"), context)
        return None


def test_the_facturae_tax_rows_carry_the_rates_and_validate():
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    schema = etree.XMLSchema(etree.parse(str(FACTURAE_XSD), parser))
    document = etree.fromstring(facturae_xml(historical_invoice()))
    schema.assertValid(document)
    rates = sorted(
        D(e.text) for e in document.iterfind("Invoices/Invoice/TaxesOutputs/Tax/TaxRate")
    )
    assert rates == [D(2), D("7.5")]
    surcharges = sorted(
        D(e.text)
        for e in document.iterfind("Invoices/Invoice/TaxesOutputs/Tax/EquivalenceSurcharge")
    )
    assert surcharges == [D("0.26"), D(1)]


def test_the_pdf_prints_the_rates_and_their_recargo():
    text = Pdf(invoice_pdf(historical_invoice(), qr_url=None)).text
    assert "138,00 € 7,5 % 10,35 € 1 % 1,38 €" in text
    assert "160,00 € 2 % 3,20 € 0,26 % 0,42 €" in text


def test_the_rates_day_is_the_operations_and_a_rectification_takes_the_originals():
    issued = dt.date(2026, 3, 2)
    delivered = dt.date(2023, 5, 10)
    assert accrual_day(delivered, issued) == delivered
    assert accrual_day(None, issued) == issued
    original = {"operation_date": None, "issue_date": dt.date(2024, 11, 4)}
    assert accrual_day(None, issued, original) == dt.date(2024, 11, 4)
    assert accrual_day(None, issued, original | {"operation_date": delivered}) == delivered
    # A rectification that states its own operation date keeps it.
    assert accrual_day(dt.date(2024, 12, 1), issued, original) == dt.date(2024, 12, 1)
