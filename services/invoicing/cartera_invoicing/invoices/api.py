"""HTTP API of the invoicing service (reached only through the gateway)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.dependencies import (
    Directory,
    Groups,
    IdempotencyKey,
    Producer,
    ReadIdentity,
    WriteIdentity,
)
from cartera_invoicing.domain.facturae import face_centres, facturae_xml
from cartera_invoicing.domain.invoice import InvalidInvoice
from cartera_invoicing.domain.serialize import invoice_from_json
from cartera_invoicing.invoices import cancellation, issuing, service
from cartera_invoicing.invoices.schemas import (
    InvoiceBatchIn,
    InvoiceBatchRead,
    InvoiceCreate,
    InvoicePage,
    InvoiceRead,
    InvoiceUpdate,
    IssuerIn,
    IssuerRead,
    RectifyIn,
    SeriesCreate,
    SeriesPage,
    SeriesRead,
)
from cartera_invoicing.invoices.signing import SigningError, sign_facturae
from cartera_invoicing.models import idempotency_keys, invoices, series
from cartera_invoicing.verifactu import chain as verifactu_chain
from cartera_invoicing.verifactu import status as verifactu_status
from cartera_invoicing.verifactu.schemas import InvoiceRegistration
from cartera_shared import idempotency
from cartera_shared.contract import Answer, errors
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset, ListCursor, ListOrder, page_limit
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity

router = APIRouter(responses=errors())


def _fields_of(model: type[Answer], row: RowMapping) -> dict[str, Any]:
    """The row's columns the answer shows (a table row carries more: the tenant, internals)."""
    return {name: row[name] for name in model.model_fields if name in row}


# ------------------------------------------------------------------ issuer


@router.put("/v1/issuer", response_model=IssuerRead, tags=["issuer"])
async def put_issuer(body: IssuerIn, identity: WriteIdentity, session: TenantSession) -> IssuerRead:
    """Set the tenant's own fiscal data: a new version, printed on invoices issued from
    `valid_from` on; invoices already issued keep the version they were issued with."""
    row = await service.put_issuer(
        session, tenant_id=identity.tenant_id, data=body, actor=identity.subject
    )
    return IssuerRead.model_validate(_fields_of(IssuerRead, row))


@router.get("/v1/issuer", response_model=IssuerRead, tags=["issuer"], responses=errors(404))
async def get_issuer(identity: ReadIdentity, session: TenantSession) -> IssuerRead:
    """The issuer's fiscal data in force today (404 until `PUT /v1/issuer`)."""
    row = await service.issuer_in_force(session, identity.tenant_id)
    if row is None:
        raise NotFound("The issuer's fiscal data has not been set yet (PUT /v1/issuer).")
    return IssuerRead.model_validate(_fields_of(IssuerRead, row))


# ------------------------------------------------------------------ series


@router.post(
    "/v1/series",
    status_code=status.HTTP_201_CREATED,
    response_model=SeriesRead,
    tags=["series"],
    responses=errors(409),
)
async def create_series(
    body: SeriesCreate, identity: WriteIdentity, session: TenantSession
) -> SeriesRead:
    """Open a numbering series (409 when its code is taken). A rectifying series numbers the
    rectifying invoices, a simplified one the simplified invoices."""
    row = await service.create_series(session, tenant_id=identity.tenant_id, data=body)
    return SeriesRead.model_validate(_fields_of(SeriesRead, row))


@router.get("/v1/series", response_model=SeriesPage, tags=["series"])
async def list_series(
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> SeriesPage:
    """The tenant's series in the order they were opened, a page at a time (`next_cursor`)."""
    keyset = Keyset(series.c.created_at, series.c.id, cursor=cursor, name="series")
    rows, next_cursor = await service.series_page(
        session, tenant_id=identity.tenant_id, keyset=keyset, limit=limit
    )
    return SeriesPage(
        items=[SeriesRead.model_validate(_fields_of(SeriesRead, r)) for r in rows],
        next_cursor=next_cursor,
    )


# ------------------------------------------------------------------ invoices


@router.post(
    "/v1/invoices",
    status_code=status.HTTP_201_CREATED,
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(409),
)
async def create_invoice(
    body: InvoiceCreate,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    producer: Producer,
    groups: Groups,
    idempotency_key: IdempotencyKey = None,
    issue: Annotated[
        bool,
        Query(
            description="Issue it at once: the draft and its issue in one transaction, so "
            "either the invoice comes back issued or nothing at all is written."
        ),
    ] = False,
) -> JSONResponse:
    """Make a draft (changed and deleted freely until it is issued), or with `issue=true` an
    issued invoice in one call."""

    async def create() -> dict[str, Any]:
        if not issue:
            return issuing.read_model(
                await service.create_draft(
                    session, tenant_id=identity.tenant_id, data=body, directory=directory
                )
            )
        # Nobody else could see the draft before the commit, so it is never written as one:
        # its row is inserted once, issued.
        draft, _ = await service.new_draft(
            session, tenant_id=identity.tenant_id, data=body, directory=directory, client_known=True
        )
        recipient_state = await issuing.recipient_of_new(
            session, directory, identity.tenant_id, draft
        )
        issued = await groups.issue(
            session,
            tenant_id=identity.tenant_id,
            draft=draft,
            recipient_state=recipient_state,
            producer=producer,
            # A key's answer is stored in this transaction, so its invoice must be issued in it.
            alone=idempotency_key is not None,
        )
        return issuing.read_model(issued)

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=identity.tenant_id,
        key=idempotency_key,
        operation="create-and-issue-invoice" if issue else "create-invoice",
        payload=body,
        work=create,
        headers=lambda answer: {"Location": f"/v1/invoices/{answer['id']}"},
        answer_model=InvoiceRead,
    )


@router.post(
    "/v1/invoices/batch",
    status_code=status.HTTP_201_CREATED,
    response_model=InvoiceBatchRead,
    tags=["invoices"],
    responses=errors(409),
)
async def create_and_issue_batch(
    body: InvoiceBatchIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Make and issue up to 1,000 invoices in one call (a month's recurring fees, a partner's
    billing run), all or none: one transaction, so either every invoice comes back issued, in
    the order sent and numbered in that order within its series, or nothing at all is written
    and no number is used. A refusal names the invoice it concerns (`item`, its index, and
    `errors[].loc` under `invoices`). The series and the issuer's VERI*FACTU chain stay locked
    while the batch is issued: other issues of the tenant wait for it (about 3 s for 1,000
    invoices on the two-core test machine). Send an `Idempotency-Key` to retry safely. The
    answer sums each invoice up (id, number, totals, due dates); `GET /v1/invoices/{id}` gives
    the whole invoice."""

    async def issue_all() -> dict[str, Any]:
        made = await issuing.create_and_issue_many(
            session,
            tenant_id=identity.tenant_id,
            batch=body.invoices,
            directory=directory,
            producer=producer,
        )
        return {"invoices": made}

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=identity.tenant_id,
        key=idempotency_key,
        operation="create-and-issue-batch",
        payload=body,
        work=issue_all,
        answer_model=InvoiceBatchRead,
    )


@router.get("/v1/invoices", response_model=InvoicePage, tags=["invoices"])
async def list_invoices(
    identity: ReadIdentity,
    session: TenantSession,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: ListCursor = None,
    status: Annotated[Literal["draft", "issued", "cancelled"] | None, Query()] = None,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    order: ListOrder = "oldest",
) -> dict[str, Any]:
    """Invoices and drafts in the order they were created (or newest first), a page at a time
    (`next_cursor`); each issued one with the AEAT's answer to its last Verifactu record
    (`verifactu_status`, `verifactu`)."""
    keyset = Keyset(invoices.c.created_at, invoices.c.id, order, cursor)  # a bad cursor: 422 now
    rows, next_cursor = await service.get_all(
        session,
        tenant_id=identity.tenant_id,
        limit=limit,
        status=status,
        client_id=client_id,
        keyset=keyset,
    )
    latest = await verifactu_status.latest_of(session, identity.tenant_id, [r["id"] for r in rows])
    items = [
        {**issuing.read_model(r), **verifactu_status.invoice_view(latest.get(r["id"]))}
        for r in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/v1/invoices/{invoice_id}",
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404),
)
async def get_invoice(
    invoice_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """An invoice; an issued one also lists its rectifications and the amount they leave."""
    row = await service.get(session, tenant_id=identity.tenant_id, invoice_id=invoice_id)
    answer = issuing.read_model(row)
    latest = await verifactu_status.latest_of(session, identity.tenant_id, [row["id"]])
    answer.update(verifactu_status.invoice_view(latest.get(row["id"])))
    if row["status"] == "issued":
        rectifications = await service.rectifications_of(session, identity.tenant_id, row["id"])
        answer["rectifications"] = [
            {
                "id": str(r["id"]),
                "number": r["number"],
                "type": r["invoice_type"],
                "kind": r["rectification"]["kind"],
                "total": str(r["total"]),
            }
            for r in rectifications
        ]
        answer["net_total"] = str(await service.net_total(session, identity.tenant_id, row))
    return answer


@router.patch(
    "/v1/invoices/{invoice_id}",
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def update_invoice(
    invoice_id: uuid.UUID,
    body: InvoiceUpdate,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
) -> dict[str, Any]:
    """Change a draft (409 once it is issued or cancelled: an issued invoice never changes)."""
    await service.update_draft(
        session,
        tenant_id=identity.tenant_id,
        invoice_id=invoice_id,
        data=body,
        directory=directory,
    )
    row = await service.get(session, tenant_id=identity.tenant_id, invoice_id=invoice_id)
    return issuing.read_model(row)


@router.delete(
    "/v1/invoices/{invoice_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def delete_invoice(
    invoice_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> Response:
    """Delete a draft (409 for an issued or cancelled invoice, which keeps its number)."""
    await service.delete_draft(session, tenant_id=identity.tenant_id, invoice_id=invoice_id)
    return Response(status_code=204)


@router.post(
    "/v1/invoices/{invoice_id}/issue",
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def issue_invoice(
    invoice_id: uuid.UUID,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Issue a draft: it gets its number, the parties' fiscal data in force on its date, its
    Verifactu record, and never changes again."""
    return await issuing.issue(
        session,
        tenant_id=identity.tenant_id,
        invoice_id=invoice_id,
        directory=directory,
        idempotency_key=idempotency_key,
        producer=producer,
    )


@router.post(
    "/v1/invoices/{invoice_id}/rectify",
    status_code=status.HTTP_201_CREATED,
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def rectify_invoice(
    invoice_id: uuid.UUID,
    body: RectifyIn,
    identity: WriteIdentity,
    runtime: Runtime,
    directory: Directory,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Issue a rectifying invoice (R1-R5, by differences or by substitution) of an issued one,
    in a rectifying series; the original never changes and shows its rectifications."""
    # Two transactions with the clients service asked in between (issuing.rectify): not one
    # request-wide session.
    return await issuing.rectify(
        runtime.sessions,
        tenant_id=identity.tenant_id,
        original_id=invoice_id,
        data=body,
        directory=directory,
        idempotency_key=idempotency_key,
        producer=producer,
    )


async def _issued(
    session: AsyncSession, identity: Identity, invoice_id: uuid.UUID, *, cancelled_too: bool = False
) -> tuple[RowMapping, RowMapping | None]:
    row = await service.get(session, tenant_id=identity.tenant_id, invoice_id=invoice_id)
    record = await verifactu_chain.record_of(session, identity.tenant_id, invoice_id)
    if row["status"] == "cancelled" and not cancelled_too:
        raise Conflict(
            cancellation.no_longer_valid(row), code=Code.INVOICE_CANCELLED, reason="cancelled"
        )
    if row["status"] not in ("issued", "cancelled"):
        raise Conflict(
            "A draft has no number, record or printout yet; issue it first.",
            code=Code.INVOICE_DRAFT,
        )
    return row, record


@router.get(
    "/v1/invoices/{invoice_id}/verifactu",
    response_model=InvoiceRegistration,
    tags=["verifactu"],
    responses=errors(404, 409),
)
async def get_invoice_verifactu(
    invoice_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """The invoice's Verifactu registration record (its alta: AEAT's field names, its XML, the QR
    URL) and where the invoice stands at the AEAT now: the status, CSV, the AEAT's error and the
    attempts of its last record (the alta, or the correction or anulación that followed it,
    named in `answer_of`). Every record of the invoice: `/verifactu/records`."""
    row, record = await _issued(session, identity, invoice_id, cancelled_too=True)
    assert record is not None  # every issued invoice has its alta record
    last = (await verifactu_status.latest_of(session, identity.tenant_id, [row["id"]]))[row["id"]]
    return {
        "kind": record["kind"],
        "position": record["position"],
        "fields": record["fields"],
        "xml": record["xml"],
        "qr_url": verifactu_chain.invoice_qr(invoice_from_json(row["issued"])),
        "generated_at": record["generated_at"].isoformat(),
        "record_id": str(record["id"]),
        "submission_status": last["status"],
        **verifactu_status.submission_view(last),
        "answer_of": {
            "record_id": str(last["id"]),
            "kind": last["kind"],
            "position": last["position"],
        },
    }


@router.get(
    "/v1/invoices/{invoice_id}/pdf",
    response_class=Response,
    tags=["invoices"],
    responses={
        200: {
            "description": "The PDF.",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors(404, 409),
    },
)
async def get_invoice_pdf(
    invoice_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> Response:
    """The invoice as printed: every field RD 1619/2012 art. 6 requires. The Verifactu QR and the
    "VERI*FACTU" legend are printed only while the tenant's records are being sent to the AEAT
    (`GET /v1/issuer/verifactu`, `submission_enabled`): otherwise they would promise a check the
    AEAT cannot answer. In test mode the QR is printed (as it would be live), with the mark
    `pdf.TEST_MARK` and without the legend: the record is never sent."""
    # Imported on the first PDF: reportlab and Pillow are 16 MiB of every process's memory, and
    # most processes (those that only issue and serve invoices) never print one.
    from cartera_invoicing.invoices.pdf import invoice_pdf

    row, _ = await _issued(session, identity, invoice_id)
    invoice = invoice_from_json(row["issued"])
    sent = identity.test or await certificates.submission_enabled(session, identity.tenant_id)
    document = invoice_pdf(
        invoice, qr_url=verifactu_chain.invoice_qr(invoice) if sent else None, test=identity.test
    )
    return Response(
        document,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{_file_name(invoice.number)}.pdf"'},
    )


@router.get(
    "/v1/invoices/{invoice_id}/facturae",
    response_class=Response,
    tags=["invoices"],
    responses={
        200: {
            "description": "The FacturaE file: signed (`.xsig`) or unsigned (`.xml`).",
            "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors(404, 409),
    },
)
async def get_invoice_facturae(
    invoice_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    signed: Annotated[
        bool,
        Query(
            description="Sign the file (XAdES-EPES, FacturaE signature policy v3.1) with the "
            "issuer's certificate (PUT /v1/issuer/certificate). false gives the unsigned file, "
            "which FACe refuses."
        ),
    ] = True,
    oficina_contable: Annotated[str | None, Query(max_length=10)] = None,
    organo_gestor: Annotated[str | None, Query(max_length=10)] = None,
    unidad_tramitadora: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """FacturaE 3.2.2, signed with the issuer's certificate (the default) or, on purpose,
    unsigned (`signed=false`). A public body's DIR3 codes route it in FACe: those kept with the
    client at issue, or, for invoices issued before clients kept them, the ones given here."""
    row, _ = await _issued(session, identity, invoice_id)
    invoice = invoice_from_json(row["issued"])
    centres = (
        face_centres(
            oficina_contable=oficina_contable,
            organo_gestor=organo_gestor,
            unidad_tramitadora=unidad_tramitadora,
        )
        if oficina_contable and organo_gestor and unidad_tramitadora
        else ()
    )
    try:
        document = facturae_xml(invoice, administrative_centres=centres)
    except InvalidInvoice as exc:
        raise UnprocessableEntity(f"No FacturaE for this invoice: {exc}") from exc
    name = _file_name(invoice.number)
    if not signed:
        return Response(
            document,
            media_type="application/xml",
            headers={"Content-Disposition": f'attachment; filename="{name}.xml"'},
        )
    signing = await certificates.signing_credentials(session, identity.tenant_id)
    if signing.credentials is None:
        raise Conflict(
            f"This FacturaE cannot be signed: {signing.problem}. Upload the issuer's certificate "
            "with PUT /v1/issuer/certificate, or ask for the unsigned file with ?signed=false "
            "(FACe and public bodies refuse unsigned files).",
            code=Code.NO_SIGNING_CERTIFICATE,
        )
    try:
        document = await asyncio.to_thread(
            sign_facturae,
            document,
            private_key_pem=signing.credentials.private_key_pem,
            certificate_chain_pem=signing.credentials.certificate_pem,
            signing_time=certificates.now(),
        )
    except SigningError as exc:
        raise Conflict(
            f"This FacturaE cannot be signed: {exc}. Upload a certificate that can sign with "
            "PUT /v1/issuer/certificate, or ask for the unsigned file with ?signed=false.",
            code=Code.NO_SIGNING_CERTIFICATE,
        ) from exc
    return Response(
        document,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{name}.xsig"'},
    )


def _file_name(number: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in number)


@router.post(
    "/v1/invoices/{invoice_id}/cancel",
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def cancel_invoice(
    invoice_id: uuid.UUID,
    body: cancellation.CancelIn,
    identity: WriteIdentity,
    session: TenantSession,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Cancel an invoice issued by mistake: a Verifactu anulación is appended to the issuer's
    chain, the invoice becomes `cancelled` (its number stays used) and `invoice.cancelled` tells
    collections (nothing owed; payments become the client's credit), analytics and crm. Not for
    drafts, rectifying invoices, invoices already rectified or already cancelled."""
    return await cancellation.cancel(
        session,
        tenant_id=identity.tenant_id,
        invoice_id=invoice_id,
        data=body,
        actor=identity.subject,
        idempotency_key=idempotency_key,
        producer=producer,
    )
