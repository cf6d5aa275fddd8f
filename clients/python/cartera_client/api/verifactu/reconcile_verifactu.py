from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.reconciliation import Reconciliation
from ...types import UNSET, Response


def _get_kwargs(
    *,
    year: int,
    month: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params["month"] = month

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/verifactu/reconciliation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Reconciliation | None:
    if response.status_code == 200:
        response_200 = Reconciliation.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

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
) -> Response[ProblemDetails | Reconciliation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
) -> Response[ProblemDetails | Reconciliation]:
    """Reconcile Verifactu

     Ask the AEAT what it holds for each of the tenant's issuers in the month of the invoices'
    issue date (every page), and name every difference from what Cartera believes: held there
    but not accepted here, accepted here but not held there, a different huella, a different
    state.

    Args:
        year (int):
        month (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Reconciliation]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
) -> ProblemDetails | Reconciliation | None:
    """Reconcile Verifactu

     Ask the AEAT what it holds for each of the tenant's issuers in the month of the invoices'
    issue date (every page), and name every difference from what Cartera believes: held there
    but not accepted here, accepted here but not held there, a different huella, a different
    state.

    Args:
        year (int):
        month (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Reconciliation
    """

    return sync_detailed(
        client=client,
        year=year,
        month=month,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
) -> Response[ProblemDetails | Reconciliation]:
    """Reconcile Verifactu

     Ask the AEAT what it holds for each of the tenant's issuers in the month of the invoices'
    issue date (every page), and name every difference from what Cartera believes: held there
    but not accepted here, accepted here but not held there, a different huella, a different
    state.

    Args:
        year (int):
        month (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Reconciliation]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
) -> ProblemDetails | Reconciliation | None:
    """Reconcile Verifactu

     Ask the AEAT what it holds for each of the tenant's issuers in the month of the invoices'
    issue date (every page), and name every difference from what Cartera believes: held there
    but not accepted here, accepted here but not held there, a different huella, a different
    state.

    Args:
        year (int):
        month (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Reconciliation
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            month=month,
        )
    ).parsed
