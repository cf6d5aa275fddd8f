"""The conformance simulator's rules, asked directly (no network): what it accepts, what it
refuses and with which of the AEAT's codes, and what it then holds. Every answer it gives here
is checked against RespuestaSuministro.xsd / RespuestaConsultaLR.xsd."""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from lxml import etree

from cartera_invoicing.aeat import codes
from cartera_invoicing.aeat.credentials import Party
from cartera_invoicing.aeat.simulator import Simulator
from cartera_invoicing.aeat.simulator_pki import nif_of
from cartera_invoicing.aeat.simulator_service import ScenarioError, SimulatedService
from cartera_invoicing.aeat.soap import (
    REQUIREMENT_PATH,
    SOAP_ENV_NS,
    SOAP_PATH,
    SubmissionAnswer,
    parse_query_answer,
    parse_registration_answer,
    query_envelope,
    read_fault,
    registration_envelope,
)
from cartera_invoicing.domain.verifactu import SF_NS
from cartera_invoicing.xml_schemas import VERIFACTU

from .aeat_samples import (
    ADVISER,
    ADVISER_NIF,
    HEADER_ISSUER,
    ISSUER_NIF,
    OTHER_NIF,
    Chain,
    stored,
    tamper,
    with_correction,
)


def load(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(VERIFACTU / name), etree.XMLParser(no_network=True)))


ANSWER = load("RespuestaSuministro.xsd")
QUERY_ANSWER = load("RespuestaConsultaLR.xsd")


def message_of(body: bytes) -> etree._Element:
    [message] = etree.fromstring(body).find(f"{{{SOAP_ENV_NS}}}Body")
    return message


@pytest.fixture
def simulator() -> SimulatedService:
    return SimulatedService()


def send(
    simulator: SimulatedService,
    documents: list[bytes],
    *,
    client_nif: str = ISSUER_NIF,
    representative: Party | None = None,
    incident: bool = False,
) -> SubmissionAnswer:
    envelope = registration_envelope(
        documents, issuer=HEADER_ISSUER, representative=representative, incident=incident
    )
    status, body = simulator.handle_soap(SOAP_PATH, envelope, client_nif)
    assert status == 200, body
    assert ANSWER.validate(message_of(body)), ANSWER.error_log
    return parse_registration_answer(body)


def refused(
    simulator: SimulatedService, body: bytes, *, path: str = SOAP_PATH, **kwargs
) -> int | None:
    status, answer = simulator.handle_soap(
        path, body, kwargs.pop("client_nif", ISSUER_NIF), **kwargs
    )
    assert status == 500
    fault = read_fault(answer)
    assert fault is not None
    return fault.aeat_code


def lines(answer: SubmissionAnswer) -> list[tuple[str, str, int | None]]:
    return [(line.number, line.status, line.error_code) for line in answer.lines]


def held(simulator: SimulatedService, nif: str = ISSUER_NIF) -> dict[str, str]:
    return {r["number"]: r["status"] for r in simulator.held(nif)}


# --- the chain and the huella --------------------------------------------------------------


def test_a_wrong_huella_is_accepted_with_the_aeats_error_2000(simulator):
    chain = Chain()
    documents = chain.altas(3)
    documents[1] = tamper(documents[1], "ImporteTotal", "999.99")
    answer = send(simulator, documents)
    assert answer.state == "ParcialmenteCorrecto"
    assert lines(answer) == [
        ("F26-000001", "Correcto", None),
        ("F26-000002", "AceptadoConErrores", codes.WRONG_HUELLA),
        ("F26-000003", "Correcto", None),
    ]
    assert held(simulator)["F26-000002"] == "AceptadaConErrores"


def test_a_broken_link_is_reported_once_and_the_chain_goes_on(simulator):
    chain = Chain()
    documents = chain.altas(5)
    send(simulator, documents[:1])
    # The second record never reaches the AEAT: the third does not follow what it holds.
    answer = send(simulator, documents[2:])
    assert lines(answer) == [
        ("F26-000003", "AceptadoConErrores", codes.PREVIOUS_HUELLA_CONTENT),
        ("F26-000004", "Correcto", None),
        ("F26-000005", "Correcto", None),
    ]


def test_a_second_first_record_for_an_issuer_with_records_is_flagged(simulator):
    send(simulator, Chain().altas(1))
    restarted = Chain(prefix="G26")  # a chain started again from PrimerRegistro: a fork
    assert lines(send(simulator, restarted.altas(1))) == [
        ("G26-000001", "AceptadoConErrores", codes.FIRST_RECORD_WITH_HISTORY)
    ]


def test_a_rejected_record_stays_in_the_chain_so_the_next_one_is_not_refused(simulator):
    simulator.set_scenario({"reject": {"F26-000002": 1104}})
    answer = send(simulator, Chain().altas(3))
    assert answer.state == "ParcialmenteCorrecto"
    assert lines(answer) == [
        ("F26-000001", "Correcto", None),
        ("F26-000002", "Incorrecto", 1104),
        ("F26-000003", "Correcto", None),
    ]
    assert held(simulator) == {"F26-000001": "Correcta", "F26-000003": "Correcta"}


def test_records_sent_again_are_answered_as_before_without_moving_the_chain(simulator):
    simulator.set_scenario({"reject": {"F26-000002": {"code": 1104, "times": 1}}})
    chain = Chain()
    documents = chain.altas(3)
    send(simulator, documents)
    # The answer was lost; the same request again: accepted ones are duplicates with the state
    # held, the refused one is refused again with its code (the rule was used up: not re-asked).
    again = send(simulator, documents)
    assert again.state == "Incorrecto"
    assert lines(again) == [
        ("F26-000001", "Incorrecto", codes.DUPLICATE),
        ("F26-000002", "Incorrecto", 1104),
        ("F26-000003", "Incorrecto", codes.DUPLICATE),
    ]
    assert [line.duplicate_status for line in again.lines] == ["Correcta", None, "Correcta"]
    assert lines(send(simulator, chain.altas(1))) == [("F26-000004", "Correcto", None)]
    counters = simulator.counters()["issuers"][ISSUER_NIF]
    assert counters["duplicates"] == 2
    assert counters["resent"] == 3
    assert counters["records"] == 7


def test_another_alta_of_a_held_invoice_is_a_duplicate(simulator):
    chain = Chain()
    send(simulator, chain.altas(1))
    second = stored(chain.alta("F26-000001"))  # a new record, same invoice
    answer = send(simulator, [second])
    assert lines(answer) == [("F26-000001", "Incorrecto", codes.DUPLICATE)]
    assert answer.lines[0].duplicate_status == "Correcta"


# --- corrections and cancellations ---------------------------------------------------------


def test_a_record_accepted_with_errors_is_corrected_by_a_subsanacion(simulator):
    simulator.set_scenario({"warn": {"F26-000001": {"code": 2001, "times": 1}}})
    chain = Chain()
    first = send(simulator, chain.altas(1))
    assert lines(first) == [("F26-000001", "AceptadoConErrores", 2001)]
    assert held(simulator) == {"F26-000001": "AceptadaConErrores"}
    correction = with_correction(stored(chain.alta("F26-000001")))
    answer = send(simulator, [correction])
    assert lines(answer) == [("F26-000001", "Correcto", None)]
    assert answer.lines[0].correction
    assert held(simulator) == {"F26-000001": "Correcta"}


def test_a_rejected_record_is_registered_by_a_subsanacion_with_rechazo_previo(simulator):
    simulator.set_scenario({"reject": {"F26-000001": {"code": 1104, "times": 1}}})
    chain = Chain()
    send(simulator, chain.altas(1))
    assert held(simulator) == {}
    without_prior = with_correction(stored(chain.alta("F26-000001")))
    assert lines(send(simulator, [without_prior])) == [("F26-000001", "Incorrecto", codes.NOT_HELD)]
    with_prior = with_correction(stored(chain.alta("F26-000001")), prior_rejection="S")
    assert lines(send(simulator, [with_prior])) == [("F26-000001", "Correcto", None)]
    assert held(simulator) == {"F26-000001": "Correcta"}
    # RechazoPrevio only goes with Subsanacion = S (the AEAT's 1161 and 1153).
    for flag, code in (("S", 1161), ("X", 1153)):
        alone = with_correction(stored(chain.alta()), prior_rejection=flag, correction=None)
        assert send(simulator, [alone]).lines[0].error_code == code


def test_a_cancellation_cancels_once_and_only_what_is_held(simulator):
    chain = Chain()
    kept, cancelled = chain.alta(), chain.alta()
    send(simulator, [stored(kept), stored(cancelled)])
    cancel = chain.anulacion(cancelled)
    answer = send(simulator, [stored(cancel)])
    assert [(line.operation, line.status) for line in answer.lines] == [("Anulacion", "Correcto")]
    assert held(simulator) == {"F26-000001": "Correcta", "F26-000002": "Anulada"}
    twice = chain.anulacion(cancelled)
    assert lines(send(simulator, [stored(twice)])) == [
        ("F26-000002", "Incorrecto", codes.ALREADY_CANCELLED)
    ]
    # An alta again for a cancelled invoice: a duplicate, and what is held is "Anulada".
    again = send(simulator, [stored(chain.alta("F26-000002"))])
    assert again.lines[0].duplicate_status == "Anulada"
    unknown = Chain(prefix="Z26")
    unknown.alta()  # never sent
    assert lines(send(simulator, [stored(unknown.anulacion(unknown.records[0]))])) == [
        ("Z26-000001", "Incorrecto", codes.NOT_HELD)
    ]


# --- who may send ---------------------------------------------------------------------------


def test_the_certificate_must_be_the_issuers_or_the_representatives(simulator):
    documents = Chain().altas(1)
    envelope = registration_envelope(
        documents, issuer=HEADER_ISSUER, representative=None, incident=False
    )
    assert refused(simulator, envelope, client_nif=OTHER_NIF) == codes.NOT_AUTHORISED
    assert refused(simulator, envelope, client_nif=None) == codes.NOT_AUTHORISED
    assert refused(simulator, envelope, client_nif=ADVISER_NIF) == codes.NOT_AUTHORISED
    answer = send(simulator, documents, client_nif=ADVISER_NIF, representative=ADVISER)
    assert answer.state == "Correcto"
    assert answer.presenter_nif == ADVISER_NIF
    [record] = simulator.held(ISSUER_NIF)
    assert record["representative_nif"] == ADVISER_NIF
    assert simulator.counters()["totals"]["faults"] == 3


def test_a_record_of_another_issuer_than_the_header_is_refused_alone(simulator):
    envelope = registration_envelope(
        Chain().altas(1), issuer=HEADER_ISSUER, representative=None, incident=False
    )
    # By hand: the client never builds this (it refuses), a broken or hostile one might.
    header = f"<sf:NIF>{ISSUER_NIF}</sf:NIF></sf:ObligadoEmision>"
    forged = envelope.replace(header.encode(), header.replace(ISSUER_NIF, OTHER_NIF).encode())
    assert forged != envelope
    status, body = simulator.handle_soap(SOAP_PATH, forged, OTHER_NIF)
    assert status == 200
    answer = parse_registration_answer(body)
    assert answer.state == "Incorrecto"
    assert lines(answer) == [("F26-000001", "Incorrecto", codes.ISSUER_NOT_HEADER)]
    assert simulator.held(OTHER_NIF) == simulator.held(ISSUER_NIF) == []


# --- what is not a valid request -----------------------------------------------------------


def test_requests_that_are_not_valid_are_refused_whole_with_the_aeats_codes(simulator):
    good = registration_envelope(
        Chain().altas(1), issuer=HEADER_ISSUER, representative=None, incident=False
    )
    invalid = good.replace(b"TipoFactura>F1<", b"TipoFactura>F9<")
    assert refused(simulator, invalid) == codes.SCHEMA
    missing = good.replace(b"<sf:NombreRazon>", b"<sf:Nombre>").replace(
        b"</sf:NombreRazon>", b"</sf:Nombre>"
    )
    assert refused(simulator, missing) == codes.SCHEMA
    assert refused(simulator, b"") == codes.EMPTY_REQUEST
    assert refused(simulator, b"<soapenv:Envelope") == codes.UNPARSEABLE
    latin1 = good.replace("Ibéricos".encode(), "Ibéricos".encode("latin-1"))
    assert refused(simulator, latin1) == codes.NOT_UTF8
    doctype = good.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "x">]>', 1)
    assert refused(simulator, doctype) == codes.UNPARSEABLE
    bare = etree.tostring(message_of(good))  # no SOAP envelope
    assert refused(simulator, bare) == codes.SCHEMA
    assert refused(simulator, good, content_type="application/soap+xml") is None
    assert refused(simulator, good, content_type="application/json") == codes.SCHEMA
    too_many = good.replace(
        b"</sfLR:RegistroFactura>",
        b"</sfLR:RegistroFactura>" + etree.tostring(message_of(good)[1]) * 1000,
        1,
    )
    assert refused(simulator, too_many) == codes.TOO_MANY_RECORDS
    assert refused(simulator, good, path=REQUIREMENT_PATH) == codes.REQUIREMENT_REFERENCE_MISSING
    assert simulator.handle_soap("/other", good, ISSUER_NIF) == (404, b"")
    assert simulator.held(ISSUER_NIF) == []


def test_an_injected_fault_refuses_the_next_requests_then_stops(simulator):
    simulator.set_scenario({"soap_faults": 2})
    documents = Chain().altas(1)
    envelope = registration_envelope(
        documents, issuer=HEADER_ISSUER, representative=None, incident=False
    )
    assert refused(simulator, envelope) == codes.DATABASE_ERROR
    assert refused(simulator, envelope) == codes.DATABASE_ERROR
    assert send(simulator, documents).state == "Correcto"
    assert simulator.counters()["totals"]["soap_faults_injected"] == 2


# --- flow control, incidents, queries ------------------------------------------------------


def test_a_request_before_the_waiting_time_is_over_is_counted(simulator):
    chain = Chain()
    send(simulator, chain.altas(1))
    send(simulator, chain.altas(1))
    assert simulator.counters()["issuers"][ISSUER_NIF]["early_requests"] == 1
    simulator.set_scenario({"wait_seconds": 0})
    send(simulator, chain.altas(1))
    answer = send(simulator, chain.altas(1))
    assert answer.wait_seconds == 0
    assert simulator.counters()["issuers"][ISSUER_NIF]["early_requests"] == 2


def test_a_query_shows_what_is_held_with_the_representative_and_the_incident(simulator):
    chain = Chain()
    send(simulator, chain.altas(2), client_nif=ADVISER_NIF, representative=ADVISER, incident=True)
    send(simulator, chain.altas(1, issue_date=dt.date(2026, 4, 1)))
    envelope = query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=3)
    status, body = simulator.handle_soap(SOAP_PATH, envelope, ISSUER_NIF)
    assert status == 200
    assert QUERY_ANSWER.validate(message_of(body)), QUERY_ANSWER.error_log
    assert [r.number for r in parse_query_answer(body).records] == ["F26-000001", "F26-000002"]
    text = body.decode()
    assert f"NifRepresentante>{ADVISER_NIF}<" in text
    assert "Incidencia>S<" in text
    # The representative asks with IndicadorRepresentante: it sees what it presented.
    as_adviser = query_envelope(issuer=HEADER_ISSUER, representative=ADVISER, year=2026, month=4)
    status, body = simulator.handle_soap(SOAP_PATH, as_adviser, ADVISER_NIF)
    assert status == 200
    assert parse_query_answer(body).records == ()
    assert refused(simulator, envelope, client_nif=OTHER_NIF) == codes.NOT_AUTHORISED
    assert refused(simulator, envelope, path=REQUIREMENT_PATH) == codes.SCHEMA


def test_the_scenario_takes_only_what_it_understands(simulator):
    for bad in (
        {"wait_seconds": 10000},
        {"wait_seconds": "60"},
        {"reject": {"F-1": 2001}},  # an "accepted" code cannot reject
        {"warn": {"F-1": 1104}},
        {"reject": ["F-1"]},
        {"soap_faults": -1},
        {"slow_seconds": 601},
        {"refuse_connections": "yes"},
        {"query_page_size": 0},
        {"unknown": 1},
    ):
        with pytest.raises(ScenarioError):
            simulator.set_scenario(bad)
    assert simulator.scenario()["wait_seconds"] == 60
    simulator.set_scenario({"wait_seconds": 3, "reject": {"F-1": 1104}})
    send(simulator, Chain().altas(1))
    simulator.reset()
    assert simulator.scenario()["wait_seconds"] == 60
    assert simulator.scenario()["reject"] == {}
    assert simulator.held(ISSUER_NIF) == []
    assert simulator.counters()["issuers"] == {}
    assert simulator.counters()["totals"]["requests"] == 0


def test_the_service_never_loads_the_simulator():
    """The simulator is a separate process: nothing the service runs imports it."""
    code = (
        "import sys, cartera_invoicing.main, cartera_invoicing.aeat.client; "
        "print(sorted(m for m in sys.modules if m.startswith('cartera_invoicing.aeat')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = found.stdout.strip()
    assert "cartera_invoicing.aeat.client" in loaded
    assert "simulator" not in loaded


# --- the simulator's certificates ----------------------------------------------------------


def test_minted_certificates_carry_the_nif_as_spanish_ones_do(tmp_path):
    simulator = Simulator(tmp_path)
    person = simulator.mint({"nif": "71234567w", "name": "Íñigo Muñoz", "password": "s3cr3t"})
    assert person["nif"] == "71234567W"
    assert "2.5.4.5=IDCES-71234567W" in person["subject"]
    loaded = pkcs12.load_key_and_certificates(base64.b64decode(person["pkcs12"]), b"s3cr3t")
    assert loaded[0] is not None
    assert loaded[1] is not None
    assert nif_of(loaded[1]) == "71234567W"
    with pytest.raises(ValueError, match="password"):
        pkcs12.load_key_and_certificates(base64.b64decode(person["pkcs12"]), b"no")
    company = simulator.mint(
        {
            "nif": "B46123451",
            "name": "Suministros",
            "kind": "company",
            "key_type": "ec",
            "representative_nif": "71234567W",
        }
    )
    certificate = x509.load_pem_x509_certificate(company["certificate_pem"].encode())
    # The entity's NIF, not its representative's, is who the certificate's holder is.
    assert nif_of(certificate) == "B46123451"
    assert "VATES-B46123451" in company["subject"]
    expired = simulator.mint(
        {
            "nif": "B46123451",
            "name": "S",
            "key_type": "ec",
            "not_before": "2020-01-01T00:00:00+00:00",
            "not_after": "2021-01-01T00:00:00",
        }
    )
    assert expired["not_after"].startswith("2021-01-01T00:00:00")
    for bad in (
        {"nif": "123", "name": "x"},
        {"nif": "B46123451", "name": " "},
        {"nif": "B46123451", "name": "x", "kind": "robot"},
        {"nif": "B46123451", "name": "x", "not_before": "yesterday"},
        {"nif": "B46123451", "name": "x", "not_before": "2030-01-01", "not_after": "2029-01-01"},
    ):
        with pytest.raises(ScenarioError):
            simulator.mint(bad)
    assert simulator.ca_file.is_file()
    assert oct((tmp_path / "ca-key.pem").stat().st_mode & 0o777) == "0o600"


def test_a_query_shows_cancelled_invoices_and_lone_cancellations_validly(simulator):
    chain = Chain()
    kept, cancelled = chain.alta(), chain.alta()
    send(simulator, [stored(kept), stored(cancelled)])
    send(simulator, [stored(chain.anulacion(cancelled))])
    # A cancellation of an invoice the AEAT does not hold (its alta was refused):
    # SinRegistroPrevio = S.
    simulator.set_scenario({"reject": {"F26-000003": {"code": 1104, "times": 1}}})
    refused_alta = chain.alta()
    assert lines(send(simulator, [stored(refused_alta)])) == [("F26-000003", "Incorrecto", 1104)]
    lone = etree.fromstring(stored(chain.anulacion(refused_alta)))
    anulacion = lone.find(f".//{{{SF_NS}}}RegistroAnulacion")
    flag = etree.Element(f"{{{SF_NS}}}SinRegistroPrevio")
    flag.text = "S"
    anulacion.insert(2, flag)
    answer = send(simulator, [etree.tostring(lone)])
    assert [(line.operation, line.status) for line in answer.lines] == [("Anulacion", "Correcto")]
    query = query_envelope(issuer=HEADER_ISSUER, representative=None, year=2026, month=3)
    # Ask for the optional blocks too: the name and the system, renamed into the answer.
    query = query.replace(
        b"</sfLRC:FiltroConsulta>",
        b"</sfLRC:FiltroConsulta><sfLRC:DatosAdicionalesRespuesta>"
        b"<sfLRC:MostrarNombreRazonEmisor>S</sfLRC:MostrarNombreRazonEmisor>"
        b"<sfLRC:MostrarSistemaInformatico>S</sfLRC:MostrarSistemaInformatico>"
        b"</sfLRC:DatosAdicionalesRespuesta>",
    )
    status, body = simulator.handle_soap(SOAP_PATH, query, ISSUER_NIF)
    assert status == 200, body
    assert QUERY_ANSWER.validate(message_of(body)), QUERY_ANSWER.error_log
    records = {r.number: r for r in parse_query_answer(body).records}
    assert {n: (r.status, r.operation) for n, r in records.items()} == {
        "F26-000001": ("Correcta", "Alta"),
        "F26-000002": ("Anulada", "Anulacion"),
        "F26-000003": ("Anulada", "Anulacion"),
    }
    assert records["F26-000002"].huella == cancelled.huella  # the alta's data stay
    assert records["F26-000003"].huella == chain.records[-1].huella  # the lone anulación's
    assert b"NombreRazonEmisor>" in body
    assert b"NombreSistemaInformatico>Cartera<" in body
