"""Records in the real database for the VERI*FACTU sender's tests: a chain of an issuer, its
invoices and their stored requests (RegFactuSistemaFacturacion documents, one record each, in the
AEAT's namespaces), written straight to the tables as issuing writes them."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from cartera_invoicing.domain.verifactu import SF_LR_NS, SF_NS
from cartera_invoicing.models import invoices, series, verifactu_chains, verifactu_records
from cartera_shared.db import tenant_transaction
from cartera_shared.testing import random_cif

ISSUE_DATE = dt.date(2026, 12, 6)


@dataclass(frozen=True)
class Seeded:
    position: int
    number: str
    huella: str
    invoice_id: uuid.UUID


def stored_request(
    issuer: str, name: str, number: str, issue_date: dt.date, huella: str, kind: str
) -> str:
    day = issue_date.strftime("%d-%m-%Y")
    if kind == "anulacion":
        body = (
            "<sf:RegistroAnulacion><sf:IDVersion>1.0</sf:IDVersion><sf:IDFactura>"
            f"<sf:IDEmisorFacturaAnulada>{issuer}</sf:IDEmisorFacturaAnulada>"
            f"<sf:NumSerieFacturaAnulada>{number}</sf:NumSerieFacturaAnulada>"
            f"<sf:FechaExpedicionFacturaAnulada>{day}</sf:FechaExpedicionFacturaAnulada>"
            f"</sf:IDFactura><sf:Huella>{huella}</sf:Huella></sf:RegistroAnulacion>"
        )
    else:
        body = (
            "<sf:RegistroAlta><sf:IDVersion>1.0</sf:IDVersion><sf:IDFactura>"
            f"<sf:IDEmisorFactura>{issuer}</sf:IDEmisorFactura>"
            f"<sf:NumSerieFactura>{number}</sf:NumSerieFactura>"
            f"<sf:FechaExpedicionFactura>{day}</sf:FechaExpedicionFactura>"
            f"</sf:IDFactura><sf:Huella>{huella}</sf:Huella></sf:RegistroAlta>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f'<sfLR:RegFactuSistemaFacturacion xmlns:sfLR="{SF_LR_NS}" xmlns:sf="{SF_NS}">'
        "<sfLR:Cabecera><sf:ObligadoEmision>"
        f"<sf:NombreRazon>{name}</sf:NombreRazon><sf:NIF>{issuer}</sf:NIF>"
        "</sf:ObligadoEmision></sfLR:Cabecera>"
        f"<sfLR:RegistroFactura>{body}</sfLR:RegistroFactura>"
        "</sfLR:RegFactuSistemaFacturacion>"
    )


async def seed_records(
    sessions,
    tenant_id: uuid.UUID,
    count: int,
    *,
    issuer: str | None = None,
    name: str = "Levante Servicios S.L.",
    generated_at: dt.datetime | None = None,
    issue_date: dt.date = ISSUE_DATE,
    prefix: str = "F",
    cancel: list[Seeded] | None = None,
) -> tuple[str, list[Seeded]]:
    """Append `count` alta records (or an anulación of each record in `cancel`) to the issuer's
    chain; returns the issuer's NIF and the records in chain order."""
    issuer = issuer or random_cif()
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    async with tenant_transaction(sessions, tenant_id) as session:
        series_id = await session.scalar(
            select(series.c.id).where(series.c.tenant_id == tenant_id, series.c.code == prefix)
        )
        if series_id is None:
            series_id = uuid.uuid4()
            await session.execute(
                insert(series).values(
                    id=series_id,
                    tenant_id=tenant_id,
                    code=prefix,
                    prefix=prefix,
                    kind="ordinary",
                    yearly_restart=True,
                )
            )
        head = (
            await session.execute(
                pg_insert(verifactu_chains)
                .values(tenant_id=tenant_id, issuer_tax_id=issuer, last_position=0)
                .on_conflict_do_update(
                    index_elements=[verifactu_chains.c.tenant_id, verifactu_chains.c.issuer_tax_id],
                    set_={"last_position": verifactu_chains.c.last_position},
                )
                .returning(verifactu_chains.c.last_position)
            )
        ).scalar_one()
        made: list[Seeded] = []
        invoice_rows, record_rows = [], []
        targets = cancel if cancel is not None else [None] * count
        for offset, target in enumerate(targets, start=1):
            position = head + offset
            huella = secrets.token_hex(32).upper()
            if target is None:
                invoice_id = uuid.uuid4()
                number = f"{prefix}-{uuid.uuid4().hex[:6].upper()}-{position:05d}"
                invoice_rows.append(
                    {
                        "id": invoice_id,
                        "tenant_id": tenant_id,
                        "status": "issued",
                        "series_id": series_id,
                        "invoice_type": "F1",
                        "issue_date": issue_date,
                        "lines": [],
                        "taxable_base": 0,
                        "vat": 0,
                        "surcharge": 0,
                        "irpf": 0,
                        "total": 0,
                        "number": number,
                    }
                )
                fields = {
                    "IDEmisorFactura": issuer,
                    "NumSerieFactura": number,
                    "FechaExpedicionFactura": issue_date.strftime("%d-%m-%Y"),
                    "Huella": huella,
                }
                kind = "alta"
            else:
                invoice_id, number = target.invoice_id, target.number
                fields = {
                    "IDEmisorFacturaAnulada": issuer,
                    "NumSerieFacturaAnulada": number,
                    "FechaExpedicionFacturaAnulada": issue_date.strftime("%d-%m-%Y"),
                    "Huella": huella,
                }
                kind = "anulacion"
            record_rows.append(
                {
                    "tenant_id": tenant_id,
                    "issuer_tax_id": issuer,
                    "position": position,
                    "invoice_id": invoice_id,
                    "kind": kind,
                    "fields": fields,
                    "huella": huella,
                    "xml": stored_request(issuer, name, number, issue_date, huella, kind),
                    "generated_at": generated_at,
                }
            )
            made.append(Seeded(position, number, huella, invoice_id))
        if invoice_rows:
            await session.execute(insert(invoices), invoice_rows)
        await session.execute(insert(verifactu_records), record_rows)
        await session.execute(
            update(verifactu_chains)
            .where(
                verifactu_chains.c.tenant_id == tenant_id,
                verifactu_chains.c.issuer_tax_id == issuer,
            )
            .values(last_position=head + len(made), last_huella=made[-1].huella)
        )
    return issuer, made
