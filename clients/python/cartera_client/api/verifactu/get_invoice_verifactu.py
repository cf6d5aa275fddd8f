from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_registration import InvoiceRegistration
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    invoice_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices/{invoice_id}/verifactu".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceRegistration | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = InvoiceRegistration.from_dict(response.json())

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
) -> Response[InvoiceRegistration | ProblemDetails]:
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
) -> Response[InvoiceRegistration | ProblemDetails]:
    """Get Invoice Verifactu

     The invoice's Verifactu registration record (its alta: AEAT's field names, its XML, the QR
    URL) and where the invoice stands at the AEAT now: the status, CSV, the AEAT's error and the
    attempts of its last record (the alta, or the correction or anulación that followed it,
    named in `answer_of`). Every record of the invoice: `/verifactu/records`.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRegistration | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> InvoiceRegistration | ProblemDetails | None:
    """Get Invoice Verifactu

     The invoice's Verifactu registration record (its alta: AEAT's field names, its XML, the QR
    URL) and where the invoice stands at the AEAT now: the status, CSV, the AEAT's error and the
    attempts of its last record (the alta, or the correction or anulación that followed it,
    named in `answer_of`). Every record of the invoice: `/verifactu/records`.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRegistration | ProblemDetails
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[InvoiceRegistration | ProblemDetails]:
    """Get Invoice Verifactu

     The invoice's Verifactu registration record (its alta: AEAT's field names, its XML, the QR
    URL) and where the invoice stands at the AEAT now: the status, CSV, the AEAT's error and the
    attempts of its last record (the alta, or the correction or anulación that followed it,
    named in `answer_of`). Every record of the invoice: `/verifactu/records`.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRegistration | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> InvoiceRegistration | ProblemDetails | None:
    """Get Invoice Verifactu

     The invoice's Verifactu registration record (its alta: AEAT's field names, its XML, the QR
    URL) and where the invoice stands at the AEAT now: the status, CSV, the AEAT's error and the
    attempts of its last record (the alta, or the correction or anulación that followed it,
    named in `answer_of`). Every record of the invoice: `/verifactu/records`.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRegistration | ProblemDetails
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
        )
    ).parsed
