"""Verifactu records: AEAT's fingerprint vectors, the chain and its check, the XML against the
official schemas, the QR URL and the input the module refuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from lxml import etree

from cartera_invoicing.domain.invoice import (
    Address,
    Amounts,
    IssuedInvoice,
    Line,
    Party,
    RectifiedReference,
    TaxBreakdown,
    Totals,
    compute,
)
from cartera_invoicing.domain.verifactu import (
    ALTA_FIELDS,
    ANULACION_FIELDS,
    SF_LR_NS,
    SF_NS,
    ChainLink,
    InvalidRecord,
    RectifiedAmounts,
    SystemInfo,
    VerifactuRecord,
    alta_fingerprint,
    anulacion_fingerprint,
    build_alta,
    build_anulacion,
    format_amount,
    qr_url,
    record_xml,
    records_xml,
    verify_chain,
)
from cartera_invoicing.xml_schemas import VERIFACTU

# The service's own copies of the AEAT's schemas (cartera_invoicing/schemas/README.md).
SCHEMAS = VERIFACTU
CET = dt.timezone(dt.timedelta(hours=1))
NS = {"sf": SF_NS, "sfLR": SF_LR_NS}

# AEAT, "Especificaciones técnicas para la generación de la huella o hash de los registros de
# facturación": a first alta, a second alta chained to it, and an anulación chained to that.
AEAT_FIRST = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
AEAT_SECOND = "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"
AEAT_ANULACION = "177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68"

SYSTEM = SystemInfo(
    producer_name="Cartera Software S.L.",
    producer_nif="B12345674",
    version="0.1.0",
    installation_number="cartera-test-01",
    only_verifactu=False,
)
ISSUER = Party(
    legal_name="Ferretería Ejemplo, S.L. & Hijos",
    tax_id="89890001K",
    country="ES",
    address=Address("Calle Mayor 1", "28013", "Madrid", "Madrid", "ES"),
)
# A 0 % line whose reason does not say which Verifactu case it is.
UNCODED_ZERO = Line("Curso", Decimal(1), Decimal(1), vat_rate=Decimal(0), exemption_reason="Exenta")
CLIENT = Party(
    legal_name="Comercial Minorista S.L.",
    tax_id="B87654321",
    country="ES",
    address=Address("Calle Real 2", "41001", "Sevilla", "Sevilla", "ES"),
)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    xsd = SCHEMAS / "SuministroLR.xsd"
    assert xsd.is_file(), f"the reference Verifactu schemas are missing: {xsd}"
    # Imports SuministroInformacion.xsd and xmldsig-core-schema.xsd by relative path, offline.
    return etree.XMLSchema(etree.parse(str(xsd)))


def at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 2, hour, minute, second, tzinfo=CET)


def invoice(
    number: str = "F2026-000001",
    *,
    lines: tuple[Line, ...] = (Line("Tornillería", Decimal(10), Decimal("12.50")),),
    invoice_type: str = "F1",
    recipient: Party | None = CLIENT,
    issuer: Party = ISSUER,
    rectified: tuple[RectifiedReference, ...] = (),
    rectification_kind: str | None = None,
    issue_date: dt.date = dt.date(2026, 3, 2),
) -> IssuedInvoice:
    return IssuedInvoice(
        id=number,
        series=number.split("-")[0],
        number=number,
        invoice_type=invoice_type,
        issue_date=issue_date,
        operation_date=None,
        issuer=issuer,
        recipient=recipient,
        lines=lines,
        amounts=compute(lines),
        description="Venta de material de ferretería",
        rectified=rectified,
        rectification_kind=rectification_kind,
    )


def xml_of(record: VerifactuRecord, schema: etree.XMLSchema) -> etree._Element:
    document = etree.fromstring(record_xml(record))
    schema.assertValid(document)
    return document


def text(document: etree._Element, path: str) -> list[str]:
    return [e.text for e in document.iterfind(path, NS)]


# --- fingerprints ---------------------------------------------------------------------------


def test_aeat_worked_example_gives_its_fingerprint():
    assert (
        alta_fingerprint(
            issuer_nif="89890001K",
            number="12345678/G33",
            issue_date="01-01-2024",
            invoice_type="F1",
            tax_total="12.35",
            invoice_amount="123.45",
            previous_huella="",
            generated_at="2024-01-01T19:20:30+01:00",
        )
        == AEAT_FIRST
    )
    # The same from typed values, formatted as the XML writes them; values are trimmed.
    assert (
        alta_fingerprint(
            issuer_nif=" 89890001K ",
            number="12345678/G33 ",
            issue_date=dt.date(2024, 1, 1),
            invoice_type="F1",
            tax_total=Decimal("12.35"),
            invoice_amount=Decimal("123.45"),
            previous_huella="",
            generated_at=dt.datetime(2024, 1, 1, 19, 20, 30, tzinfo=CET),
        )
        == AEAT_FIRST
    )


def test_aeat_chained_examples_give_their_fingerprints():
    second = alta_fingerprint(
        issuer_nif="89890001K",
        number="12345679/G34",
        issue_date="01-01-2024",
        invoice_type="F1",
        tax_total="12.35",
        invoice_amount="123.45",
        previous_huella=AEAT_FIRST,
        generated_at="2024-01-01T19:20:35+01:00",
    )
    assert second == AEAT_SECOND
    assert (
        anulacion_fingerprint(
            issuer_nif="89890001K",
            number="12345679/G34",
            issue_date="01-01-2024",
            previous_huella=second,
            generated_at="2024-01-01T19:20:40+01:00",
        )
        == AEAT_ANULACION
    )


def test_anulacion_fingerprint_is_the_documented_string_hashed():
    previous = "A" * 64
    by_hand = hashlib.sha256(
        (
            "IDEmisorFacturaAnulada=B12345674&NumSerieFacturaAnulada=F2026-000007"
            "&FechaExpedicionFacturaAnulada=02-03-2026"
            f"&Huella={previous}&FechaHoraHusoGenRegistro=2026-03-02T10:00:00+01:00"
        ).encode()
    ).hexdigest()
    computed = anulacion_fingerprint(
        issuer_nif="B12345674",
        number="F2026-000007",
        issue_date=dt.date(2026, 3, 2),
        previous_huella=previous,
        generated_at=at(10, 0),
    )
    assert computed == by_hand.upper()
    assert len(computed) == 64
    assert computed == computed.upper()


def test_a_record_built_from_the_aeat_example_invoice_has_its_fingerprint():
    amounts = Amounts(
        breakdown=(
            TaxBreakdown(
                vat_rate=Decimal(21),
                surcharge_rate=Decimal(0),
                taxable_base=Decimal("111.10"),
                vat=Decimal("12.35"),
                surcharge=Decimal("0.00"),
            ),
        ),
        withholdings=(),
        totals=Totals(
            taxable_base=Decimal("111.10"),
            vat=Decimal("12.35"),
            surcharge=Decimal("0.00"),
            irpf=Decimal("0.00"),
            total=Decimal("123.45"),
        ),
    )
    example = dataclasses.replace(
        invoice("12345678/G33", issue_date=dt.date(2024, 1, 1)), amounts=amounts
    )
    record = build_alta(
        example,
        previous=None,
        generated_at=dt.datetime(2024, 1, 1, 19, 20, 30, 123456, tzinfo=CET),
        system=SYSTEM,
    )
    assert record.huella == AEAT_FIRST
    assert record.fields() == {
        "IDEmisorFactura": "89890001K",
        "NumSerieFactura": "12345678/G33",
        "FechaExpedicionFactura": "01-01-2024",
        "TipoFactura": "F1",
        "CuotaTotal": "12.35",
        "ImporteTotal": "123.45",
        "IDEmisorFacturaAnterior": "",
        "NumSerieFacturaAnterior": "",
        "FechaExpedicionFacturaAnterior": "",
        "HuellaAnterior": "",
        "FechaHoraHusoGenRegistro": "2024-01-01T19:20:30+01:00",
        "Huella": AEAT_FIRST,
    }


def test_amounts_are_written_with_two_decimals_in_fingerprint_and_xml():
    assert format_amount(Decimal("100")) == "100.00"
    assert format_amount(Decimal("123.4")) == "123.40"
    assert format_amount(Decimal("-12.35")) == "-12.35"
    assert format_amount(Decimal("-0.00")) == "0.00"
    assert format_amount(Decimal("1E+2")) == "100.00"
    with pytest.raises(InvalidRecord, match="more than two decimals"):
        format_amount(Decimal("1.005"))
    with pytest.raises(InvalidRecord, match="12 integer digits"):
        format_amount(Decimal("1000000000000"))
    with pytest.raises(InvalidRecord):
        format_amount(1.5)  # type: ignore[arg-type]


# --- the chain and its check ----------------------------------------------------------------


def chain_of_three() -> list[VerifactuRecord]:
    records: list[VerifactuRecord] = []
    previous: ChainLink | None = None
    for n in range(1, 4):
        record = build_alta(
            invoice(f"F2026-00000{n}", lines=(Line("Pieza", Decimal(n), Decimal("10.00")),)),
            previous=previous,
            generated_at=at(9, n),
            system=SYSTEM,
        )
        records.append(record)
        previous = ChainLink.of(record)
    return records


def test_a_chain_links_each_record_to_the_one_before():
    first, second, third = chain_of_three()
    assert first.previous is None
    assert second.fields()["HuellaAnterior"] == first.huella
    assert third.fields()["NumSerieFacturaAnterior"] == "F2026-000002"
    assert third.fields()["FechaExpedicionFacturaAnterior"] == "02-03-2026"
    stored = [r.fields() for r in (first, second, third)]
    assert verify_chain(stored).ok
    assert verify_chain(stored).checked == 3
    assert ChainLink.from_fields(stored[2]) == ChainLink.of(third)
    # Checking from the middle of a chain.
    assert verify_chain(stored[1:], start=ChainLink.from_fields(stored[0])).ok
    assert verify_chain([]).ok


def test_a_tampered_stored_field_is_named():
    stored = [r.fields() for r in chain_of_three()]
    stored[1]["ImporteTotal"] = "999.99"
    check = verify_chain(stored)
    assert not check.ok
    assert (check.index, check.number, check.problem) == (1, "F2026-000002", "fingerprint")
    assert check.checked == 1


def test_a_removed_record_breaks_the_link():
    stored = [r.fields() for r in chain_of_three()]
    check = verify_chain([stored[0], stored[2]])
    assert not check.ok
    assert (check.index, check.number, check.problem) == (1, "F2026-000003", "link")
    assert "previous huella" in (check.detail or "")


def test_a_relinked_record_with_a_recomputed_huella_breaks_the_link():
    stored = [r.fields() for r in chain_of_three()]
    forged = dict(stored[2], HuellaAnterior="0" * 64)
    forged["Huella"] = alta_fingerprint(
        issuer_nif=forged["IDEmisorFactura"],
        number=forged["NumSerieFactura"],
        issue_date=forged["FechaExpedicionFactura"],
        invoice_type=forged["TipoFactura"],
        tax_total=forged["CuotaTotal"],
        invoice_amount=forged["ImporteTotal"],
        previous_huella=forged["HuellaAnterior"],
        generated_at=forged["FechaHoraHusoGenRegistro"],
    )
    check = verify_chain([stored[0], stored[1], forged])
    assert (check.ok, check.index, check.number, check.problem) == (
        False,
        2,
        "F2026-000003",
        "link",
    )


def test_a_tampered_link_identity_is_named():
    stored = [r.fields() for r in chain_of_three()]
    stored[2]["NumSerieFacturaAnterior"] = "F2026-000099"
    check = verify_chain(stored)
    assert (check.index, check.problem) == (2, "link")
    assert "NumSerieFacturaAnterior" in (check.detail or "")


def test_the_first_record_must_be_primer_registro():
    stored = [r.fields() for r in chain_of_three()]
    check = verify_chain(stored[1:])
    assert (check.index, check.number, check.problem) == (0, "F2026-000002", "link")


def test_a_record_of_another_issuer_breaks_the_chain():
    first = chain_of_three()[0]
    other = build_alta(
        invoice(issuer=dataclasses.replace(ISSUER, tax_id="B12345674")),
        previous=None,
        generated_at=at(9, 5),
        system=SYSTEM,
    )
    check = verify_chain([first.fields(), other.fields()])
    assert (check.index, check.problem) == (1, "link")


def test_a_missing_field_is_malformed():
    stored = [r.fields() for r in chain_of_three()]
    del stored[0]["CuotaTotal"]
    check = verify_chain(stored)
    assert (check.index, check.problem) == (0, "malformed")


def test_an_anulacion_chains_like_an_alta():
    records = chain_of_three()
    cancel = build_anulacion(
        invoice("F2026-000002"),
        previous=ChainLink.of(records[-1]),
        generated_at=at(11, 0),
        system=SYSTEM,
    )
    assert set(cancel.fields()) == set(ANULACION_FIELDS)
    assert set(records[0].fields()) == set(ALTA_FIELDS)
    after = build_alta(
        invoice("F2026-000004"),
        previous=ChainLink.of(cancel),
        generated_at=at(11, 5),
        system=SYSTEM,
    )
    assert after.fields()["NumSerieFacturaAnterior"] == "F2026-000002"
    stored = [r.fields() for r in (*records, cancel, after)]
    assert verify_chain(stored).ok
    stored[3]["FechaExpedicionFacturaAnulada"] = "03-03-2026"
    check = verify_chain(stored)
    assert (check.index, check.number, check.problem) == (3, "F2026-000002", "fingerprint")


# --- XML against the official schema --------------------------------------------------------


def test_f1_with_two_vat_rates_and_recargo_validates(schema):
    record = build_alta(
        invoice(
            lines=(
                Line("Herramientas", Decimal(3), Decimal("33.33"), surcharge_rate=Decimal("5.2")),
                Line(
                    "Alimentación",
                    Decimal(2),
                    Decimal("10.55"),
                    vat_rate=Decimal(10),
                    surcharge_rate=Decimal("1.4"),
                ),
            )
        ),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    alta = "sf:RegistroAlta"
    assert text(document, f".//{alta}/sf:TipoFactura") == ["F1"]
    assert text(document, ".//sf:DetalleDesglose/sf:TipoImpositivo") == ["21.00", "10.00"]
    assert text(document, ".//sf:DetalleDesglose/sf:BaseImponibleOimporteNoSujeto") == [
        "99.99",
        "21.10",
    ]
    assert text(document, ".//sf:DetalleDesglose/sf:CuotaRepercutida") == ["21.00", "2.11"]
    assert text(document, ".//sf:TipoRecargoEquivalencia") == ["5.20", "1.40"]
    assert text(document, ".//sf:CuotaRecargoEquivalencia") == ["5.20", "0.30"]
    assert text(document, ".//sf:DetalleDesglose/sf:ClaveRegimen") == ["01", "01"]
    assert text(document, ".//sf:DetalleDesglose/sf:CalificacionOperacion") == ["S1", "S1"]
    assert text(document, f".//{alta}/sf:CuotaTotal") == ["28.61"]
    assert text(document, f".//{alta}/sf:ImporteTotal") == ["149.70"]
    assert text(document, ".//sf:Destinatarios/sf:IDDestinatario/sf:NIF") == ["B87654321"]
    assert text(document, ".//sf:Encadenamiento/sf:PrimerRegistro") == ["S"]
    assert text(document, "sfLR:Cabecera/sf:ObligadoEmision/sf:NIF") == ["89890001K"]
    assert text(document, ".//sf:SistemaInformatico/sf:IndicadorMultiplesOT") == ["S"]
    assert text(document, f".//{alta}/sf:TipoHuella") == ["01"]
    assert text(document, f".//{alta}/sf:NombreRazonEmisor") == [ISSUER.legal_name]


def test_the_fingerprint_is_over_the_exact_text_of_the_xml(schema):
    record = build_alta(
        invoice(lines=(Line("Pieza", Decimal(1), Decimal("100")),)),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)

    def one(name: str) -> str:
        [value] = text(document, f".//sf:RegistroAlta/{name}")
        return value

    assert one("sf:ImporteTotal") == "121.00"
    assert (
        alta_fingerprint(
            issuer_nif=one("sf:IDFactura/sf:IDEmisorFactura"),
            number=one("sf:IDFactura/sf:NumSerieFactura"),
            issue_date=one("sf:IDFactura/sf:FechaExpedicionFactura"),
            invoice_type=one("sf:TipoFactura"),
            tax_total=one("sf:CuotaTotal"),
            invoice_amount=one("sf:ImporteTotal"),
            previous_huella="",
            generated_at=one("sf:FechaHoraHusoGenRegistro"),
        )
        == one("sf:Huella")
        == record.huella
    )


def test_exempt_and_export_lines_carry_their_codes(schema):
    record = build_alta(
        invoice(
            lines=(
                Line(
                    "Curso de formación",
                    Decimal(1),
                    Decimal(200),
                    vat_rate=Decimal(0),
                    exemption_reason="E1 Art. 20.Uno.9º LIVA",
                ),
                Line(
                    "Maquinaria exportada",
                    Decimal(1),
                    Decimal(500),
                    vat_rate=Decimal(0),
                    exemption_reason="E2 - Art. 21 LIVA, exportación",
                ),
                Line(
                    "Servicio fuera del TAI",
                    Decimal(1),
                    Decimal(50),
                    vat_rate=Decimal(0),
                    exemption_reason="N2: no sujeta por reglas de localización",
                ),
            ),
        ),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    assert text(document, ".//sf:DetalleDesglose/sf:OperacionExenta") == ["E1", "E2"]
    assert text(document, ".//sf:DetalleDesglose/sf:CalificacionOperacion") == ["N2"]
    assert text(document, ".//sf:DetalleDesglose/sf:ClaveRegimen") == ["01", "02", "01"]
    assert text(document, ".//sf:DetalleDesglose/sf:TipoImpositivo") == []
    assert text(document, ".//sf:DetalleDesglose/sf:CuotaRepercutida") == []
    assert text(document, ".//sf:RegistroAlta/sf:CuotaTotal") == ["0.00"]
    assert text(document, ".//sf:RegistroAlta/sf:ImporteTotal") == ["750.00"]


@pytest.mark.parametrize(
    ("country", "tax_id", "id_type"),
    [("FR", "FR40303265045", "02"), ("GR", "EL094259216", "02"), ("US", "123456789", "04")],
)
def test_a_foreign_recipient_goes_in_idotro(schema, country, tax_id, id_type):
    foreign = Party(legal_name="Client Étranger", tax_id=tax_id, country=country, address=None)
    record = build_alta(
        invoice(
            recipient=foreign,
            lines=(
                Line(
                    "Servicio",
                    Decimal(1),
                    Decimal(80),
                    vat_rate=Decimal(0),
                    exemption_reason="N2 Art. 69 LIVA",
                ),
            ),
        ),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    other = ".//sf:IDDestinatario/sf:IDOtro"
    assert text(document, f"{other}/sf:CodigoPais") == [country]
    assert text(document, f"{other}/sf:IDType") == [id_type]
    assert text(document, f"{other}/sf:ID") == [tax_id]
    assert text(document, ".//sf:IDDestinatario/sf:NIF") == []


def test_a_simplified_invoice_has_no_recipients(schema):
    record = build_alta(
        invoice("T2026-000001", invoice_type="F2", recipient=None),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    assert text(document, ".//sf:TipoFactura") == ["F2"]
    assert document.find(".//sf:Destinatarios", NS) is None


def test_an_f3_lists_the_simplified_invoices_it_replaces(schema):
    record = build_alta(
        invoice(
            "F2026-000010",
            invoice_type="F3",
            rectified=(RectifiedReference("T2026-000001", dt.date(2026, 3, 1)),),
        ),
        previous=None,
        generated_at=at(10, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    replaced = ".//sf:FacturasSustituidas/sf:IDFacturaSustituida"
    assert text(document, f"{replaced}/sf:NumSerieFactura") == ["T2026-000001"]
    assert text(document, f"{replaced}/sf:FechaExpedicionFactura") == ["01-03-2026"]
    assert document.find(".//sf:TipoRectificativa", NS) is None
    assert text(document, ".//sf:IDDestinatario/sf:NIF") == ["B87654321"]


def test_a_rectification_by_differences_validates(schema):
    original = chain_of_three()[0]
    record = build_alta(
        invoice(
            "R2026-000001",
            invoice_type="R4",
            lines=(Line("Devolución de 2 unidades", Decimal(-2), Decimal("10.00")),),
            rectified=(RectifiedReference("F2026-000001", dt.date(2026, 3, 2)),),
            rectification_kind="I",
        ),
        previous=ChainLink.of(original),
        generated_at=at(12, 0),
        system=SYSTEM,
    )
    document = xml_of(record, schema)
    assert text(document, ".//sf:TipoFactura") == ["R4"]
    assert text(document, ".//sf:TipoRectificativa") == ["I"]
    rectified = ".//sf:FacturasRectificadas/sf:IDFacturaRectificada"
    assert text(document, f"{rectified}/sf:NumSerieFactura") == ["F2026-000001"]
    assert text(document, f"{rectified}/sf:IDEmisorFactura") == ["89890001K"]
    assert document.find(".//sf:ImporteRectificacion", NS) is None
    assert text(document, ".//sf:RegistroAlta/sf:CuotaTotal") == ["-4.20"]
    assert text(document, ".//sf:RegistroAlta/sf:ImporteTotal") == ["-24.20"]
    assert text(document, ".//sf:RegistroAnterior/sf:Huella") == [original.huella]
    assert record.fields()["ImporteTotal"] == "-24.20"


def test_a_rectification_by_substitution_validates(schema):
    record = build_alta(
        invoice(
            "R2026-000002",
            invoice_type="R1",
            lines=(
                Line(
                    "Importe correcto", Decimal(1), Decimal("90.00"), surcharge_rate=Decimal("5.2")
                ),
            ),
            rectified=(RectifiedReference("F2026-000001", dt.date(2026, 3, 2)),),
            rectification_kind="S",
        ),
        previous=None,
        generated_at=at(12, 0),
        system=SYSTEM,
        rectified_amounts=RectifiedAmounts(
            base=Decimal("100.00"), tax=Decimal("21.00"), surcharge=Decimal("5.20")
        ),
    )
    document = xml_of(record, schema)
    assert text(document, ".//sf:TipoRectificativa") == ["S"]
    block = ".//sf:ImporteRectificacion"
    assert text(document, f"{block}/sf:BaseRectificada") == ["100.00"]
    assert text(document, f"{block}/sf:CuotaRectificada") == ["21.00"]
    assert text(document, f"{block}/sf:CuotaRecargoRectificado") == ["5.20"]


def test_an_anulacion_validates(schema):
    first = chain_of_three()[0]
    record = build_anulacion(
        invoice("F2026-000001"), previous=ChainLink.of(first), generated_at=at(13, 0), system=SYSTEM
    )
    document = xml_of(record, schema)
    ident = ".//sf:RegistroAnulacion/sf:IDFactura"
    assert text(document, f"{ident}/sf:IDEmisorFacturaAnulada") == ["89890001K"]
    assert text(document, f"{ident}/sf:NumSerieFacturaAnulada") == ["F2026-000001"]
    assert text(document, f"{ident}/sf:FechaExpedicionFacturaAnulada") == ["02-03-2026"]
    assert text(document, ".//sf:RegistroAnulacion/sf:Huella") == [record.huella]
    assert document.find(".//sf:RegistroAlta", NS) is None


def test_a_request_carries_several_records_of_one_issuer(schema):
    records = chain_of_three()
    document = etree.fromstring(records_xml(records))
    schema.assertValid(document)
    assert len(text(document, ".//sf:RegistroAlta/sf:Huella")) == 3
    other = build_alta(
        invoice(issuer=dataclasses.replace(ISSUER, tax_id="B12345674")),
        previous=None,
        generated_at=at(9, 5),
        system=SYSTEM,
    )
    with pytest.raises(InvalidRecord, match="one issuer"):
        records_xml([records[0], other])


# --- QR -------------------------------------------------------------------------------------


def test_qr_url_for_the_aeat_example():
    example = dataclasses.replace(
        invoice("12345678/G33", issue_date=dt.date(2024, 1, 1)),
        lines=(),
        amounts=Amounts(
            breakdown=(),
            withholdings=(),
            totals=Totals(
                taxable_base=Decimal("111.10"),
                vat=Decimal("12.35"),
                surcharge=Decimal(0),
                irpf=Decimal(0),
                total=Decimal("123.45"),
            ),
        ),
    )
    assert qr_url(example) == (
        "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR"
        "?nif=89890001K&numserie=12345678%2FG33&fecha=01-01-2024&importe=123.45"
    )
    assert qr_url(example, production=False, verifactu=False) == (
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu"
        "?nif=89890001K&numserie=12345678%2FG33&fecha=01-01-2024&importe=123.45"
    )


def test_qr_url_from_a_record_uses_its_importe_total():
    record = build_alta(invoice("F 2026/1"), previous=None, generated_at=at(10, 0), system=SYSTEM)
    assert qr_url(record, production=False) == (
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR"
        "?nif=89890001K&numserie=F%202026%2F1&fecha=02-03-2026&importe=151.25"
    )
    cancel = build_anulacion(
        invoice("F 2026/1"), previous=ChainLink.of(record), generated_at=at(10, 1), system=SYSTEM
    )
    with pytest.raises(InvalidRecord):
        qr_url(cancel)


# --- refused input --------------------------------------------------------------------------


def test_a_naive_generation_time_is_refused():
    with pytest.raises(InvalidRecord, match="timezone-aware"):
        build_alta(
            invoice(), previous=None, generated_at=dt.datetime(2026, 3, 2, 10), system=SYSTEM
        )
    with pytest.raises(InvalidRecord, match="timezone-aware"):
        alta_fingerprint(
            issuer_nif="89890001K",
            number="1",
            issue_date=dt.date(2026, 3, 2),
            invoice_type="F1",
            tax_total=Decimal(0),
            invoice_amount=Decimal(0),
            previous_huella="",
            generated_at=dt.datetime(2026, 3, 2, 10),
        )


def test_an_empty_issuer_nif_is_refused():
    nameless = dataclasses.replace(ISSUER, tax_id="  ")
    with pytest.raises(InvalidRecord, match="issuer NIF is empty"):
        build_alta(invoice(issuer=nameless), previous=None, generated_at=at(10, 0), system=SYSTEM)
    with pytest.raises(InvalidRecord, match="issuer NIF is empty"):
        build_anulacion(
            invoice(issuer=nameless), previous=None, generated_at=at(10, 0), system=SYSTEM
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"invoice_type": "F9"}, "not a Verifactu invoice type"),
        ({"recipient": None}, "needs an identified recipient"),
        ({"currency": "USD"}, "in euros"),
        ({"number": "  "}, "number .* is empty"),
        ({"number": "F2026-Ñ1"}, "printable ASCII"),
        ({"invoice_type": "R4"}, "substitution .S. or by differences"),
        ({"invoice_type": "R1", "rectification_kind": "S"}, "ImporteRectificacion"),
        ({"rectification_kind": "I"}, "not a rectifying invoice"),
        (
            {"lines": (UNCODED_ZERO,), "amounts": compute((UNCODED_ZERO,))},
            "must start with its Verifactu code",
        ),
    ],
)
def test_invalid_invoices_are_refused(changes, message):
    bad = dataclasses.replace(invoice(), **changes)
    with pytest.raises(InvalidRecord, match=message):
        build_alta(bad, previous=None, generated_at=at(10, 0), system=SYSTEM)


def test_a_previous_record_of_another_issuer_is_refused():
    other = build_alta(
        invoice(issuer=dataclasses.replace(ISSUER, tax_id="B12345674")),
        previous=None,
        generated_at=at(9, 0),
        system=SYSTEM,
    )
    with pytest.raises(InvalidRecord, match="one chain per issuer"):
        build_alta(invoice(), previous=ChainLink.of(other), generated_at=at(10, 0), system=SYSTEM)


def test_a_record_cannot_be_made_with_a_wrong_huella():
    record = chain_of_three()[0]
    with pytest.raises(InvalidRecord, match="huella does not match"):
        dataclasses.replace(record, huella="0" * 64)
    with pytest.raises(InvalidRecord, match="huella does not match"):
        dataclasses.replace(record, invoice_amount=Decimal("1.00"))


def test_system_info_is_checked():
    with pytest.raises(InvalidRecord, match="system id"):
        dataclasses.replace(SYSTEM, system_id="CAR")
    with pytest.raises(InvalidRecord, match="producer NIF"):
        dataclasses.replace(SYSTEM, producer_nif="")
