"""The SOAP 1.1 messages of the AEAT's VERI*FACTU service, built and read. No I/O.

Sources: `SistemaFacturacion.wsdl` (SOAP 1.1, document/literal: the request's root element is
the Body's only child, `soapAction` ""), `SuministroLR.xsd` / `SuministroInformacion.xsd` (the
request `RegFactuSistemaFacturacion` and its `Cabecera`), `RespuestaSuministro.xsd` (its answer),
`ConsultaLR.xsd` / `RespuestaConsultaLR.xsd` (the query and its answer), all in
`cartera_invoicing/xml_schemas/verifactu/`.

- The records of a request are the `RegistroFactura` elements of the stored single-record
  documents (`verifactu_records.xml`), copied element by element: never rebuilt, since each
  huella was computed on their exact text.
- The header's incident flag is `Cabecera/RemisionVoluntaria/Incidencia` = S. It belongs to the
  header, so it covers every record of the request: records sent late because of an incident go
  in requests of their own (SuministroInformacion.xsd, `IncidenciaType`; the AEAT's error 4121
  refuses a wrong value).
- An answer that is not the AEAT's (a SOAP Fault, a body that is not the expected message) is
  `AeatUnavailable`, never a rejection: only a `RespuestaLinea` rejects a record. The server's
  own words are kept in `AeatUnavailable.detail` for the log, never in the exception's message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from lxml import etree

from cartera_invoicing.aeat.credentials import Party
from cartera_invoicing.domain.verifactu import SF_LR_NS, SF_NS

__all__ = [
    "ENDPOINTS",
    "MAX_RECORDS_PER_REQUEST",
    "SF_LRC_NS",
    "SF_LRRC_NS",
    "SF_R_NS",
    "SOAP_ENV_NS",
    "SOAP_PATH",
    "AeatUnavailable",
    "HeldRecord",
    "InvalidRequest",
    "LineAnswer",
    "PageKey",
    "QueryAnswer",
    "SubmissionAnswer",
    "parse_query_answer",
    "parse_registration_answer",
    "query_envelope",
    "read_fault",
    "registration_envelope",
    "safe_parser",
]

SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
_WS = "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/"
SF_R_NS = _WS + "RespuestaSuministro.xsd"
SF_LRC_NS = _WS + "ConsultaLR.xsd"
SF_LRRC_NS = _WS + "RespuestaConsultaLR.xsd"

# The WSDL's `sfVerifactu` service: the same path on four hosts. `_sello` is for seal
# certificates (certificados de sello electrónico); "preproduction" is the AEAT's test
# environment ("Pruebas"), which takes test certificates and keeps nothing.
SOAP_PATH = "/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP"
REQUIREMENT_PATH = "/wlpl/TIKE-CONT/ws/SistemaFacturacion/RequerimientoSOAP"
ENDPOINTS = {
    "production": "https://www1.agenciatributaria.gob.es" + SOAP_PATH,
    "production_seal": "https://www10.agenciatributaria.gob.es" + SOAP_PATH,
    "preproduction": "https://prewww1.aeat.es" + SOAP_PATH,
    "preproduction_seal": "https://prewww10.aeat.es" + SOAP_PATH,
}

MAX_RECORDS_PER_REQUEST = 1000  # SuministroLR.xsd: RegistroFactura maxOccurs="1000"
ID_VERSION = "1.0"
_NIF = re.compile(r"^[0-9A-Z]{9}$")
_FAULT_CODE = re.compile(r"Codigo\s*\[\s*(\d{1,6})\s*\]", re.IGNORECASE)

Kind = Literal["timeout", "connection", "tls", "http", "soap_fault", "unreadable"]
SubmissionState = Literal["Correcto", "ParcialmenteCorrecto", "Incorrecto"]
LineStatus = Literal["Correcto", "AceptadoConErrores", "Incorrecto"]
HeldStatus = Literal["Correcta", "AceptadaConErrores", "Anulada"]
Operation = Literal["Alta", "Anulacion"]


class InvalidRequest(ValueError):
    """What was asked cannot be a valid request to the AEAT; the message says why."""


class AeatUnavailable(Exception):
    """No answer from the AEAT about the records: try again later, never read it as a rejection.

    `kind` is coarse on purpose (timeout, connection, tls, http, soap_fault, unreadable).
    `aeat_code` is the number of a fault's "Codigo[NNNN]" (the AEAT's error list), `fault_code`
    the SOAP faultcode's local name ("Client", "Server"), `http_status` the status received.
    `detail` holds the server's own words, for the log only: they are not in `str(exc)`.
    `delivered`: the request may have reached the AEAT and been registered (a time-out while
    waiting for the answer, a connection cut after it left, an answer that cannot be read); not
    when no connection was made (refused, a failed TLS handshake) or the AEAT refused the whole
    request (a SOAP Fault, an HTTP error). By default, from `kind`.
    """

    def __init__(
        self,
        kind: Kind,
        *,
        aeat_code: int | None = None,
        fault_code: str | None = None,
        http_status: int | None = None,
        detail: str | None = None,
        delivered: bool | None = None,
    ) -> None:
        message = f"the AEAT's service did not answer usably ({kind})"
        if aeat_code is not None:
            message += f", code {aeat_code}"
        if http_status is not None:
            message += f", HTTP {http_status}"
        super().__init__(message)
        self.kind: Kind = kind
        self.aeat_code = aeat_code
        self.fault_code = fault_code
        self.http_status = http_status
        self.detail = detail
        self.delivered = (
            kind in ("timeout", "connection", "unreadable") if delivered is None else delivered
        )


@dataclass(frozen=True)
class LineAnswer:
    """One `RespuestaLinea`: what became of one record of the request."""

    number: str
    issue_date: dt.date
    operation: Operation
    status: LineStatus
    error_code: int | None
    error_description: str | None
    # EstadoRegistroDuplicado: the state of the record the AEAT already holds (error 3000).
    duplicate_status: HeldStatus | None
    issuer_nif: str = ""
    correction: bool = False  # Operacion/Subsanacion = S
    duplicate_request_id: str | None = None
    duplicate_error_code: int | None = None
    duplicate_error_description: str | None = None
    external_ref: str | None = None


@dataclass(frozen=True)
class SubmissionAnswer:
    """`RespuestaRegFactuSistemaFacturacion`: the request's state and one line per record."""

    state: SubmissionState
    csv: str | None
    wait_seconds: int  # TiempoEsperaEnvio
    lines: tuple[LineAnswer, ...]
    presenter_nif: str | None = None  # DatosPresentacion
    presented_at: dt.datetime | None = None


@dataclass(frozen=True)
class PageKey:
    """`ClavePaginacion`: the invoice after which the next page of a query starts."""

    issuer_nif: str
    number: str
    issue_date: dt.date


@dataclass(frozen=True)
class HeldRecord:
    """A record the AEAT holds, as its query returns it.

    `operation` is the last one the AEAT applied to the invoice: "Anulacion" when its state is
    Anulada. `huella` is the held record's: the alta's, or the anulación's when the AEAT held
    no alta (SinRegistroPrevio). Amounts and times are the text of the answer.
    """

    number: str
    issue_date: dt.date
    operation: Operation
    huella: str | None
    status: HeldStatus
    issuer_nif: str = ""
    error_code: int | None = None
    error_description: str | None = None
    invoice_type: str | None = None
    tax_total: str | None = None
    invoice_amount: str | None = None
    generated_at: str | None = None
    previous_huella: str | None = None
    correction: bool = False
    request_id: str | None = None
    presenter_nif: str | None = None
    presented_at: dt.datetime | None = None
    last_modified: dt.datetime | None = None


@dataclass(frozen=True)
class QueryAnswer:
    records: tuple[HeldRecord, ...]
    next_page: PageKey | None


# --- parsing -------------------------------------------------------------------------------


def safe_parser() -> etree.XMLParser:
    """A parser that never reads the network or a DTD and expands no entity."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _local(element: etree._Element) -> str:
    tag = str(element.tag)
    return tag[tag.rfind("}") + 1 :]


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    # Matched by local name: prefixes and namespace spellings vary between servers.
    suffix = "}" + name
    return [
        c for c in element if isinstance(c.tag, str) and (c.tag.endswith(suffix) or c.tag == name)
    ]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = _child(element, name)
    if child is None or child.text is None:
        return None
    return str(child.text).strip()


# --- building ------------------------------------------------------------------------------


def _check_party(party: Party, what: str) -> tuple[str, str]:
    nif = party.nif.strip().upper() if party.nif else ""
    if not _NIF.match(nif):
        raise InvalidRequest(f"the {what}'s NIF {party.nif!r} is not a Spanish NIF of 9 characters")
    name = " ".join(party.name.split()) if party.name else ""
    if not name:
        raise InvalidRequest(f"the {what}'s name is empty")
    return nif, name[:120]  # NombreRazon: TextMax120Type


def _sub(parent: etree._Element, ns: str, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = text
    return element


def _envelope(nsmap: dict[str | None, str]) -> tuple[etree._Element, etree._Element]:
    envelope = etree.Element(f"{{{SOAP_ENV_NS}}}Envelope", nsmap={"soapenv": SOAP_ENV_NS, **nsmap})
    etree.SubElement(envelope, f"{{{SOAP_ENV_NS}}}Header")
    body = etree.SubElement(envelope, f"{{{SOAP_ENV_NS}}}Body")
    return envelope, body


def _serialise(envelope: etree._Element) -> bytes:
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


def _stored_record(document: bytes, index: int) -> etree._Element:
    """The one RegistroFactura of a stored single-record RegFactuSistemaFacturacion document."""
    if isinstance(document, str):
        document = document.encode("utf-8")
    try:
        root = etree.fromstring(document, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidRequest(f"stored record {index} is not XML") from exc
    if root.tag != f"{{{SF_LR_NS}}}RegFactuSistemaFacturacion":
        raise InvalidRequest(f"stored record {index} is not a RegFactuSistemaFacturacion document")
    entries = [e for e in root if e.tag == f"{{{SF_LR_NS}}}RegistroFactura"]
    if len(entries) != 1:
        raise InvalidRequest(
            f"stored record {index} holds {len(entries)} records; a stored document holds one"
        )
    records = [e for e in entries[0] if isinstance(e.tag, str)]
    if len(records) != 1 or records[0].tag not in (
        f"{{{SF_NS}}}RegistroAlta",
        f"{{{SF_NS}}}RegistroAnulacion",
    ):
        raise InvalidRequest(f"stored record {index} is not a RegistroAlta or RegistroAnulacion")
    return entries[0]


def _record_identity(entry: etree._Element) -> tuple[str, str, str, str]:
    """(operation, issuer NIF, number, issue date text) of a RegistroFactura."""
    record = next(e for e in entry if isinstance(e.tag, str))
    invoice_id = _child(record, "IDFactura")
    if _local(record) == "RegistroAlta":
        suffix, operation = "", "Alta"
    else:
        suffix, operation = "Anulada", "Anulacion"
    return (
        operation,
        _text(invoice_id, f"IDEmisorFactura{suffix}") or "",
        _text(invoice_id, f"NumSerieFactura{suffix}") or "",
        _text(invoice_id, f"FechaExpedicionFactura{suffix}") or "",
    )


def registration_envelope(
    stored_requests: Sequence[bytes],
    *,
    issuer: Party,
    representative: Party | None,
    incident: bool,
) -> bytes:
    """The SOAP envelope of one `RegFactuSistemaFacturacion` request (UTF-8).

    `stored_requests` are stored single-record documents, all of `issuer`, in chain order:
    1 to 1,000 of them. Their RegistroFactura elements are copied as they are. The header names
    `issuer` (ObligadoEmision), `representative` when the certificate is not the issuer's, and
    RemisionVoluntaria/Incidencia = S when the records are sent late because of an incident.
    """
    if not stored_requests:
        raise InvalidRequest("a request carries at least one record")
    if len(stored_requests) > MAX_RECORDS_PER_REQUEST:
        raise InvalidRequest(f"a request carries at most {MAX_RECORDS_PER_REQUEST} records")
    issuer_nif, issuer_name = _check_party(issuer, "issuer")
    representative_fields = (
        _check_party(representative, "representative") if representative is not None else None
    )
    entries = [_stored_record(document, i) for i, document in enumerate(stored_requests)]
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        identity = _record_identity(entry)
        if identity[1] != issuer_nif:
            raise InvalidRequest(
                f"stored record {index} is of issuer {identity[1]!r}, not {issuer_nif}: "
                "a request carries the records of one issuer"
            )
        # A record is its huella: the same one twice in a request is a caller's mistake.
        huella = _text(next(e for e in entry if isinstance(e.tag, str)), "Huella") or ""
        if huella in seen:
            raise InvalidRequest(f"stored record {index} is already in this request")
        seen.add(huella)

    envelope, body = _envelope({"sfLR": SF_LR_NS, "sf": SF_NS})
    request = _sub(body, SF_LR_NS, "RegFactuSistemaFacturacion")
    header = _sub(request, SF_LR_NS, "Cabecera")
    obligado = _sub(header, SF_NS, "ObligadoEmision")
    _sub(obligado, SF_NS, "NombreRazon", issuer_name)
    _sub(obligado, SF_NS, "NIF", issuer_nif)
    if representative_fields is not None:
        block = _sub(header, SF_NS, "Representante")
        _sub(block, SF_NS, "NombreRazon", representative_fields[1])
        _sub(block, SF_NS, "NIF", representative_fields[0])
    if incident:
        voluntary = _sub(header, SF_NS, "RemisionVoluntaria")
        _sub(voluntary, SF_NS, "Incidencia", "S")
    for entry in entries:
        request.append(entry)  # moved from its own parsed document: the same elements, same text
    return _serialise(envelope)


def query_envelope(
    *,
    issuer: Party,
    representative: Party | None,
    year: int,
    month: int,
    page: PageKey | None = None,
) -> bytes:
    """The SOAP envelope of a `ConsultaFactuSistemaFacturacion` for one month of issue.

    ConsultaLR.xsd filters on PeriodoImputacion (year and month, required), and optionally on
    a number, a counterpart, dates of issue, the system or RefExterna; pages go on from
    ClavePaginacion, the last invoice of the previous page. A representative queries with
    IndicadorRepresentante = S (it gets the records where it is the representative).
    """
    issuer_nif, issuer_name = _check_party(issuer, "issuer")
    if representative is not None:
        _check_party(representative, "representative")
    if not 1 <= month <= 12:
        raise InvalidRequest(f"{month} is not a month")
    if not 1000 <= year <= 9999:
        raise InvalidRequest(f"{year} is not a year of four digits")
    envelope, body = _envelope({"sfLRC": SF_LRC_NS, "sf": SF_NS})
    query = _sub(body, SF_LRC_NS, "ConsultaFactuSistemaFacturacion")
    header = _sub(query, SF_LRC_NS, "Cabecera")
    _sub(header, SF_NS, "IDVersion", ID_VERSION)
    obligado = _sub(header, SF_NS, "ObligadoEmision")
    _sub(obligado, SF_NS, "NombreRazon", issuer_name)
    _sub(obligado, SF_NS, "NIF", issuer_nif)
    if representative is not None:
        _sub(header, SF_NS, "IndicadorRepresentante", "S")
    criteria = _sub(query, SF_LRC_NS, "FiltroConsulta")
    period = _sub(criteria, SF_LRC_NS, "PeriodoImputacion")
    _sub(period, SF_NS, "Ejercicio", f"{year:04d}")
    _sub(period, SF_NS, "Periodo", f"{month:02d}")
    if page is not None:
        if not _NIF.match(page.issuer_nif) or not page.number.strip():
            raise InvalidRequest("the page key names no invoice")
        key = _sub(criteria, SF_LRC_NS, "ClavePaginacion")
        _sub(key, SF_NS, "IDEmisorFactura", page.issuer_nif)
        _sub(key, SF_NS, "NumSerieFactura", page.number)
        _sub(key, SF_NS, "FechaExpedicionFactura", page.issue_date.strftime("%d-%m-%Y"))
    return _serialise(envelope)


# --- reading answers -----------------------------------------------------------------------


def _unreadable(why: str) -> AeatUnavailable:
    return AeatUnavailable("unreadable", detail=why)


def _body_message(body: bytes) -> etree._Element:
    """The Body's message element; a Fault or anything but a SOAP 1.1 envelope raises."""
    try:
        root = etree.fromstring(body, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _unreadable(f"not XML: {exc}") from None
    if root.tag != f"{{{SOAP_ENV_NS}}}Envelope":
        raise _unreadable(f"not a SOAP 1.1 envelope: root {root.tag!r}")
    soap_body = root.find(f"{{{SOAP_ENV_NS}}}Body")
    if soap_body is None:
        raise _unreadable("the envelope has no Body")
    messages = [c for c in soap_body if isinstance(c.tag, str)]
    if len(messages) != 1:
        raise _unreadable(f"the Body holds {len(messages)} elements, not one")
    message = messages[0]
    if message.tag == f"{{{SOAP_ENV_NS}}}Fault":
        raise _fault(message)
    return message


def _fault(fault: etree._Element) -> AeatUnavailable:
    code = _text(fault, "faultcode") or ""
    text = _text(fault, "faultstring") or ""
    found = _FAULT_CODE.search(text)
    return AeatUnavailable(
        "soap_fault",
        aeat_code=int(found.group(1)) if found else None,
        fault_code=code.rsplit(":", 1)[-1] or None,
        detail=f"{code}: {text}"[:2000],
    )


def read_fault(body: bytes) -> AeatUnavailable | None:
    """The SOAP Fault a body carries, if it is one (an HTTP 500 answer usually is)."""
    try:
        _body_message(body)
    except AeatUnavailable as exc:
        return exc if exc.kind == "soap_fault" else None
    return None


def _date(text: str | None, what: str) -> dt.date:
    try:
        return dt.datetime.strptime((text or "").strip(), "%d-%m-%Y").date()
    except ValueError:
        raise _unreadable(f"{what} {text!r} is not a dd-mm-yyyy date") from None


def _datetime(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise _unreadable(f"{text!r} is not a date and time") from None


def _int(text: str | None, what: str) -> int | None:
    if text is None or text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise _unreadable(f"{what} {text!r} is not a number") from None


def _one_of(text: str | None, allowed: tuple[str, ...], what: str) -> str:
    if text not in allowed:
        raise _unreadable(f"{what} {text!r} is not one of {', '.join(allowed)}")
    return text


def _expect(message: etree._Element, name: str) -> None:
    if _local(message) != name:
        raise _unreadable(f"the answer is {_local(message)!r}, not {name!r}")


def _line(element: etree._Element) -> LineAnswer:
    invoice_id = _child(element, "IDFactura")
    number = _text(invoice_id, "NumSerieFactura")
    if invoice_id is None or not number:
        raise _unreadable("a RespuestaLinea names no invoice")
    operation_block = _child(element, "Operacion")
    operation = _one_of(_text(operation_block, "TipoOperacion"), ("Alta", "Anulacion"), "operation")
    status = _one_of(
        _text(element, "EstadoRegistro"),
        ("Correcto", "AceptadoConErrores", "Incorrecto"),
        "EstadoRegistro",
    )
    duplicate = _child(element, "RegistroDuplicado")
    duplicate_status = None
    if duplicate is not None:
        duplicate_status = _one_of(
            _text(duplicate, "EstadoRegistroDuplicado"),
            ("Correcta", "AceptadaConErrores", "Anulada"),
            "EstadoRegistroDuplicado",
        )
    return LineAnswer(
        number=number,
        issue_date=_date(_text(invoice_id, "FechaExpedicionFactura"), "FechaExpedicionFactura"),
        operation=cast(Operation, operation),
        status=cast(LineStatus, status),
        error_code=_int(_text(element, "CodigoErrorRegistro"), "CodigoErrorRegistro"),
        error_description=_text(element, "DescripcionErrorRegistro"),
        duplicate_status=cast(HeldStatus | None, duplicate_status),
        issuer_nif=_text(invoice_id, "IDEmisorFactura") or "",
        correction=_text(operation_block, "Subsanacion") == "S",
        duplicate_request_id=_text(duplicate, "IdPeticionRegistroDuplicado"),
        duplicate_error_code=_int(_text(duplicate, "CodigoErrorRegistro"), "CodigoErrorRegistro"),
        duplicate_error_description=_text(duplicate, "DescripcionErrorRegistro"),
        external_ref=_text(element, "RefExterna"),
    )


def parse_registration_answer(body: bytes) -> SubmissionAnswer:
    """Read a RespuestaRegFactuSistemaFacturacion; a Fault or another body raises
    AeatUnavailable ("soap_fault" or "unreadable")."""
    message = _body_message(body)
    _expect(message, "RespuestaRegFactuSistemaFacturacion")
    state = _one_of(
        _text(message, "EstadoEnvio"),
        ("Correcto", "ParcialmenteCorrecto", "Incorrecto"),
        "EstadoEnvio",
    )
    # Tipo6Type allows an empty value; no waiting time read means the initial 60 seconds.
    wait = _int(_text(message, "TiempoEsperaEnvio"), "TiempoEsperaEnvio")
    presentation = _child(message, "DatosPresentacion")
    return SubmissionAnswer(
        state=cast(SubmissionState, state),
        csv=_text(message, "CSV") or None,
        wait_seconds=60 if wait is None else wait,
        lines=tuple(_line(e) for e in _children(message, "RespuestaLinea")),
        presenter_nif=_text(presentation, "NIFPresentador"),
        presented_at=_datetime(_text(presentation, "TimestampPresentacion")),
    )


def _page_key(element: etree._Element | None) -> PageKey | None:
    if element is None:
        return None
    number = _text(element, "NumSerieFactura")
    if not number:
        raise _unreadable("ClavePaginacion names no invoice")
    return PageKey(
        issuer_nif=_text(element, "IDEmisorFactura") or "",
        number=number,
        issue_date=_date(_text(element, "FechaExpedicionFactura"), "ClavePaginacion"),
    )


def _held(element: etree._Element) -> HeldRecord:
    invoice_id = _child(element, "IDFactura")
    number = _text(invoice_id, "NumSerieFactura")
    if invoice_id is None or not number:
        raise _unreadable("a held record names no invoice")
    data = _child(element, "DatosRegistroFacturacion")
    state = _child(element, "EstadoRegistro")
    status = _one_of(
        _text(state, "EstadoRegistro"), ("Correcta", "AceptadaConErrores", "Anulada"), "estado"
    )
    chain = _child(data, "Encadenamiento") if data is not None else None
    previous = _child(chain, "RegistroAnterior") if chain is not None else None
    presentation = _child(element, "DatosPresentacion")
    return HeldRecord(
        number=number,
        issue_date=_date(_text(invoice_id, "FechaExpedicionFactura"), "FechaExpedicionFactura"),
        operation="Anulacion" if status == "Anulada" else "Alta",
        huella=_text(data, "Huella"),
        status=cast(HeldStatus, status),
        issuer_nif=_text(invoice_id, "IDEmisorFactura") or "",
        error_code=_int(_text(state, "CodigoErrorRegistro"), "CodigoErrorRegistro"),
        error_description=_text(state, "DescripcionErrorRegistro"),
        invoice_type=_text(data, "TipoFactura"),
        tax_total=_text(data, "CuotaTotal"),
        invoice_amount=_text(data, "ImporteTotal"),
        generated_at=_text(data, "FechaHoraHusoGenRegistro"),
        previous_huella=_text(previous, "Huella"),
        correction=_text(data, "Subsanacion") == "S",
        request_id=_text(presentation, "IdPeticion"),
        presenter_nif=_text(presentation, "NIFPresentador"),
        presented_at=_datetime(_text(presentation, "TimestampPresentacion")),
        last_modified=_datetime(_text(state, "TimestampUltimaModificacion")),
    )


def parse_query_answer(body: bytes) -> QueryAnswer:
    """Read a RespuestaConsultaFactuSistemaFacturacion (AeatUnavailable as above)."""
    message = _body_message(body)
    _expect(message, "RespuestaConsultaFactuSistemaFacturacion")
    more = _one_of(_text(message, "IndicadorPaginacion"), ("S", "N"), "IndicadorPaginacion")
    _one_of(_text(message, "ResultadoConsulta"), ("ConDatos", "SinDatos"), "ResultadoConsulta")
    records = tuple(
        _held(e) for e in _children(message, "RegistroRespuestaConsultaFactuSistemaFacturacion")
    )
    next_page = None
    if more == "S":
        next_page = _page_key(_child(message, "ClavePaginacion"))
        if next_page is None:
            # More to come without a key: the next page starts after the last record given.
            if not records:
                raise _unreadable("more pages announced, but no key and no record")
            last = records[-1]
            next_page = PageKey(last.issuer_nif, last.number, last.issue_date)
    return QueryAnswer(records=records, next_page=next_page)
