from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_mapping_answer import AccountMappingAnswer
from ...models.account_mapping_in import AccountMappingIn
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: AccountMappingIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/exports/accounting/accounts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccountMappingAnswer | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AccountMappingAnswer.from_dict(response.json())

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
) -> Response[AccountMappingAnswer | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AccountMappingIn,
) -> Response[AccountMappingAnswer | ProblemDetails]:
    """Set the tenant's account mapping

     Replace the mapping (a field left out takes its default). Accounts are digits only, at
    most `digits` long; a prefix leaves room for four more digits. A per-client sub-account
    keeps its number when the mapping changes.

    Args:
        body (AccountMappingIn): Every field optional: one left out takes the PGC default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountMappingAnswer | ProblemDetails]
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
    body: AccountMappingIn,
) -> AccountMappingAnswer | ProblemDetails | None:
    """Set the tenant's account mapping

     Replace the mapping (a field left out takes its default). Accounts are digits only, at
    most `digits` long; a prefix leaves room for four more digits. A per-client sub-account
    keeps its number when the mapping changes.

    Args:
        body (AccountMappingIn): Every field optional: one left out takes the PGC default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountMappingAnswer | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AccountMappingIn,
) -> Response[AccountMappingAnswer | ProblemDetails]:
    """Set the tenant's account mapping

     Replace the mapping (a field left out takes its default). Accounts are digits only, at
    most `digits` long; a prefix leaves room for four more digits. A per-client sub-account
    keeps its number when the mapping changes.

    Args:
        body (AccountMappingIn): Every field optional: one left out takes the PGC default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountMappingAnswer | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AccountMappingIn,
) -> AccountMappingAnswer | ProblemDetails | None:
    """Set the tenant's account mapping

     Replace the mapping (a field left out takes its default). Accounts are digits only, at
    most `digits` long; a prefix leaves room for four more digits. A per-client sub-account
    keeps its number when the mapping changes.

    Args:
        body (AccountMappingIn): Every field optional: one left out takes the PGC default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountMappingAnswer | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
