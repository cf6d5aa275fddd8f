from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follow_up_agenda import FollowUpAgenda
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assignee: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/follow-ups/agenda",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowUpAgenda | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FollowUpAgenda.from_dict(response.json())

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
) -> Response[FollowUpAgenda | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
) -> Response[FollowUpAgenda | ProblemDetails]:
    """Get Follow Up Agenda

     What is due today and what is overdue, for one person or for everyone by person.

    Args:
        assignee (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpAgenda | ProblemDetails]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
) -> FollowUpAgenda | ProblemDetails | None:
    """Get Follow Up Agenda

     What is due today and what is overdue, for one person or for everyone by person.

    Args:
        assignee (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpAgenda | ProblemDetails
    """

    return sync_detailed(
        client=client,
        assignee=assignee,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
) -> Response[FollowUpAgenda | ProblemDetails]:
    """Get Follow Up Agenda

     What is due today and what is overdue, for one person or for everyone by person.

    Args:
        assignee (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpAgenda | ProblemDetails]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    assignee: None | str | Unset = UNSET,
) -> FollowUpAgenda | ProblemDetails | None:
    """Get Follow Up Agenda

     What is due today and what is overdue, for one person or for everyone by person.

    Args:
        assignee (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpAgenda | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            assignee=assignee,
        )
    ).parsed
