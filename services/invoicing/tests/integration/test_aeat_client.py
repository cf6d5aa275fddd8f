"""The AEAT client against the conformance simulator, over real mutual TLS on loopback.

The simulator runs in this process on free ports (its TLS and control servers in threads); its
certificates are minted through its control API, as the demo and the other suites do. Every
failure that is not an answer about the records must come out as `AeatUnavailable` with its
kind, never as a rejection.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from cartera_invoicing.aeat import codes
from cartera_invoicing.aeat.client import AeatClient
from cartera_invoicing.aeat.credentials import Credentials, Party, Submitter
from cartera_invoicing.aeat.simulator import Simulator
from cartera_invoicing.aeat.soap import AeatUnavailable, registration_envelope
from cartera_shared.testing import eventually

from ..unit.aeat_samples import (
    ADVISER,
    ADVISER_NIF,
    HEADER_ISSUER,
    ISSUER_NIF,
    OTHER_NIF,
    Chain,
    tamper,
)


@pytest.fixture(scope="module")
def simulator(tmp_path_factory):
    with Simulator(tmp_path_factory.mktemp("aeat-simulator")) as running:
        yield running


@pytest.fixture(scope="module")
def control(simulator):
    with httpx.Client(base_url=simulator.control_url, timeout=60) as client:
        yield client


@pytest.fixture(autouse=True)
def fresh(control):
    assert control.post("/reset").status_code == 200


def mint(control: httpx.Client, nif: str, name: str, **spec: object) -> Credentials:
    answer = control.post("/certificates", json={"nif": nif, "name": name, **spec})
    assert answer.status_code == 201, answer.text
    minted = answer.json()
    return Credentials(
        certificate_pem=minted["certificate_pem"].encode(),
        private_key_pem=minted["private_key_pem"].encode(),
        nif=nif,
    )


@pytest.fixture(scope="module")
def issuer(control) -> Submitter:
    """The issuer's own certificate, as a company's: organizationIdentifier VATES-<NIF>."""
    credentials = mint(
        control, ISSUER_NIF, HEADER_ISSUER.name, kind="company", representative_nif="71234567W"
    )
    return Submitter(credentials=credentials, issuer=HEADER_ISSUER)


@pytest.fixture
async def client(simulator):
    async with AeatClient(
        simulator.endpoint, ca_file=str(simulator.ca_file), timeout_seconds=20
    ) as aeat:
        yield aeat


def scenario(control: httpx.Client, **settings: object) -> None:
    answer = control.put("/scenario", json=settings)
    assert answer.status_code == 200, answer.text


def held(control: httpx.Client, nif: str = ISSUER_NIF) -> dict[str, str]:
    answer = control.get(f"/issuers/{nif}")
    assert answer.status_code == 200
    return {r["number"]: r["status"] for r in answer.json()["records"]}


async def unavailable(call) -> AeatUnavailable:
    with pytest.raises(AeatUnavailable) as caught:
        await call
    return caught.value


# --- answers -------------------------------------------------------------------------------


async def test_records_are_accepted_with_a_csv_over_mutual_tls(client, issuer, control):
    chain = Chain()
    answer = await client.register(issuer, chain.altas(3))
    assert answer.state == "Correcto"
    assert answer.csv
    assert answer.presenter_nif == ISSUER_NIF
    assert [(line.number, line.status) for line in answer.lines] == [
        ("F26-000001", "Correcto"),
        ("F26-000002", "Correcto"),
        ("F26-000003", "Correcto"),
    ]
    assert held(control) == dict.fromkeys(("F26-000001", "F26-000002", "F26-000003"), "Correcta")
    counters = control.get("/counters").json()["issuers"][ISSUER_NIF]
    assert (counters["requests"], counters["records"]) == (1, 3)


async def test_a_chain_break_and_a_wrong_huella_get_their_codes(client, issuer):
    chain = Chain()
    documents = chain.altas(5)
    await client.register(issuer, documents[:2])
    documents[4] = tamper(documents[4], "CuotaTotal", "0.00")
    # F26-000003 never arrives: the fourth does not follow the chain the AEAT holds.
    answer = await client.register(issuer, documents[3:])
    assert answer.state == "ParcialmenteCorrecto"
    assert [(line.number, line.status, line.error_code) for line in answer.lines] == [
        ("F26-000004", "AceptadoConErrores", codes.PREVIOUS_HUELLA_CONTENT),
        ("F26-000005", "AceptadoConErrores", codes.WRONG_HUELLA),
    ]
    assert answer.lines[1].error_description == codes.description(codes.WRONG_HUELLA)


async def test_a_partly_refused_request_is_read_line_by_line(client, issuer, control):
    scenario(control, reject={"F26-000002": 1104, "F26-000004": 1105})
    answer = await client.register(issuer, Chain().altas(4))
    assert answer.state == "ParcialmenteCorrecto"
    assert answer.csv
    assert [(line.number, line.status, line.error_code) for line in answer.lines] == [
        ("F26-000001", "Correcto", None),
        ("F26-000002", "Incorrecto", 1104),
        ("F26-000003", "Correcto", None),
        ("F26-000004", "Incorrecto", 1105),
    ]
    assert held(control) == {"F26-000001": "Correcta", "F26-000003": "Correcta"}


async def test_warnings_accept_the_record_with_its_errors(client, issuer, control):
    scenario(control, warn={"F26-000001": 2001})
    answer = await client.register(issuer, Chain().altas(1))
    [line] = answer.lines
    assert (answer.state, line.status, line.error_code) == (
        "ParcialmenteCorrecto",
        "AceptadoConErrores",
        2001,
    )
    assert held(control) == {"F26-000001": "AceptadaConErrores"}


async def test_a_duplicate_answers_with_the_state_the_aeat_holds(client, issuer):
    documents = Chain().altas(2)
    await client.register(issuer, documents)
    again = await client.register(issuer, documents)
    assert again.state == "Incorrecto"
    assert again.csv is None
    assert {(line.error_code, line.duplicate_status) for line in again.lines} == {
        (codes.DUPLICATE, "Correcta")
    }


async def test_the_waiting_time_is_read(client, issuer, control):
    scenario(control, wait_seconds=7)
    assert (await client.register(issuer, Chain().altas(1))).wait_seconds == 7
    scenario(control, wait_seconds=0)
    assert (await client.register(issuer, Chain(prefix="G").altas(1))).wait_seconds == 0


# --- who sends -----------------------------------------------------------------------------


async def test_a_representative_sends_with_its_own_certificate(client, control):
    adviser = Submitter(
        credentials=mint(control, ADVISER_NIF, ADVISER.name, key_type="ec"),
        issuer=HEADER_ISSUER,
        representative=ADVISER,
    )
    answer = await client.register(adviser, Chain().altas(1))
    assert answer.state == "Correcto"
    assert answer.presenter_nif == ADVISER_NIF
    [record] = control.get(f"/issuers/{ISSUER_NIF}").json()["records"]
    assert record["representative_nif"] == ADVISER_NIF


async def test_a_certificate_of_neither_issuer_nor_representative_is_refused(client, control):
    stranger = Submitter(
        credentials=mint(control, OTHER_NIF, "Ferretería Ejemplo", key_type="ec"),
        issuer=HEADER_ISSUER,
        representative=ADVISER,
    )
    refusal = await unavailable(client.register(stranger, Chain().altas(1)))
    assert (refusal.kind, refusal.aeat_code, refusal.http_status) == (
        "soap_fault",
        codes.NOT_AUTHORISED,
        500,
    )
    assert "titular" not in str(refusal)
    assert held(control) == {}


# --- failures that are not answers ---------------------------------------------------------


async def test_a_soap_fault_is_unavailability_never_a_rejection(client, issuer, control):
    scenario(control, soap_faults=1)
    documents = Chain().altas(2)
    fault = await unavailable(client.register(issuer, documents))
    assert (fault.kind, fault.aeat_code, fault.fault_code) == (
        "soap_fault",
        codes.DATABASE_ERROR,
        "Server",
    )
    assert "técnico" not in str(fault)
    assert held(control) == {}
    assert (await client.register(issuer, documents)).state == "Correcto"


async def test_a_slow_answer_is_a_timeout_and_the_records_may_be_held(simulator, issuer, control):
    scenario(control, slow_seconds=3)
    documents = Chain().altas(1)
    async with AeatClient(
        simulator.endpoint, ca_file=str(simulator.ca_file), timeout_seconds=1
    ) as impatient:
        started = time.monotonic()
        timeout = await unavailable(impatient.register(issuer, documents))
        assert timeout.kind == "timeout"
        assert timeout.delivered is True  # it may have been registered
        assert time.monotonic() - started < 2.5
    # As at the AEAT, the request was processed: sent again, it is a duplicate held Correcta.
    scenario(control, slow_seconds=0)
    async with AeatClient(
        simulator.endpoint, ca_file=str(simulator.ca_file), timeout_seconds=20
    ) as patient:
        [line] = (await patient.register(issuer, documents)).lines
    assert (line.error_code, line.duplicate_status) == (codes.DUPLICATE, "Correcta")


async def test_a_dropped_connection_is_a_connection_failure(client, issuer, control):
    documents = Chain().altas(1)
    scenario(control, drop_connections=1)
    assert (await unavailable(client.register(issuer, documents))).kind == "connection"
    assert held(control) == {}  # dropped before it was read
    scenario(control, drop_answers=1)
    lost = await unavailable(client.register(issuer, documents))
    # Cut after the connection was made: as far as the client can tell, it may be registered.
    assert (lost.kind, lost.delivered) == ("connection", True)
    assert held(control) == {"F26-000001": "Correcta"}  # the answer was lost, not the records
    totals = control.get("/counters").json()["totals"]
    assert (totals["dropped_connections"], totals["dropped_answers"]) == (1, 1)


async def test_refused_connections_are_a_connection_failure(client, issuer, control):
    scenario(control, refuse_connections=True)
    try:
        failure = await unavailable(client.register(issuer, Chain().altas(1)))
        assert (failure.kind, failure.delivered) == ("connection", False)  # never left
    finally:
        scenario(control, refuse_connections=False)
    assert (await client.register(issuer, Chain(prefix="G").altas(1))).state == "Correcto"


async def test_a_client_certificate_from_another_ca_is_a_tls_failure(client, control):
    foreign = Submitter(
        credentials=mint(control, ISSUER_NIF, "Suministros", untrusted=True, key_type="ec"),
        issuer=HEADER_ISSUER,
    )
    refused = await unavailable(client.register(foreign, Chain().altas(1)))
    assert (refused.kind, refused.delivered) == ("tls", False)

    async def counted() -> bool:
        return bool(control.get("/counters").json()["totals"]["tls_refused"] >= 1)

    # The simulator counts the refusal after its handshake has sent the alert the client got:
    # a moment later, in its connection's thread.
    await eventually(counted, timeout=5)


async def test_an_expired_or_not_yet_valid_certificate_is_a_tls_failure(client, control):
    now = dt.datetime.now(dt.UTC)
    windows = (
        (now - dt.timedelta(days=400), now - dt.timedelta(days=1)),
        (now + dt.timedelta(days=1), now + dt.timedelta(days=400)),
    )
    for start, end in windows:
        credentials = mint(
            control,
            ISSUER_NIF,
            "Suministros",
            key_type="ec",
            not_before=start.isoformat(),
            not_after=end.isoformat(),
        )
        submitter = Submitter(credentials=credentials, issuer=HEADER_ISSUER)
        assert (await unavailable(client.register(submitter, Chain().altas(1)))).kind == "tls"
    assert held(control) == {}


async def test_a_server_the_client_does_not_trust_is_a_tls_failure(simulator, issuer):
    # Without the simulator's CA the client trusts the system's CAs only.
    async with AeatClient(simulator.endpoint, timeout_seconds=20) as wary:
        assert (await unavailable(wary.register(issuer, Chain().altas(1)))).kind == "tls"


async def test_credentials_that_cannot_be_loaded_are_a_tls_failure(client, issuer, control):
    other = mint(control, OTHER_NIF, "Otra", key_type="ec")
    mismatched = Submitter(
        credentials=Credentials(
            issuer.credentials.certificate_pem, other.private_key_pem, ISSUER_NIF
        ),
        issuer=HEADER_ISSUER,
    )
    assert (await unavailable(client.register(mismatched, Chain().altas(1)))).kind == "tls"
    garbage = Submitter(
        credentials=Credentials(b"not a certificate", b"not a key", ISSUER_NIF),
        issuer=HEADER_ISSUER,
    )
    assert (await unavailable(client.register(garbage, Chain().altas(1)))).kind == "tls"


async def test_an_http_error_that_is_not_a_soap_fault_is_http(simulator, issuer):
    async with AeatClient(
        simulator.endpoint + "Missing", ca_file=str(simulator.ca_file), timeout_seconds=20
    ) as lost:
        failure = await unavailable(lost.register(issuer, Chain().altas(1)))
    assert (failure.kind, failure.http_status) == ("http", 404)


async def test_the_key_is_never_left_in_a_file_and_contexts_are_reused(client, issuer, control):
    places = [Path(tempfile.gettempdir()), Path("/dev/shm")]

    def leftovers() -> set[Path]:
        return {p for place in places if place.is_dir() for p in place.glob("cartera-aeat-*")}

    before = leftovers()
    chain = Chain()
    await client.register(issuer, chain.altas(1))
    await client.register(issuer, chain.altas(1))
    second = Submitter(
        credentials=mint(control, ADVISER_NIF, ADVISER.name, key_type="ec"),
        issuer=HEADER_ISSUER,
        representative=ADVISER,
    )
    await client.register(second, chain.altas(1))
    assert leftovers() <= before
    assert len(client._clients) == 2  # one TLS context and pool per certificate


async def test_concurrent_requests_of_several_issuers(client, control):
    submitters = []
    for nif, name in ((ISSUER_NIF, "Suministros"), (OTHER_NIF, "Ferretería")):
        submitters.append(
            Submitter(
                credentials=mint(control, nif, name, key_type="ec"),
                issuer=Party(nif, name),
            )
        )
    from ..unit.aeat_samples import ISSUER, OTHER

    chains = [Chain(ISSUER), Chain(OTHER)]
    answers = await asyncio.gather(
        *(
            client.register(submitter, chain.altas(50))
            for submitter, chain in zip(submitters, chains, strict=True)
        )
    )
    assert [a.state for a in answers] == ["Correcto", "Correcto"]
    assert len(held(control, ISSUER_NIF)) == len(held(control, OTHER_NIF)) == 50


# --- queries -------------------------------------------------------------------------------


async def test_a_query_is_read_page_by_page(client, issuer, control):
    chain = Chain()
    await client.register(issuer, chain.altas(5))
    await client.register(issuer, chain.altas(1, issue_date=dt.date(2026, 4, 1)))
    scenario(control, query_page_size=2)
    numbers, page, pages = [], None, 0
    while True:
        answer = await client.query(issuer, year=2026, month=3, page=page)
        pages += 1
        numbers += [record.number for record in answer.records]
        assert all(record.status == "Correcta" for record in answer.records)
        if answer.next_page is None:
            break
        page = answer.next_page
    assert pages == 3
    assert numbers == [f"F26-{n:06d}" for n in range(1, 6)]
    huellas = {r.number: r.huella for r in (await client.query(issuer, year=2026, month=4)).records}
    assert huellas == {"F26-000006": chain.records[5].huella}


# --- the simulator itself ------------------------------------------------------------------


def _mutual_tls(simulator: Simulator, credentials: Credentials) -> ssl.SSLContext:
    from cartera_invoicing.aeat.client import tls_context

    return tls_context(credentials, str(simulator.ca_file))


def test_the_simulator_refuses_by_hand_a_request_not_valid_against_the_schema(
    simulator, issuer, control
):
    envelope = registration_envelope(
        Chain().altas(1), issuer=HEADER_ISSUER, representative=None, incident=False
    )
    invalid = envelope.replace(b"<sf:TipoHuella>01</sf:TipoHuella>", b"")
    assert invalid != envelope
    with httpx.Client(verify=_mutual_tls(simulator, issuer.credentials), timeout=30) as raw:
        answer = raw.post(
            simulator.endpoint,
            content=invalid,
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
        )
        assert answer.status_code == 500
        assert "<faultcode>env:Client</faultcode>" in answer.text
        assert "Codigo[4102]." in answer.text
        assert "TipoHuella" in answer.text
        assert raw.get(simulator.endpoint).status_code == 500  # Codigo[4135]: no GET
        wsdl = raw.get(simulator.endpoint + "?wsdl")
        assert wsdl.status_code == 200
        assert "sfVerifactu" in wsdl.text
    assert held(control) == {}


def test_the_simulator_keeps_its_ca_across_restarts(tmp_path):
    with Simulator(tmp_path) as first:
        ca = first.ca_file.read_bytes()
        first_minted = first.mint({"nif": ISSUER_NIF, "name": "Suministros", "key_type": "ec"})
    with Simulator(tmp_path) as second:
        assert second.ca_file.read_bytes() == ca
        credentials = Credentials(
            first_minted["certificate_pem"].encode(),
            first_minted["private_key_pem"].encode(),
            ISSUER_NIF,
        )

        async def send() -> str:
            async with AeatClient(second.endpoint, ca_file=str(tmp_path / "ca.pem")) as again:
                answer = await again.register(
                    Submitter(credentials, HEADER_ISSUER), Chain().altas(1)
                )
                return answer.state

        assert asyncio.run(send()) == "Correcto"
    assert oct((tmp_path / "ca-key.pem").stat().st_mode & 0o777) == "0o600"


def test_the_simulator_runs_as_its_own_process(tmp_path):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cartera_invoicing.aeat.simulator",
            "--state-dir",
            str(tmp_path),
            "--port",
            "0",
            "--control-port",
            "0",
            "--wait-seconds",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline())
        assert json.loads((tmp_path / "simulator.json").read_text()) == ready
        assert ready["endpoint"].startswith("https://127.0.0.1:")
        assert Path(ready["ca_file"]).read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
        with httpx.Client(base_url=ready["control_url"], timeout=30) as control:
            assert control.get("/health").json() == {"status": "ok"}
            assert control.get("/scenario").json()["wait_seconds"] == 5
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0
