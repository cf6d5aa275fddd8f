from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follow_up_list import FollowUpList
from ...models.list_follow_ups_status_type_0 import ListFollowUpsStatusType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assignee: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    status: ListFollowUpsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListFollowUpsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/follow-ups",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowUpList | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FollowUpList.from_dict(response.json())

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
) -> Response[FollowUpList | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    status: ListFollowUpsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[FollowUpList | ProblemDetails]:
    """List Follow Ups

     Follow-ups by due date (then id), filtered by assignee, client or status, a page at a
    time: `next_cursor` asks for the next page (null on the last).

    Args:
        assignee (None | str | Unset):
        client_id (None | Unset | UUID):
        status (ListFollowUpsStatusType0 | None | Unset):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
        client_id=client_id,
        status=status,
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
    assignee: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    status: ListFollowUpsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> FollowUpList | ProblemDetails | None:
    """List Follow Ups

     Follow-ups by due date (then id), filtered by assignee, client or status, a page at a
    time: `next_cursor` asks for the next page (null on the last).

    Args:
        assignee (None | str | Unset):
        client_id (None | Unset | UUID):
        status (ListFollowUpsStatusType0 | None | Unset):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpList | ProblemDetails
    """

    return sync_detailed(
        client=client,
        assignee=assignee,
        client_id=client_id,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    status: ListFollowUpsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[FollowUpList | ProblemDetails]:
    """List Follow Ups

     Follow-ups by due date (then id), filtered by assignee, client or status, a page at a
    time: `next_cursor` asks for the next page (null on the last).

    Args:
        assignee (None | str | Unset):
        client_id (None | Unset | UUID):
        status (ListFollowUpsStatusType0 | None | Unset):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
        client_id=client_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    status: ListFollowUpsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> FollowUpList | ProblemDetails | None:
    """List Follow Ups

     Follow-ups by due date (then id), filtered by assignee, client or status, a page at a
    time: `next_cursor` asks for the next page (null on the last).

    Args:
        assignee (None | str | Unset):
        client_id (None | Unset | UUID):
        status (ListFollowUpsStatusType0 | None | Unset):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpList | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            assignee=assignee,
            client_id=client_id,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
