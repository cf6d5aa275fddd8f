"""Inbound messages (the providers' webhooks), the secret that signs them, and the triage of
messages from unknown senders."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, status

from cartera_crm.common import Directory, ReadIdentity, Settings, WriteIdentity
from cartera_crm.inbound import service
from cartera_crm.inbound.schemas import (
    GENERIC_MESSAGE_SCHEMA,
    AssignIn,
    InboundReceipt,
    InboundSecretAnswer,
    Provider,
    TriageItem,
    TriageList,
)
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import ListCursor
from cartera_shared.problems import Forbidden, PayloadTooLarge

router = APIRouter(prefix="/v1/inbound", tags=["inbound"], responses=errors())
settings_router = APIRouter(prefix="/v1/crm", tags=["inbound"], responses=errors())
InboundIdentity = Annotated[Identity, require_scope("crm:inbound")]
MAX_BODY_BYTES = 256 * 1024
MAILGUN_FORM_EXAMPLE = {
    "timestamp": "1796299200",
    "token": "c2b0f5e4a1d94f6f8e3b7a9d0c1e2f3a4b5c6d7e8f9a0b1c2d",
    "signature": "9f0c4e1b7d2a5c8e3f6b9a0d1c4e7f2a5b8c1d4e7f0a3b6c9d2e5f8a1b4c7d0e",
    "Message-Id": "<20261203.1234@cliente.es>",
    "from": "Ana Ruiz <ana@cliente.es>",
    "recipient": "soporte@mi-empresa.es",
    "subject": "Duplicado",
    "body-plain": "¿Me pueden reenviar la factura de noviembre?",
}


@settings_router.post(
    "/inbound-secret", status_code=status.HTTP_201_CREATED, response_model=InboundSecretAnswer
)
async def rotate_inbound_secret(
    identity: WriteIdentity, session: TenantSession, settings: Settings
) -> dict[str, Any]:
    """Create or rotate the secret that signs inbound webhooks. Shown once; the previous one
    keeps working for CARTERA_CRM_INBOUND_ROTATION_GRACE_HOURS."""
    return await service.rotate_inbound_secret(session, settings, tenant_id=identity.tenant_id)


@router.post(
    "/{tenant_id}/{provider}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=InboundReceipt,
    response_model_exclude_unset=True,  # `client_id` only when the message was logged
    responses=errors(401, 403, 409, 413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": GENERIC_MESSAGE_SCHEMA},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "description": "Mailgun's inbound-route form fields, as it sends them.",
                        "additionalProperties": {"type": "string"},
                        "examples": [MAILGUN_FORM_EXAMPLE],
                    },
                },
            },
        }
    },
)
async def receive_inbound_message(
    tenant_id: uuid.UUID,
    provider: Annotated[Provider, Path()],
    request: Request,
    identity: InboundIdentity,
    runtime: Runtime,
    directory: Directory,
    settings: Settings,
) -> dict[str, Any]:
    """A message from an e-mail or messaging provider (public at the gateway, signed with the
    tenant's inbound secret): `generic` takes Cartera's JSON, `mailgun` Mailgun's form. It
    becomes an interaction or a request of the client the sender matches, or a triage item."""
    if identity.tenant_id != tenant_id:
        raise Forbidden("This identity may not deliver messages to that tenant.")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"An inbound message is at most {MAX_BODY_BYTES} bytes.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"An inbound message is at most {MAX_BODY_BYTES} bytes.")
    # The service opens its own transactions (the secrets are read before the body is trusted).
    return await service.receive(
        runtime.sessions,
        directory,
        settings,
        tenant_id=tenant_id,
        provider=provider,
        body=body,
        headers=request.headers,
    )


@settings_router.get("/triage", response_model=TriageList)
async def list_triage_items(
    identity: ReadIdentity,
    session: TenantSession,
    status: Annotated[Literal["pending", "assigned", "dismissed"] | None, Query()] = "pending",
    limit: Annotated[
        int,
        Query(
            ge=1, le=500, description="How many items on the page: 1 to 500, 100 when not given."
        ),
    ] = 100,
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """Messages waiting for someone to file them (or, with `status`, those already decided),
    newest first, a page at a time: `next_cursor` asks for the next page (null on the last)."""
    service.triage_keyset(cursor)  # a bad cursor is refused before the transaction does anything
    return await service.list_triage_items(
        session, tenant_id=identity.tenant_id, status=status, limit=limit, cursor=cursor
    )


@settings_router.post(
    "/triage/{item_id}/assign", response_model=TriageItem, responses=errors(404, 409)
)
async def assign_triage_item(
    item_id: uuid.UUID,
    body: AssignIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    settings: Settings,
) -> dict[str, Any]:
    """File a message from an unknown sender under a client, as an interaction or a request."""
    return await service.assign_triage_item(
        session,
        directory,
        settings,
        tenant_id=identity.tenant_id,
        by=identity.subject,
        item_id=item_id,
        body=body,
    )


@settings_router.post(
    "/triage/{item_id}/dismiss", response_model=TriageItem, responses=errors(404, 409)
)
async def dismiss_triage_item(
    item_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Drop a message that belongs to no client."""
    return await service.dismiss_triage_item(session, tenant_id=identity.tenant_id, item_id=item_id)
