from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_update import ClientUpdate
from ...models.client_written import ClientWritten
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    client_id: UUID,
    *,
    body: ClientUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/clients/{client_id}".format(
            client_id=quote(str(client_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientWritten | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ClientWritten.from_dict(response.json())

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
) -> Response[ClientWritten | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ClientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ClientWritten | ProblemDetails]:
    """Update Client

     Change a client: a new version. Fiscal changes may carry `valid_from` and `reason`.
    A stale `If-Match`, or the tax id of another active client, is a 409.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientUpdate): Only the fields sent change; the result is validated as a whole
            client.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientWritten | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ClientUpdate,
    if_match: None | str | Unset = UNSET,
) -> ClientWritten | ProblemDetails | None:
    """Update Client

     Change a client: a new version. Fiscal changes may carry `valid_from` and `reason`.
    A stale `If-Match`, or the tax id of another active client, is a 409.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientUpdate): Only the fields sent change; the result is validated as a whole
            client.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientWritten | ProblemDetails
    """

    return sync_detailed(
        client_id=client_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ClientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ClientWritten | ProblemDetails]:
    """Update Client

     Change a client: a new version. Fiscal changes may carry `valid_from` and `reason`.
    A stale `If-Match`, or the tax id of another active client, is a 409.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientUpdate): Only the fields sent change; the result is validated as a whole
            client.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientWritten | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ClientUpdate,
    if_match: None | str | Unset = UNSET,
) -> ClientWritten | ProblemDetails | None:
    """Update Client

     Change a client: a new version. Fiscal changes may carry `valid_from` and `reason`.
    A stale `If-Match`, or the tax id of another active client, is a 409.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientUpdate): Only the fields sent change; the result is validated as a whole
            client.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientWritten | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client_id=client_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
