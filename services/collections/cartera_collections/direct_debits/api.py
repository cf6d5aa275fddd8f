"""SEPA Core direct debits over HTTP: the creditor, mandates, remittances (and their pain.008
file), the bank's confirmation and returned debits."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from cartera_collections.direct_debits import service
from cartera_collections.direct_debits.schemas import (
    CreditorIn,
    DebitReturned,
    Mandate,
    MandateIn,
    Remittance,
    RemittanceConfirmed,
    RemittanceIn,
    ReturnedDebitList,
    ReturnIn,
    SepaCreditor,
)
from cartera_collections.scopes import ReadIdentity, WriteIdentity
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession, part
from cartera_shared.pagination import ListCursor, page_limit

router = APIRouter(prefix="/v1/collections", tags=["direct debits"], responses=errors())


@router.put("/sepa/creditor", response_model=SepaCreditor)
async def set_sepa_creditor(
    body: CreditorIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The tenant as SEPA creditor; its creditor identifier is computed from its NIF."""
    return await service.set_creditor(session, identity.tenant_id, body)


@router.post(
    "/mandates",
    status_code=status.HTTP_201_CREATED,
    response_model=Mandate,
    responses=errors(409),
)
async def create_mandate(
    body: MandateIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Annotated[ClientsDirectory, part(ClientsDirectory)],
) -> dict[str, Any]:
    """Record a debtor's signed SEPA Core mandate; its first collection goes out as FRST."""
    return await service.create_mandate(session, directory, identity.tenant_id, body)


@router.post("/remittances", status_code=status.HTTP_201_CREATED, response_model=Remittance)
async def create_remittance(
    body: RemittanceIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """A remittance of every unpaid instalment due by `due_until` whose client has a mandate.

    Instalments it cannot collect yet are listed in `deferred` with the reason (an expired
    mandate, a first collection not confirmed yet or already in this file); with nothing to
    collect the answer is a 422 that lists them, and nothing is written."""
    return await service.create_remittance(session, identity.tenant_id, body)


@router.get(
    "/remittances/{remittance_id}/xml",
    response_class=Response,
    responses={
        200: {
            "description": "The pain.008.001.02 file to upload to the bank.",
            "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors(404),
    },
)
async def download_remittance_xml(
    remittance_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> Response:
    """The remittance's pain.008.001.02 file, to upload to the bank."""
    xml, filename = await service.remittance_file(session, identity.tenant_id, remittance_id)
    return Response(
        xml,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/remittances/{remittance_id}/confirm",
    response_model=RemittanceConfirmed,
    responses=errors(404, 409),
)
async def confirm_remittance(
    remittance_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The bank collected the remittance: each debit becomes a payment of its invoice."""
    return await service.confirm_remittance(session, identity.tenant_id, remittance_id)


@router.post(
    "/remittances/{remittance_id}/returns",
    response_model=DebitReturned,
    responses=errors(404, 409),
)
async def return_direct_debit(
    remittance_id: uuid.UUID, body: ReturnIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """A debit the debtor's bank returned: its payment is reversed and the amount is owed again."""
    return await service.return_debit(session, identity.tenant_id, remittance_id, body)


@router.get("/returned-debits", response_model=ReturnedDebitList)
async def list_returned_debits(
    identity: ReadIdentity,
    session: TenantSession,
    outstanding: Annotated[
        bool | None,
        Query(
            description="true: only those still owed and not presented again (what a person "
            "has to act on); false: the others; absent: all."
        ),
    ] = None,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The debits the debtors' banks returned, newest first, with the bank's reason, what each
    instalment still owes and whether it went out again in a later remittance; a page at a time
    (`next_cursor`)."""
    service.returned_keyset(cursor)  # a bad cursor is refused before the transaction does anything
    return await service.list_returned(
        session, identity.tenant_id, outstanding=outstanding, limit=limit, cursor=cursor
    )
