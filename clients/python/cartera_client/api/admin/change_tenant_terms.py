from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.tenant_admin import TenantAdmin
from ...models.tenant_terms import TenantTerms
from ...types import Response


def _get_kwargs(
    tenant_id: UUID,
    *,
    body: TenantTerms,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/admin/tenants/{tenant_id}".format(
            tenant_id=quote(str(tenant_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | TenantAdmin | None:
    if response.status_code == 200:
        response_200 = TenantAdmin.from_dict(response.json())

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
) -> Response[ProblemDetails | TenantAdmin]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TenantTerms,
) -> Response[ProblemDetails | TenantAdmin]:
    """Change Tenant Terms

     Set a tenant's plan and request rate (the operator's token). The rate holds at once on
    this gateway replica and within `CARTERA_GATEWAY_API_KEY_CACHE_SECONDS` on the others.

    Args:
        tenant_id (UUID):
        body (TenantTerms): What an operator changes of a tenant's terms; members left out stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TenantAdmin]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TenantTerms,
) -> ProblemDetails | TenantAdmin | None:
    """Change Tenant Terms

     Set a tenant's plan and request rate (the operator's token). The rate holds at once on
    this gateway replica and within `CARTERA_GATEWAY_API_KEY_CACHE_SECONDS` on the others.

    Args:
        tenant_id (UUID):
        body (TenantTerms): What an operator changes of a tenant's terms; members left out stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TenantAdmin
    """

    return sync_detailed(
        tenant_id=tenant_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TenantTerms,
) -> Response[ProblemDetails | TenantAdmin]:
    """Change Tenant Terms

     Set a tenant's plan and request rate (the operator's token). The rate holds at once on
    this gateway replica and within `CARTERA_GATEWAY_API_KEY_CACHE_SECONDS` on the others.

    Args:
        tenant_id (UUID):
        body (TenantTerms): What an operator changes of a tenant's terms; members left out stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TenantAdmin]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TenantTerms,
) -> ProblemDetails | TenantAdmin | None:
    """Change Tenant Terms

     Set a tenant's plan and request rate (the operator's token). The rate holds at once on
    this gateway replica and within `CARTERA_GATEWAY_API_KEY_CACHE_SECONDS` on the others.

    Args:
        tenant_id (UUID):
        body (TenantTerms): What an operator changes of a tenant's terms; members left out stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TenantAdmin
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            client=client,
            body=body,
        )
    ).parsed
