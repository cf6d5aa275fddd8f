from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.tax_summary import TaxSummary
from ...types import UNSET, Response


def _get_kwargs(
    *,
    year: int,
    quarter: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params["quarter"] = quarter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/tax-summary",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | TaxSummary | None:
    if response.status_code == 200:
        response_200 = TaxSummary.from_dict(response.json())

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
) -> Response[ProblemDetails | TaxSummary]:
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
    quarter: int,
) -> Response[ProblemDetails | TaxSummary]:
    """The quarter's VAT, recargo and IRPF from the invoices issued (Modelo 303 boxes)

     Bases and quotas by VAT and recargo rate of the invoices issued in the quarter (net of
    rectifications, which are also given apart; cancelled invoices count for nothing), the IRPF
    their clients withheld by rate and by the return the client declares it in (111 for
    activities, 115 for rents of urban property), and the Modelo 303 boxes of IVA devengado
    these figures fill. Amounts in euros.

    Args:
        year (int):
        quarter (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TaxSummary]
    """

    kwargs = _get_kwargs(
        year=year,
        quarter=quarter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    quarter: int,
) -> ProblemDetails | TaxSummary | None:
    """The quarter's VAT, recargo and IRPF from the invoices issued (Modelo 303 boxes)

     Bases and quotas by VAT and recargo rate of the invoices issued in the quarter (net of
    rectifications, which are also given apart; cancelled invoices count for nothing), the IRPF
    their clients withheld by rate and by the return the client declares it in (111 for
    activities, 115 for rents of urban property), and the Modelo 303 boxes of IVA devengado
    these figures fill. Amounts in euros.

    Args:
        year (int):
        quarter (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TaxSummary
    """

    return sync_detailed(
        client=client,
        year=year,
        quarter=quarter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    quarter: int,
) -> Response[ProblemDetails | TaxSummary]:
    """The quarter's VAT, recargo and IRPF from the invoices issued (Modelo 303 boxes)

     Bases and quotas by VAT and recargo rate of the invoices issued in the quarter (net of
    rectifications, which are also given apart; cancelled invoices count for nothing), the IRPF
    their clients withheld by rate and by the return the client declares it in (111 for
    activities, 115 for rents of urban property), and the Modelo 303 boxes of IVA devengado
    these figures fill. Amounts in euros.

    Args:
        year (int):
        quarter (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TaxSummary]
    """

    kwargs = _get_kwargs(
        year=year,
        quarter=quarter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    quarter: int,
) -> ProblemDetails | TaxSummary | None:
    """The quarter's VAT, recargo and IRPF from the invoices issued (Modelo 303 boxes)

     Bases and quotas by VAT and recargo rate of the invoices issued in the quarter (net of
    rectifications, which are also given apart; cancelled invoices count for nothing), the IRPF
    their clients withheld by rate and by the return the client declares it in (111 for
    activities, 115 for rents of urban property), and the Modelo 303 boxes of IVA devengado
    these figures fill. Amounts in euros.

    Args:
        year (int):
        quarter (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TaxSummary
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            quarter=quarter,
        )
    ).parsed
