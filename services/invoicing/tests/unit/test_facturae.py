"""FacturaE 3.2.2 documents: valid against the official schema, and saying what the invoice says.

The schema is the service's own copy (`cartera_invoicing/schemas`, whose README says where and when
it was published). Its xmldsig import points at the local copy; should a pristine copy point at
the W3C URL instead, `LocalSchemas` resolves that URL to the same local file,
and the parser never goes to the network (`no_network=True`): a test that needs the network fails.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from cartera_invoicing.domain import facturae
from cartera_invoicing.domain.facturae import (
    AdministrativeCentre,
    FacturaeError,
    face_centres,
    facturae_xml,
    person_type,
    residence_type,
    special_taxable_event_code,
    split_person_name,
)
from cartera_invoicing.domain.invoice import Line, Party
from cartera_invoicing.xml_schemas import FACTURAE_XSD, VERIFACTU

from . import invoice_samples as samples

D = Decimal
XMLDSIG_XSD = VERIFACTU / "xmldsig-core-schema.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
FE = f"{{{facturae.NAMESPACE}}}"

CENTRES = face_centres(
    oficina_contable="L01280053",
    organo_gestor="L01280053",
    unidad_tramitadora="LA0012345",
)


class LocalSchemas(etree.Resolver):
    """Resolves the W3C xmldsig schema to the local copy (no test goes to the network)."""

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        if system_url.endswith("xmldsig-core-schema.xsd"):
            return self.resolve_filename(str(XMLDSIG_XSD), context)
        return None


def load_schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(path), parser))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    assert FACTURAE_XSD.is_file(), f"the official schema is expected at {FACTURAE_XSD}"
    return load_schema(FACTURAE_XSD)


def valid(schema: etree.XMLSchema, xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    if not schema.validate(document):
        errors = "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)
        pytest.fail(f"not valid FacturaE 3.2.2:\n{errors}")
    return document


def text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, f"{path} is missing"
    return found.text or ""


def amount(element: etree._Element, path: str) -> Decimal:
    return D(text(element, path))


def test_the_schema_is_the_services_own_copy():
    """Inside the checkout: a fresh clone has nothing beside it."""
    assert FACTURAE_XSD.is_relative_to(Path(__file__).resolve().parents[2])
    assert FACTURAE_XSD.is_file()


def test_the_official_schema_with_its_w3c_import_loads_offline(tmp_path):
    pristine = FACTURAE_XSD.read_text(encoding="utf-8-sig").replace(
        'schemaLocation="../verifactu/xmldsig-core-schema.xsd"',
        'schemaLocation="http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/'
        'xmldsig-core-schema.xsd"',
    )
    copy = tmp_path / "Facturaev3_2_2.xsd"
    copy.write_text(pristine, encoding="utf-8")
    schema = load_schema(copy)
    xml = facturae_xml(samples.public_body_invoice(), administrative_centres=CENTRES)
    assert schema.validate(etree.fromstring(xml)), schema.error_log


def test_an_invoice_to_a_public_administration(schema):
    invoice = samples.public_body_invoice()
    root = valid(schema, facturae_xml(invoice, administrative_centres=CENTRES))

    assert root.tag == f"{FE}Facturae"
    assert text(root, "FileHeader/SchemaVersion") == "3.2.2"
    assert text(root, "FileHeader/Modality") == "I"
    assert text(root, "FileHeader/InvoiceIssuerType") == "EM"
    assert text(root, "FileHeader/Batch/InvoicesCount") == "1"
    assert text(root, "FileHeader/Batch/BatchIdentifier") == "71234567W000017T2026"

    seller = root.find("Parties/SellerParty")
    assert text(seller, "TaxIdentification/PersonTypeCode") == "F"
    assert text(seller, "TaxIdentification/ResidenceTypeCode") == "R"
    assert text(seller, "TaxIdentification/TaxIdentificationNumber") == "71234567W"
    assert text(seller, "Individual/Name") == "Íñigo"
    assert text(seller, "Individual/FirstSurname") == "Muñoz"
    assert text(seller, "Individual/SecondSurname") == "Güell"
    assert text(seller, "Individual/AddressInSpain/PostCode") == "29005"

    buyer = root.find("Parties/BuyerParty")
    assert text(buyer, "TaxIdentification/PersonTypeCode") == "J"
    assert text(buyer, "TaxIdentification/TaxIdentificationNumber") == "P2800500G"
    assert text(buyer, "LegalEntity/CorporateName") == "Ayuntamiento de Alcalá de Henares"
    assert text(buyer, "LegalEntity/AddressInSpain/CountryCode") == "ESP"
    centres = [
        (text(c, "RoleTypeCode"), text(c, "CentreCode"), text(c, "CentreDescription"))
        for c in buyer.iterfind("AdministrativeCentres/AdministrativeCentre")
    ]
    assert centres == [
        ("01", "L01280053", "Oficina contable"),
        ("02", "L01280053", "Órgano gestor"),
        ("03", "LA0012345", "Unidad tramitadora"),
    ]

    document = root.find("Invoices/Invoice")
    assert text(document, "InvoiceHeader/InvoiceNumber") == "000017"
    assert text(document, "InvoiceHeader/InvoiceSeriesCode") == "T2026"
    assert text(document, "InvoiceHeader/InvoiceDocumentType") == "FC"
    assert text(document, "InvoiceHeader/InvoiceClass") == "OO"
    assert document.find("InvoiceHeader/Corrective") is None
    assert text(document, "InvoiceIssueData/IssueDate") == "2026-03-16"
    assert text(document, "InvoiceIssueData/OperationDate") == "2026-02-27"
    assert text(document, "InvoiceIssueData/InvoiceCurrencyCode") == "EUR"
    assert text(document, "InvoiceIssueData/TaxCurrencyCode") == "EUR"
    assert text(document, "InvoiceIssueData/LanguageName") == "es"

    taxes = [
        (text(t, "TaxTypeCode"), text(t, "TaxRate"), amount(t, "TaxableBase/TotalAmount"))
        for t in document.iterfind("TaxesOutputs/Tax")
    ]
    assert taxes == [("01", "21.00", D("1936.75")), ("01", "4.00", D("462.00"))]
    [withheld] = document.iterfind("TaxesWithheld/Tax")
    assert text(withheld, "TaxTypeCode") == "04"
    assert text(withheld, "TaxRate") == "15.00"
    assert amount(withheld, "TaxableBase/TotalAmount") == D("1936.75")
    assert amount(withheld, "TaxAmount/TotalAmount") == invoice.amounts.totals.irpf

    totals = invoice.amounts.totals
    assert amount(document, "InvoiceTotals/TotalTaxesWithheld") == totals.irpf == D("290.51")
    assert amount(document, "InvoiceTotals/InvoiceTotal") == totals.total == D("2533.44")

    instalments = [
        (text(i, "InstallmentDueDate"), amount(i, "InstallmentAmount"), text(i, "PaymentMeans"))
        for i in document.iterfind("PaymentDetails/Installment")
    ]
    assert instalments == [
        ("2026-04-15", D("1266.72"), "04"),
        ("2026-05-15", D("1266.72"), "04"),
    ]
    assert "2026/113" in text(document, "AdditionalData/InvoiceAdditionalInformation")


def test_recargo_de_equivalencia_and_line_discounts(schema):
    invoice = samples.retailer_invoice()
    root = valid(schema, facturae_xml(invoice))
    document = root.find("Invoices/Invoice")

    buyer = root.find("Parties/BuyerParty")
    assert text(buyer, "TaxIdentification/PersonTypeCode") == "F"
    assert text(buyer, "Individual/Name") == "Begoña"
    assert text(buyer, "Individual/FirstSurname") == "Núñez"
    assert text(buyer, "Individual/SecondSurname") == "Sáez"

    taxes = {
        text(t, "TaxRate"): (
            text(t, "EquivalenceSurcharge"),
            amount(t, "TaxableBase/TotalAmount"),
            amount(t, "TaxAmount/TotalAmount"),
            amount(t, "EquivalenceSurchargeAmount/TotalAmount"),
        )
        for t in document.iterfind("TaxesOutputs/Tax")
    }
    expected = {
        f"{row.vat_rate:.2f}": (
            f"{row.surcharge_rate:.2f}",
            row.taxable_base,
            row.vat,
            row.surcharge,
        )
        for row in invoice.amounts.breakdown
    }
    assert taxes == expected
    assert set(taxes) == {"21.00", "10.00"}
    assert [v[0] for v in taxes.values()] == ["5.20", "1.40"]
    assert amount(document, "InvoiceTotals/TotalTaxOutputs") == invoice.amounts.totals.tax_total
    assert document.find("TaxesWithheld") is None
    assert amount(document, "InvoiceTotals/TotalTaxesWithheld") == 0

    discounted = document.findall("Items/InvoiceLine")[1]
    assert text(discounted, "UnitPriceWithoutTax") == "1.355"
    assert text(discounted, "TotalCost") == "135.50"
    assert text(discounted, "DiscountsAndRebates/Discount/DiscountRate") == "5.00"
    # 135.50 less 5 % is 128.725, which the domain rounds to 128.73: the discount is what is left.
    assert text(discounted, "DiscountsAndRebates/Discount/DiscountAmount") == "6.77"
    assert text(discounted, "GrossAmount") == "128.73"
    assert text(discounted, "TaxesOutputs/Tax/EquivalenceSurcharge") == "5.20"
    assert text(root, "Invoices/Invoice/InvoiceHeader/InvoiceNumber") == "000042"


def test_a_company_in_another_member_state(schema):
    root = valid(schema, facturae_xml(samples.eu_company_invoice()))

    seller = root.find("Parties/SellerParty/TaxIdentification")
    # Intra-Community operation: both ids carry their country prefix.
    assert text(seller, "TaxIdentificationNumber") == "ESB46123451"
    assert text(seller, "PersonTypeCode") == "J"
    assert text(seller, "ResidenceTypeCode") == "R"
    buyer = root.find("Parties/BuyerParty")
    assert text(buyer, "TaxIdentification/PersonTypeCode") == "J"
    assert text(buyer, "TaxIdentification/ResidenceTypeCode") == "U"
    assert text(buyer, "TaxIdentification/TaxIdentificationNumber") == "FR40303265045"
    assert buyer.find("LegalEntity/AddressInSpain") is None
    overseas = buyer.find("LegalEntity/OverseasAddress")
    assert text(overseas, "Address") == "12 rue de la Paix"
    assert text(overseas, "PostCodeAndTown") == "75002 Paris"
    assert text(overseas, "Province") == "Paris"
    assert text(overseas, "CountryCode") == "FRA"

    document = root.find("Invoices/Invoice")
    rates = [
        (text(t, "TaxRate"), amount(t, "TaxAmount/TotalAmount"))
        for t in document.iterfind("TaxesOutputs/Tax")
    ]
    assert rates == [("0.00", D("0.00")), ("0.00", D("0.00"))]
    events = [
        (
            text(line, "SpecialTaxableEvent/SpecialTaxableEventCode"),
            text(line, "SpecialTaxableEvent/SpecialTaxableEventReason"),
        )
        for line in document.iterfind("Items/InvoiceLine")
    ]
    # The Verifactu code (E5, N2) decides the event; the legal basis after it is the reason.
    assert events == [
        ("01", samples.INTRA_EU_GOODS.removeprefix("E5 ")),  # sujeta y exenta (art. 25)
        ("02", samples.INTRA_EU_SERVICES.removeprefix("N2 ")),  # no sujeta (art. 69)
    ]
    literals = [e.text for e in document.iterfind("LegalLiterals/LegalReference")]
    assert sorted(literals) == sorted(reason for _, reason in events)


def test_a_rectifying_invoice(schema):
    invoice = samples.rectifying_invoice()
    root = valid(schema, facturae_xml(invoice))
    header = root.find("Invoices/Invoice/InvoiceHeader")

    assert text(header, "InvoiceNumber") == "000003"
    assert text(header, "InvoiceSeriesCode") == "R2026"
    assert text(header, "InvoiceClass") == "OR"
    corrective = header.find("Corrective")
    assert text(corrective, "InvoiceNumber") == "F2026-000042"
    assert text(corrective, "ReasonCode") == "16"
    assert text(corrective, "ReasonDescription") == "Base imponible"
    assert text(corrective, "TaxPeriod/StartDate") == "2026-03-01"
    assert text(corrective, "TaxPeriod/EndDate") == "2026-03-31"
    assert text(corrective, "CorrectionMethod") == "02"
    assert text(corrective, "CorrectionMethodDescription") == "Rectificación por diferencias"
    assert "art. 80.Dos" in text(corrective, "AdditionalReasonDescription")
    assert text(corrective, "InvoiceIssueDate") == "2026-03-02"
    assert text(root, "Invoices/Invoice/AdditionalData/RelatedInvoice") == "F2026-000042"
    assert text(root, "Invoices/Invoice/InvoiceTotals/InvoiceTotal") == "-112.32"

    precise = valid(schema, facturae_xml(invoice, corrective_reason_code="83"))
    corrective = precise.find("Invoices/Invoice/InvoiceHeader/Corrective")
    assert text(corrective, "ReasonCode") == "83"
    assert text(corrective, "ReasonDescription") == (
        "Base imponible modificada por descuentos y bonificaciones"
    )


def test_an_invoice_in_another_currency_gives_its_euro_equivalents(schema):
    invoice = samples.export_invoice()
    root = valid(schema, facturae_xml(invoice, iban="ES91 2100 0418 4502 0005 1332"))
    document = root.find("Invoices/Invoice")

    assert text(root, "FileHeader/Batch/InvoiceCurrencyCode") == "USD"
    assert text(document, "InvoiceIssueData/InvoiceCurrencyCode") == "USD"
    assert text(document, "InvoiceIssueData/TaxCurrencyCode") == "EUR"
    # Euros per dollar, as recorded on the invoice.
    assert text(document, "InvoiceIssueData/ExchangeRateDetails/ExchangeRate") == "0.9217"
    assert text(document, "InvoiceIssueData/ExchangeRateDetails/ExchangeRateDate") == "2026-03-10"
    total = root.find("FileHeader/Batch/TotalInvoicesAmount")
    assert amount(total, "TotalAmount") == D("6599.97")
    assert amount(total, "EquivalentInEuros") == D("6083.19")  # 6599.97 x 0.9217
    buyer = root.find("Parties/BuyerParty")
    assert text(buyer, "TaxIdentification/ResidenceTypeCode") == "E"
    assert text(buyer, "TaxIdentification/TaxIdentificationNumber") == "123456789"
    assert text(buyer, "LegalEntity/OverseasAddress/CountryCode") == "USA"
    # Not intra-Community: the Spanish NIF goes without prefix.
    assert text(root, "Parties/SellerParty/TaxIdentification/TaxIdentificationNumber") == (
        "B46123451"
    )
    instalment = document.find("PaymentDetails/Installment")
    assert text(instalment, "AccountToBeCredited/IBAN") == "ES9121000418450200051332"


ALL_SAMPLES = [
    samples.public_body_invoice,
    samples.retailer_invoice,
    samples.eu_company_invoice,
    samples.rectifying_invoice,
    samples.export_invoice,
    samples.long_invoice,
]


@pytest.mark.parametrize("make", ALL_SAMPLES, ids=lambda f: f.__name__)
def test_the_amounts_add_up_when_read_back(schema, make):
    invoice = make()
    centres = CENTRES if invoice.recipient.kind == "public_administration" else ()
    root = valid(schema, facturae_xml(invoice, administrative_centres=centres))
    document = root.find("Invoices/Invoice")
    totals = document.find("InvoiceTotals")

    lines = document.findall("Items/InvoiceLine")
    assert len(lines) == len(invoice.lines)
    base_by_rate: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    gross_total = D(0)
    for line in lines:
        cost = amount(line, "TotalCost")
        assert cost == D(text(line, "Quantity")) * amount(line, "UnitPriceWithoutTax")
        discounts = sum(
            (D(d.text) for d in line.iterfind("DiscountsAndRebates/Discount/DiscountAmount")),
            D(0),
        )
        gross = amount(line, "GrossAmount")
        assert gross == cost - discounts
        gross_total += gross
        tax = line.find("TaxesOutputs/Tax")
        assert amount(tax, "TaxableBase/TotalAmount") == gross
        key = (text(tax, "TaxRate"), tax.findtext("EquivalenceSurcharge") or "")
        base_by_rate[key] += gross

    assert gross_total == amount(totals, "TotalGrossAmount")
    assert gross_total == amount(totals, "TotalGrossAmountBeforeTaxes")
    assert gross_total == invoice.amounts.totals.taxable_base

    outputs = document.findall("TaxesOutputs/Tax")
    invoice_bases: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for tax in outputs:
        key = (text(tax, "TaxRate"), tax.findtext("EquivalenceSurcharge") or "")
        invoice_bases[key] += amount(tax, "TaxableBase/TotalAmount")
    assert invoice_bases == base_by_rate
    tax_outputs = sum(
        (
            amount(t, "TaxAmount/TotalAmount")
            + D(t.findtext("EquivalenceSurchargeAmount/TotalAmount") or 0)
            for t in outputs
        ),
        D(0),
    )
    assert tax_outputs == amount(totals, "TotalTaxOutputs")
    withheld = sum(
        (amount(t, "TaxAmount/TotalAmount") for t in document.iterfind("TaxesWithheld/Tax")),
        D(0),
    )
    assert withheld == amount(totals, "TotalTaxesWithheld")

    total = amount(totals, "InvoiceTotal")
    assert total == amount(totals, "TotalGrossAmountBeforeTaxes") + tax_outputs - withheld
    assert total == invoice.amounts.totals.total
    assert amount(totals, "TotalOutstandingAmount") == total
    assert amount(totals, "TotalExecutableAmount") == total
    batch = root.find("FileHeader/Batch")
    for name in ("TotalInvoicesAmount", "TotalOutstandingAmount", "TotalExecutableAmount"):
        assert amount(batch, f"{name}/TotalAmount") == total
    instalments = [
        D(i.text) for i in document.iterfind("PaymentDetails/Installment/InstallmentAmount")
    ]
    if instalments:
        assert sum(instalments, D(0)) == amount(totals, "TotalExecutableAmount")


def test_a_simplified_invoice_without_recipient_cannot_be_a_facturae():
    with pytest.raises(FacturaeError, match="no recipient"):
        facturae_xml(samples.simplified_invoice())


def test_a_public_administration_needs_its_dir3_codes():
    invoice = samples.public_body_invoice()
    with pytest.raises(FacturaeError, match="DIR3"):
        facturae_xml(invoice)
    partial = [c for c in CENTRES if c.role != "03"]
    with pytest.raises(FacturaeError, match="Unidad tramitadora"):
        facturae_xml(invoice, administrative_centres=partial)
    bad = [*partial, AdministrativeCentre(code="L0128-0053", role="03")]
    with pytest.raises(FacturaeError, match="DIR3 code"):
        facturae_xml(invoice, administrative_centres=bad)


def test_what_the_schema_cannot_hold_is_refused_not_cut():
    invoice = samples.retailer_invoice()
    long_name = Party(
        legal_name="Compañía " + "Muy " * 30 + "Larga, S.A.",
        tax_id="A28015865",
        country="ES",
        address=samples.WHOLESALER.address,
    )
    with pytest.raises(FacturaeError, match="at most 80"):
        facturae_xml(samples_with(invoice, recipient=long_name))
    fine_price = samples.issued(
        number="F2026-000099",
        series="F2026",
        issuer=samples.WHOLESALER,
        recipient=samples.RETAILER,
        issue_date=dt.date(2026, 3, 2),
        lines=[Line(description="Tornillo", quantity=D(1000), unit_price=D("0.123456789"))],
    )
    with pytest.raises(FacturaeError, match="8 decimals"):
        facturae_xml(fine_price)


def samples_with(invoice: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(invoice, **changes)


@pytest.mark.parametrize(
    ("tax_id", "country", "kind", "expected"),
    [
        ("B46123451", "ES", "company", "J"),
        ("P2800500G", "ES", "public_administration", "J"),
        ("71234567W", "ES", "self_employed", "F"),
        ("X1234567L", "ES", "individual", "F"),
        ("71234567W", "ES", "company", "F"),  # the NIF tells, not a wrong kind
        ("FR40303265045", "FR", "company", "J"),
        ("AB123456", "PT", "individual", "F"),
        ("123456789", "US", "foreign", "J"),
    ],
)
def test_person_type(tax_id, country, kind, expected):
    party = Party(legal_name="x", tax_id=tax_id, country=country, address=None, kind=kind)
    assert person_type(party) == expected


@pytest.mark.parametrize(
    ("country", "expected"), [("ES", "R"), ("FR", "U"), ("GR", "U"), ("GB", "E"), ("US", "E")]
)
def test_residence_type(country, expected):
    party = Party(legal_name="x", tax_id="x", country=country, address=None)
    assert residence_type(party) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Íñigo Muñoz Güell", ("Íñigo", "Muñoz", "Güell")),
        ("María José García de la Fuente", ("María José", "García", "de la Fuente")),
        ("Juan de la Cruz Pérez", ("Juan", "de la Cruz", "Pérez")),
        ("García López, María José", ("María José", "García", "López")),
        ("Pérez, Ana", ("Ana", "Pérez", None)),
        ("Ana Pérez", ("Ana", "Pérez", None)),
        ("Cher", None),
    ],
)
def test_split_person_name(name, expected):
    assert split_person_name(name) == expected


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        (samples.INTRA_EU_GOODS, "01"),
        (samples.EXPORT, "01"),
        ("E1 Art. 20.Uno.9.º LIVA (enseñanza)", "01"),
        (samples.INTRA_EU_SERVICES, "02"),
        ("N1 Art. 7 LIVA", "02"),
        ("n2", "02"),
        ("S1 Tipo 0 % (RDL 20/2022)", None),
        ("S2 Art. 84.Uno.2.º f) LIVA", None),
        # Reasons written before the codes were required.
        ("Exenta art. 20.Uno.9.º LIVA", "01"),
        ("Operación NO SUJETA art. 7 LIVA", "02"),
    ],
)
def test_exempt_or_not_subject(reason, code):
    assert special_taxable_event_code(reason) == code


def test_reverse_charge_is_neither_exempt_nor_not_subject(schema):
    invoice = samples.issued(
        number="F2026-000060",
        series="F2026",
        issuer=samples.WHOLESALER,
        recipient=Party(
            legal_name="Construcciones Turia, S.A.",
            tax_id="A28015865",
            country="ES",
            address=samples.CITY_COUNCIL.address,
        ),
        issue_date=dt.date(2026, 3, 12),
        lines=[
            Line(
                description="Ejecución de obra: reforma de nave (subcontrata)",
                quantity=D(1),
                unit_price=D("12000.00"),
                vat_rate=D(0),
                exemption_reason="S2 Art. 84.Uno.2.º f) de la Ley 37/1992",
            )
        ],
    )
    root = valid(schema, facturae_xml(invoice))
    line = root.find("Invoices/Invoice/Items/InvoiceLine")
    assert line.find("SpecialTaxableEvent") is None
    mention = "Inversión del sujeto pasivo. Art. 84.Uno.2.º f) de la Ley 37/1992"
    assert text(line, "AdditionalLineItemInformation") == mention
    assert text(root, "Invoices/Invoice/LegalLiterals/LegalReference") == mention


def schema_enumeration(name: str) -> list[str]:
    root = etree.parse(str(FACTURAE_XSD)).getroot()
    simple = root.find(f"{XS}simpleType[@name='{name}']")
    assert simple is not None
    return [e.get("value") for e in simple.iter(f"{XS}enumeration")]


def test_the_code_tables_match_the_schema():
    codes = schema_enumeration("ReasonCodeType")
    descriptions = schema_enumeration("ReasonDescriptionType")
    assert dict(zip(codes, descriptions, strict=True)) == facturae.REASONS
    methods = dict(
        zip(
            schema_enumeration("CorrectionMethodType"),
            schema_enumeration("CorrectionMethodDescriptionType"),
            strict=True,
        )
    )
    for code, description in facturae.CORRECTION_METHODS.values():
        assert methods[code] == description
    countries = set(schema_enumeration("CountryType"))
    assert set(facturae.COUNTRY_ALPHA3.values()) <= countries
    # Every country the schema knows is reachable, but Zaire (ZR), no longer an ISO code.
    assert countries - set(facturae.COUNTRY_ALPHA3.values()) == {"ZAR"}
    assert set(schema_enumeration("RoleTypeCodeType")) >= set(facturae.ROLE_NAMES)


def test_the_dir3_codes_kept_with_the_client_at_issue_route_the_file(schema):
    """A public body's DIR3 codes, in the invoice's own snapshot of the client, become the buyer's
    AdministrativeCentres (roles 01, 02, 03) without being passed again; the snapshot keeps them
    through the stored JSON, and an invoice stored before they existed still reads."""
    import dataclasses

    from cartera_invoicing.domain.invoice import PublicBodyCodes
    from cartera_invoicing.domain.serialize import invoice_from_json, to_json

    plain = samples.public_body_invoice()
    codes = PublicBodyCodes(
        oficina_contable="L01280053", organo_gestor="L01280054", unidad_tramitadora="LA0012345"
    )
    assert plain.recipient is not None
    invoice = dataclasses.replace(plain, recipient=dataclasses.replace(plain.recipient, dir3=codes))
    stored = to_json(invoice)
    assert stored["recipient"]["dir3"] == dataclasses.asdict(codes)
    read = invoice_from_json(stored)
    assert read.recipient is not None
    assert read.recipient.dir3 == codes
    root = valid(schema, facturae_xml(read))
    centres = {
        c.findtext("RoleTypeCode"): c.findtext("CentreCode")
        for c in root.iterfind("Parties/BuyerParty/AdministrativeCentres/AdministrativeCentre")
    }
    assert centres == {"01": "L01280053", "02": "L01280054", "03": "LA0012345"}

    older = to_json(plain)
    del older["recipient"]["dir3"]
    assert invoice_from_json(older).recipient.dir3 is None  # type: ignore[union-attr]
    with pytest.raises(facturae.FacturaeError, match="DIR3"):
        facturae_xml(invoice_from_json(older))
