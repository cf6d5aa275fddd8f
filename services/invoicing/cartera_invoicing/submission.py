"""Sending Verifactu records to the AEAT, behind an adapter.

The AEAT's service cannot be reached from our machines, so production needs an adapter that this
code does not have yet. What it must do (Orden HAC/1177/2024, AEAT's technical specs):

- SOAP over HTTPS to the `SistemaFacturacion` service (test host `prewww1.aeat.es`), authenticated
  with the client certificate of the taxpayer or of a social collaborator (apoderamiento); the
  key lives in an HSM or a secret store, never in the database.
- At most 1,000 records per request (`RegFactuSistemaFacturacion`, see `records_xml`), one issuer
  per request, in chain order.
- Flow control: each answer carries `TiempoEsperaEnvio` (seconds); no new request for that issuer
  before it passes, unless 1,000 records are waiting.
- Each record comes back `Correcto`, `AceptadoConErrores` or `Incorrecto` (with an error code);
  an incorrect record is corrected by a new record (subsanación), never by editing or deleting.

`submit_pending` holds the part that does not depend on the transport: it takes a tenant's
pending records in chain order, hands them to the adapter in batches, stores each record's
answer, and honours the waiting time. `RecordingAeat` is the test double.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.models import verifactu_records
from cartera_shared.db import tenant_transaction

MAX_RECORDS_PER_REQUEST = 1000
Outcome = Literal["Correcto", "AceptadoConErrores", "Incorrecto"]


@dataclass(frozen=True)
class RecordAnswer:
    number: str
    outcome: Outcome
    error: str | None = None


@dataclass(frozen=True)
class AeatAnswer:
    records: Sequence[RecordAnswer]
    wait_seconds: int  # TiempoEsperaEnvio


class AeatGateway(Protocol):
    async def submit(self, issuer_nif: str, xml_records: Sequence[str]) -> AeatAnswer: ...


@dataclass
class RecordingAeat:
    """Test double: accepts everything except the numbers it is told to refuse."""

    refuse: set[str] = field(default_factory=set)
    requests: list[tuple[str, int]] = field(default_factory=list)
    wait_seconds: int = 60

    async def submit(self, issuer_nif: str, xml_records: Sequence[str]) -> AeatAnswer:
        self.requests.append((issuer_nif, len(xml_records)))
        answers = []
        for xml in xml_records:
            number = xml.split("NumSerieFactura>", 1)[1].split("<", 1)[0]
            if number in self.refuse:
                answers.append(RecordAnswer(number, "Incorrecto", "1100: valor no válido"))
            else:
                answers.append(RecordAnswer(number, "Correcto"))
        return AeatAnswer(records=answers, wait_seconds=self.wait_seconds)


@dataclass
class SubmissionReport:
    sent: int = 0
    accepted: int = 0
    refused: int = 0
    wait_seconds: dict[str, int] = field(default_factory=dict)


async def submit_pending(
    sessions: async_sessionmaker[AsyncSession], aeat: AeatGateway, *, tenant_id: uuid.UUID
) -> SubmissionReport:
    """Send the tenant's pending records, per issuer and in chain order; store each answer."""
    report = SubmissionReport()
    async with tenant_transaction(sessions, tenant_id) as session:
        pending = (
            await session.execute(
                select(
                    verifactu_records.c.issuer_tax_id,
                    verifactu_records.c.position,
                    verifactu_records.c.fields,
                    verifactu_records.c.xml,
                )
                .where(
                    verifactu_records.c.tenant_id == tenant_id,
                    verifactu_records.c.submission_status.in_(("pending",)),
                )
                .order_by(verifactu_records.c.issuer_tax_id, verifactu_records.c.position)
            )
        ).all()
    by_issuer: dict[str, list[tuple[int, str]]] = {}
    for issuer, position, _fields, xml in pending:
        by_issuer.setdefault(issuer, []).append((position, xml))
    for issuer, records in by_issuer.items():
        for start in range(0, len(records), MAX_RECORDS_PER_REQUEST):
            batch = records[start : start + MAX_RECORDS_PER_REQUEST]
            answer = await aeat.submit(issuer, [xml for _, xml in batch])
            report.sent += len(batch)
            report.wait_seconds[issuer] = answer.wait_seconds
            async with tenant_transaction(sessions, tenant_id) as session:
                for (position, _), result in zip(batch, answer.records, strict=True):
                    accepted = result.outcome != "Incorrecto"
                    report.accepted += accepted
                    report.refused += not accepted
                    await session.execute(
                        update(verifactu_records)
                        .where(
                            verifactu_records.c.tenant_id == tenant_id,
                            verifactu_records.c.issuer_tax_id == issuer,
                            verifactu_records.c.position == position,
                        )
                        .values(submission_status="accepted" if accepted else "refused")
                    )
            if answer.wait_seconds and start + MAX_RECORDS_PER_REQUEST < len(records):
                # The AEAT's pace; a scheduled job would come back later instead of waiting.
                break
    return report
