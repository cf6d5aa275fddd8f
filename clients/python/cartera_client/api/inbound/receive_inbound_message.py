from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.inbound_receipt import InboundReceipt
from ...models.problem_details import ProblemDetails
from ...models.receive_inbound_message_data_body import ReceiveInboundMessageDataBody
from ...models.receive_inbound_message_json_generic_message import (
    ReceiveInboundMessageJsonGenericMessage,
)
from ...models.receive_inbound_message_provider import ReceiveInboundMessageProvider
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tenant_id: UUID,
    provider: ReceiveInboundMessageProvider,
    *,
    body: ReceiveInboundMessageJsonGenericMessage | ReceiveInboundMessageDataBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/inbound/{tenant_id}/{provider}".format(
            tenant_id=quote(str(tenant_id), safe=""),
            provider=quote(str(provider), safe=""),
        ),
    }

    if isinstance(body, ReceiveInboundMessageJsonGenericMessage):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, ReceiveInboundMessageDataBody):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InboundReceipt | ProblemDetails | None:
    if response.status_code == 202:
        response_202 = InboundReceipt.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InboundReceipt | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: UUID,
    provider: ReceiveInboundMessageProvider,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveInboundMessageJsonGenericMessage | ReceiveInboundMessageDataBody | Unset = UNSET,
) -> Response[InboundReceipt | ProblemDetails]:
    """Receive Inbound Message

     A message from an e-mail or messaging provider (public at the gateway, signed with the
    tenant's inbound secret): `generic` takes Cartera's JSON, `mailgun` Mailgun's form. It
    becomes an interaction or a request of the client the sender matches, or a triage item.

    Args:
        tenant_id (UUID):
        provider (ReceiveInboundMessageProvider):
        body (ReceiveInboundMessageJsonGenericMessage): What a provider adapter (or the provider
            itself) posts for one received message.

            Not an `Input`: a received message is kept as it came, control characters and all, since
            refusing it would lose what a client wrote; it never goes into an invoice's XML.
        body (ReceiveInboundMessageDataBody): Mailgun's inbound-route form fields, as it sends
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboundReceipt | ProblemDetails]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        provider=provider,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tenant_id: UUID,
    provider: ReceiveInboundMessageProvider,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveInboundMessageJsonGenericMessage | ReceiveInboundMessageDataBody | Unset = UNSET,
) -> InboundReceipt | ProblemDetails | None:
    """Receive Inbound Message

     A message from an e-mail or messaging provider (public at the gateway, signed with the
    tenant's inbound secret): `generic` takes Cartera's JSON, `mailgun` Mailgun's form. It
    becomes an interaction or a request of the client the sender matches, or a triage item.

    Args:
        tenant_id (UUID):
        provider (ReceiveInboundMessageProvider):
        body (ReceiveInboundMessageJsonGenericMessage): What a provider adapter (or the provider
            itself) posts for one received message.

            Not an `Input`: a received message is kept as it came, control characters and all, since
            refusing it would lose what a client wrote; it never goes into an invoice's XML.
        body (ReceiveInboundMessageDataBody): Mailgun's inbound-route form fields, as it sends
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboundReceipt | ProblemDetails
    """

    return sync_detailed(
        tenant_id=tenant_id,
        provider=provider,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    tenant_id: UUID,
    provider: ReceiveInboundMessageProvider,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveInboundMessageJsonGenericMessage | ReceiveInboundMessageDataBody | Unset = UNSET,
) -> Response[InboundReceipt | ProblemDetails]:
    """Receive Inbound Message

     A message from an e-mail or messaging provider (public at the gateway, signed with the
    tenant's inbound secret): `generic` takes Cartera's JSON, `mailgun` Mailgun's form. It
    becomes an interaction or a request of the client the sender matches, or a triage item.

    Args:
        tenant_id (UUID):
        provider (ReceiveInboundMessageProvider):
        body (ReceiveInboundMessageJsonGenericMessage): What a provider adapter (or the provider
            itself) posts for one received message.

            Not an `Input`: a received message is kept as it came, control characters and all, since
            refusing it would lose what a client wrote; it never goes into an invoice's XML.
        body (ReceiveInboundMessageDataBody): Mailgun's inbound-route form fields, as it sends
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboundReceipt | ProblemDetails]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        provider=provider,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: UUID,
    provider: ReceiveInboundMessageProvider,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveInboundMessageJsonGenericMessage | ReceiveInboundMessageDataBody | Unset = UNSET,
) -> InboundReceipt | ProblemDetails | None:
    """Receive Inbound Message

     A message from an e-mail or messaging provider (public at the gateway, signed with the
    tenant's inbound secret): `generic` takes Cartera's JSON, `mailgun` Mailgun's form. It
    becomes an interaction or a request of the client the sender matches, or a triage item.

    Args:
        tenant_id (UUID):
        provider (ReceiveInboundMessageProvider):
        body (ReceiveInboundMessageJsonGenericMessage): What a provider adapter (or the provider
            itself) posts for one received message.

            Not an `Input`: a received message is kept as it came, control characters and all, since
            refusing it would lose what a client wrote; it never goes into an invoice's XML.
        body (ReceiveInboundMessageDataBody): Mailgun's inbound-route form fields, as it sends
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboundReceipt | ProblemDetails
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            provider=provider,
            client=client,
            body=body,
        )
    ).parsed
