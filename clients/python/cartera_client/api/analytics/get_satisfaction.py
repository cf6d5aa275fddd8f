import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.satisfaction import Satisfaction
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/satisfaction",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Satisfaction | None:
    if response.status_code == 200:
        response_200 = Satisfaction.from_dict(response.json())

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
) -> Response[ProblemDetails | Satisfaction]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> Response[ProblemDetails | Satisfaction]:
    """CSAT and NPS per month, per client and in total

     The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client.

    Args:
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Satisfaction]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> ProblemDetails | Satisfaction | None:
    """CSAT and NPS per month, per client and in total

     The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client.

    Args:
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Satisfaction
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        client_id=client_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> Response[ProblemDetails | Satisfaction]:
    """CSAT and NPS per month, per client and in total

     The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client.

    Args:
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Satisfaction]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> ProblemDetails | Satisfaction | None:
    """CSAT and NPS per month, per client and in total

     The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client.

    Args:
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Satisfaction
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            client_id=client_id,
        )
    ).parsed
