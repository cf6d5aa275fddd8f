from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cash_forecast import CashForecast
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    weeks: int | Unset = 13,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["weeks"] = weeks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/cash-forecast",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CashForecast | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CashForecast.from_dict(response.json())

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
) -> Response[CashForecast | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    weeks: int | Unset = 13,
) -> Response[CashForecast | ProblemDetails]:
    """Expected cash-in per week, from each client's own way of paying

     The cash expected per ISO week from the open receivables: each open instalment is spread
    over the weeks by its client's distribution of days late (shrunk toward the tenant's when
    the client has few settled instalments), not put on its due date; with a 10 %-90 % band.
    What is disputed (under a dunning hold) or owed again after a returned direct debit is left
    out and shown apart.

    Args:
        weeks (int | Unset): ISO weeks, from the current one. Default: 13.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashForecast | ProblemDetails]
    """

    kwargs = _get_kwargs(
        weeks=weeks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    weeks: int | Unset = 13,
) -> CashForecast | ProblemDetails | None:
    """Expected cash-in per week, from each client's own way of paying

     The cash expected per ISO week from the open receivables: each open instalment is spread
    over the weeks by its client's distribution of days late (shrunk toward the tenant's when
    the client has few settled instalments), not put on its due date; with a 10 %-90 % band.
    What is disputed (under a dunning hold) or owed again after a returned direct debit is left
    out and shown apart.

    Args:
        weeks (int | Unset): ISO weeks, from the current one. Default: 13.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashForecast | ProblemDetails
    """

    return sync_detailed(
        client=client,
        weeks=weeks,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    weeks: int | Unset = 13,
) -> Response[CashForecast | ProblemDetails]:
    """Expected cash-in per week, from each client's own way of paying

     The cash expected per ISO week from the open receivables: each open instalment is spread
    over the weeks by its client's distribution of days late (shrunk toward the tenant's when
    the client has few settled instalments), not put on its due date; with a 10 %-90 % band.
    What is disputed (under a dunning hold) or owed again after a returned direct debit is left
    out and shown apart.

    Args:
        weeks (int | Unset): ISO weeks, from the current one. Default: 13.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashForecast | ProblemDetails]
    """

    kwargs = _get_kwargs(
        weeks=weeks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    weeks: int | Unset = 13,
) -> CashForecast | ProblemDetails | None:
    """Expected cash-in per week, from each client's own way of paying

     The cash expected per ISO week from the open receivables: each open instalment is spread
    over the weeks by its client's distribution of days late (shrunk toward the tenant's when
    the client has few settled instalments), not put on its due date; with a 10 %-90 % band.
    What is disputed (under a dunning hold) or owed again after a returned direct debit is left
    out and shown apart.

    Args:
        weeks (int | Unset): ISO weeks, from the current one. Default: 13.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashForecast | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            weeks=weeks,
        )
    ).parsed
