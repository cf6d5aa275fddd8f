from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invitation_accept import InvitationAccept
from ...models.member import Member
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: InvitationAccept,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/invitation",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Member | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Member.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[Member | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationAccept,
) -> Response[Member | ProblemDetails]:
    """Accept Invitation

     Accept an invitation. A person with a Cartera account sends their session (cookie with its
    CSRF token, or bearer) and joins without a new password; a person new to Cartera sends no
    session but a `name` and a `password` (409 when the e-mail has an account: sign in first).
    Afterwards `POST /v1/auth/switch` enters the business.

    Args:
        body (InvitationAccept):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Member | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationAccept,
) -> Member | ProblemDetails | None:
    """Accept Invitation

     Accept an invitation. A person with a Cartera account sends their session (cookie with its
    CSRF token, or bearer) and joins without a new password; a person new to Cartera sends no
    session but a `name` and a `password` (409 when the e-mail has an account: sign in first).
    Afterwards `POST /v1/auth/switch` enters the business.

    Args:
        body (InvitationAccept):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Member | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationAccept,
) -> Response[Member | ProblemDetails]:
    """Accept Invitation

     Accept an invitation. A person with a Cartera account sends their session (cookie with its
    CSRF token, or bearer) and joins without a new password; a person new to Cartera sends no
    session but a `name` and a `password` (409 when the e-mail has an account: sign in first).
    Afterwards `POST /v1/auth/switch` enters the business.

    Args:
        body (InvitationAccept):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Member | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationAccept,
) -> Member | ProblemDetails | None:
    """Accept Invitation

     Accept an invitation. A person with a Cartera account sends their session (cookie with its
    CSRF token, or bearer) and joins without a new password; a person new to Cartera sends no
    session but a `name` and a `password` (409 when the e-mail has an account: sign in first).
    Afterwards `POST /v1/auth/switch` enters the business.

    Args:
        body (InvitationAccept):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Member | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
