"""The conformance simulator's service: what the AEAT does with a request, without a network.

Used by `simulator.py` (which puts it on HTTPS with mutual TLS) and, directly, by unit tests.
The rules, with their sources, are described in `simulator.py` and `docs/verifactu.md`.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree

from cartera_invoicing.aeat import codes
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
MAX_PAGE = 10_000  # RespuestaConsultaLR.xsd: maxOccurs="10000"
_HUELLA = re.compile(r"^[0-9A-F]{64}$")
_CSV_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


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


# --- the service -------------------------------------------------------------------------


class SimulatedService:
    """The AEAT's side of the protocol, without a network: `handle_soap` answers one request
    from a client whose certificate names a NIF. It keeps, per issuer, what it holds, the chain
    it has seen and its counters; the scenario says what to do differently."""

    def __init__(self, *, wait_seconds: int = 60) -> None:
        self._lock = threading.RLock()
        self._books: dict[str, Book] = {}
        self._initial_wait = wait_seconds
        self._scenario = Scenario(wait_seconds=wait_seconds)
        self._totals = self._fresh_totals()
        self._sequence = 0
        self._stopping = threading.Event()

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
        self._refusal_changed(refuse)
        return self.scenario()

    def reset(self) -> None:
        """Forget every record, counter and scenario (the CA and certificates stay)."""
        with self._lock:
            self._books.clear()
            self._scenario = Scenario(wait_seconds=self._initial_wait)
            self._totals = self._fresh_totals()
        self._refusal_changed(False)

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

    def _refusal_changed(self, refusing: bool) -> None:
        """Where connections are accepted, stop or start accepting them."""

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
            extra.findtext("c:MostrarNombreRazonEmisor", namespaces=ns) == "S"
        )
        show_system = extra is not None and (
            extra.findtext("c:MostrarSistemaInformatico", namespaces=ns) == "S"
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
