from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_page import InvoicePage
from ...models.list_invoices_order import ListInvoicesOrder
from ...models.list_invoices_status_type_0 import ListInvoicesStatusType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListInvoicesStatusType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListInvoicesOrder | Unset = ListInvoicesOrder.OLDEST,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListInvoicesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoicePage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = InvoicePage.from_dict(response.json())

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
) -> Response[InvoicePage | ProblemDetails]:
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
    status: ListInvoicesStatusType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListInvoicesOrder | Unset = ListInvoicesOrder.OLDEST,
) -> Response[InvoicePage | ProblemDetails]:
    """List Invoices

     Invoices and drafts in the order they were created (or newest first), a page at a time
    (`next_cursor`); each issued one with the AEAT's answer to its last Verifactu record
    (`verifactu_status`, `verifactu`).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        status (ListInvoicesStatusType0 | None | Unset):
        client_id (None | Unset | UUID):
        order (ListInvoicesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListInvoicesOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoicePage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        client_id=client_id,
        order=order,
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
    status: ListInvoicesStatusType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListInvoicesOrder | Unset = ListInvoicesOrder.OLDEST,
) -> InvoicePage | ProblemDetails | None:
    """List Invoices

     Invoices and drafts in the order they were created (or newest first), a page at a time
    (`next_cursor`); each issued one with the AEAT's answer to its last Verifactu record
    (`verifactu_status`, `verifactu`).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        status (ListInvoicesStatusType0 | None | Unset):
        client_id (None | Unset | UUID):
        order (ListInvoicesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListInvoicesOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoicePage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        client_id=client_id,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListInvoicesStatusType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListInvoicesOrder | Unset = ListInvoicesOrder.OLDEST,
) -> Response[InvoicePage | ProblemDetails]:
    """List Invoices

     Invoices and drafts in the order they were created (or newest first), a page at a time
    (`next_cursor`); each issued one with the AEAT's answer to its last Verifactu record
    (`verifactu_status`, `verifactu`).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        status (ListInvoicesStatusType0 | None | Unset):
        client_id (None | Unset | UUID):
        order (ListInvoicesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListInvoicesOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoicePage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        client_id=client_id,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListInvoicesStatusType0 | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListInvoicesOrder | Unset = ListInvoicesOrder.OLDEST,
) -> InvoicePage | ProblemDetails | None:
    """List Invoices

     Invoices and drafts in the order they were created (or newest first), a page at a time
    (`next_cursor`); each issued one with the AEAT's answer to its last Verifactu record
    (`verifactu_status`, `verifactu`).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        status (ListInvoicesStatusType0 | None | Unset):
        client_id (None | Unset | UUID):
        order (ListInvoicesOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListInvoicesOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoicePage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            client_id=client_id,
            order=order,
        )
    ).parsed
