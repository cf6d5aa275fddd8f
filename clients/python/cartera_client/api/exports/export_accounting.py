import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_accounting_format import ExportAccountingFormat
from ...models.problem_details import ProblemDetails
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    format_: ExportAccountingFormat,
    from_: datetime.date,
    to: datetime.date,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_ = format_.value
    params["format"] = json_format_

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/exports/accounting",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportAccountingFormat,
    from_: datetime.date,
    to: datetime.date,
) -> Response[File | ProblemDetails]:
    """Journal entries of the period for an accounting program (A3, ContaPlus, Sage ...)

     Entries of the invoices issued and rectified, the payments received and the payments
    returned between `from` and `to` (both included, at most 366 days), with the tenant's
    account mapping: debits equal credits in every entry. `a3` is SUENLACE.DAT, `contaplus`
    XDiario.txt, `sage` a semicolon journal for Sage 50 / Contasol, `csv` and `xlsx` a plain
    journal; docs/accounting-export.md gives each layout and what it rests on.

    Args:
        format_ (ExportAccountingFormat):
        from_ (datetime.date):
        to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportAccountingFormat,
    from_: datetime.date,
    to: datetime.date,
) -> File | ProblemDetails | None:
    """Journal entries of the period for an accounting program (A3, ContaPlus, Sage ...)

     Entries of the invoices issued and rectified, the payments received and the payments
    returned between `from` and `to` (both included, at most 366 days), with the tenant's
    account mapping: debits equal credits in every entry. `a3` is SUENLACE.DAT, `contaplus`
    XDiario.txt, `sage` a semicolon journal for Sage 50 / Contasol, `csv` and `xlsx` a plain
    journal; docs/accounting-export.md gives each layout and what it rests on.

    Args:
        format_ (ExportAccountingFormat):
        from_ (datetime.date):
        to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return sync_detailed(
        client=client,
        format_=format_,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportAccountingFormat,
    from_: datetime.date,
    to: datetime.date,
) -> Response[File | ProblemDetails]:
    """Journal entries of the period for an accounting program (A3, ContaPlus, Sage ...)

     Entries of the invoices issued and rectified, the payments received and the payments
    returned between `from` and `to` (both included, at most 366 days), with the tenant's
    account mapping: debits equal credits in every entry. `a3` is SUENLACE.DAT, `contaplus`
    XDiario.txt, `sage` a semicolon journal for Sage 50 / Contasol, `csv` and `xlsx` a plain
    journal; docs/accounting-export.md gives each layout and what it rests on.

    Args:
        format_ (ExportAccountingFormat):
        from_ (datetime.date):
        to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportAccountingFormat,
    from_: datetime.date,
    to: datetime.date,
) -> File | ProblemDetails | None:
    """Journal entries of the period for an accounting program (A3, ContaPlus, Sage ...)

     Entries of the invoices issued and rectified, the payments received and the payments
    returned between `from` and `to` (both included, at most 366 days), with the tenant's
    account mapping: debits equal credits in every entry. `a3` is SUENLACE.DAT, `contaplus`
    XDiario.txt, `sage` a semicolon journal for Sage 50 / Contasol, `csv` and `xlsx` a plain
    journal; docs/accounting-export.md gives each layout and what it rests on.

    Args:
        format_ (ExportAccountingFormat):
        from_ (datetime.date):
        to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            from_=from_,
            to=to,
        )
    ).parsed
