from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.convert_in import ConvertIn
from ...models.invoice_read import InvoiceRead
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    quote_id: UUID,
    *,
    body: ConvertIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/quotes/{quote_id}/convert".format(
            quote_id=quote(str(quote_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceRead | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = InvoiceRead.from_dict(response.json())

        return response_201

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
) -> Response[InvoiceRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    quote_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ConvertIn,
) -> Response[InvoiceRead | ProblemDetails]:
    """Convert Quote

     Turn an accepted quote into a draft invoice (once). Needs `invoices:write` as well as
    `quotes:write`.

    Args:
        quote_id (UUID):
        body (ConvertIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        quote_id=quote_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    quote_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ConvertIn,
) -> InvoiceRead | ProblemDetails | None:
    """Convert Quote

     Turn an accepted quote into a draft invoice (once). Needs `invoices:write` as well as
    `quotes:write`.

    Args:
        quote_id (UUID):
        body (ConvertIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return sync_detailed(
        quote_id=quote_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    quote_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ConvertIn,
) -> Response[InvoiceRead | ProblemDetails]:
    """Convert Quote

     Turn an accepted quote into a draft invoice (once). Needs `invoices:write` as well as
    `quotes:write`.

    Args:
        quote_id (UUID):
        body (ConvertIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        quote_id=quote_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    quote_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ConvertIn,
) -> InvoiceRead | ProblemDetails | None:
    """Convert Quote

     Turn an accepted quote into a draft invoice (once). Needs `invoices:write` as well as
    `quotes:write`.

    Args:
        quote_id (UUID):
        body (ConvertIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            quote_id=quote_id,
            client=client,
            body=body,
        )
    ).parsed
