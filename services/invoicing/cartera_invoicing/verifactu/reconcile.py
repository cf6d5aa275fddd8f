"""Reconciliation: what the AEAT holds for a tenant's issuers in a month, against what Cartera
believes it holds, every difference named.

    python -m cartera_invoicing.verifactu.reconcile --tenant ID --year 2027 --month 1

prints the report as JSON and exits 0 when there is no difference, 1 when there are, 3 when the
AEAT could not be asked (no endpoint set, or no answer); `GET /v1/verifactu/reconciliation`
answers the same report.

The AEAT answers ConsultaFactuSistemaFacturacion per invoice (IDFactura) for the period of its
issue date (PeriodoImputacion), with the state of the last record it holds for it (Correcta,
AceptadaConErrores, Anulada) and that record's huella. Cartera believes the AEAT holds, for each
invoice, its last record that was accepted (with or without errors); an accepted anulación means
the invoice is held as Anulada. Differences:

- `held_not_accepted`: the AEAT holds the invoice; no record of it was accepted here (pending,
  being sent, rejected, or unknown to Cartera);
- `accepted_not_held`: accepted here; the AEAT holds nothing for that invoice;
- `different_huella`: both hold it, with different huellas;
- `different_state`: both hold it, in different states.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import json
import sys
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.aeat.credentials import Party
from cartera_invoicing.models import verifactu_chains, verifactu_records
from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu import status
from cartera_invoicing.verifactu.ports import (
    HeldRecordLike,
    VerifactuParts,
    close_parts,
    installed_parts,
)
from cartera_invoicing.verifactu.sender import held_records, issuer_name
from cartera_shared.db import create_engine, session_factory, tenant_transaction

CORRECT, WITH_ERRORS, CANCELLED = "Correcta", "AceptadaConErrores", "Anulada"


def _aeat_state(text: str) -> str:
    state = text.strip().lower()
    if state.startswith("anulad"):
        return CANCELLED
    if state.startswith("aceptad"):
        return WITH_ERRORS
    return CORRECT


def _expected_state(row: Mapping[Any, Any]) -> str:
    if row["kind"] == "anulacion":
        return CANCELLED
    return WITH_ERRORS if row["status"] == status.ACCEPTED_WITH_ERRORS else CORRECT


def _here(row: Mapping[Any, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "record_id": str(row["id"]),
        "position": row["position"],
        "kind": row["kind"],
        "status": row["status"],
        "huella": row["huella"],
    }


def _aeat(held: HeldRecordLike | None) -> dict[str, Any] | None:
    if held is None:
        return None
    return {"status": held.status, "operation": held.operation, "huella": held.huella}


def differences(
    rows: Sequence[Mapping[Any, Any]], held: Mapping[tuple[str, dt.date], HeldRecordLike]
) -> list[dict[str, Any]]:
    """Every difference between an issuer's records of a period (chain order) and what the
    AEAT holds for it."""
    latest: dict[tuple[str, dt.date], Mapping[Any, Any]] = {}
    believed: dict[tuple[str, dt.date], Mapping[Any, Any]] = {}
    # The huellas an invoice held as cancelled may show: its anulación's, or that of the alta
    # it cancelled (the query's data is the alta's: RespuestaConsultaLR.xsd).
    altas: dict[tuple[str, dt.date], set[str]] = collections.defaultdict(set)
    for row in rows:
        key = status.record_key(row["kind"], row["fields"])
        invoice = (key.number, key.issue_date)
        latest[invoice] = row
        if row["status"] in status.HELD:
            believed[invoice] = row
            if row["kind"] == "alta":
                altas[invoice].add(row["huella"].upper())
    found: list[dict[str, Any]] = []

    def note(kind: str, invoice: tuple[str, dt.date], here: Any, there: Any) -> None:
        found.append(
            {
                "kind": kind,
                "number": invoice[0],
                "issue_date": invoice[1].isoformat(),
                "here": _here(here),
                "aeat": _aeat(there),
            }
        )

    for invoice in sorted(set(latest) | set(held)):
        ours, theirs = believed.get(invoice), held.get(invoice)
        if theirs is not None and ours is None:
            note("held_not_accepted", invoice, latest.get(invoice), theirs)
        elif ours is not None and theirs is None:
            note("accepted_not_held", invoice, ours, None)
        elif ours is not None and theirs is not None:
            allowed = {ours["huella"].upper()}
            if ours["kind"] == "anulacion":
                allowed |= altas[invoice]
            if theirs.huella and theirs.huella.strip().upper() not in allowed:
                note("different_huella", invoice, ours, theirs)
            if _aeat_state(theirs.status) != _expected_state(ours):
                note("different_state", invoice, ours, theirs)
    return found


async def _period_rows(
    session: AsyncSession, tenant_id: uuid.UUID, issuer_nif: str, year: int, month: int
) -> list[Mapping[Any, Any]]:
    # The AEAT files a record under the month of its invoice's issue date (dd-mm-yyyy).
    issued = func.coalesce(
        verifactu_records.c.fields["FechaExpedicionFactura"].astext,
        verifactu_records.c.fields["FechaExpedicionFacturaAnulada"].astext,
    )
    rows = await session.execute(
        select(verifactu_records)
        .where(
            verifactu_records.c.tenant_id == tenant_id,
            verifactu_records.c.issuer_tax_id == issuer_nif,
            func.right(issued, 7) == f"{month:02d}-{year:04d}",
        )
        .order_by(verifactu_records.c.position)
    )
    return list(rows.mappings().all())


async def reconcile_period(
    sessions: async_sessionmaker[AsyncSession],
    parts: VerifactuParts,
    *,
    tenant_id: uuid.UUID,
    year: int,
    month: int,
) -> dict[str, Any]:
    """The report for one tenant and month. Raises `parts.unavailable` when the AEAT does not
    answer."""
    async with tenant_transaction(sessions, tenant_id) as session:
        issuers = list(
            (
                await session.execute(
                    select(verifactu_chains.c.issuer_tax_id)
                    .where(verifactu_chains.c.tenant_id == tenant_id)
                    .order_by(verifactu_chains.c.issuer_tax_id)
                )
            ).scalars()
        )
        plans = []
        for nif in issuers:
            rows = await _period_rows(session, tenant_id, nif, year, month)
            latest = await session.scalar(
                select(verifactu_records.c.xml)
                .where(
                    verifactu_records.c.tenant_id == tenant_id,
                    verifactu_records.c.issuer_tax_id == nif,
                )
                .order_by(verifactu_records.c.position.desc())
                .limit(1)
            )
            party = Party(nif=nif, name=issuer_name(latest) if latest else "")
            submitter = await parts.certificates.submitter_for(session, tenant_id, party)
            plans.append((nif, rows, submitter))
    report: list[dict[str, Any]] = []
    for nif, rows, submitter in plans:
        accepted = sum(row["status"] in status.HELD for row in rows)
        if submitter is None:
            report.append(
                {
                    "issuer_tax_id": nif,
                    "queried": False,
                    "reason": "no valid certificate to ask the AEAT with",
                    "records_here": len(rows),
                    "accepted_here": accepted,
                    "held_at_aeat": None,
                    "differences": [],
                }
            )
            continue
        held = await held_records(parts, submitter, [(year, month)])
        report.append(
            {
                "issuer_tax_id": nif,
                "queried": True,
                "reason": None,
                "records_here": len(rows),
                "accepted_here": accepted,
                "held_at_aeat": len(held),
                "differences": differences(rows, held),
            }
        )
    return {
        "tenant_id": str(tenant_id),
        "year": year,
        "month": month,
        "issuers": report,
        "differences": sum(len(issuer["differences"]) for issuer in report),
    }


# ------------------------------------------------------------------ the command


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m cartera_invoicing.verifactu.reconcile",
        description="Report every difference between what the AEAT holds for a tenant's "
        "issuers in a month and what Cartera believes.",
    )
    parser.add_argument("--tenant", required=True, type=uuid.UUID, help="the tenant's id")
    parser.add_argument(
        "--year", required=True, type=int, choices=range(2024, 2101), metavar="YYYY"
    )
    parser.add_argument("--month", required=True, type=int, choices=range(1, 13), metavar="1-12")
    return parser.parse_args(argv)


async def run(
    argv: Sequence[str] | None = None,
    *,
    settings: InvoicingSettings | None = None,
    parts: VerifactuParts | None = None,
) -> int:
    arguments = _arguments(argv)
    settings = settings or InvoicingSettings()
    own_parts = parts is None
    if parts is None:
        parts = installed_parts(
            settings.verifactu_endpoint,
            ca_file=settings.verifactu_ca_file,
            timeout_seconds=settings.verifactu_timeout_seconds,
        )
    if parts is None:
        print(
            "CARTERA_INVOICING_VERIFACTU_ENDPOINT is not set: the AEAT cannot be asked.",
            file=sys.stderr,
        )
        return 3
    engine = create_engine(settings.effective_app_url, pool_size=2, application_name="reconcile")
    try:
        report = await reconcile_period(
            session_factory(engine),
            parts,
            tenant_id=arguments.tenant,
            year=arguments.year,
            month=arguments.month,
        )
    except parts.unavailable as exc:
        print(f"The AEAT did not answer ({getattr(exc, 'kind', 'unavailable')}).", file=sys.stderr)
        return 3
    finally:
        await engine.dispose()
        if own_parts:
            await close_parts(parts)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["differences"] else 0


def main() -> None:
    raise SystemExit(asyncio.run(run()))


if __name__ == "__main__":
    main()
