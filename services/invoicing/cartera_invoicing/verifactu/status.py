"""The submission status of each VERI*FACTU record, what the AEAT's answers mean for it, how the
API shows it, the events that announce it and the metrics that watch it.

Statuses: `pending` (made, not sent yet, or to be sent again after a failure that was not an
answer) -> `sent` (carried by a request whose answer is not stored yet) -> `accepted`
(EstadoRegistro Correcto) | `accepted_with_errors` (AceptadoConErrores: registered, with a
warning to act on) | `rejected` (Incorrecto: not registered). An answered record never changes
again: records are never edited or deleted (RD 1007/2023, integrity and inalterability), an
error is corrected by a new record (a subsanación).

A sandbox tenant's records (test mode, cartera_shared.tenancy.is_test_tenant) are made `test` and
stay so: they are never sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from prometheus_client import Counter, Gauge
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.models import verifactu_due, verifactu_records
from cartera_invoicing.verifactu.ports import HeldRecordLike, LineAnswerLike
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.verifactu import VERIFACTU_EVENT_VERSION, VerifactuAnswered
from cartera_shared.tenancy import is_test_tenant

log = logging.getLogger(__name__)

Status = Literal["pending", "sent", "accepted", "accepted_with_errors", "rejected", "test"]
PENDING: Status = "pending"
SENT: Status = "sent"
ACCEPTED: Status = "accepted"
ACCEPTED_WITH_ERRORS: Status = "accepted_with_errors"
REJECTED: Status = "rejected"
TEST: Status = "test"
STATUSES: tuple[Status, ...] = (PENDING, SENT, ACCEPTED, ACCEPTED_WITH_ERRORS, REJECTED, TEST)
WAITING: tuple[Status, ...] = (PENDING, SENT)
HELD: tuple[Status, ...] = (ACCEPTED, ACCEPTED_WITH_ERRORS)  # registered at the AEAT

# AEAT's error list ("Validaciones y errores", VERI*FACTU): 3000, "Registro de facturación
# duplicado". The answer line then carries RegistroDuplicado with the held record's state.
DUPLICATE_CODE = 3000
# 3001, "El registro de facturación ya ha sido dado de baja": the answer to an anulación of an
# invoice the AEAT holds as cancelled.
ALREADY_CANCELLED_CODE = 3001

PRODUCER = "invoicing"


def initial_status(tenant_id: uuid.UUID) -> Status:
    """What a new record is made: `pending` (to send), or `test` for a sandbox tenant's, which
    the sender never sees (the trigger that wakes it fires for pending records only)."""
    return TEST if is_test_tenant(tenant_id) else PENDING


# ------------------------------------------------------------------ records and answers


@dataclass(frozen=True)
class RecordKey:
    """How the AEAT names a record in its answers: the invoice and the operation."""

    number: str
    issue_date: dt.date
    operation: Literal["Alta", "Anulacion"]


def _aeat_date(text: str) -> dt.date:
    return dt.datetime.strptime(text.strip(), "%d-%m-%Y").date()


def record_key(kind: str, fields: Mapping[str, str]) -> RecordKey:
    """The key of a stored record, from its fields (AEAT's names, dates as dd-mm-yyyy)."""
    if kind == "anulacion":
        return RecordKey(
            fields["NumSerieFacturaAnulada"].strip(),
            _aeat_date(fields["FechaExpedicionFacturaAnulada"]),
            "Anulacion",
        )
    return RecordKey(
        fields["NumSerieFactura"].strip(), _aeat_date(fields["FechaExpedicionFactura"]), "Alta"
    )


def line_key(line: LineAnswerLike) -> RecordKey:
    operation: Literal["Alta", "Anulacion"] = (
        "Anulacion" if line.operation.strip().lower().startswith("anulac") else "Alta"
    )
    return RecordKey(line.number.strip(), line.issue_date, operation)


@dataclass(frozen=True)
class Outcome:
    """What is stored for a record once the AEAT answered for it."""

    status: Status
    error_code: int | None = None
    error_description: str | None = None
    duplicate: bool = False


class UnreadableAnswer(ValueError):
    """A line whose status is none the schema allows: treated as no answer for its record."""


def _trimmed(text: str | None) -> str | None:
    return text.strip()[:1500] if text else None


def line_outcome(line: LineAnswerLike) -> Outcome:
    """A line of a RegFactuSistemaFacturacion answer (RespuestaSuministro.xsd, RespuestaLinea).

    A duplicate is a record the AEAT already holds: it was sent before, and its answer was
    never stored here (a sender stopped between the two). It is what the AEAT holds: accepted,
    or accepted with errors; held as cancelled (Anulada) it was registered all the same.
    """
    if line.error_code == ALREADY_CANCELLED_CODE and line.operation.strip() == "Anulacion":
        # An anulación sent again after its answer was lost: the invoice is cancelled there.
        return Outcome(ACCEPTED, duplicate=True)
    if line.duplicate_status is not None or line.error_code == DUPLICATE_CODE:
        held = (line.duplicate_status or "").strip().lower()
        if held.startswith("aceptad"):  # AceptadaConErrores
            return Outcome(
                ACCEPTED_WITH_ERRORS,
                line.error_code,
                _trimmed(line.error_description),
                duplicate=True,
            )
        return Outcome(ACCEPTED, duplicate=True)
    status = line.status.strip()
    if status == "Correcto":
        return Outcome(ACCEPTED)
    if status == "AceptadoConErrores":
        return Outcome(ACCEPTED_WITH_ERRORS, line.error_code, _trimmed(line.error_description))
    if status == "Incorrecto":
        return Outcome(REJECTED, line.error_code, _trimmed(line.error_description))
    raise UnreadableAnswer(status)


def held_outcome(held: HeldRecordLike, kind: str, huella: str) -> Outcome | None:
    """The state of a record the AEAT holds (ConsultaFactuSistemaFacturacion), or None when
    what it holds for that invoice is not this record.

    The query answers per invoice, with the huella of a record it holds for it. It is this
    record when the huella is this record's; or when the AEAT holds the invoice as cancelled
    (Anulada), whatever the huella: an alta was registered before the cancellation came, and
    an anulación is the record that cancelled it (an invoice is cancelled once; the answer's
    data, `DatosRegistroFacturacion`, is the alta's and may carry the alta's huella). A held
    huella the answer leaves out counts as this record's.
    """
    state = held.status.strip().lower()
    cancelled = state.startswith("anulad")
    same = held.huella is None or held.huella.strip().upper() == huella.upper()
    if kind == "anulacion":
        return Outcome(ACCEPTED) if cancelled else None
    if cancelled:
        return Outcome(ACCEPTED)
    if not same:
        return None
    if state.startswith("aceptad"):  # AceptadaConErrores
        return Outcome(
            ACCEPTED_WITH_ERRORS,
            getattr(held, "error_code", None),
            _trimmed(getattr(held, "error_description", None)),
        )
    return Outcome(ACCEPTED)


# ------------------------------------------------------------------ what the API shows


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def submission_view(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A record's submission as the API shows it."""
    error = (
        {"code": row["error_code"], "description": row["error_description"]}
        if row["error_code"] is not None or row["error_description"]
        else None
    )
    return {
        "status": row["status"],
        # The CSV is the request's: a record refused in a partly correct request shares it, but
        # the AEAT did not register that record, so it is not shown as its proof.
        "csv": row["csv"] if row["status"] in HELD else None,
        "error": error,
        "duplicate": row["duplicate"],
        "attempts": row["attempts"],
        "last_attempt_at": _iso(row["last_attempt_at"]),
        "last_failure": row["last_failure"],
        "sent_with_incident": row["sent_with_incident"],
        "answered_at": _iso(row["answered_at"]),
    }


def record_view(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A record in the tenant's list: which invoice, where in its chain, and its submission."""
    key = record_key(row["kind"], row["fields"])
    return {
        "record_id": str(row["id"]),
        "invoice_id": str(row["invoice_id"]),
        "issuer_tax_id": row["issuer_tax_id"],
        "position": row["position"],
        "kind": row["kind"],
        "number": key.number,
        "issue_date": key.issue_date.isoformat(),
        "huella": row["huella"],
        "generated_at": row["generated_at"].isoformat(),
        **submission_view(row),
    }


async def latest_of(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_ids: list[uuid.UUID]
) -> dict[uuid.UUID, RowMapping]:
    """The last record of each invoice (its alta, or the correction or anulación that followed
    it): what the AEAT's answer about the invoice is now. One query for any number of invoices
    (a page of the list), within the tenant."""
    if not invoice_ids:
        return {}
    shown = [c for c in verifactu_records.c if c.name not in ("xml", "fields")]
    rows = await session.execute(
        select(*shown)
        .ext(distinct_on(verifactu_records.c.invoice_id))
        .where(
            verifactu_records.c.tenant_id == tenant_id,
            verifactu_records.c.invoice_id.in_(invoice_ids),
        )
        .order_by(verifactu_records.c.invoice_id, verifactu_records.c.position.desc())
    )
    return {row["invoice_id"]: row for row in rows.mappings().all()}


def invoice_view(row: Mapping[Any, Any] | None) -> dict[str, Any]:
    """The invoice's last record, as the invoice list and the invoice show it."""
    if row is None:
        return {"verifactu_status": None, "verifactu": None}
    return {
        "verifactu_status": row["status"],
        "verifactu": {
            "record_id": str(row["id"]),
            "kind": row["kind"],
            "position": row["position"],
            **submission_view(row),
        },
    }


# ------------------------------------------------------------------ events


def answered_event(
    tenant_id: uuid.UUID,
    row: Mapping[Any, Any],
    outcome: Outcome,
    *,
    csv: str | None,
    incident: bool,
    answered_at: dt.datetime,
) -> tuple[str, Any]:
    """The topic and envelope announcing a record's answer (contract: events/verifactu.py)."""
    key = record_key(row["kind"], row["fields"])
    topic = topics.VERIFACTU_REJECTED if outcome.status == REJECTED else topics.VERIFACTU_ACCEPTED
    data = VerifactuAnswered(
        record_id=row["id"],
        invoice_id=row["invoice_id"],
        issuer_tax_id=row["issuer_tax_id"],
        position=row["position"],
        kind=row["kind"],
        number=key.number,
        issue_date=key.issue_date,
        huella=row["huella"],
        status=outcome.status,  # never pending/sent here
        csv=csv,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
        duplicate=outcome.duplicate,
        incident=incident,
        answered_at=answered_at,
    )
    envelope = new_envelope(
        type=topic,
        version=VERIFACTU_EVENT_VERSION,
        tenant_id=tenant_id,
        producer=PRODUCER,
        subject=row["invoice_id"],
        sequence=row["position"],
        data=data.model_dump(mode="json"),
    )
    return topic, envelope


# ------------------------------------------------------------------ metrics

RECORDS_WAITING = Gauge(
    "cartera_verifactu_records_waiting",
    "VERI*FACTU records the AEAT has not answered yet (pending or being sent), all tenants",
)
OLDEST_WAITING = Gauge(
    "cartera_verifactu_oldest_waiting_seconds",
    "Age of the oldest VERI*FACTU record the AEAT has not answered yet (0: none waiting)",
)
REJECTIONS = Counter(
    "cartera_verifactu_rejections_total", "VERI*FACTU records the AEAT rejected (Incorrecto)"
)
ANSWERS = Counter(
    "cartera_verifactu_answers_total",
    "VERI*FACTU records answered by the AEAT, by status",
    ["status"],
)
SEND_FAILURES = Counter(
    "cartera_verifactu_send_failures_total",
    "Requests to the AEAT that got no answer (retried), by coarse class",
    ["kind"],
)


async def wake_sender(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Have the sender look at the tenant's waiting records now (in the caller's transaction):
    a tenant that could not send (no valid certificate, submission off) is otherwise looked at
    again only a minute later. Nothing happens when nothing waits."""
    await session.execute(
        update(verifactu_due)
        .where(verifactu_due.c.tenant_id == tenant_id, verifactu_due.c.next_at.is_not(None))
        .values(next_at=func.now(), claimed_by=None)
    )


async def measure_waiting(
    sessions: async_sessionmaker[AsyncSession], now: dt.datetime | None = None
) -> tuple[int, float]:
    """Set the waiting gauges from `verifactu_due` (every tenant's counts, no tenant data)."""
    async with sessions() as session:
        waiting, oldest = (
            await session.execute(
                select(
                    func.coalesce(func.sum(verifactu_due.c.waiting), 0),
                    func.min(verifactu_due.c.oldest_waiting_at),
                ).where(verifactu_due.c.waiting > 0)
            )
        ).one()
    moment = now or dt.datetime.now(dt.UTC)
    age = max((moment - oldest).total_seconds(), 0.0) if oldest is not None else 0.0
    RECORDS_WAITING.set(int(waiting))
    OLDEST_WAITING.set(age)
    return int(waiting), age
