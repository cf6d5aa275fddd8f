from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_requests_priority_type_0 import ListRequestsPriorityType0
from ...models.list_requests_status_type_0 import ListRequestsStatusType0
from ...models.problem_details import ProblemDetails
from ...models.request_page import RequestPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    priority: ListRequestsPriorityType0 | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
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

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListRequestsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, ListRequestsPriorityType0):
        json_priority = priority.value
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    json_breached: bool | None | Unset
    if isinstance(breached, Unset):
        json_breached = UNSET
    else:
        json_breached = breached
    params["breached"] = json_breached

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
        "url": "/v1/requests",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RequestPage | None:
    if response.status_code == 200:
        response_200 = RequestPage.from_dict(response.json())

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
) -> Response[ProblemDetails | RequestPage]:
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
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    priority: ListRequestsPriorityType0 | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | RequestPage]:
    """List Requests

     Newest first; `breached=true` lists those past their SLA (resolved late, or still not).

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        priority (ListRequestsPriorityType0 | None | Unset):
        assignee (None | str | Unset):
        breached (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RequestPage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        status=status,
        priority=priority,
        assignee=assignee,
        breached=breached,
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
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    priority: ListRequestsPriorityType0 | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | RequestPage | None:
    """List Requests

     Newest first; `breached=true` lists those past their SLA (resolved late, or still not).

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        priority (ListRequestsPriorityType0 | None | Unset):
        assignee (None | str | Unset):
        breached (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RequestPage
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
        status=status,
        priority=priority,
        assignee=assignee,
        breached=breached,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    priority: ListRequestsPriorityType0 | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | RequestPage]:
    """List Requests

     Newest first; `breached=true` lists those past their SLA (resolved late, or still not).

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        priority (ListRequestsPriorityType0 | None | Unset):
        assignee (None | str | Unset):
        breached (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RequestPage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        status=status,
        priority=priority,
        assignee=assignee,
        breached=breached,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    priority: ListRequestsPriorityType0 | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | RequestPage | None:
    """List Requests

     Newest first; `breached=true` lists those past their SLA (resolved late, or still not).

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        priority (ListRequestsPriorityType0 | None | Unset):
        assignee (None | str | Unset):
        breached (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RequestPage
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
            status=status,
            priority=priority,
            assignee=assignee,
            breached=breached,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
