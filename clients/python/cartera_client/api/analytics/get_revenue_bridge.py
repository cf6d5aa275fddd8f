import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.revenue_bridge import RevenueBridge
from ...types import UNSET, Response


def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    compare_from: datetime.date,
    compare_to: datetime.date,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_compare_from = compare_from.isoformat()
    params["compare_from"] = json_compare_from

    json_compare_to = compare_to.isoformat()
    params["compare_to"] = json_compare_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/revenue-bridge",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RevenueBridge | None:
    if response.status_code == 200:
        response_200 = RevenueBridge.from_dict(response.json())

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
) -> Response[ProblemDetails | RevenueBridge]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    compare_from: datetime.date,
    compare_to: datetime.date,
) -> Response[ProblemDetails | RevenueBridge]:
    """Clients gained, grown, shrunk and lost between periods

     How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        compare_from (datetime.date):
        compare_to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RevenueBridge]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        compare_from=compare_from,
        compare_to=compare_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    compare_from: datetime.date,
    compare_to: datetime.date,
) -> ProblemDetails | RevenueBridge | None:
    """Clients gained, grown, shrunk and lost between periods

     How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        compare_from (datetime.date):
        compare_to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RevenueBridge
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        compare_from=compare_from,
        compare_to=compare_to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    compare_from: datetime.date,
    compare_to: datetime.date,
) -> Response[ProblemDetails | RevenueBridge]:
    """Clients gained, grown, shrunk and lost between periods

     How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        compare_from (datetime.date):
        compare_to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RevenueBridge]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        compare_from=compare_from,
        compare_to=compare_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date,
    to: datetime.date,
    compare_from: datetime.date,
    compare_to: datetime.date,
) -> ProblemDetails | RevenueBridge | None:
    """Clients gained, grown, shrunk and lost between periods

     How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts.

    Args:
        from_ (datetime.date):
        to (datetime.date):
        compare_from (datetime.date):
        compare_to (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RevenueBridge
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            compare_from=compare_from,
            compare_to=compare_to,
        )
    ).parsed
