from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_receivables_order import ListReceivablesOrder
from ...models.list_receivables_status_type_0_item import ListReceivablesStatusType0Item
from ...models.problem_details import ProblemDetails
from ...models.receivable_page import ReceivablePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    client_id: None | Unset | UUID = UNSET,
    invoice_id: None | Unset | UUID = UNSET,
    status: list[ListReceivablesStatusType0Item] | None | Unset = UNSET,
    order: ListReceivablesOrder | Unset = ListReceivablesOrder.OLDEST,
    limit: int | Unset = 100,
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

    json_invoice_id: None | str | Unset
    if isinstance(invoice_id, Unset):
        json_invoice_id = UNSET
    elif isinstance(invoice_id, UUID):
        json_invoice_id = str(invoice_id)
    else:
        json_invoice_id = invoice_id
    params["invoice_id"] = json_invoice_id

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

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

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
        "url": "/v1/receivables",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReceivablePage | None:
    if response.status_code == 200:
        response_200 = ReceivablePage.from_dict(response.json())

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
) -> Response[ProblemDetails | ReceivablePage]:
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
    invoice_id: None | Unset | UUID = UNSET,
    status: list[ListReceivablesStatusType0Item] | None | Unset = UNSET,
    order: ListReceivablesOrder | Unset = ListReceivablesOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReceivablePage]:
    """List Receivables

     What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`).

    Args:
        client_id (None | Unset | UUID):
        invoice_id (None | Unset | UUID):
        status (list[ListReceivablesStatusType0Item] | None | Unset): One or more
            (`?status=open&status=partially_paid`: what is owed).
        order (ListReceivablesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListReceivablesOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReceivablePage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        invoice_id=invoice_id,
        status=status,
        order=order,
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
    invoice_id: None | Unset | UUID = UNSET,
    status: list[ListReceivablesStatusType0Item] | None | Unset = UNSET,
    order: ListReceivablesOrder | Unset = ListReceivablesOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReceivablePage | None:
    """List Receivables

     What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`).

    Args:
        client_id (None | Unset | UUID):
        invoice_id (None | Unset | UUID):
        status (list[ListReceivablesStatusType0Item] | None | Unset): One or more
            (`?status=open&status=partially_paid`: what is owed).
        order (ListReceivablesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListReceivablesOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReceivablePage
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
        invoice_id=invoice_id,
        status=status,
        order=order,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
    invoice_id: None | Unset | UUID = UNSET,
    status: list[ListReceivablesStatusType0Item] | None | Unset = UNSET,
    order: ListReceivablesOrder | Unset = ListReceivablesOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | ReceivablePage]:
    """List Receivables

     What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`).

    Args:
        client_id (None | Unset | UUID):
        invoice_id (None | Unset | UUID):
        status (list[ListReceivablesStatusType0Item] | None | Unset): One or more
            (`?status=open&status=partially_paid`: what is owed).
        order (ListReceivablesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListReceivablesOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReceivablePage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        invoice_id=invoice_id,
        status=status,
        order=order,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    client_id: None | Unset | UUID = UNSET,
    invoice_id: None | Unset | UUID = UNSET,
    status: list[ListReceivablesStatusType0Item] | None | Unset = UNSET,
    order: ListReceivablesOrder | Unset = ListReceivablesOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | ReceivablePage | None:
    """List Receivables

     What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`).

    Args:
        client_id (None | Unset | UUID):
        invoice_id (None | Unset | UUID):
        status (list[ListReceivablesStatusType0Item] | None | Unset): One or more
            (`?status=open&status=partially_paid`: what is owed).
        order (ListReceivablesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListReceivablesOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReceivablePage
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
            invoice_id=invoice_id,
            status=status,
            order=order,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
