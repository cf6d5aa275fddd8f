from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.billing_evolution import BillingEvolution
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    top: int | Unset = 5,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    params["top"] = top

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/evolution",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BillingEvolution | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = BillingEvolution.from_dict(response.json())

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
) -> Response[BillingEvolution | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    top: int | Unset = 5,
) -> Response[BillingEvolution | ProblemDetails]:
    """Monthly billing per client and in total, MoM, YoY and trend

     Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months. `month_to_date`
    compares today's month so far with the same days of last month.

    Args:
        from_ (None | str | Unset): YYYY-MM
        to (None | str | Unset): YYYY-MM
        client_id (None | Unset | UUID):
        top (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingEvolution | ProblemDetails]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        client_id=client_id,
        top=top,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    top: int | Unset = 5,
) -> BillingEvolution | ProblemDetails | None:
    """Monthly billing per client and in total, MoM, YoY and trend

     Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months. `month_to_date`
    compares today's month so far with the same days of last month.

    Args:
        from_ (None | str | Unset): YYYY-MM
        to (None | str | Unset): YYYY-MM
        client_id (None | Unset | UUID):
        top (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingEvolution | ProblemDetails
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        client_id=client_id,
        top=top,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    top: int | Unset = 5,
) -> Response[BillingEvolution | ProblemDetails]:
    """Monthly billing per client and in total, MoM, YoY and trend

     Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months. `month_to_date`
    compares today's month so far with the same days of last month.

    Args:
        from_ (None | str | Unset): YYYY-MM
        to (None | str | Unset): YYYY-MM
        client_id (None | Unset | UUID):
        top (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingEvolution | ProblemDetails]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        client_id=client_id,
        top=top,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
    top: int | Unset = 5,
) -> BillingEvolution | ProblemDetails | None:
    """Monthly billing per client and in total, MoM, YoY and trend

     Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months. `month_to_date`
    compares today's month so far with the same days of last month.

    Args:
        from_ (None | str | Unset): YYYY-MM
        to (None | str | Unset): YYYY-MM
        client_id (None | Unset | UUID):
        top (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingEvolution | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            client_id=client_id,
            top=top,
        )
    ).parsed
