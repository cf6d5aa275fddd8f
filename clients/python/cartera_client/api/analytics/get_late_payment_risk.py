import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.late_payment_risk import LatePaymentRisk
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    as_of: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

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
        "url": "/v1/analytics/late-payment-risk",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LatePaymentRisk | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = LatePaymentRisk.from_dict(response.json())

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
) -> Response[LatePaymentRisk | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> Response[LatePaymentRisk | ProblemDetails]:
    """Probability of being paid more than 30 days late, per open invoice and client

     Scores each open invoice and each client as of a day (today by default): the
    probability of being paid more than 30 days late, with its reasons (history, trend, amount
    against the usual, days overdue, reaction to reminders) as contributions to the log-odds.
    A logistic model fitted on the business's own settled history, with the default weights
    while it is short. Answered whole, not paged: one model fitted over the whole history scores
    every open invoice together (`client_id` narrows it to one client, as its page asks).

    Args:
        as_of (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LatePaymentRisk | ProblemDetails]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> LatePaymentRisk | ProblemDetails | None:
    """Probability of being paid more than 30 days late, per open invoice and client

     Scores each open invoice and each client as of a day (today by default): the
    probability of being paid more than 30 days late, with its reasons (history, trend, amount
    against the usual, days overdue, reaction to reminders) as contributions to the log-odds.
    A logistic model fitted on the business's own settled history, with the default weights
    while it is short. Answered whole, not paged: one model fitted over the whole history scores
    every open invoice together (`client_id` narrows it to one client, as its page asks).

    Args:
        as_of (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LatePaymentRisk | ProblemDetails
    """

    return sync_detailed(
        client=client,
        as_of=as_of,
        client_id=client_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> Response[LatePaymentRisk | ProblemDetails]:
    """Probability of being paid more than 30 days late, per open invoice and client

     Scores each open invoice and each client as of a day (today by default): the
    probability of being paid more than 30 days late, with its reasons (history, trend, amount
    against the usual, days overdue, reaction to reminders) as contributions to the log-odds.
    A logistic model fitted on the business's own settled history, with the default weights
    while it is short. Answered whole, not paged: one model fitted over the whole history scores
    every open invoice together (`client_id` narrows it to one client, as its page asks).

    Args:
        as_of (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LatePaymentRisk | ProblemDetails]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    client_id: None | Unset | UUID = UNSET,
) -> LatePaymentRisk | ProblemDetails | None:
    """Probability of being paid more than 30 days late, per open invoice and client

     Scores each open invoice and each client as of a day (today by default): the
    probability of being paid more than 30 days late, with its reasons (history, trend, amount
    against the usual, days overdue, reaction to reminders) as contributions to the log-odds.
    A logistic model fitted on the business's own settled history, with the default weights
    while it is short. Answered whole, not paged: one model fitted over the whole history scores
    every open invoice together (`client_id` narrows it to one client, as its page asks).

    Args:
        as_of (datetime.date | None | Unset):
        client_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LatePaymentRisk | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            as_of=as_of,
            client_id=client_id,
        )
    ).parsed
