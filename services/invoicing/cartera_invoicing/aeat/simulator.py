"""A conformance simulator of the AEAT's VERI*FACTU service, for tests, the demo and the benchmark.

    python -m cartera_invoicing.aeat.simulator --state-dir DIR --port P --control-port C

A separate process (the service never imports it). It speaks the AEAT's protocol:

- HTTPS on 127.0.0.1 with mutual TLS (`CERT_REQUIRED`). Its test CA (`DIR/ca.pem`) and server
  certificate are made with `cryptography` on first start and reused after, so clients keep
  trusting it. Client certificates are minted through the control API.
- The WSDL's SOAP 1.1 endpoints, `/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP` (both
  operations) and `.../RequerimientoSOAP` (registration on request). Every request is checked:
  UTF-8, a SOAP 1.1 envelope, the Body's message against `SuministroLR.xsd` / `ConsultaLR.xsd`.
  A request refused as a whole is a SOAP Fault "Codigo[NNNN]." with the AEAT's code (HTTP 500).
- The sender: the client certificate's NIF must be the ObligadoEmision's or the Representante's
  (4112 otherwise).
- Each record: the duplicate (3000, with the held record's state in RegistroDuplicado), the
  huella recomputed with the domain's fingerprint functions (2000), the link to the previous
  record of the issuer's chain (2003; 2007 for a first record when the issuer has records),
  corrections and cancellations of records it holds or not (3001, 3002). Codes and their effect
  follow the AEAT's list (`codes.py`): huella and chain errors accept the record with errors.
- The chain it checks against is the chain of records it has seen, accepted or not: a rejected
  record is still part of the issuer's chain, so one rejection never cascades. A record it has
  seen before (same huella) is answered as before, without moving the chain.
- Queries (`ConsultaFactuSistemaFacturacion`) answer from what it holds, by month of issue, in
  pages (`ClavePaginacion`; 10,000 records a page unless set lower).

State lives in memory for the process's lifetime. The control API (plain HTTP on 127.0.0.1, no
authentication: a test tool on loopback) mints certificates, sets scenarios, shows what it holds
and its counters, and resets; see `docs/verifactu.md`.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import datetime as dt
import functools
import http.server
import json
import logging
import re
import secrets
import select
import signal
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography import x509
from lxml import etree

from cartera_invoicing.aeat import codes
from cartera_invoicing.aeat.simulator_pki import (
    CA_CERT,
    Authority,
    load_or_create_authority,
    mint_client,
    new_authority,
    nif_of,
    server_files,
)
from cartera_invoicing.aeat.soap import (
    REQUIREMENT_PATH,
    SF_LRC_NS,
    SF_LRRC_NS,
    SF_R_NS,
    SOAP_ENV_NS,
    SOAP_PATH,
    safe_parser,
)
from cartera_invoicing.domain.verifactu import (
    SF_LR_NS,
    SF_NS,
    alta_fingerprint,
    anulacion_fingerprint,
)
from cartera_invoicing.xml_schemas import VERIFACTU

log = logging.getLogger(__name__)

SPAIN = ZoneInfo("Europe/Madrid")
HOST = "127.0.0.1"
MAX_BODY = 32 * 1024 * 1024  # 1,000 records are about 3 MB
MAX_PAGE = 10_000  # RespuestaConsultaLR.xsd: maxOccurs="10000"
IDLE_SECONDS = 30.0
HANDSHAKE_SECONDS = 10.0
_HUELLA = re.compile(r"^[0-9A-F]{64}$")
_CSV_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
XML_TYPE = "text/xml; charset=utf-8"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    """One of the official schemas in the package, loaded offline."""
    path = VERIFACTU / name
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))


class _Fault(Exception):
    def __init__(self, code: int | None, text: str | None = None, side: str = "Client") -> None:
        super().__init__(code)
        self.code = code
        self.text = text
        self.side = side


def fault_envelope(code: int | None, text: str | None = None, *, side: str = "Client") -> bytes:
    """A SOAP 1.1 Fault as the AEAT writes one: faultstring "Codigo[NNNN].<description>"."""
    envelope = etree.Element(_q(SOAP_ENV_NS, "Envelope"), nsmap={"env": SOAP_ENV_NS})
    body = etree.SubElement(envelope, _q(SOAP_ENV_NS, "Body"))
    fault = etree.SubElement(body, _q(SOAP_ENV_NS, "Fault"))
    etree.SubElement(fault, "faultcode").text = f"env:{side}"
    description = codes.description(code) if code is not None else "Error"
    if text:
        description = f"{description}: {text}"
    prefix = f"Codigo[{code}]." if code is not None else ""
    etree.SubElement(fault, "faultstring").text = prefix + description
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


# --- what it holds -------------------------------------------------------------------------


@dataclass
class Held:
    """One invoice as the simulator holds it."""

    issuer_nif: str
    number: str
    issue_date: str  # dd-mm-yyyy, as sent
    status: str  # Correcta, AceptadaConErrores, Anulada
    huella: str
    code: int | None
    description: str | None
    request_id: str
    presenter_nif: str
    presented_at: dt.datetime
    last_modified: dt.datetime
    representative_nif: str | None
    incident: bool
    correction: bool
    recipients: tuple[str, ...]
    alta: bytes | None  # the RegistroAlta as received; None when only an anulación is held
    anulacion: bytes | None = None
    external_ref: str | None = None

    def json(self) -> dict[str, Any]:
        return {
            "issuer_nif": self.issuer_nif,
            "number": self.number,
            "issue_date": self.issue_date,
            "operation": "Anulacion" if self.status == "Anulada" else "Alta",
            "status": self.status,
            "huella": self.huella,
            "error_code": self.code,
            "error_description": self.description,
            "request_id": self.request_id,
            "presenter_nif": self.presenter_nif,
            "representative_nif": self.representative_nif,
            "incident": self.incident,
            "correction": self.correction,
            "presented_at": self.presented_at.isoformat(),
            "last_modified": self.last_modified.isoformat(),
        }


@dataclass
class Line:
    """The answer to one record of a request."""

    operation: str
    issuer_nif: str
    number: str
    issue_date: str
    status: str  # Correcto, AceptadoConErrores, Incorrecto
    code: int | None = None
    description: str | None = None
    duplicate: Held | None = None
    correction: str | None = None
    prior_rejection: str | None = None
    without_prior: str | None = None
    external_ref: str | None = None


def _counters() -> dict[str, int]:
    return dict.fromkeys(
        (
            "requests",
            "records",
            "correct",
            "accepted_with_errors",
            "rejected",
            "duplicates",
            "resent",
            "early_requests",
            "queries",
        ),
        0,
    )


@dataclass
class Book:
    """An issuer's records: what is held, in order, the chain's head and what was seen."""

    held: dict[tuple[str, str], Held] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)
    head: tuple[str, str, str, str] | None = None  # nif, number, date, huella of the last seen
    seen: dict[str, Line] = field(default_factory=dict)  # huella -> its first answer
    counters: dict[str, int] = field(default_factory=_counters)
    next_request_at: float = 0.0  # monotonic: when the waiting time it gave ends


@dataclass
class Rule:
    code: int
    times: int | None  # None: every time


@dataclass
class Scenario:
    wait_seconds: int = 60
    reject: dict[str, Rule] = field(default_factory=dict)
    warn: dict[str, Rule] = field(default_factory=dict)
    soap_faults: int = 0
    slow_seconds: float = 0.0
    drop_connections: int = 0
    drop_answers: int = 0
    refuse_connections: bool = False
    query_page_size: int = MAX_PAGE

    def json(self) -> dict[str, Any]:
        def rules(table: dict[str, Rule]) -> dict[str, Any]:
            return {n: {"code": r.code, "times": r.times} for n, r in table.items()}

        return {
            "wait_seconds": self.wait_seconds,
            "reject": rules(self.reject),
            "warn": rules(self.warn),
            "soap_faults": self.soap_faults,
            "slow_seconds": self.slow_seconds,
            "drop_connections": self.drop_connections,
            "drop_answers": self.drop_answers,
            "refuse_connections": self.refuse_connections,
            "query_page_size": self.query_page_size,
        }


class ScenarioError(ValueError):
    pass


def _int_in(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScenarioError(f"{what} must be a whole number from {low} to {high}")
    return value


def _rules(value: Any, group: str, what: str) -> dict[str, Rule]:
    if not isinstance(value, dict):
        raise ScenarioError(f"{what} maps invoice numbers to a code or {{code, times}}")
    table = {}
    for number, spec in value.items():
        times = None
        if isinstance(spec, dict):
            code = _int_in(spec.get("code"), 1000, 9999, f"{what} code")
            if spec.get("times") is not None:
                times = _int_in(spec["times"], 1, 1_000_000, f"{what} times")
        else:
            code = _int_in(spec, 1000, 9999, f"{what} code")
        if codes.group(code) != group:
            raise ScenarioError(
                f"{what}: {code} is not a code of the AEAT's {group!r} group of errors"
            )
        table[str(number)] = Rule(code, times)
    return table


# --- the simulator -------------------------------------------------------------------------


class Simulator:
    """The simulated service: its state, its HTTPS endpoint and its control API."""

    def __init__(
        self,
        state_dir: Path | str,
        *,
        port: int = 0,
        control_port: int = 0,
        wait_seconds: int = 60,
    ) -> None:
        self.state_dir = Path(state_dir)
        self._requested_port = port
        self._requested_control_port = control_port
        self._lock = threading.RLock()
        self._books: dict[str, Book] = {}
        self._initial_wait = wait_seconds
        self._scenario = Scenario(wait_seconds=wait_seconds)
        self._totals = self._fresh_totals()
        self._sequence = 0
        self._stopping = threading.Event()
        self._authority: Authority | None = None
        self._listener: _Listener | None = None
        self._control: http.server.ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._connections: set[ssl.SSLSocket] = set()

    @staticmethod
    def _fresh_totals() -> dict[str, int]:
        return dict.fromkeys(
            (
                "requests",
                "soap_faults_injected",
                "faults",
                "dropped_connections",
                "dropped_answers",
                "tls_refused",
                "queries",
            ),
            0,
        )

    # lifecycle --------------------------------------------------------------------------

    @property
    def authority(self) -> Authority:
        with self._lock:
            if self._authority is None:
                self._authority = load_or_create_authority(self.state_dir)
            return self._authority

    @property
    def ca_file(self) -> Path:
        return self.state_dir / CA_CERT

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("the simulator is not started")
        return self._listener.port

    @property
    def endpoint(self) -> str:
        return f"https://{HOST}:{self.port}{SOAP_PATH}"

    @property
    def control_url(self) -> str:
        if self._control is None:
            raise RuntimeError("the simulator is not started")
        return f"http://{HOST}:{self._control.server_address[1]}"

    def start(self) -> Simulator:
        authority = self.authority
        cert_file, key_file = server_files(self.state_dir, authority)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(cert_file, key_file)
        context.load_verify_locations(cafile=str(self.ca_file))
        context.verify_mode = ssl.CERT_REQUIRED
        self._listener = _Listener(self, context, self._requested_port)
        self._control = http.server.ThreadingHTTPServer(
            (HOST, self._requested_control_port), _ControlHandler
        )
        self._control.daemon_threads = True
        self._control.simulator = self  # type: ignore[attr-defined]
        for target, name in (
            (self._listener.serve, "aeat-simulator-tls"),
            (self._control.serve_forever, "aeat-simulator-control"),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("AEAT simulator at %s, control %s", self.endpoint, self.control_url)
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._control is not None:
            self._control.shutdown()
            self._control.server_close()
        if self._listener is not None:
            self._listener.wake()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(connection, socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # control ----------------------------------------------------------------------------

    def scenario(self) -> dict[str, Any]:
        with self._lock:
            return self._scenario.json()

    def set_scenario(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Change the named settings of the scenario; the others stay."""
        if not isinstance(changes, dict):
            raise ScenarioError("a scenario is a JSON object")
        unknown = set(changes) - set(Scenario().json())
        if unknown:
            raise ScenarioError(f"unknown settings: {', '.join(sorted(unknown))}")
        with self._lock:
            updated = copy.deepcopy(self._scenario)
            for name, value in changes.items():
                if name == "wait_seconds":
                    # Tipo6Type: up to four digits.
                    updated.wait_seconds = _int_in(value, 0, 9999, name)
                elif name in ("reject", "warn"):
                    group = "record" if name == "reject" else "accepted"
                    setattr(updated, name, _rules(value, group, name))
                elif name in ("soap_faults", "drop_connections", "drop_answers"):
                    setattr(updated, name, _int_in(value, 0, 1_000_000, name))
                elif name == "slow_seconds":
                    if isinstance(value, bool) or not isinstance(value, int | float):
                        raise ScenarioError("slow_seconds is a number of seconds")
                    if not 0 <= value <= 600:
                        raise ScenarioError("slow_seconds must be from 0 to 600")
                    updated.slow_seconds = float(value)
                elif name == "refuse_connections":
                    if not isinstance(value, bool):
                        raise ScenarioError("refuse_connections is true or false")
                    updated.refuse_connections = value
                elif name == "query_page_size":
                    updated.query_page_size = _int_in(value, 1, MAX_PAGE, name)
            self._scenario = updated
            refuse = updated.refuse_connections
        if self._listener is not None:
            self._listener.set_refusing(refuse)
        return self.scenario()

    def reset(self) -> None:
        """Forget every record, counter and scenario (the CA and certificates stay)."""
        with self._lock:
            self._books.clear()
            self._scenario = Scenario(wait_seconds=self._initial_wait)
            self._totals = self._fresh_totals()
        if self._listener is not None:
            self._listener.set_refusing(False)

    def counters(self) -> dict[str, Any]:
        with self._lock:
            return {
                "totals": dict(self._totals),
                "issuers": {nif: dict(book.counters) for nif, book in self._books.items()},
            }

    def held(self, issuer_nif: str) -> list[dict[str, Any]]:
        with self._lock:
            book = self._books.get(issuer_nif)
            if book is None:
                return []
            return [book.held[key].json() for key in book.order]

    def mint(self, spec: dict[str, Any]) -> dict[str, Any]:
        """A client certificate as a password-protected PKCS#12 (and as PEM, for tests)."""
        nif = str(spec.get("nif", "")).strip().upper()
        if len(nif) != 9 or not nif.isalnum():
            raise ScenarioError("nif must be a Spanish NIF of 9 characters")
        name = " ".join(str(spec.get("name", "")).split())
        if not name:
            raise ScenarioError("name is required")
        kind = spec.get("kind", "person")
        if kind not in ("person", "company"):
            raise ScenarioError("kind is person or company")
        password = spec.get("password") or secrets.token_urlsafe(12)
        if not isinstance(password, str):
            raise ScenarioError("password is a string")
        representative = spec.get("representative_nif")
        window = {}
        for key in ("not_before", "not_after"):
            if spec.get(key):
                try:
                    moment = dt.datetime.fromisoformat(str(spec[key]))
                except ValueError as exc:
                    raise ScenarioError(f"{key} is an ISO 8601 date and time") from exc
                window[key] = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        key_type = spec.get("key_type", "rsa")
        if key_type not in ("rsa", "ec"):
            raise ScenarioError("key_type is rsa or ec")
        # A certificate from another CA: one the simulator does not trust, made for the occasion.
        authority = new_authority("Untrusted test CA") if spec.get("untrusted") else self.authority
        try:
            minted = mint_client(
                authority,
                nif=nif,
                name=name,
                company=kind == "company",
                representative_nif=str(representative) if representative else None,
                key_type=key_type,
                **window,
            )
        except ValueError as exc:
            raise ScenarioError(str(exc)) from exc
        certificate = minted.certificate
        return {
            "nif": nif,
            "subject": certificate.subject.rfc4514_string(),
            "issuer": certificate.issuer.rfc4514_string(),
            "not_before": certificate.not_valid_before_utc.isoformat(),
            "not_after": certificate.not_valid_after_utc.isoformat(),
            "password": password,
            "pkcs12": base64.b64encode(minted.pkcs12(password.encode())).decode(),
            "certificate_pem": minted.certificate_pem.decode(),
            "private_key_pem": minted.private_key_pem.decode(),
        }

    # connection-level scenario ----------------------------------------------------------

    def _take(self, name: str) -> bool:
        with self._lock:
            if self._scenario.refuse_connections and name == "drop_connections":
                self._totals["dropped_connections"] += 1
                return True
            remaining = getattr(self._scenario, name)
            if remaining <= 0:
                return False
            setattr(self._scenario, name, remaining - 1)
            self._totals["dropped_" + name.removeprefix("drop_")] += 1
            return True

    def _slow_seconds(self) -> float:
        with self._lock:
            return self._scenario.slow_seconds

    # the service ------------------------------------------------------------------------

    def handle_soap(
        self,
        path: str,
        body: bytes,
        client_nif: str | None,
        content_type: str = "text/xml; charset=utf-8",
    ) -> tuple[int, bytes]:
        """Answer one POST to `path` from a client whose certificate names `client_nif`:
        (HTTP status, SOAP envelope)."""
        route = path.split("?", 1)[0]
        if route not in (SOAP_PATH, REQUIREMENT_PATH):
            return 404, b""
        with self._lock:
            self._totals["requests"] += 1
            if self._scenario.soap_faults > 0:
                self._scenario.soap_faults -= 1
                self._totals["soap_faults_injected"] += 1
                return 500, fault_envelope(codes.DATABASE_ERROR, side="Server")
        try:
            message = self._message(body, content_type)
            if message.tag == _q(SF_LR_NS, "RegFactuSistemaFacturacion"):
                return 200, self._register(message, route, client_nif)
            if message.tag == _q(SF_LRC_NS, "ConsultaFactuSistemaFacturacion"):
                if route != SOAP_PATH:
                    raise _Fault(codes.SCHEMA, "this endpoint takes registrations only")
                return 200, self._query(message, client_nif)
            raise _Fault(codes.SCHEMA, f"unknown operation {etree.QName(message).localname}")
        except _Fault as fault:
            with self._lock:
                self._totals["faults"] += 1
            log.info("AEAT simulator refused a request: %s %s", fault.code, fault.text)
            return 500, fault_envelope(fault.code, fault.text, side=fault.side)

    def _message(self, body: bytes, content_type: str) -> etree._Element:
        media = content_type.split(";", 1)[0].strip().lower()
        if media == "application/soap+xml":
            raise _Fault(None, "SOAP 1.2 is not served: SOAP 1.1 only", side="VersionMismatch")
        if media != "text/xml":
            raise _Fault(codes.SCHEMA, f"Content-Type {media!r} is not text/xml")
        if not body.strip():
            raise _Fault(codes.EMPTY_REQUEST)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Fault(codes.NOT_UTF8) from None
        try:
            root = etree.fromstring(body, safe_parser())
        except etree.XMLSyntaxError as exc:
            raise _Fault(codes.UNPARSEABLE, str(exc)[:300]) from None
        if root.getroottree().docinfo.doctype:
            raise _Fault(codes.UNPARSEABLE, "a DOCTYPE is not allowed")
        if root.tag == "{http://www.w3.org/2003/05/soap-envelope}Envelope":
            raise _Fault(None, "SOAP 1.2 envelope: SOAP 1.1 only", side="VersionMismatch")
        if root.tag != _q(SOAP_ENV_NS, "Envelope"):
            raise _Fault(codes.SCHEMA, "the document is not a SOAP 1.1 Envelope")
        parts = [c for c in root if isinstance(c.tag, str)]
        names = [c.tag for c in parts]
        if names not in (
            [_q(SOAP_ENV_NS, "Body")],
            [_q(SOAP_ENV_NS, "Header"), _q(SOAP_ENV_NS, "Body")],
        ):
            raise _Fault(codes.SCHEMA, "an Envelope holds an optional Header and one Body")
        messages = [c for c in parts[-1] if isinstance(c.tag, str)]
        if len(messages) != 1:
            raise _Fault(codes.SCHEMA, "the Body must hold exactly one message")
        message = messages[0]
        if message.tag == _q(SF_LR_NS, "RegFactuSistemaFacturacion"):
            if len(message.findall(_q(SF_LR_NS, "RegistroFactura"))) > 1000:
                raise _Fault(codes.TOO_MANY_RECORDS)
            xsd = schema("SuministroLR.xsd")
        elif message.tag == _q(SF_LRC_NS, "ConsultaFactuSistemaFacturacion"):
            xsd = schema("ConsultaLR.xsd")
        else:
            raise _Fault(codes.SCHEMA, f"unknown message {message.tag}")
        if not xsd.validate(message):
            error = xsd.error_log.last_error
            # The element's name without its long namespace, as the AEAT's faults name fields.
            text = re.sub(r"\{[^}]*\}", "", error.message)
            raise _Fault(codes.SCHEMA, f"line {error.line}: {text}"[:500])
        return message

    # registration -----------------------------------------------------------------------

    def _register(self, message: etree._Element, route: str, client_nif: str | None) -> bytes:
        header = message.find(_q(SF_LR_NS, "Cabecera"))
        assert header is not None  # the schema requires it
        issuer_nif = header.findtext(f"{_q(SF_NS, 'ObligadoEmision')}/{_q(SF_NS, 'NIF')}") or ""
        representative_nif = header.findtext(f"{_q(SF_NS, 'Representante')}/{_q(SF_NS, 'NIF')}")
        on_requirement = header.find(_q(SF_NS, "RemisionRequerimiento")) is not None
        if on_requirement and route == SOAP_PATH:
            raise _Fault(codes.WRONG_ENDPOINT_FOR_REQUIREMENT)
        if not on_requirement and route == REQUIREMENT_PATH:
            raise _Fault(codes.REQUIREMENT_REFERENCE_MISSING)
        if client_nif is None or client_nif not in (issuer_nif, representative_nif):
            raise _Fault(codes.NOT_AUTHORISED)
        incident = (
            header.findtext(f"{_q(SF_NS, 'RemisionVoluntaria')}/{_q(SF_NS, 'Incidencia')}") == "S"
        )
        entries = message.findall(_q(SF_LR_NS, "RegistroFactura"))
        now = dt.datetime.now(SPAIN).replace(microsecond=0)
        with self._lock:
            self._sequence += 1
            request_id = f"{now:%Y%m%d%H%M%S}{self._sequence % 1_000_000:06d}"
            book = self._books.setdefault(issuer_nif, Book())
            book.counters["requests"] += 1
            if time.monotonic() < book.next_request_at and len(entries) < 1000:
                book.counters["early_requests"] += 1
            context = _Context(
                issuer_nif=issuer_nif,
                presenter_nif=client_nif,
                representative_nif=representative_nif,
                incident=incident,
                request_id=request_id,
                now=now,
            )
            lines = [self._record(book, entry, context) for entry in entries]
            wait = self._scenario.wait_seconds
            book.next_request_at = time.monotonic() + wait
            for line in lines:
                book.counters["records"] += 1
                book.counters[
                    {
                        "Correcto": "correct",
                        "AceptadoConErrores": "accepted_with_errors",
                        "Incorrecto": "rejected",
                    }[line.status]
                ] += 1
                if line.code == codes.DUPLICATE:
                    book.counters["duplicates"] += 1
        statuses = {line.status for line in lines}
        if statuses == {"Correcto"}:
            state = "Correcto"
        elif statuses == {"Incorrecto"}:
            state = "Incorrecto"
        else:
            state = "ParcialmenteCorrecto"
        return _registration_answer(header, lines, state, wait, context)

    def _take_rule(self, table: dict[str, Rule], number: str) -> Rule | None:
        rule = table.get(number)
        if rule is None:
            return None
        if rule.times is not None:
            rule.times -= 1
            if rule.times <= 0:
                del table[number]
        return rule

    def _record(self, book: Book, entry: etree._Element, context: _Context) -> Line:
        record = next(e for e in entry if isinstance(e.tag, str))
        alta = record.tag == _q(SF_NS, "RegistroAlta")
        suffix = "" if alta else "Anulada"
        invoice = record.find(_q(SF_NS, "IDFactura"))
        assert invoice is not None

        def field_text(parent: etree._Element | None, name: str) -> str | None:
            if parent is None:
                return None
            text = parent.findtext(_q(SF_NS, name))
            return text.strip() if text is not None else None

        nif = field_text(invoice, f"IDEmisorFactura{suffix}") or ""
        number = field_text(invoice, f"NumSerieFactura{suffix}") or ""
        date = field_text(invoice, f"FechaExpedicionFactura{suffix}") or ""
        huella = field_text(record, "Huella") or ""
        line = Line(
            operation="Alta" if alta else "Anulacion",
            issuer_nif=nif,
            number=number,
            issue_date=date,
            status="Correcto",
            correction=field_text(record, "Subsanacion"),
            prior_rejection=field_text(record, "RechazoPrevio"),
            without_prior=field_text(record, "SinRegistroPrevio"),
            external_ref=field_text(record, "RefExterna"),
        )
        key = (number, date)

        earlier = book.seen.get(huella)
        if earlier is not None:
            # The same record again (its answer was lost, or a retry): answered as before,
            # the chain does not move.
            book.counters["resent"] += 1
            if earlier.status == "Incorrecto":
                return _reject(line, earlier.code, earlier.description, earlier.duplicate)
            held = book.held.get(key)
            if alta:
                return _reject(line, codes.DUPLICATE, duplicate=held)
            return _reject(line, codes.ALREADY_CANCELLED)

        line = self._decide(book, record, line, context)
        book.seen[huella] = line
        book.head = (nif, number, date, huella)
        return line

    def _decide(self, book: Book, record: etree._Element, line: Line, context: _Context) -> Line:
        alta = line.operation == "Alta"
        key = (line.number, line.issue_date)
        held = book.held.get(key)
        correction = line.correction == "S"
        if line.issuer_nif != context.issuer_nif:
            return _reject(line, codes.ISSUER_NOT_HEADER)
        rule = self._take_rule(self._scenario.reject, line.number)
        if rule is not None:
            return _reject(line, rule.code)
        if alta:
            if line.prior_rejection == "S" and not correction:
                return _reject(line, codes.PRIOR_REJECTION_S_WITHOUT_CORRECTION)
            if line.prior_rejection == "X" and not correction:
                return _reject(line, codes.PRIOR_REJECTION_X_WITHOUT_CORRECTION)
            if held is not None and (not correction or line.prior_rejection == "X"):
                return _reject(line, codes.DUPLICATE, duplicate=held)
            if held is not None and held.status == "Anulada":
                return _reject(line, codes.ALREADY_CANCELLED)
            if held is None and correction and line.prior_rejection not in ("S", "X"):
                return _reject(line, codes.NOT_HELD)
        else:
            if held is not None and held.status == "Anulada":
                return _reject(line, codes.ALREADY_CANCELLED)
            if held is None and line.without_prior != "S":
                return _reject(line, codes.NOT_HELD)

        warning = self._chain_warning(book, record, line)
        if warning is None:
            rule = self._take_rule(self._scenario.warn, line.number)
            warning = rule.code if rule is not None else None
        if warning is not None:
            line.status = "AceptadoConErrores"
            line.code = warning
            line.description = codes.description(warning)
        self._hold(book, record, line, held, context)
        return line

    def _chain_warning(self, book: Book, record: etree._Element, line: Line) -> int | None:
        """The accepted-with-errors code of a record's huella or link, if any."""

        def text(path: str) -> str:
            value = record.findtext(path, namespaces={"sf": SF_NS})
            return value.strip() if value is not None else ""

        huella = text("sf:Huella")
        previous = text("sf:Encadenamiento/sf:RegistroAnterior/sf:Huella")
        generated_at = text("sf:FechaHoraHusoGenRegistro")
        if line.operation == "Alta":
            expected = alta_fingerprint(
                issuer_nif=line.issuer_nif,
                number=line.number,
                issue_date=line.issue_date,
                invoice_type=text("sf:TipoFactura"),
                tax_total=text("sf:CuotaTotal"),
                invoice_amount=text("sf:ImporteTotal"),
                previous_huella=previous,
                generated_at=generated_at,
            )
        else:
            expected = anulacion_fingerprint(
                issuer_nif=line.issuer_nif,
                number=line.number,
                issue_date=line.issue_date,
                previous_huella=previous,
                generated_at=generated_at,
            )
        if huella != expected:
            return codes.WRONG_HUELLA
        if record.find("sf:Encadenamiento/sf:PrimerRegistro", {"sf": SF_NS}) is not None:
            return codes.FIRST_RECORD_WITH_HISTORY if book.head is not None else None
        if len(previous) != 64:
            return codes.PREVIOUS_HUELLA_LENGTH
        if not _HUELLA.match(previous):
            return codes.PREVIOUS_HUELLA_CONTENT
        if previous == huella:
            return codes.PREVIOUS_EQUALS_OWN
        link = (
            text("sf:Encadenamiento/sf:RegistroAnterior/sf:IDEmisorFactura"),
            text("sf:Encadenamiento/sf:RegistroAnterior/sf:NumSerieFactura"),
            text("sf:Encadenamiento/sf:RegistroAnterior/sf:FechaExpedicionFactura"),
            previous,
        )
        # A chain whose start this process never saw (it keeps no state across restarts) is
        # taken as it comes; after that, every record must follow the last one seen.
        if book.head is not None and link != book.head:
            return codes.PREVIOUS_HUELLA_CONTENT
        return None

    def _hold(
        self,
        book: Book,
        record: etree._Element,
        line: Line,
        held: Held | None,
        context: _Context,
    ) -> None:
        key = (line.number, line.issue_date)
        huella = record.findtext(_q(SF_NS, "Huella")) or ""
        serialised = etree.tostring(record)
        if line.operation == "Anulacion" and held is not None:
            held.status = "Anulada"
            held.code = line.code
            held.description = line.description
            held.anulacion = serialised
            held.last_modified = context.now
            return
        recipients = tuple(
            e.text.strip()
            for e in record.iterfind("sf:Destinatarios/sf:IDDestinatario/sf:NIF", {"sf": SF_NS})
            if e.text
        )
        accepted = line.status == "Correcto"
        entry = Held(
            issuer_nif=line.issuer_nif,
            number=line.number,
            issue_date=line.issue_date,
            status=("Correcta" if accepted else "AceptadaConErrores")
            if line.operation == "Alta"
            else "Anulada",
            huella=huella.strip(),
            code=line.code,
            description=line.description,
            request_id=context.request_id,
            presenter_nif=context.presenter_nif,
            presented_at=context.now,
            last_modified=context.now,
            representative_nif=context.representative_nif,
            incident=context.incident,
            correction=line.correction == "S",
            recipients=recipients,
            alta=serialised if line.operation == "Alta" else None,
            anulacion=serialised if line.operation == "Anulacion" else None,
            external_ref=line.external_ref,
        )
        if held is None:
            book.order.append(key)
        book.held[key] = entry

    # query ------------------------------------------------------------------------------

    def _query(self, message: etree._Element, client_nif: str | None) -> bytes:
        ns = {"sf": SF_NS, "c": SF_LRC_NS}
        header = message.find("c:Cabecera", ns)
        criteria = message.find("c:FiltroConsulta", ns)
        assert header is not None
        assert criteria is not None
        issuer_nif = header.findtext("sf:ObligadoEmision/sf:NIF", namespaces=ns)
        recipient_nif = header.findtext("sf:Destinatario/sf:NIF", namespaces=ns)
        as_representative = header.findtext("sf:IndicadorRepresentante", namespaces=ns) == "S"
        year = criteria.findtext("c:PeriodoImputacion/sf:Ejercicio", namespaces=ns) or ""
        month = criteria.findtext("c:PeriodoImputacion/sf:Periodo", namespaces=ns) or ""
        number = criteria.findtext("c:NumSerieFactura", namespaces=ns)
        counterpart = criteria.findtext("c:Contraparte/sf:NIF", namespaces=ns)
        dates = "c:FechaExpedicionFactura/"
        exact_date = criteria.findtext(dates + "sf:FechaExpedicionFactura", namespaces=ns)
        since = criteria.findtext(dates + "sf:RangoFechaExpedicion/sf:Desde", namespaces=ns)
        until = criteria.findtext(dates + "sf:RangoFechaExpedicion/sf:Hasta", namespaces=ns)
        reference = criteria.findtext("c:RefExterna", namespaces=ns)
        page_key = criteria.find("c:ClavePaginacion", ns)
        extra = message.find("c:DatosAdicionalesRespuesta", ns)
        show_name = extra is not None and (
            extra.findtext("sf:MostrarNombreRazonEmisor", namespaces=ns) == "S"
        )
        show_system = extra is not None and (
            extra.findtext("sf:MostrarSistemaInformatico", namespaces=ns) == "S"
        )

        if issuer_nif is not None:
            if client_nif is None or (client_nif != issuer_nif and not as_representative):
                raise _Fault(codes.NOT_AUTHORISED)
        elif client_nif is None or client_nif != recipient_nif:
            raise _Fault(codes.NOT_RECIPIENT)

        def in_filter(entry: Held) -> bool:
            _, entry_month, entry_year = entry.issue_date.split("-")
            if (entry_year, entry_month) != (year, month):
                return False
            if number is not None and entry.number != number.strip():
                return False
            if counterpart is not None and counterpart not in entry.recipients:
                return False
            if reference is not None and entry.external_ref != reference:
                return False
            issued = dt.datetime.strptime(entry.issue_date, "%d-%m-%Y").date()
            if exact_date and issued != dt.datetime.strptime(exact_date, "%d-%m-%Y").date():
                return False
            if since and issued < dt.datetime.strptime(since, "%d-%m-%Y").date():
                return False
            return not (until and issued > dt.datetime.strptime(until, "%d-%m-%Y").date())

        with self._lock:
            self._totals["queries"] += 1
            if issuer_nif is not None:
                book = self._books.get(issuer_nif)
                if book is not None:
                    book.counters["queries"] += 1
                candidates = [book.held[k] for k in book.order] if book else []
                if as_representative and client_nif != issuer_nif:
                    candidates = [h for h in candidates if h.representative_nif == client_nif]
            else:
                candidates = [
                    b.held[k]
                    for b in self._books.values()
                    for k in b.order
                    if recipient_nif in b.held[k].recipients
                ]
            matching = [h for h in candidates if in_filter(h)]
            if page_key is not None:
                after = (
                    page_key.findtext("sf:IDEmisorFactura", namespaces=ns),
                    page_key.findtext("sf:NumSerieFactura", namespaces=ns),
                    page_key.findtext("sf:FechaExpedicionFactura", namespaces=ns),
                )
                positions = [
                    i
                    for i, h in enumerate(matching)
                    if (h.issuer_nif, h.number, h.issue_date) == after
                ]
                matching = matching[positions[0] + 1 :] if positions else []
            size = self._scenario.query_page_size
            page, more = matching[:size], len(matching) > size
            return _query_answer(header, year, month, page, more, show_name, show_system)


@dataclass(frozen=True)
class _Context:
    issuer_nif: str
    presenter_nif: str
    representative_nif: str | None
    incident: bool
    request_id: str
    now: dt.datetime


def _reject(
    line: Line, code: int | None, description: str | None = None, duplicate: Held | None = None
) -> Line:
    line.status = "Incorrecto"
    line.code = code
    line.description = description or (codes.description(code) if code else None)
    line.duplicate = duplicate
    return line


# --- answers -------------------------------------------------------------------------------


def _sub(parent: etree._Element, ns: str, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _q(ns, name))
    if text is not None:
        element.text = text
    return element


def _answer_envelope(nsmap: dict[str, str]) -> tuple[etree._Element, etree._Element]:
    envelope = etree.Element(_q(SOAP_ENV_NS, "Envelope"), nsmap={"env": SOAP_ENV_NS, **nsmap})
    etree.SubElement(envelope, _q(SOAP_ENV_NS, "Header"))
    body = etree.SubElement(envelope, _q(SOAP_ENV_NS, "Body"))
    return envelope, body


def _invoice_id(parent: etree._Element, ns: str, nif: str, number: str, date: str) -> None:
    block = _sub(parent, ns, "IDFactura")
    _sub(block, SF_NS, "IDEmisorFactura", nif)
    _sub(block, SF_NS, "NumSerieFactura", number)
    _sub(block, SF_NS, "FechaExpedicionFactura", date)


def _copy_children(target: etree._Element, source: etree._Element) -> None:
    for child in source:
        if isinstance(child.tag, str):
            target.append(copy.deepcopy(child))


def _csv() -> str:
    return "A-" + "".join(secrets.choice(_CSV_ALPHABET) for _ in range(14))


def _registration_answer(
    header: etree._Element, lines: list[Line], state: str, wait: int, context: _Context
) -> bytes:
    envelope, body = _answer_envelope({"tikR": SF_R_NS, "tik": SF_NS})
    answer = _sub(body, SF_R_NS, "RespuestaRegFactuSistemaFacturacion")
    if state != "Incorrecto":  # "Solo se genera si no hay rechazo del envio"
        _sub(answer, SF_R_NS, "CSV", _csv())
        presentation = _sub(answer, SF_R_NS, "DatosPresentacion")
        _sub(presentation, SF_NS, "NIFPresentador", context.presenter_nif)
        _sub(presentation, SF_NS, "TimestampPresentacion", context.now.isoformat())
    _copy_children(_sub(answer, SF_R_NS, "Cabecera"), header)
    _sub(answer, SF_R_NS, "TiempoEsperaEnvio", str(wait))
    _sub(answer, SF_R_NS, "EstadoEnvio", state)
    for line in lines:
        element = _sub(answer, SF_R_NS, "RespuestaLinea")
        _invoice_id(element, SF_R_NS, line.issuer_nif, line.number, line.issue_date)
        operation = _sub(element, SF_R_NS, "Operacion")
        _sub(operation, SF_NS, "TipoOperacion", line.operation)
        if line.correction:
            _sub(operation, SF_NS, "Subsanacion", line.correction)
        if line.prior_rejection:
            _sub(operation, SF_NS, "RechazoPrevio", line.prior_rejection)
        if line.without_prior:
            _sub(operation, SF_NS, "SinRegistroPrevio", line.without_prior)
        if line.external_ref:
            _sub(element, SF_R_NS, "RefExterna", line.external_ref)
        _sub(element, SF_R_NS, "EstadoRegistro", line.status)
        if line.code is not None:
            _sub(element, SF_R_NS, "CodigoErrorRegistro", str(line.code))
            _sub(element, SF_R_NS, "DescripcionErrorRegistro", (line.description or "")[:1500])
        if line.duplicate is not None:
            held = line.duplicate
            duplicate = _sub(element, SF_R_NS, "RegistroDuplicado")
            _sub(duplicate, SF_NS, "IdPeticionRegistroDuplicado", held.request_id)
            _sub(duplicate, SF_NS, "EstadoRegistroDuplicado", held.status)
            if held.code is not None:
                _sub(duplicate, SF_NS, "CodigoErrorRegistro", str(held.code))
                _sub(duplicate, SF_NS, "DescripcionErrorRegistro", (held.description or "")[:500])
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


# RespuestaDatosRegistroFacturacionType, in its order. Elements of an anonymous type in that
# schema have their direct children in its namespace too; the rest keep SuministroInformacion's.
_DATA_ORDER = (
    "NombreRazonEmisor",
    "RefExterna",
    "Subsanacion",
    "RechazoPrevio",
    "SinRegistroPrevio",
    "GeneradoPor",
    "Generador",
    "TipoFactura",
    "TipoRectificativa",
    "FacturasRectificadas",
    "FacturasSustituidas",
    "ImporteRectificacion",
    "FechaOperacion",
    "DescripcionOperacion",
    "FacturaSimplificadaArt7273",
    "FacturaSinIdentifDestinatarioArt61d",
    "Macrodato",
    "EmitidaPorTerceroODestinatario",
    "Tercero",
    "Destinatarios",
    "Cupon",
    "Desglose",
    "CuotaTotal",
    "ImporteTotal",
    "Encadenamiento",
    "SistemaInformatico",
    "FechaHoraHusoGenRegistro",
    "NumRegistroAcuerdoFacturacion",
    "IdAcuerdoSistemaInformatico",
    "TipoHuella",
    "Huella",
)
_ANONYMOUS = frozenset(
    {"FacturasRectificadas", "FacturasSustituidas", "Destinatarios", "Encadenamiento"}
)


def _renamed(element: etree._Element, ns: str, depth: int) -> etree._Element:
    copied = copy.deepcopy(element)
    copied.tag = _q(ns, etree.QName(element).localname)
    if depth > 0:
        for child in copied:
            if isinstance(child.tag, str):
                child.tag = _q(ns, etree.QName(child).localname)
    return copied


def _held_data(parent: etree._Element, held: Held, *, show_name: bool, show_system: bool) -> None:
    data = _sub(parent, SF_LRRC_NS, "DatosRegistroFacturacion")
    source = etree.fromstring(held.alta if held.alta is not None else held.anulacion or b"")
    present = {etree.QName(c).localname: c for c in source if isinstance(c.tag, str)}
    for name in _DATA_ORDER:
        if name == "NombreRazonEmisor" and not show_name:
            continue
        if name == "SistemaInformatico" and not show_system:
            continue
        element = present.get(name)
        if element is not None:
            data.append(_renamed(element, SF_LRRC_NS, 1 if name in _ANONYMOUS else 0))
    if held.representative_nif:
        _sub(data, SF_LRRC_NS, "NifRepresentante", held.representative_nif)
    if held.incident:
        _sub(data, SF_LRRC_NS, "Incidencia", "S")


def _query_answer(
    header: etree._Element,
    year: str,
    month: str,
    page: list[Held],
    more: bool,
    show_name: bool,
    show_system: bool,
) -> bytes:
    envelope, body = _answer_envelope({"tikLRRC": SF_LRRC_NS, "tik": SF_NS})
    answer = _sub(body, SF_LRRC_NS, "RespuestaConsultaFactuSistemaFacturacion")
    _copy_children(_sub(answer, SF_LRRC_NS, "Cabecera"), header)
    period = _sub(answer, SF_LRRC_NS, "PeriodoImputacion")
    _sub(period, SF_LRRC_NS, "Ejercicio", year)
    _sub(period, SF_LRRC_NS, "Periodo", month)
    _sub(answer, SF_LRRC_NS, "IndicadorPaginacion", "S" if more else "N")
    _sub(answer, SF_LRRC_NS, "ResultadoConsulta", "ConDatos" if page else "SinDatos")
    for held in page:
        element = _sub(answer, SF_LRRC_NS, "RegistroRespuestaConsultaFactuSistemaFacturacion")
        _invoice_id(element, SF_LRRC_NS, held.issuer_nif, held.number, held.issue_date)
        _held_data(element, held, show_name=show_name, show_system=show_system)
        presentation = _sub(element, SF_LRRC_NS, "DatosPresentacion")
        _sub(presentation, SF_NS, "NIFPresentador", held.presenter_nif)
        _sub(presentation, SF_NS, "TimestampPresentacion", held.presented_at.isoformat())
        _sub(presentation, SF_NS, "IdPeticion", held.request_id)
        state = _sub(element, SF_LRRC_NS, "EstadoRegistro")
        _sub(state, SF_LRRC_NS, "TimestampUltimaModificacion", held.last_modified.isoformat())
        _sub(state, SF_LRRC_NS, "EstadoRegistro", held.status)
        if held.code is not None:
            _sub(state, SF_LRRC_NS, "CodigoErrorRegistro", str(held.code))
            _sub(state, SF_LRRC_NS, "DescripcionErrorRegistro", (held.description or "")[:500])
    if more and page:
        last = page[-1]
        key = _sub(answer, SF_LRRC_NS, "ClavePaginacion")
        _sub(key, SF_NS, "IDEmisorFactura", last.issuer_nif)
        _sub(key, SF_NS, "NumSerieFactura", last.number)
        _sub(key, SF_NS, "FechaExpedicionFactura", last.issue_date)
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


# --- the HTTPS side ------------------------------------------------------------------------


class _Drop(Exception):
    """Close the connection at once, without an answer."""


def _abort(connection: socket.socket) -> None:
    """Close with a reset, as a dropped connection looks to the client."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        connection.close()


def _linger_close(connection: ssl.SSLSocket) -> None:
    """Close after a refused handshake so that the TLS alert reaches the client: stop
    writing, read what the client still sends, then close. A plain close with unread data
    would reset the connection and the client could lose the alert (with TLS 1.3 it has
    already sent its request when the refusal comes)."""
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_WR)  # also drops the TLS layer: raw reads follow
        connection.settimeout(2.0)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and connection.recv(65536):
            pass
    with contextlib.suppress(OSError):
        connection.close()


class _Listener:
    """The TLS port: accepts until told to refuse, then keeps its socket closed (a client's
    connect is refused) until told not to."""

    def __init__(self, simulator: Simulator, context: ssl.SSLContext, port: int) -> None:
        self.simulator = simulator
        self.context = context
        self._socket: socket.socket | None = socket.create_server((HOST, port))
        self.port: int = self._socket.getsockname()[1]
        self._changed = threading.Condition()
        self._refusing = False
        self._version = 0
        self._applied = 0

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def set_refusing(self, refusing: bool) -> None:
        """Returns once the accept loop has closed or reopened its socket."""
        with self._changed:
            self._refusing = refusing
            self._version += 1
            version = self._version
            self._changed.wait_for(
                lambda: self._applied >= version or self.simulator._stopping.is_set(), timeout=5
            )

    def serve(self) -> None:
        stopping = self.simulator._stopping
        while not stopping.is_set():
            with self._changed:
                refusing, version = self._refusing, self._version
            if refusing and self._socket is not None:
                self._socket.close()
                self._socket = None
            elif not refusing and self._socket is None:
                self._socket = socket.create_server((HOST, self.port))
            with self._changed:
                self._applied = version
                self._changed.notify_all()
            if self._socket is None:
                stopping.wait(0.05)
                continue
            readable, _, _ = select.select([self._socket], [], [], 0.1)
            if not readable:
                continue
            try:
                raw, address = self._socket.accept()
            except OSError:
                continue
            threading.Thread(
                target=self._connection, args=(raw, address), name="aeat-sim-conn", daemon=True
            ).start()
        if self._socket is not None:
            self._socket.close()

    def _connection(self, raw: socket.socket, address: tuple[str, int]) -> None:
        simulator = self.simulator
        raw.settimeout(HANDSHAKE_SECONDS)
        connection = self.context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
        try:
            connection.do_handshake()
        except (ssl.SSLError, OSError) as exc:
            with simulator._lock:
                simulator._totals["tls_refused"] += 1
            log.info("AEAT simulator refused a TLS connection from %s: %s", address, exc)
            _linger_close(connection)
            return
        der = connection.getpeercert(binary_form=True)
        client_nif = nif_of(x509.load_der_x509_certificate(der)) if der else None
        with simulator._lock:
            simulator._connections.add(connection)
        try:
            _SoapHandler(connection, address, simulator, client_nif)
        except _Drop:
            _abort(connection)
        except OSError:
            pass
        except Exception:
            log.exception("AEAT simulator: a connection failed")
        finally:
            with simulator._lock:
                simulator._connections.discard(connection)
            with contextlib.suppress(OSError):
                connection.close()


class _SoapHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AEAT-simulator"
    sys_version = ""
    timeout = IDLE_SECONDS

    def __init__(
        self,
        connection: ssl.SSLSocket,
        address: tuple[str, int],
        simulator: Simulator,
        client_nif: str | None,
    ) -> None:
        self.simulator = simulator
        self.client_nif = client_nif
        super().__init__(connection, address, simulator)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("AEAT simulator: " + format, *args)

    def _send(self, status: int, body: bytes, content_type: str = XML_TYPE) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        simulator = self.simulator
        if simulator._take("drop_connections"):
            raise _Drop
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self._send(411, b"", "text/plain")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._send(411, b"", "text/plain")
            return
        if not 0 <= length <= MAX_BODY:
            self.close_connection = True
            self._send(413, b"", "text/plain")
            return
        body = self.rfile.read(length)
        status, answer = simulator.handle_soap(
            self.path, body, self.client_nif, self.headers.get("Content-Type", "")
        )
        # The records are registered before the answer is late or lost, as they may be at the
        # AEAT: a client that gave up must find them again (duplicates, or a query).
        delay = simulator._slow_seconds()
        if delay:
            simulator._stopping.wait(delay)
        if simulator._take("drop_answers"):
            raise _Drop
        self._send(status, answer, "text/xml; charset=utf-8" if answer else "text/plain")

    def do_GET(self) -> None:
        route, _, query = self.path.partition("?")
        if route not in (SOAP_PATH, REQUIREMENT_PATH):
            self._send(404, b"", "text/plain")
        elif query.lower() == "wsdl":
            self._send(200, (VERIFACTU / "SistemaFacturacion.wsdl").read_bytes())
        else:
            self._send(500, fault_envelope(codes.NO_GET))


# --- the control API -----------------------------------------------------------------------


class _ControlHandler(http.server.BaseHTTPRequestHandler):
    server_version = "AEAT-simulator-control"
    sys_version = ""

    @property
    def simulator(self) -> Simulator:
        return self.server.simulator  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("AEAT simulator control: " + format, *args)

    def _json(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _payload(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1024 * 1024:
            raise ScenarioError("the request is too large")
        raw = self.rfile.read(length) if length else b"{}"
        try:
            return json.loads(raw or b"{}")
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"the body is not JSON: {exc}") from exc

    def _route(self, method: str) -> None:
        simulator = self.simulator
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        parts = [p for p in path.split("/") if p]
        try:
            if method == "GET" and path == "/health":
                self._json(200, {"status": "ok"})
            elif method == "GET" and path == "/info":
                self._json(
                    200,
                    {
                        "endpoint": simulator.endpoint,
                        "ca_file": str(simulator.ca_file.resolve()),
                        "ca_pem": simulator.ca_file.read_text(),
                    },
                )
            elif method == "POST" and path == "/certificates":
                self._json(201, simulator.mint(self._payload()))
            elif method == "GET" and path == "/scenario":
                self._json(200, simulator.scenario())
            elif method in ("PUT", "POST", "PATCH") and path == "/scenario":
                self._json(200, simulator.set_scenario(self._payload()))
            elif method == "GET" and path == "/counters":
                self._json(200, simulator.counters())
            elif method == "GET" and parts[:1] == ["issuers"] and len(parts) == 2:
                counters = simulator.counters()["issuers"].get(parts[1])
                self._json(
                    200,
                    {"nif": parts[1], "counters": counters, "records": simulator.held(parts[1])},
                )
            elif method == "POST" and path == "/reset":
                simulator.reset()
                self._json(200, {"reset": True})
            else:
                self._json(404, {"error": f"no {method} {path}"})
        except ScenarioError as exc:
            self._json(400, {"error": str(exc)})

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_PATCH(self) -> None:
        self._route("PATCH")


# --- command line --------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m cartera_invoicing.aeat.simulator",
        description="A conformance simulator of the AEAT's VERI*FACTU service (test use only).",
    )
    parser.add_argument("--state-dir", required=True, type=Path, help="CA, certificates, ports")
    parser.add_argument("--port", type=int, default=0, help="HTTPS port (0: any free one)")
    parser.add_argument("--control-port", type=int, default=0, help="control API port")
    parser.add_argument("--wait-seconds", type=int, default=60, help="TiempoEsperaEnvio")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = _arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    simulator = Simulator(
        arguments.state_dir,
        port=arguments.port,
        control_port=arguments.control_port,
        wait_seconds=arguments.wait_seconds,
    ).start()
    ready = {
        "endpoint": simulator.endpoint,
        "control_url": simulator.control_url,
        "ca_file": str(simulator.ca_file.resolve()),
    }
    # Whoever started it (make run, a test, the benchmark) reads where it listens from here.
    (simulator.state_dir / "simulator.json").write_text(json.dumps(ready, indent=2))
    print(json.dumps(ready), flush=True)
    finished = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: finished.set())
    finished.wait()
    simulator.stop()


if __name__ == "__main__":
    main()
