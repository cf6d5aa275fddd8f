from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_page import ClientPage
from ...models.list_clients_kind_type_0 import ListClientsKindType0
from ...models.list_clients_sort import ListClientsSort
from ...models.list_clients_status_type_0 import ListClientsStatusType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: ListClientsSort | Unset = ListClientsSort.LEGAL_NAME,
    q: None | str | Unset = UNSET,
    status: ListClientsStatusType0 | None | Unset = UNSET,
    kind: ListClientsKindType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListClientsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ListClientsKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ClientPage.from_dict(response.json())

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
) -> Response[ClientPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: ListClientsSort | Unset = ListClientsSort.LEGAL_NAME,
    q: None | str | Unset = UNSET,
    status: ListClientsStatusType0 | None | Unset = UNSET,
    kind: ListClientsKindType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[ClientPage | ProblemDetails]:
    """List Clients

     The tenant's clients, a page at a time (follow `next_cursor`), filtered and sorted.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sort (ListClientsSort | Unset):  Default: ListClientsSort.LEGAL_NAME.
        q (None | str | Unset): Part of the name or the tax id.
        status (ListClientsStatusType0 | None | Unset):
        kind (ListClientsKindType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        q=q,
        status=status,
        kind=kind,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: ListClientsSort | Unset = ListClientsSort.LEGAL_NAME,
    q: None | str | Unset = UNSET,
    status: ListClientsStatusType0 | None | Unset = UNSET,
    kind: ListClientsKindType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> ClientPage | ProblemDetails | None:
    """List Clients

     The tenant's clients, a page at a time (follow `next_cursor`), filtered and sorted.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sort (ListClientsSort | Unset):  Default: ListClientsSort.LEGAL_NAME.
        q (None | str | Unset): Part of the name or the tax id.
        status (ListClientsStatusType0 | None | Unset):
        kind (ListClientsKindType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        q=q,
        status=status,
        kind=kind,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: ListClientsSort | Unset = ListClientsSort.LEGAL_NAME,
    q: None | str | Unset = UNSET,
    status: ListClientsStatusType0 | None | Unset = UNSET,
    kind: ListClientsKindType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[ClientPage | ProblemDetails]:
    """List Clients

     The tenant's clients, a page at a time (follow `next_cursor`), filtered and sorted.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sort (ListClientsSort | Unset):  Default: ListClientsSort.LEGAL_NAME.
        q (None | str | Unset): Part of the name or the tax id.
        status (ListClientsStatusType0 | None | Unset):
        kind (ListClientsKindType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        q=q,
        status=status,
        kind=kind,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: ListClientsSort | Unset = ListClientsSort.LEGAL_NAME,
    q: None | str | Unset = UNSET,
    status: ListClientsStatusType0 | None | Unset = UNSET,
    kind: ListClientsKindType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> ClientPage | ProblemDetails | None:
    """List Clients

     The tenant's clients, a page at a time (follow `next_cursor`), filtered and sorted.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sort (ListClientsSort | Unset):  Default: ListClientsSort.LEGAL_NAME.
        q (None | str | Unset): Part of the name or the tax id.
        status (ListClientsStatusType0 | None | Unset):
        kind (ListClientsKindType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sort=sort,
            q=q,
            status=status,
            kind=kind,
            tag=tag,
        )
    ).parsed
