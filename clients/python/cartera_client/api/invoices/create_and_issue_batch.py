from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_batch_in import InvoiceBatchIn
from ...models.invoice_batch_read import InvoiceBatchRead
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: InvoiceBatchIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/invoices/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceBatchRead | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = InvoiceBatchRead.from_dict(response.json())

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
) -> Response[InvoiceBatchRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceBatchIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceBatchRead | ProblemDetails]:
    """Create And Issue Batch

     Make and issue up to 1,000 invoices in one call (a month's recurring fees, a partner's
    billing run), all or none: one transaction, so either every invoice comes back issued, in
    the order sent and numbered in that order within its series, or nothing at all is written
    and no number is used. A refusal names the invoice it concerns (`item`, its index, and
    `errors[].loc` under `invoices`). The series and the issuer's VERI*FACTU chain stay locked
    while the batch is issued: other issues of the tenant wait for it (about 3 s for 1,000
    invoices on the two-core test machine). Send an `Idempotency-Key` to retry safely. The
    answer sums each invoice up (id, number, totals, due dates); `GET /v1/invoices/{id}` gives
    the whole invoice.

    Args:
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceBatchIn): Invoices to make and issue together, all or none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceBatchRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceBatchIn,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceBatchRead | ProblemDetails | None:
    """Create And Issue Batch

     Make and issue up to 1,000 invoices in one call (a month's recurring fees, a partner's
    billing run), all or none: one transaction, so either every invoice comes back issued, in
    the order sent and numbered in that order within its series, or nothing at all is written
    and no number is used. A refusal names the invoice it concerns (`item`, its index, and
    `errors[].loc` under `invoices`). The series and the issuer's VERI*FACTU chain stay locked
    while the batch is issued: other issues of the tenant wait for it (about 3 s for 1,000
    invoices on the two-core test machine). Send an `Idempotency-Key` to retry safely. The
    answer sums each invoice up (id, number, totals, due dates); `GET /v1/invoices/{id}` gives
    the whole invoice.

    Args:
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceBatchIn): Invoices to make and issue together, all or none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceBatchRead | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceBatchIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InvoiceBatchRead | ProblemDetails]:
    """Create And Issue Batch

     Make and issue up to 1,000 invoices in one call (a month's recurring fees, a partner's
    billing run), all or none: one transaction, so either every invoice comes back issued, in
    the order sent and numbered in that order within its series, or nothing at all is written
    and no number is used. A refusal names the invoice it concerns (`item`, its index, and
    `errors[].loc` under `invoices`). The series and the issuer's VERI*FACTU chain stay locked
    while the batch is issued: other issues of the tenant wait for it (about 3 s for 1,000
    invoices on the two-core test machine). Send an `Idempotency-Key` to retry safely. The
    answer sums each invoice up (id, number, totals, due dates); `GET /v1/invoices/{id}` gives
    the whole invoice.

    Args:
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceBatchIn): Invoices to make and issue together, all or none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceBatchRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: InvoiceBatchIn,
    idempotency_key: None | str | Unset = UNSET,
) -> InvoiceBatchRead | ProblemDetails | None:
    """Create And Issue Batch

     Make and issue up to 1,000 invoices in one call (a month's recurring fees, a partner's
    billing run), all or none: one transaction, so either every invoice comes back issued, in
    the order sent and numbered in that order within its series, or nothing at all is written
    and no number is used. A refusal names the invoice it concerns (`item`, its index, and
    `errors[].loc` under `invoices`). The series and the issuer's VERI*FACTU chain stay locked
    while the batch is issued: other issues of the tenant wait for it (about 3 s for 1,000
    invoices on the two-core test machine). Send an `Idempotency-Key` to retry safely. The
    answer sums each invoice up (id, number, totals, due dates); `GET /v1/invoices/{id}` gives
    the whole invoice.

    Args:
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.
        body (InvoiceBatchIn): Invoices to make and issue together, all or none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceBatchRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
