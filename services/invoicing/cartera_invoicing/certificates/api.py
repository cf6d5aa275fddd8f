"""HTTP API of the certificate store (certificates.py): the tenant's certificate, its declared
representatives and how its VERI*FACTU records are sent. Owner only: the `certificates:*`
scopes, which no role but the owner's holds (an owner may give them to an API key)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request, Response, status
from pydantic import ConfigDict, Field, StringConstraints
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.certificates.schemas import (
    CertificateRead,
    RepresentativeList,
    RepresentativeRead,
    VerifactuMode,
)
from cartera_invoicing.certificates.small_form import invalid, read_small_form
from cartera_invoicing.domain.nif import spanish_nif
from cartera_invoicing.domain.pkcs12 import CertificateRefused
from cartera_invoicing.verifactu import status as verifactu_status
from cartera_shared.contract import errors
from cartera_shared.db import tenant_transaction
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import ListCursor, page_limit
from cartera_shared.problems import Code, NotFound, UnprocessableEntity
from cartera_shared.text import Input

router = APIRouter(tags=["certificates"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("certificates:read")]
WriteIdentity = Annotated[Identity, require_scope("certificates:write")]

# A PKCS#12 with a key and a chain of three certificates is 5-10 KiB; 64 KiB leaves room and
# keeps a hostile body from costing more than that.
MAX_UPLOAD_BYTES = 64 * 1024
UPLOAD_FIELDS = ("file", "password")
UPLOAD_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "password"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The PKCS#12 file (.p12, .pfx): the certificate with "
                            "its private key.",
                        },
                        "password": {
                            "type": "string",
                            "format": "password",
                            "description": "The password the file was exported with.",
                        },
                    },
                }
            }
        },
    }
}


def _refusal(exc: CertificateRefused) -> UnprocessableEntity:
    return UnprocessableEntity(
        exc.message,
        code=Code.CERTIFICATE_REFUSED,
        errors=[{"loc": ["body", exc.field], "msg": exc.message, "type": exc.code}],
    )


# ------------------------------------------------------------------ the certificate


@router.put(
    "/v1/issuer/certificate",
    openapi_extra=UPLOAD_REQUEST_BODY,
    response_model=CertificateRead,
    responses={
        **errors(400, 413),
        415: {"description": "The body is not multipart/form-data."},
    },
)
async def upload_issuer_certificate(
    request: Request, identity: WriteIdentity, runtime: Runtime
) -> dict[str, Any]:
    """Upload the certificate VERI*FACTU records are sent with (multipart/form-data: `file`, a
    PKCS#12 `.p12`/`.pfx`, and its `password`). It must hold the private key, be valid now, be
    meant for client authentication, and name the issuer's NIF or a declared representative's;
    it replaces the current certificate of the same NIF. The key is kept encrypted and is never
    returned."""
    parts = await read_small_form(
        request, allowed=UPLOAD_FIELDS, max_bytes=MAX_UPLOAD_BYTES, what="the certificate"
    )
    missing = [
        {"loc": ["body", name], "msg": "Field required", "type": "missing"}
        for name in UPLOAD_FIELDS
        if name not in parts
    ]
    if missing:
        raise UnprocessableEntity("The form lacks a field.", errors=missing)
    try:
        password = parts["password"].data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid("password", "The password is not UTF-8 text", "string_type") from exc
    try:
        opened = await certificates.open_upload(bytes(parts["file"].data), password)
    except CertificateRefused as exc:
        raise _refusal(exc) from None  # the library's words about the file stay out
    keys = certificates.installed()
    # Not a request-wide session: the body is read and the file opened before a database
    # connection is taken, so a slow upload never holds one.
    async with tenant_transaction(runtime.sessions, identity.tenant_id) as session:
        try:
            row = await certificates.store_certificate(
                session,
                tenant_id=identity.tenant_id,
                opened=opened,
                actor=identity.subject,
                keys=keys.data_keys,
            )
        except CertificateRefused as exc:
            raise _refusal(exc) from None
        # Records waiting for a certificate go now, not at the sender's next look a minute on.
        await verifactu_status.wake_sender(session, identity.tenant_id)
        stored = await certificates.stored_certificates(session, identity.tenant_id)
    return certificates.read_certificate(next(s for s in stored if s.row["id"] == row["id"]))


@router.get("/v1/issuer/certificate", response_model=CertificateRead, responses=errors(404))
async def get_issuer_certificate(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """The certificate the tenant's records are sent with (or, when none can be, the one that
    would be, with why not): subject, NIF, the certification authority, serial, SHA-256
    fingerprint, validity and days to expiry, and whether it is the issuer's own or a
    representative's. Never the key."""
    stored = await certificates.stored_certificates(session, identity.tenant_id)
    if not stored:
        raise NotFound("No certificate has been uploaded (PUT /v1/issuer/certificate).")
    return certificates.read_certificate(stored[0])


# ------------------------------------------------------------------ representatives


class RepresentativeIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Gestoría Ejemplo SL",
                    "granted_on": "2026-01-05",
                    "reference": "AP-2026-000123",
                }
            ]
        },
    )

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    granted_on: dt.date = Field(description="When the representation was granted.")
    reference: str | None = Field(
        default=None,
        max_length=100,
        description="The AEAT's reference of the apoderamiento or authorisation, if any.",
    )


NifPath = Annotated[str, Path(min_length=2, max_length=20, description="A Spanish NIF.")]


def _nif(value: str) -> str:
    nif = spanish_nif(value)
    if nif is None:
        raise UnprocessableEntity(
            f"{value!r} is not a valid Spanish NIF.",
            code=Code.INVALID_TAX_ID,
            errors=[{"loc": ["path", "nif"], "msg": "not a valid Spanish NIF", "type": "nif"}],
        )
    return nif


@router.put("/v1/issuer/representatives/{nif}", response_model=RepresentativeRead)
async def put_representative(
    nif: NifPath, body: RepresentativeIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Declare that `nif` may submit the tenant's records for it: the tenant granted it the
    representation at the AEAT (an apoderamiento for the procedure, or a social collaborator it
    authorised; docs/verifactu.md). A certificate of that NIF is then accepted."""
    normalised = _nif(nif)
    if body.granted_on > certificates.now().date():
        raise UnprocessableEntity(
            "granted_on cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=[{"loc": ["body", "granted_on"], "msg": "in the future", "type": "future"}],
        )
    row = await certificates.put_representative(
        session,
        tenant_id=identity.tenant_id,
        nif=normalised,
        name=body.name,
        granted_on=body.granted_on,
        reference=body.reference,
        actor=identity.subject,
    )
    return certificates.read_representative(row)


@router.get("/v1/issuer/representatives", response_model=RepresentativeList)
async def list_representatives(
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The representatives declared to submit the tenant's records, by NIF, a page at a time:
    `next_cursor` asks for the next page (null on the last)."""
    certificates.representatives_keyset(cursor)  # a bad cursor is refused before the transaction
    rows, next_cursor = await certificates.representatives_page(
        session, identity.tenant_id, limit=limit, cursor=cursor
    )
    return {
        "items": [certificates.read_representative(r) for r in rows],
        "next_cursor": next_cursor,
    }


@router.delete(
    "/v1/issuer/representatives/{nif}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(404),
)
async def delete_representative(
    nif: NifPath, identity: WriteIdentity, session: TenantSession
) -> Response:
    """Withdraw a representation: its certificate is no longer used for the tenant."""
    normalised = _nif(nif)
    deleted = await certificates.delete_representative(
        session, tenant_id=identity.tenant_id, nif=normalised
    )
    if not deleted:
        raise NotFound(f"{normalised} is not a declared representative.")
    return Response(status_code=204)


# ------------------------------------------------------------------ the mode


class ModeIn(Input):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"mode": "operator"}]}
    )

    mode: Literal["own_certificate", "operator", "off"] = Field(
        description="own_certificate: with the tenant's certificate; operator: with the "
        "operator's, as the tenant's declared representative; off: records are not sent."
    )


async def _mode_answer(session: AsyncSession, identity: Identity) -> dict[str, Any]:
    keys = certificates.installed()
    return {
        "mode": await certificates.mode_of(session, identity.tenant_id),
        "submission_enabled": await certificates.submission_enabled(session, identity.tenant_id),
        "operator": certificates.operator_summary(keys),
    }


@router.get("/v1/issuer/verifactu", response_model=VerifactuMode)
async def get_verifactu_mode(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """How the tenant's records are sent, whether they are being sent now (a valid certificate
    at hand), and the operator's NIF to declare as representative for operator mode."""
    return await _mode_answer(session, identity)


@router.put("/v1/issuer/verifactu", response_model=VerifactuMode)
async def set_verifactu_mode(
    body: ModeIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Choose how the tenant's records are sent. `operator` needs the operator's certificate
    configured and the operator's NIF declared as the tenant's representative (else 422)."""
    await certificates.set_mode(
        session, tenant_id=identity.tenant_id, mode=body.mode, actor=identity.subject
    )
    await verifactu_status.wake_sender(session, identity.tenant_id)
    return await _mode_answer(session, identity)
