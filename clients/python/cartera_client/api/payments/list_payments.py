from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_payments_order import ListPaymentsOrder
from ...models.payment_page import PaymentPage
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    invoice_id: None | Unset | UUID = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListPaymentsOrder | Unset = ListPaymentsOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_invoice_id: None | str | Unset
    if isinstance(invoice_id, Unset):
        json_invoice_id = UNSET
    elif isinstance(invoice_id, UUID):
        json_invoice_id = str(invoice_id)
    else:
        json_invoice_id = invoice_id
    params["invoice_id"] = json_invoice_id

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
        "url": "/v1/payments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaymentPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = PaymentPage.from_dict(response.json())

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
) -> Response[PaymentPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: None | Unset | UUID = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListPaymentsOrder | Unset = ListPaymentsOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[PaymentPage | ProblemDetails]:
    """List Payments

     Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`).

    Args:
        invoice_id (None | Unset | UUID):
        client_id (None | Unset | UUID):
        order (ListPaymentsOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListPaymentsOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        client_id=client_id,
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
    invoice_id: None | Unset | UUID = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListPaymentsOrder | Unset = ListPaymentsOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> PaymentPage | ProblemDetails | None:
    """List Payments

     Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`).

    Args:
        invoice_id (None | Unset | UUID):
        client_id (None | Unset | UUID):
        order (ListPaymentsOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListPaymentsOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        invoice_id=invoice_id,
        client_id=client_id,
        order=order,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: None | Unset | UUID = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListPaymentsOrder | Unset = ListPaymentsOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[PaymentPage | ProblemDetails]:
    """List Payments

     Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`).

    Args:
        invoice_id (None | Unset | UUID):
        client_id (None | Unset | UUID):
        order (ListPaymentsOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListPaymentsOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        client_id=client_id,
        order=order,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    invoice_id: None | Unset | UUID = UNSET,
    client_id: None | Unset | UUID = UNSET,
    order: ListPaymentsOrder | Unset = ListPaymentsOrder.OLDEST,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> PaymentPage | ProblemDetails | None:
    """List Payments

     Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`).

    Args:
        invoice_id (None | Unset | UUID):
        client_id (None | Unset | UUID):
        order (ListPaymentsOrder | Unset): `oldest` first (the order they came in) or `newest`
            first. Default: ListPaymentsOrder.OLDEST.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            invoice_id=invoice_id,
            client_id=client_id,
            order=order,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
