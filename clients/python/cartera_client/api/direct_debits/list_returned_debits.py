from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.returned_debit_list import ReturnedDebitList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    outstanding: bool | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_outstanding: bool | None | Unset
    if isinstance(outstanding, Unset):
        json_outstanding = UNSET
    else:
        json_outstanding = outstanding
    params["outstanding"] = json_outstanding

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collections/returned-debits",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReturnedDebitList | None:
    if response.status_code == 200:
        response_200 = ReturnedDebitList.from_dict(response.json())

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
) -> Response[ProblemDetails | ReturnedDebitList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    outstanding: bool | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReturnedDebitList]:
    """List Returned Debits

     The debits the debtors' banks returned, newest first, with the bank's reason, what each
    instalment still owes and whether it went out again in a later remittance; a page at a time
    (`next_cursor`).

    Args:
        outstanding (bool | None | Unset): true: only those still owed and not presented again
            (what a person has to act on); false: the others; absent: all.
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReturnedDebitList]
    """

    kwargs = _get_kwargs(
        outstanding=outstanding,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    outstanding: bool | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReturnedDebitList | None:
    """List Returned Debits

     The debits the debtors' banks returned, newest first, with the bank's reason, what each
    instalment still owes and whether it went out again in a later remittance; a page at a time
    (`next_cursor`).

    Args:
        outstanding (bool | None | Unset): true: only those still owed and not presented again
            (what a person has to act on); false: the others; absent: all.
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReturnedDebitList
    """

    return sync_detailed(
        client=client,
        outstanding=outstanding,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    outstanding: bool | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReturnedDebitList]:
    """List Returned Debits

     The debits the debtors' banks returned, newest first, with the bank's reason, what each
    instalment still owes and whether it went out again in a later remittance; a page at a time
    (`next_cursor`).

    Args:
        outstanding (bool | None | Unset): true: only those still owed and not presented again
            (what a person has to act on); false: the others; absent: all.
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReturnedDebitList]
    """

    kwargs = _get_kwargs(
        outstanding=outstanding,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    outstanding: bool | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReturnedDebitList | None:
    """List Returned Debits

     The debits the debtors' banks returned, newest first, with the bank's reason, what each
    instalment still owes and whether it went out again in a later remittance; a page at a time
    (`next_cursor`).

    Args:
        outstanding (bool | None | Unset): true: only those still owed and not presented again
            (what a person has to act on); false: the others; absent: all.
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReturnedDebitList
    """

    return (
        await asyncio_detailed(
            client=client,
            outstanding=outstanding,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
