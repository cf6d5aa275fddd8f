from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_read import InvoiceRead
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    invoice_id: UUID,
    *,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/invoices/{invoice_id}/issue".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = InvoiceRead.from_dict(response.json())

        return response_200

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
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceRead | ProblemDetails]:
    """Issue Invoice

     Issue a draft: it gets its number, the parties' fiscal data in force on its date, its
    Verifactu record, and never changes again.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceRead | ProblemDetails | None:
    """Issue Invoice

     Issue a draft: it gets its number, the parties' fiscal data in force on its date, its
    Verifactu record, and never changes again.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceRead | ProblemDetails]:
    """Issue Invoice

     Issue a draft: it gets its number, the parties' fiscal data in force on its date, its
    Verifactu record, and never changes again.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceRead | ProblemDetails | None:
    """Issue Invoice

     Issue a draft: it gets its number, the parties' fiscal data in force on its date, its
    Verifactu record, and never changes again.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
