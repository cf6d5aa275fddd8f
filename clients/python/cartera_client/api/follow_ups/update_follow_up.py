from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follow_up_answer import FollowUpAnswer
from ...models.follow_up_patch import FollowUpPatch
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    follow_up_id: UUID,
    *,
    body: FollowUpPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/follow-ups/{follow_up_id}".format(
            follow_up_id=quote(str(follow_up_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowUpAnswer | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FollowUpAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[FollowUpAnswer | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    follow_up_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpPatch,
) -> Response[FollowUpAnswer | ProblemDetails]:
    """Update Follow Up

     Change a follow-up; `status: done` stamps `done_at`.

    Args:
        follow_up_id (UUID):
        body (FollowUpPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpAnswer | ProblemDetails]
    """

    kwargs = _get_kwargs(
        follow_up_id=follow_up_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    follow_up_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpPatch,
) -> FollowUpAnswer | ProblemDetails | None:
    """Update Follow Up

     Change a follow-up; `status: done` stamps `done_at`.

    Args:
        follow_up_id (UUID):
        body (FollowUpPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpAnswer | ProblemDetails
    """

    return sync_detailed(
        follow_up_id=follow_up_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    follow_up_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpPatch,
) -> Response[FollowUpAnswer | ProblemDetails]:
    """Update Follow Up

     Change a follow-up; `status: done` stamps `done_at`.

    Args:
        follow_up_id (UUID):
        body (FollowUpPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUpAnswer | ProblemDetails]
    """

    kwargs = _get_kwargs(
        follow_up_id=follow_up_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    follow_up_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpPatch,
) -> FollowUpAnswer | ProblemDetails | None:
    """Update Follow Up

     Change a follow-up; `status: done` stamps `done_at`.

    Args:
        follow_up_id (UUID):
        body (FollowUpPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUpAnswer | ProblemDetails
    """

    return (
        await asyncio_detailed(
            follow_up_id=follow_up_id,
            client=client,
            body=body,
        )
    ).parsed
