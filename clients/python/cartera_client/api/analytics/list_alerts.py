from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_alert_list import AnalyticsAlertList
from ...models.list_alerts_kind_type_0 import ListAlertsKindType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: ListAlertsKindType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ListAlertsKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

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
        "url": "/v1/analytics/alerts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnalyticsAlertList | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AnalyticsAlertList.from_dict(response.json())

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
) -> Response[AnalyticsAlertList | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ListAlertsKindType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[AnalyticsAlertList | ProblemDetails]:
    """Alerts raised, newest first

     The alerts raised for the tenant, newest first, of one kind or about one client, a page
    at a time (`next_cursor`).

    Args:
        kind (ListAlertsKindType0 | None | Unset):
        client_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsAlertList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        client_id=client_id,
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
    kind: ListAlertsKindType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> AnalyticsAlertList | ProblemDetails | None:
    """Alerts raised, newest first

     The alerts raised for the tenant, newest first, of one kind or about one client, a page
    at a time (`next_cursor`).

    Args:
        kind (ListAlertsKindType0 | None | Unset):
        client_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsAlertList | ProblemDetails
    """

    return sync_detailed(
        client=client,
        kind=kind,
        client_id=client_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ListAlertsKindType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[AnalyticsAlertList | ProblemDetails]:
    """Alerts raised, newest first

     The alerts raised for the tenant, newest first, of one kind or about one client, a page
    at a time (`next_cursor`).

    Args:
        kind (ListAlertsKindType0 | None | Unset):
        client_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsAlertList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        client_id=client_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: ListAlertsKindType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> AnalyticsAlertList | ProblemDetails | None:
    """Alerts raised, newest first

     The alerts raised for the tenant, newest first, of one kind or about one client, a page
    at a time (`next_cursor`).

    Args:
        kind (ListAlertsKindType0 | None | Unset):
        client_id (None | Unset | UUID):
        limit (int | Unset): How many items on the page: 1 to 500, 100 when not given. Default:
            100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsAlertList | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            client_id=client_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
