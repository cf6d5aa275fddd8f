from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_statement_lines_status_type_0_item import ListStatementLinesStatusType0Item
from ...models.problem_details import ProblemDetails
from ...models.statement_lines import StatementLines
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[ListStatementLinesStatusType0Item] | None | Unset = UNSET,
    statement_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 1000,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

    json_statement_id: None | str | Unset
    if isinstance(statement_id, Unset):
        json_statement_id = UNSET
    elif isinstance(statement_id, UUID):
        json_statement_id = str(statement_id)
    else:
        json_statement_id = statement_id
    params["statement_id"] = json_statement_id

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
        "url": "/v1/collections/bank-statement-lines",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | StatementLines | None:
    if response.status_code == 200:
        response_200 = StatementLines.from_dict(response.json())

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
) -> Response[ProblemDetails | StatementLines]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[ListStatementLinesStatusType0Item] | None | Unset = UNSET,
    statement_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 1000,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | StatementLines]:
    """List Statement Lines

     Statement lines by status; by default those a person still has to look at. By booking
    day, then their place in the statement, a page at a time: `next_cursor` asks for the next
    page (null on the last).

    Args:
        status (list[ListStatementLinesStatusType0Item] | None | Unset): Default: the review list
            (proposed and unmatched).
        statement_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 1000, 1000 when not given. Default:
            1000.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | StatementLines]
    """

    kwargs = _get_kwargs(
        status=status,
        statement_id=statement_id,
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
    status: list[ListStatementLinesStatusType0Item] | None | Unset = UNSET,
    statement_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 1000,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | StatementLines | None:
    """List Statement Lines

     Statement lines by status; by default those a person still has to look at. By booking
    day, then their place in the statement, a page at a time: `next_cursor` asks for the next
    page (null on the last).

    Args:
        status (list[ListStatementLinesStatusType0Item] | None | Unset): Default: the review list
            (proposed and unmatched).
        statement_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 1000, 1000 when not given. Default:
            1000.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | StatementLines
    """

    return sync_detailed(
        client=client,
        status=status,
        statement_id=statement_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[ListStatementLinesStatusType0Item] | None | Unset = UNSET,
    statement_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 1000,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | StatementLines]:
    """List Statement Lines

     Statement lines by status; by default those a person still has to look at. By booking
    day, then their place in the statement, a page at a time: `next_cursor` asks for the next
    page (null on the last).

    Args:
        status (list[ListStatementLinesStatusType0Item] | None | Unset): Default: the review list
            (proposed and unmatched).
        statement_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 1000, 1000 when not given. Default:
            1000.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | StatementLines]
    """

    kwargs = _get_kwargs(
        status=status,
        statement_id=statement_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: list[ListStatementLinesStatusType0Item] | None | Unset = UNSET,
    statement_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 1000,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | StatementLines | None:
    """List Statement Lines

     Statement lines by status; by default those a person still has to look at. By booking
    day, then their place in the statement, a page at a time: `next_cursor` asks for the next
    page (null on the last).

    Args:
        status (list[ListStatementLinesStatusType0Item] | None | Unset): Default: the review list
            (proposed and unmatched).
        statement_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 1000, 1000 when not given. Default:
            1000.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | StatementLines
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            statement_id=statement_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
