from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_bank_statement_format_type_0 import ImportBankStatementFormatType0
from ...models.imported_statement import ImportedStatement
from ...models.problem_details import ProblemDetails
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File | File | File | File | Unset = UNSET,
    format_: ImportBankStatementFormatType0 | None | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, ImportBankStatementFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    json_filename: None | str | Unset
    if isinstance(filename, Unset):
        json_filename = UNSET
    else:
        json_filename = filename
    params["filename"] = json_filename

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/collections/bank-statements",
        "params": params,
    }

    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/xml"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/plain"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/xml"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportedStatement | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = ImportedStatement.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ProblemDetails.from_dict(response.json())

        return response_415

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
) -> Response[ImportedStatement | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | File | Unset = UNSET,
    format_: ImportBankStatementFormatType0 | None | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Response[ImportedStatement | ProblemDetails]:
    """Import Bank Statement

     Import a bank statement file (the raw bytes as the request body).

    Payments are recorded for the credits that name one open invoice and pay no more than it
    owes; the other credits wait in the review list (`GET /v1/collections/bank-statement-lines`).

    Args:
        format_ (ImportBankStatementFormatType0 | None | Unset): norma43 or camt053; guessed from
            the content when absent.
        filename (None | str | Unset):
        body (File):
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportedStatement | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | File | Unset = UNSET,
    format_: ImportBankStatementFormatType0 | None | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> ImportedStatement | ProblemDetails | None:
    """Import Bank Statement

     Import a bank statement file (the raw bytes as the request body).

    Payments are recorded for the credits that name one open invoice and pay no more than it
    owes; the other credits wait in the review list (`GET /v1/collections/bank-statement-lines`).

    Args:
        format_ (ImportBankStatementFormatType0 | None | Unset): norma43 or camt053; guessed from
            the content when absent.
        filename (None | str | Unset):
        body (File):
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportedStatement | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
        filename=filename,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | File | Unset = UNSET,
    format_: ImportBankStatementFormatType0 | None | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> Response[ImportedStatement | ProblemDetails]:
    """Import Bank Statement

     Import a bank statement file (the raw bytes as the request body).

    Payments are recorded for the credits that name one open invoice and pay no more than it
    owes; the other credits wait in the review list (`GET /v1/collections/bank-statement-lines`).

    Args:
        format_ (ImportBankStatementFormatType0 | None | Unset): norma43 or camt053; guessed from
            the content when absent.
        filename (None | str | Unset):
        body (File):
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportedStatement | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | File | Unset = UNSET,
    format_: ImportBankStatementFormatType0 | None | Unset = UNSET,
    filename: None | str | Unset = UNSET,
) -> ImportedStatement | ProblemDetails | None:
    """Import Bank Statement

     Import a bank statement file (the raw bytes as the request body).

    Payments are recorded for the credits that name one open invoice and pay no more than it
    owes; the other credits wait in the review list (`GET /v1/collections/bank-statement-lines`).

    Args:
        format_ (ImportBankStatementFormatType0 | None | Unset): norma43 or camt053; guessed from
            the content when absent.
        filename (None | str | Unset):
        body (File):
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportedStatement | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
            filename=filename,
        )
    ).parsed
