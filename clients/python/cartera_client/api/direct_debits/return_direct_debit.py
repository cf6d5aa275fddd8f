from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.debit_returned import DebitReturned
from ...models.problem_details import ProblemDetails
from ...models.return_in import ReturnIn
from ...types import Response


def _get_kwargs(
    remittance_id: UUID,
    *,
    body: ReturnIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/collections/remittances/{remittance_id}/returns".format(
            remittance_id=quote(str(remittance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DebitReturned | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = DebitReturned.from_dict(response.json())

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
) -> Response[DebitReturned | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    remittance_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ReturnIn,
) -> Response[DebitReturned | ProblemDetails]:
    """Return Direct Debit

     A debit the debtor's bank returned: its payment is reversed and the amount is owed again.

    Args:
        remittance_id (UUID):
        body (ReturnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DebitReturned | ProblemDetails]
    """

    kwargs = _get_kwargs(
        remittance_id=remittance_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    remittance_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ReturnIn,
) -> DebitReturned | ProblemDetails | None:
    """Return Direct Debit

     A debit the debtor's bank returned: its payment is reversed and the amount is owed again.

    Args:
        remittance_id (UUID):
        body (ReturnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DebitReturned | ProblemDetails
    """

    return sync_detailed(
        remittance_id=remittance_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    remittance_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ReturnIn,
) -> Response[DebitReturned | ProblemDetails]:
    """Return Direct Debit

     A debit the debtor's bank returned: its payment is reversed and the amount is owed again.

    Args:
        remittance_id (UUID):
        body (ReturnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DebitReturned | ProblemDetails]
    """

    kwargs = _get_kwargs(
        remittance_id=remittance_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    remittance_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ReturnIn,
) -> DebitReturned | ProblemDetails | None:
    """Return Direct Debit

     A debit the debtor's bank returned: its payment is reversed and the amount is owed again.

    Args:
        remittance_id (UUID):
        body (ReturnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DebitReturned | ProblemDetails
    """

    return (
        await asyncio_detailed(
            remittance_id=remittance_id,
            client=client,
            body=body,
        )
    ).parsed
