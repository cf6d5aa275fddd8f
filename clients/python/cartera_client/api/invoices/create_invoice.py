from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_create import InvoiceCreate
from ...models.invoice_read import InvoiceRead
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: InvoiceCreate,
    issue: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["issue"] = issue

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/invoices",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceRead | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = InvoiceRead.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[InvoiceRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceCreate,
    issue: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceRead | ProblemDetails]:
    """Create Invoice

     Make a draft (changed and deleted freely until it is issued), or with `issue=true` an
    issued invoice in one call.

    Args:
        issue (bool | Unset): Issue it at once: the draft and its issue in one transaction, so
            either the invoice comes back issued or nothing at all is written. Default: False.
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        issue=issue,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceCreate,
    issue: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceRead | ProblemDetails | None:
    """Create Invoice

     Make a draft (changed and deleted freely until it is issued), or with `issue=true` an
    issued invoice in one call.

    Args:
        issue (bool | Unset): Issue it at once: the draft and its issue in one transaction, so
            either the invoice comes back issued or nothing at all is written. Default: False.
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        issue=issue,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceCreate,
    issue: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceRead | ProblemDetails]:
    """Create Invoice

     Make a draft (changed and deleted freely until it is issued), or with `issue=true` an
    issued invoice in one call.

    Args:
        issue (bool | Unset): Issue it at once: the draft and its issue in one transaction, so
            either the invoice comes back issued or nothing at all is written. Default: False.
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        issue=issue,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceCreate,
    issue: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceRead | ProblemDetails | None:
    """Create Invoice

     Make a draft (changed and deleted freely until it is issued), or with `issue=true` an
    issued invoice in one call.

    Args:
        issue (bool | Unset): Issue it at once: the draft and its issue in one transaction, so
            either the invoice comes back issued or nothing at all is written. Default: False.
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            issue=issue,
            idempotency_key=idempotency_key,
        )
    ).parsed
