"""The SOAP messages of the AEAT's VERI*FACTU service: both directions against the official
schemas (offline), and what is refused. The answers are made by the conformance simulator's
core, called without a network, and checked against RespuestaSuministro.xsd /
RespuestaConsultaLR.xsd before they are read."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from cartera_invoicing.aeat import codes
from cartera_invoicing.aeat.credentials import Party
from cartera_invoicing.aeat.simulator_service import SimulatedService, fault_envelope
from cartera_invoicing.aeat.soap import (
    SF_LRC_NS,
    SF_LRRC_NS,
    SF_R_NS,
    SOAP_ENV_NS,
    SOAP_PATH,
    AeatUnavailable,
    InvalidRequest,
    PageKey,
    parse_query_answer,
    parse_registration_answer,
    query_envelope,
    read_fault,
    registration_envelope,
)
from cartera_invoicing.domain.verifactu import SF_LR_NS, SF_NS, records_xml
from cartera_invoicing.xml_schemas import VERIFACTU

from . import aeat_samples as samples
from .aeat_samples import ADVISER, ADVISER_NIF, HEADER_ISSUER, ISSUER_NIF, Chain, stored

NS = {"soapenv": SOAP_ENV_NS, "sfLR": SF_LR_NS, "sf": SF_NS, "sfLRC": SF_LRC_NS}


def load(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(VERIFACTU / name), etree.XMLParser(no_network=True)))


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    return {
        name: load(f"{name}.xsd")
        for name in ("SuministroLR", "ConsultaLR", "RespuestaSuministro", "RespuestaConsultaLR")
    }


def body_of(envelope: bytes) -> etree._Element:
    """The Body's only message of a SOAP 1.1 envelope, checked to be that shape."""
    root = etree.fromstring(envelope)
    assert root.tag == f"{{{SOAP_ENV_NS}}}Envelope"
    body = root.find(f"{{{SOAP_ENV_NS}}}Body")
    assert body is not None
    [message] = list(body)
    return message


def c14n(element: etree._Element) -> bytes:
    """Exclusive canonical form: only the namespaces the element uses, whatever its parent."""
    return bytes(etree.tostring(element, method="c14n", exclusive=True))


def valid(schema: etree.XMLSchema, element: etree._Element) -> etree._Element:
    assert schema.validate(element), schema.error_log
    return element


@pytest.fixture
def simulator() -> SimulatedService:
    """The simulator's service without its network: answers are asked of it directly."""
    return SimulatedService()


def answer(simulator: SimulatedService, envelope: bytes, client_nif: str = ISSUER_NIF) -> bytes:
    status, body = simulator.handle_soap(SOAP_PATH, envelope, client_nif)
    assert status == 200, body
    return body


# --- the registration request --------------------------------------------------------------


def test_the_envelope_carries_the_stored_records_as_they_are_in_order(schemas):
    chain = Chain()
    documents = chain.altas(3)
    envelope = registration_envelope(
        documents, issuer=HEADER_ISSUER, representative=None, incident=False
    )
    message = valid(schemas["SuministroLR"], body_of(envelope))
    assert message.tag == f"{{{SF_LR_NS}}}RegFactuSistemaFacturacion"
    sent = message.findall("sfLR:RegistroFactura", NS)
    assert len(sent) == 3
    for document, element in zip(documents, sent, strict=True):
        [original] = etree.fromstring(document).findall("sfLR:RegistroFactura", NS)
        # Byte for byte in canonical form: no value was rebuilt or reformatted.
        assert c14n(element) == c14n(original)
    assert [e.findtext("sf:RegistroAlta/sf:Huella", namespaces=NS) for e in sent] == [
        r.huella for r in chain.records
    ]
    header = message.find("sfLR:Cabecera", NS)
    assert header.findtext("sf:ObligadoEmision/sf:NIF", namespaces=NS) == ISSUER_NIF
    assert header.findtext("sf:ObligadoEmision/sf:NombreRazon", namespaces=NS) == (
        "Suministros Ibéricos del Mediterráneo, S.L."
    )
    assert header.find("sf:Representante", NS) is None
    assert header.find("sf:RemisionVoluntaria", NS) is None


def test_a_representative_and_the_incident_flag_go_in_the_header(schemas):
    documents = Chain().altas(2)
    envelope = registration_envelope(
        documents, issuer=HEADER_ISSUER, representative=ADVISER, incident=True
    )
    message = valid(schemas["SuministroLR"], body_of(envelope))
    header = message.find("sfLR:Cabecera", NS)
    assert header.findtext("sf:Representante/sf:NIF", namespaces=NS) == ADVISER_NIF
    assert header.findtext("sf:Representante/sf:NombreRazon", namespaces=NS) == ADVISER.name
    # The flag is the header's: it covers every record of the request.
    assert header.findtext("sf:RemisionVoluntaria/sf:Incidencia", namespaces=NS) == "S"
    assert len(message.findall("sfLR:RegistroFactura", NS)) == 2


def test_altas_and_anulaciones_travel_together_in_chain_order(schemas):
    chain = Chain()
    first = chain.alta()
    chain.alta()
    cancel = chain.anulacion(first)
    documents = [stored(r) for r in chain.records]
    message = valid(
        schemas["SuministroLR"],
        body_of(
            registration_envelope(
                documents, issuer=HEADER_ISSUER, representative=None, incident=False
            )
        ),
    )
    kinds = [etree.QName(e[0]).localname for e in message.findall("sfLR:RegistroFactura", NS)]
    assert kinds == ["RegistroAlta", "RegistroAlta", "RegistroAnulacion"]
    assert cancel.huella in etree.tostring(message).decode()


def test_a_thousand_records_make_one_request_and_one_more_is_refused(schemas):
    documents = Chain().altas(1000)
    message = valid(
        schemas["SuministroLR"],
        body_of(
            registration_envelope(
                documents, issuer=HEADER_ISSUER, representative=None, incident=False
            )
        ),
    )
    assert len(message.findall("sfLR:RegistroFactura", NS)) == 1000
    with pytest.raises(InvalidRequest, match="at most 1000"):
        registration_envelope(
            [*documents, documents[0]], issuer=HEADER_ISSUER, representative=None, incident=False
        )


def test_what_cannot_be_one_request_is_refused():
    chain = Chain()
    documents = chain.altas(2)
    other = Chain(samples.OTHER).altas(1)
    cases = {
        "at least one": [],
        "of issuer": [documents[0], other[0]],
        "already in this request": [documents[0], documents[0]],
        "not XML": [b"<RegFactuSistemaFacturacion"],
        "not a RegFactuSistemaFacturacion": [b"<Envelope/>"],
        "holds 2 records": [records_xml(chain.records[:2])],
    }
    for message, given in cases.items():
        with pytest.raises(InvalidRequest, match=message):
            registration_envelope(given, issuer=HEADER_ISSUER, representative=None, incident=False)
    for issuer in (Party("B4612345", "Short NIF"), Party("B46123451", "  "), Party("", "x")):
        with pytest.raises(InvalidRequest):
            registration_envelope(documents, issuer=issuer, representative=None, incident=False)
    with pytest.raises(InvalidRequest, match="representative"):
        registration_envelope(
            documents, issuer=HEADER_ISSUER, representative=Party("X", "Y"), incident=False
        )


def test_a_hostile_stored_document_is_not_expanded_or_followed():
    documents = Chain().altas(1)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<sfLR:RegFactuSistemaFacturacion xmlns:sfLR="' + SF_LR_NS.encode() + b'">&b;&x;'
        b"</sfLR:RegFactuSistemaFacturacion>"
    )
    with pytest.raises(InvalidRequest):
        registration_envelope(
            [documents[0], bomb], issuer=HEADER_ISSUER, representative=None, incident=False
        )


# --- the query -----------------------------------------------------------------------------


def test_a_query_names_the_issuer_the_month_and_the_page(schemas):
    plain = valid(
        schemas["ConsultaLR"],
        body_of(query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=3)),
    )
    assert plain.tag == f"{{{SF_LRC_NS}}}ConsultaFactuSistemaFacturacion"
    assert plain.findtext("sfLRC:Cabecera/sf:ObligadoEmision/sf:NIF", namespaces=NS) == ISSUER_NIF
    assert plain.findtext("sfLRC:Cabecera/sf:IDVersion", namespaces=NS) == "1.0"
    assert plain.find("sfLRC:Cabecera/sf:IndicadorRepresentante", NS) is None
    period = "sfLRC:FiltroConsulta/sfLRC:PeriodoImputacion/"
    assert plain.findtext(period + "sf:Ejercicio", namespaces=NS) == "2026"
    assert plain.findtext(period + "sf:Periodo", namespaces=NS) == "03"
    assert plain.find("sfLRC:FiltroConsulta/sfLRC:ClavePaginacion", NS) is None

    paged = valid(
        schemas["ConsultaLR"],
        body_of(
            query_envelope(
                issuer=HEADER_ISSUER,
                representative=ADVISER,
                year=2026,
                month=12,
                page=PageKey(ISSUER_NIF, "F26-000010", dt.date(2026, 12, 31)),
            )
        ),
    )
    assert paged.findtext("sfLRC:Cabecera/sf:IndicadorRepresentante", namespaces=NS) == "S"
    key = "sfLRC:FiltroConsulta/sfLRC:ClavePaginacion/"
    assert paged.findtext(key + "sf:NumSerieFactura", namespaces=NS) == "F26-000010"
    assert paged.findtext(key + "sf:FechaExpedicionFactura", namespaces=NS) == "31-12-2026"
    for month in (0, 13):
        with pytest.raises(InvalidRequest, match="month"):
            query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=month)
    with pytest.raises(InvalidRequest, match="year"):
        query_envelope(issuer=HEADER_ISSUER, representative=None, year=26, month=1)


# --- reading the answers -------------------------------------------------------------------


def register(simulator, documents, *, client_nif=ISSUER_NIF, representative=None, schemas=None):
    body = answer(
        simulator,
        registration_envelope(
            documents, issuer=HEADER_ISSUER, representative=representative, incident=False
        ),
        client_nif,
    )
    if schemas is not None:
        valid(schemas["RespuestaSuministro"], body_of(body))
    return parse_registration_answer(body)


def test_an_accepted_request_reads_correcto_with_its_csv_and_waiting_time(simulator, schemas):
    chain = Chain()
    result = register(simulator, chain.altas(3), schemas=schemas)
    assert result.state == "Correcto"
    assert result.csv
    assert result.csv.startswith("A-")
    assert result.wait_seconds == 60
    assert result.presenter_nif == ISSUER_NIF
    assert [(line.number, line.status, line.operation) for line in result.lines] == [
        ("F26-000001", "Correcto", "Alta"),
        ("F26-000002", "Correcto", "Alta"),
        ("F26-000003", "Correcto", "Alta"),
    ]
    assert all(line.issue_date == dt.date(2026, 3, 2) for line in result.lines)
    assert all(line.error_code is None and line.duplicate_status is None for line in result.lines)


def test_a_partly_refused_request_is_read_line_by_line(simulator, schemas):
    simulator.set_scenario({"reject": {"F26-000002": 1104}, "wait_seconds": 5})
    result = register(simulator, Chain().altas(3), schemas=schemas)
    assert result.state == "ParcialmenteCorrecto"
    assert result.csv is not None
    assert result.wait_seconds == 5
    refused = result.lines[1]
    assert (refused.number, refused.status, refused.error_code) == (
        "F26-000002",
        "Incorrecto",
        1104,
    )
    assert refused.error_description == codes.description(1104)
    assert [line.status for line in result.lines] == ["Correcto", "Incorrecto", "Correcto"]


def test_a_duplicate_says_what_the_aeat_holds_and_a_refusal_has_no_csv(simulator, schemas):
    chain = Chain()
    documents = chain.altas(2)
    register(simulator, documents)
    again = register(simulator, documents, schemas=schemas)
    assert again.state == "Incorrecto"
    assert again.csv is None
    for line in again.lines:
        assert (line.status, line.error_code) == ("Incorrecto", codes.DUPLICATE)
        assert line.duplicate_status == "Correcta"  # a client reconciles it as accepted
        assert line.duplicate_request_id


def test_a_query_answer_is_read_with_its_page_key(simulator, schemas):
    chain = Chain()
    register(simulator, chain.altas(3))
    simulator.set_scenario({"query_page_size": 2})
    first = answer(
        simulator, query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=3)
    )
    valid(schemas["RespuestaConsultaLR"], body_of(first))
    page = parse_query_answer(first)
    assert [r.number for r in page.records] == ["F26-000001", "F26-000002"]
    assert page.next_page == PageKey(ISSUER_NIF, "F26-000002", dt.date(2026, 3, 2))
    held = page.records[1]
    assert (held.status, held.operation, held.huella) == (
        "Correcta",
        "Alta",
        chain.records[1].huella,
    )
    assert held.previous_huella == chain.records[0].huella
    assert (held.invoice_type, held.tax_total, held.invoice_amount) == ("F1", "26.25", "151.25")
    last = answer(
        simulator,
        query_envelope(
            issuer=HEADER_ISSUER, representative=None, year=2026, month=3, page=page.next_page
        ),
    )
    valid(schemas["RespuestaConsultaLR"], body_of(last))
    rest = parse_query_answer(last)
    assert [r.number for r in rest.records] == ["F26-000003"]
    assert rest.next_page is None
    empty = answer(
        simulator, query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=4)
    )
    valid(schemas["RespuestaConsultaLR"], body_of(empty))
    assert parse_query_answer(empty).records == ()


def test_a_soap_fault_is_unavailability_with_the_code_and_without_the_servers_words():
    body = fault_envelope(codes.NOT_AUTHORISED)
    fault = read_fault(body)
    assert fault is not None
    assert (fault.kind, fault.aeat_code, fault.fault_code) == ("soap_fault", 4112, "Client")
    assert "titular" in (fault.detail or "")
    assert "titular" not in str(fault)
    for parse in (parse_registration_answer, parse_query_answer):
        with pytest.raises(AeatUnavailable) as caught:
            parse(body)
        assert caught.value.kind == "soap_fault"
    server = read_fault(fault_envelope(codes.DATABASE_ERROR, side="Server"))
    assert server is not None
    assert (server.aeat_code, server.fault_code) == (3501, "Server")
    assert read_fault(b"<html>Service Unavailable</html>") is None


GOOD_LINE = (
    "<r:RespuestaLinea><r:IDFactura><sf:IDEmisorFactura>B46123451</sf:IDEmisorFactura>"
    "<sf:NumSerieFactura>F-1</sf:NumSerieFactura>"
    "<sf:FechaExpedicionFactura>{date}</sf:FechaExpedicionFactura></r:IDFactura>"
    "<r:Operacion><sf:TipoOperacion>{operation}</sf:TipoOperacion></r:Operacion>"
    "<r:EstadoRegistro>{status}</r:EstadoRegistro></r:RespuestaLinea>"
)


def registration_answer(
    *, state="Correcto", wait="60", date="02-03-2026", operation="Alta", status="Correcto"
) -> bytes:
    line = GOOD_LINE.format(date=date, operation=operation, status=status)
    return (
        f'<e:Envelope xmlns:e="{SOAP_ENV_NS}"><e:Body>'
        f'<r:RespuestaRegFactuSistemaFacturacion xmlns:r="{SF_R_NS}" xmlns:sf="{SF_NS}">'
        "<r:Cabecera><sf:ObligadoEmision><sf:NombreRazon>X</sf:NombreRazon>"
        "<sf:NIF>B46123451</sf:NIF></sf:ObligadoEmision></r:Cabecera>"
        f"<r:TiempoEsperaEnvio>{wait}</r:TiempoEsperaEnvio><r:EstadoEnvio>{state}</r:EstadoEnvio>"
        f"{line}</r:RespuestaRegFactuSistemaFacturacion></e:Body></e:Envelope>"
    ).encode()


def test_a_well_formed_hand_written_answer_is_valid_and_read(schemas):
    body = registration_answer()
    valid(schemas["RespuestaSuministro"], body_of(body))
    assert parse_registration_answer(body).lines[0].number == "F-1"
    # TiempoEsperaEnvio may be empty (Tipo6Type): the initial 60 seconds then.
    assert parse_registration_answer(registration_answer(wait="")).wait_seconds == 60


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        b"<html><body>502 Bad Gateway</body></html>",
        f'<e:Envelope xmlns:e="{SOAP_ENV_NS}"/>'.encode(),
        f'<e:Envelope xmlns:e="{SOAP_ENV_NS}"><e:Body/></e:Envelope>'.encode(),
        registration_answer(state="Aceptado"),
        registration_answer(wait="soon"),
        registration_answer(date="2026-03-02"),
        registration_answer(operation="Baja"),
        registration_answer(status="Registrado"),
        # The answer of another operation is not this one's.
        f'<e:Envelope xmlns:e="{SOAP_ENV_NS}"><e:Body><x:RespuestaConsultaFactuSistemaFacturacion '
        f'xmlns:x="{SF_LRRC_NS}"/></e:Body></e:Envelope>'.encode(),
        # An entity that would expand a thousandfold, and one that would read a file.
        b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>&b;&x;</e:Body>'
        b"</e:Envelope>",
    ],
)
def test_an_answer_that_is_not_the_aeats_message_is_unreadable(body):
    with pytest.raises(AeatUnavailable) as caught:
        parse_registration_answer(body)
    assert caught.value.kind == "unreadable"
    assert "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" not in (caught.value.detail or "")
