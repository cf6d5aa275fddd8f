import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.late_interest_claim import LateInterestClaim
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    invoice_id: UUID,
    until: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_invoice_id = str(invoice_id)
    params["invoice_id"] = json_invoice_id

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.date):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collections/late-interest",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LateInterestClaim | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = LateInterestClaim.from_dict(response.json())

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
) -> Response[LateInterestClaim | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: UUID,
    until: datetime.date | None | Unset = UNSET,
) -> Response[LateInterestClaim | ProblemDetails]:
    """Get Late Interest

     Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it).

    Args:
        invoice_id (UUID):
        until (datetime.date | None | Unset): Accrue interest through this day (default today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LateInterestClaim | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        until=until,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: UUID,
    until: datetime.date | None | Unset = UNSET,
) -> LateInterestClaim | ProblemDetails | None:
    """Get Late Interest

     Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it).

    Args:
        invoice_id (UUID):
        until (datetime.date | None | Unset): Accrue interest through this day (default today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LateInterestClaim | ProblemDetails
    """

    return sync_detailed(
        client=client,
        invoice_id=invoice_id,
        until=until,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: UUID,
    until: datetime.date | None | Unset = UNSET,
) -> Response[LateInterestClaim | ProblemDetails]:
    """Get Late Interest

     Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it).

    Args:
        invoice_id (UUID):
        until (datetime.date | None | Unset): Accrue interest through this day (default today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LateInterestClaim | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: UUID,
    until: datetime.date | None | Unset = UNSET,
) -> LateInterestClaim | ProblemDetails | None:
    """Get Late Interest

     Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it).

    Args:
        invoice_id (UUID):
        until (datetime.date | None | Unset): Accrue interest through this day (default today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LateInterestClaim | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            invoice_id=invoice_id,
            until=until,
        )
    ).parsed
