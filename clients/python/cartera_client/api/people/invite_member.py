from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invitation import Invitation
from ...models.member_invite import MemberInvite
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: MemberInvite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/members",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Invitation | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = Invitation.from_dict(response.json())

        return response_201

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
) -> Response[Invitation | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MemberInvite,
) -> Response[Invitation | ProblemDetails]:
    """Invite Member

     Invite a person by e-mail with a role here (`accountant` unless told). Someone with a
    Cartera account joins with it, without a new password; someone new chooses one. The token is
    mailed; without a mail server it comes in the answer for the owner to hand over. An e-mail
    already invited, a member or an account of this tenant is a 409; a revoked one may be invited
    again.

    Args:
        body (MemberInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | ProblemDetails]
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
    body: MemberInvite,
) -> Invitation | ProblemDetails | None:
    """Invite Member

     Invite a person by e-mail with a role here (`accountant` unless told). Someone with a
    Cartera account joins with it, without a new password; someone new chooses one. The token is
    mailed; without a mail server it comes in the answer for the owner to hand over. An e-mail
    already invited, a member or an account of this tenant is a 409; a revoked one may be invited
    again.

    Args:
        body (MemberInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MemberInvite,
) -> Response[Invitation | ProblemDetails]:
    """Invite Member

     Invite a person by e-mail with a role here (`accountant` unless told). Someone with a
    Cartera account joins with it, without a new password; someone new chooses one. The token is
    mailed; without a mail server it comes in the answer for the owner to hand over. An e-mail
    already invited, a member or an account of this tenant is a 409; a revoked one may be invited
    again.

    Args:
        body (MemberInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: MemberInvite,
) -> Invitation | ProblemDetails | None:
    """Invite Member

     Invite a person by e-mail with a role here (`accountant` unless told). Someone with a
    Cartera account joins with it, without a new password; someone new chooses one. The token is
    mailed; without a mail server it comes in the answer for the owner to hand over. An e-mail
    already invited, a member or an account of this tenant is a 409; a revoked one may be invited
    again.

    Args:
        body (MemberInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
