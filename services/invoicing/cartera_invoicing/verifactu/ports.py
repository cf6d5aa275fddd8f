"""What the VERI*FACTU sender and the reconciliation need from the AEAT client and from the
certificate store, as the small interfaces they use, and how the real ones are plugged in.

The sender is written and tested against these interfaces, with fakes that follow them exactly
(tests/integration/verifactu_fakes.py); in a service they are the client
(`cartera_invoicing.aeat.client`) and the store (`cartera_invoicing.certificates.service`).

The answers' vocabulary is the AEAT's (RespuestaSuministro.xsd, RespuestaConsultaLR.xsd):
- a request's `state`: Correcto | ParcialmenteCorrecto | Incorrecto;
- a line's `status`: Correcto | AceptadoConErrores | Incorrecto, with CodigoErrorRegistro and
  DescripcionErrorRegistro; `duplicate_status` is EstadoRegistroDuplicado (Correcta |
  AceptadaConErrores | Anulada) when the AEAT already held the record;
- a held record's `status` (the query): Correcta | AceptadaConErrores | Anulada.
Anything the client raises that is not an answer (a SOAP fault, HTTP or TLS errors, a time-out)
is its `AeatUnavailable(kind)`: retried, never read as a rejection.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing.aeat.client import AeatClient, AeatUnavailable
from cartera_invoicing.aeat.credentials import Party, Submitter
from cartera_invoicing.certificates import service as certificates


class LineAnswerLike(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def issue_date(self) -> dt.date: ...
    @property
    def operation(self) -> str: ...  # Alta | Anulacion
    @property
    def status(self) -> str: ...
    @property
    def error_code(self) -> int | None: ...
    @property
    def error_description(self) -> str | None: ...
    @property
    def duplicate_status(self) -> str | None: ...


class SubmissionAnswerLike(Protocol):
    @property
    def state(self) -> str: ...
    @property
    def csv(self) -> str | None: ...
    @property
    def wait_seconds(self) -> int: ...
    @property
    def lines(self) -> Sequence[LineAnswerLike]: ...


class HeldRecordLike(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def issue_date(self) -> dt.date: ...
    @property
    def operation(self) -> str: ...
    @property
    def huella(self) -> str | None: ...
    @property
    def status(self) -> str: ...


class QueryAnswerLike(Protocol):
    @property
    def records(self) -> Sequence[HeldRecordLike]: ...
    @property
    def next_page(self) -> Any: ...


class AeatPort(Protocol):
    """`cartera_invoicing.aeat.client.AeatClient`, as far as the sender uses it."""

    async def register(
        self, submitter: Submitter, stored_requests: Sequence[bytes], *, incident: bool = False
    ) -> SubmissionAnswerLike: ...

    async def query(
        self, submitter: Submitter, *, year: int, month: int, page: Any = None
    ) -> QueryAnswerLike: ...


class CertificatePort(Protocol):
    """`cartera_invoicing.certificates.service`: the two calls the sender makes."""

    async def submitter_for(
        self, session: AsyncSession, tenant_id: uuid.UUID, issuer: Party
    ) -> Submitter | None: ...

    async def submission_enabled(self, session: AsyncSession, tenant_id: uuid.UUID) -> bool: ...


@dataclass(frozen=True)
class VerifactuParts:
    """The AEAT client, the exception it raises for every failure that is not an answer, and
    the certificate store."""

    aeat: AeatPort
    unavailable: type[Exception]
    certificates: CertificatePort


class SoftwareProducer(NamedTuple):
    """Who produced the invoicing software, as the records' SistemaInformatico names it (a tuple,
    so it is passed on as the `producer` pair)."""

    name: str | None
    nif: str | None


@dataclass
class InstalledVerifactu:
    """The parts this process submits with; `parts` is None where records are not sent."""

    parts: VerifactuParts | None


class _InstalledStore:
    """The certificate store's module-level functions, as a `CertificatePort`."""

    async def submitter_for(
        self, session: AsyncSession, tenant_id: uuid.UUID, issuer: Party
    ) -> Submitter | None:
        return await certificates.submitter_for(session, tenant_id, issuer)

    async def submission_enabled(self, session: AsyncSession, tenant_id: uuid.UUID) -> bool:
        return await certificates.submission_enabled(session, tenant_id)


def installed_parts(
    endpoint: str, *, ca_file: str | None, timeout_seconds: float
) -> VerifactuParts | None:
    """The real client and store for `endpoint`; None when no endpoint is set (nothing is sent)."""
    if not endpoint:
        return None
    aeat = AeatClient(endpoint, ca_file=ca_file, timeout_seconds=timeout_seconds)
    return VerifactuParts(aeat=aeat, unavailable=AeatUnavailable, certificates=_InstalledStore())


async def close_parts(parts: VerifactuParts | None) -> None:
    close = getattr(parts.aeat, "aclose", None) if parts is not None else None
    if close is not None:
        await close()
