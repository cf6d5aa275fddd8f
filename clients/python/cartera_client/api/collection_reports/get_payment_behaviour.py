from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.behaviour import Behaviour
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    client_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collections/behaviour",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Behaviour | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Behaviour.from_dict(response.json())

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
) -> Response[Behaviour | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
) -> Response[Behaviour | ProblemDetails]:
    """Get Payment Behaviour

     How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.

    Args:
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Behaviour | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
) -> Behaviour | ProblemDetails | None:
    """Get Payment Behaviour

     How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.

    Args:
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Behaviour | ProblemDetails
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
) -> Response[Behaviour | ProblemDetails]:
    """Get Payment Behaviour

     How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.

    Args:
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Behaviour | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
) -> Behaviour | ProblemDetails | None:
    """Get Payment Behaviour

     How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.

    Args:
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Behaviour | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
        )
    ).parsed
