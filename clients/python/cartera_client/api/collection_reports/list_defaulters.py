from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.defaulters import Defaulters
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    min_days: int | Unset = 30,
    min_amount: float | str | Unset = 0.0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["min_days"] = min_days

    json_min_amount: float | str | Unset
    if isinstance(min_amount, Unset):
        json_min_amount = UNSET
    else:
        json_min_amount = min_amount
    params["min_amount"] = json_min_amount

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collections/defaulters",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Defaulters | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Defaulters.from_dict(response.json())

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
) -> Response[Defaulters | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    min_days: int | Unset = 30,
    min_amount: float | str | Unset = 0.0,
) -> Response[Defaulters | ProblemDetails]:
    """List Defaulters

     Clients with amounts overdue for more than `min_days` days, above `min_amount`.

    Args:
        min_days (int | Unset):  Default: 30.
        min_amount (float | str | Unset):  Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Defaulters | ProblemDetails]
    """

    kwargs = _get_kwargs(
        min_days=min_days,
        min_amount=min_amount,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    min_days: int | Unset = 30,
    min_amount: float | str | Unset = 0.0,
) -> Defaulters | ProblemDetails | None:
    """List Defaulters

     Clients with amounts overdue for more than `min_days` days, above `min_amount`.

    Args:
        min_days (int | Unset):  Default: 30.
        min_amount (float | str | Unset):  Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Defaulters | ProblemDetails
    """

    return sync_detailed(
        client=client,
        min_days=min_days,
        min_amount=min_amount,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    min_days: int | Unset = 30,
    min_amount: float | str | Unset = 0.0,
) -> Response[Defaulters | ProblemDetails]:
    """List Defaulters

     Clients with amounts overdue for more than `min_days` days, above `min_amount`.

    Args:
        min_days (int | Unset):  Default: 30.
        min_amount (float | str | Unset):  Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Defaulters | ProblemDetails]
    """

    kwargs = _get_kwargs(
        min_days=min_days,
        min_amount=min_amount,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    min_days: int | Unset = 30,
    min_amount: float | str | Unset = 0.0,
) -> Defaulters | ProblemDetails | None:
    """List Defaulters

     Clients with amounts overdue for more than `min_days` days, above `min_amount`.

    Args:
        min_days (int | Unset):  Default: 30.
        min_amount (float | str | Unset):  Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Defaulters | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            min_days=min_days,
            min_amount=min_amount,
        )
    ).parsed
