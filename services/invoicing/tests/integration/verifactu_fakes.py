"""Fakes of the AEAT client and of the certificate store, following their interfaces exactly
(`cartera_invoicing.aeat.client`, `cartera_invoicing.certificates.service`): what the VERI*FACTU
sender's tests send to and hear from the AEAT. The records, their chains and the outbox are the
real database's; only the far side of the wire is played here.

The fake AEAT reads the stored requests it is given (one RegFactuSistemaFacturacion document
per record, as stored), keeps every request in `requests`, and answers what the test scripted:
Correcto by default, a line status per invoice number, `AeatUnavailable` for the next calls,
a changed TiempoEsperaEnvio, and what it holds for the query.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from lxml import etree

from cartera_invoicing.aeat.credentials import Credentials, Party, Submitter
from cartera_invoicing.domain.verifactu import SF_NS
from cartera_invoicing.verifactu.ports import VerifactuParts

SF = f"{{{SF_NS}}}"


@dataclass(frozen=True)
class LineAnswer:
    number: str
    issue_date: dt.date
    operation: Literal["Alta", "Anulacion"]
    status: Literal["Correcto", "AceptadoConErrores", "Incorrecto"]
    error_code: int | None = None
    error_description: str | None = None
    duplicate_status: str | None = None


@dataclass(frozen=True)
class SubmissionAnswer:
    state: Literal["Correcto", "ParcialmenteCorrecto", "Incorrecto"]
    csv: str | None
    wait_seconds: int
    lines: tuple[LineAnswer, ...]


@dataclass(frozen=True)
class HeldRecord:
    number: str
    issue_date: dt.date
    operation: str
    huella: str | None
    status: str
    error_code: int | None = None
    error_description: str | None = None


@dataclass(frozen=True)
class QueryAnswer:
    records: tuple[HeldRecord, ...]
    next_page: Any


class AeatUnavailable(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class SentRecord:
    number: str
    issue_date: dt.date
    operation: str
    huella: str


def read_request(stored: bytes) -> SentRecord:
    root = etree.fromstring(stored)
    alta = root.find(".//{*}RegistroAlta")
    if alta is not None:
        return SentRecord(
            alta.findtext(f".//{SF}NumSerieFactura") or "",
            dt.datetime.strptime(
                alta.findtext(f".//{SF}FechaExpedicionFactura") or "", "%d-%m-%Y"
            ).date(),
            "Alta",
            alta.findtext(f"{SF}Huella") or "",
        )
    cancel = root.find(".//{*}RegistroAnulacion")
    assert cancel is not None, "a stored request carries an alta or an anulación"
    return SentRecord(
        cancel.findtext(f".//{SF}NumSerieFacturaAnulada") or "",
        dt.datetime.strptime(
            cancel.findtext(f".//{SF}FechaExpedicionFacturaAnulada") or "", "%d-%m-%Y"
        ).date(),
        "Anulacion",
        cancel.findtext(f"{SF}Huella") or "",
    )


@dataclass
class Request:
    issuer: str
    records: list[SentRecord]
    incident: bool


@dataclass
class FakeAeat:
    wait_seconds: int = 60
    # number -> (status, code, description) or ("duplicate", held state, None)
    verdicts: dict[str, tuple[str, Any, Any]] = field(default_factory=dict)
    fail_next: list[str] = field(default_factory=list)  # kinds of AeatUnavailable to raise
    holds: list[HeldRecord] = field(default_factory=list)
    page_size: int = 2
    delay: float = 0.0
    block: asyncio.Event | None = None  # when set: register waits on it after receiving
    received: asyncio.Event = field(default_factory=asyncio.Event)
    requests: list[Request] = field(default_factory=list)
    queries: list[tuple[str, int, int, Any]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    answer_lines_reversed: bool = False
    unmentioned: set[str] = field(default_factory=set)  # numbers the answer has no line for
    in_flight: collections.Counter[str] = field(default_factory=collections.Counter)
    most_in_flight: int = 0  # requests of one issuer at the same time, at most

    async def register(
        self, submitter: Submitter, stored_requests: Sequence[bytes], *, incident: bool = False
    ) -> SubmissionAnswer:
        assert 1 <= len(stored_requests) <= 1000
        self.calls.append("register")
        if self.fail_next:
            raise AeatUnavailable(self.fail_next.pop(0))
        sent = [read_request(r) for r in stored_requests]
        self.requests.append(Request(submitter.issuer.nif, sent, incident))
        self.received.set()
        self.in_flight[submitter.issuer.nif] += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight[submitter.issuer.nif])
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.block is not None:
                await self.block.wait()
        finally:
            self.in_flight[submitter.issuer.nif] -= 1
        lines = [self._line(record) for record in sent if record.number not in self.unmentioned]
        if self.answer_lines_reversed:
            lines.reverse()
        bad = sum(line.status == "Incorrecto" for line in lines)
        state = (
            "Correcto" if not bad else "Incorrecto" if bad == len(lines) else "ParcialmenteCorrecto"
        )
        csv = None if state == "Incorrecto" else f"CSV{uuid.uuid4().hex[:12].upper()}"
        return SubmissionAnswer(state, csv, self.wait_seconds, tuple(lines))

    def _line(self, record: SentRecord) -> LineAnswer:
        verdict = self.verdicts.get(record.number)
        if verdict is None:
            return LineAnswer(record.number, record.issue_date, record.operation, "Correcto")
        what, code_or_state, description = verdict
        if what == "duplicate":
            return LineAnswer(
                record.number,
                record.issue_date,
                record.operation,
                "Incorrecto",
                3000,
                "Registro de facturación duplicado.",
                code_or_state,
            )
        return LineAnswer(
            record.number, record.issue_date, record.operation, what, code_or_state, description
        )

    async def query(
        self, submitter: Submitter, *, year: int, month: int, page: Any = None
    ) -> QueryAnswer:
        self.calls.append("query")
        self.queries.append((submitter.issuer.nif, year, month, page))
        if self.fail_next:
            raise AeatUnavailable(self.fail_next.pop(0))
        period = [h for h in self.holds if (h.issue_date.year, h.issue_date.month) == (year, month)]
        start = page or 0
        chunk = tuple(period[start : start + self.page_size])
        following = start + self.page_size
        return QueryAnswer(chunk, following if following < len(period) else None)

    async def aclose(self) -> None:
        pass


@dataclass
class FakeCertificates:
    enabled: bool = True
    without_certificate: set[str] = field(default_factory=set)  # issuer NIFs
    asked: list[Party] = field(default_factory=list)

    async def submitter_for(
        self, session: Any, tenant_id: uuid.UUID, issuer: Party
    ) -> Submitter | None:
        self.asked.append(issuer)
        if issuer.nif in self.without_certificate:
            return None
        credentials = Credentials(b"-----CERT-----", b"-----KEY-----", issuer.nif)
        return Submitter(credentials=credentials, issuer=issuer)

    async def submission_enabled(self, session: Any, tenant_id: uuid.UUID) -> bool:
        return self.enabled


def parts(aeat: FakeAeat, certificates: FakeCertificates | None = None) -> VerifactuParts:
    return VerifactuParts(
        aeat=aeat, unavailable=AeatUnavailable, certificates=certificates or FakeCertificates()
    )


class Clock:
    """The sender's clock, moved by the test, only forward. It starts an hour ahead of the real
    time: the one moment the database stamps itself (a new record wakes its tenant at now())
    is then always already due by this clock."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)
