from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_modelo_347_format_type_0 import GetModelo347FormatType0
from ...models.modelo_347 import Modelo347
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int,
    format_: GetModelo347FormatType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, GetModelo347FormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/modelo-347",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Modelo347 | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Modelo347.from_dict(response.json())

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
) -> Response[Modelo347 | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    format_: GetModelo347FormatType0 | None | Unset = UNSET,
) -> Response[Modelo347 | ProblemDetails]:
    """Counterparties above the Modelo 347 threshold, by quarter (sales only)

     Sales only: operations with clients, from the invoices issued with Cartera. Purchases (operations
    with suppliers), which the same return declares apart, are not covered until Cartera records them:
    add them from your books before filing. Amounts VAT included, by quarter of the invoice date.
    Excluded: intra-EU operations and exports, invoices without an identified recipient, and invoice
    lines with IRPF withholding (the payer declares them in Modelo 190/180) except rents of urban
    property, which are declared and also listed apart with their cadastral reference. Cash received
    above 6,000 EUR per counterparty is reported, with the year of the operations when it came in a
    later year. A tenant that files through SII gets no list. `format=csv` (or `Accept: text/csv`)
    downloads the list as CSV.

    Args:
        year (int):
        format_ (GetModelo347FormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Modelo347 | ProblemDetails]
    """

    kwargs = _get_kwargs(
        year=year,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    format_: GetModelo347FormatType0 | None | Unset = UNSET,
) -> Modelo347 | ProblemDetails | None:
    """Counterparties above the Modelo 347 threshold, by quarter (sales only)

     Sales only: operations with clients, from the invoices issued with Cartera. Purchases (operations
    with suppliers), which the same return declares apart, are not covered until Cartera records them:
    add them from your books before filing. Amounts VAT included, by quarter of the invoice date.
    Excluded: intra-EU operations and exports, invoices without an identified recipient, and invoice
    lines with IRPF withholding (the payer declares them in Modelo 190/180) except rents of urban
    property, which are declared and also listed apart with their cadastral reference. Cash received
    above 6,000 EUR per counterparty is reported, with the year of the operations when it came in a
    later year. A tenant that files through SII gets no list. `format=csv` (or `Accept: text/csv`)
    downloads the list as CSV.

    Args:
        year (int):
        format_ (GetModelo347FormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Modelo347 | ProblemDetails
    """

    return sync_detailed(
        client=client,
        year=year,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    format_: GetModelo347FormatType0 | None | Unset = UNSET,
) -> Response[Modelo347 | ProblemDetails]:
    """Counterparties above the Modelo 347 threshold, by quarter (sales only)

     Sales only: operations with clients, from the invoices issued with Cartera. Purchases (operations
    with suppliers), which the same return declares apart, are not covered until Cartera records them:
    add them from your books before filing. Amounts VAT included, by quarter of the invoice date.
    Excluded: intra-EU operations and exports, invoices without an identified recipient, and invoice
    lines with IRPF withholding (the payer declares them in Modelo 190/180) except rents of urban
    property, which are declared and also listed apart with their cadastral reference. Cash received
    above 6,000 EUR per counterparty is reported, with the year of the operations when it came in a
    later year. A tenant that files through SII gets no list. `format=csv` (or `Accept: text/csv`)
    downloads the list as CSV.

    Args:
        year (int):
        format_ (GetModelo347FormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Modelo347 | ProblemDetails]
    """

    kwargs = _get_kwargs(
        year=year,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    format_: GetModelo347FormatType0 | None | Unset = UNSET,
) -> Modelo347 | ProblemDetails | None:
    """Counterparties above the Modelo 347 threshold, by quarter (sales only)

     Sales only: operations with clients, from the invoices issued with Cartera. Purchases (operations
    with suppliers), which the same return declares apart, are not covered until Cartera records them:
    add them from your books before filing. Amounts VAT included, by quarter of the invoice date.
    Excluded: intra-EU operations and exports, invoices without an identified recipient, and invoice
    lines with IRPF withholding (the payer declares them in Modelo 190/180) except rents of urban
    property, which are declared and also listed apart with their cadastral reference. Cash received
    above 6,000 EUR per counterparty is reported, with the year of the operations when it came in a
    later year. A tenant that files through SII gets no list. `format=csv` (or `Accept: text/csv`)
    downloads the list as CSV.

    Args:
        year (int):
        format_ (GetModelo347FormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Modelo347 | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            format_=format_,
        )
    ).parsed
