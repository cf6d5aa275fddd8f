from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import File, Response


def _get_kwargs(
    invoice_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices/{invoice_id}/pdf".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | ProblemDetails]:
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
) -> Response[File | ProblemDetails]:
    """Get Invoice Pdf

     The invoice as printed: every field RD 1619/2012 art. 6 requires. The Verifactu QR and the
    "VERI*FACTU" legend are printed only while the tenant's records are being sent to the AEAT
    (`GET /v1/issuer/verifactu`, `submission_enabled`): otherwise they would promise a check the
    AEAT cannot answer. In test mode the QR is printed (as it would be live), with the mark
    `pdf.TEST_MARK` and without the legend: the record is never sent.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
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
) -> File | ProblemDetails | None:
    """Get Invoice Pdf

     The invoice as printed: every field RD 1619/2012 art. 6 requires. The Verifactu QR and the
    "VERI*FACTU" legend are printed only while the tenant's records are being sent to the AEAT
    (`GET /v1/issuer/verifactu`, `submission_enabled`): otherwise they would promise a check the
    AEAT cannot answer. In test mode the QR is printed (as it would be live), with the mark
    `pdf.TEST_MARK` and without the legend: the record is never sent.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | ProblemDetails]:
    """Get Invoice Pdf

     The invoice as printed: every field RD 1619/2012 art. 6 requires. The Verifactu QR and the
    "VERI*FACTU" legend are printed only while the tenant's records are being sent to the AEAT
    (`GET /v1/issuer/verifactu`, `submission_enabled`): otherwise they would promise a check the
    AEAT cannot answer. In test mode the QR is printed (as it would be live), with the mark
    `pdf.TEST_MARK` and without the legend: the record is never sent.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
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
) -> File | ProblemDetails | None:
    """Get Invoice Pdf

     The invoice as printed: every field RD 1619/2012 art. 6 requires. The Verifactu QR and the
    "VERI*FACTU" legend are printed only while the tenant's records are being sent to the AEAT
    (`GET /v1/issuer/verifactu`, `submission_enabled`): otherwise they would promise a check the
    AEAT cannot answer. In test mode the QR is printed (as it would be live), with the mark
    `pdf.TEST_MARK` and without the legend: the record is never sent.

    Args:
        invoice_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
        )
    ).parsed
