from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_import_job import ClientImportJob
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: UUID,
    *,
    only_errors: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["only_errors"] = only_errors

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients/imports/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientImportJob | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ClientImportJob.from_dict(response.json())

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
) -> Response[ClientImportJob | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    only_errors: bool | Unset = False,
) -> Response[ClientImportJob | ProblemDetails]:
    """Get Client Import

     An import: its progress and its report, row by row (or only the rows that failed).

    Args:
        job_id (UUID):
        only_errors (bool | Unset): Report only the rows that failed. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientImportJob | ProblemDetails]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        only_errors=only_errors,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    only_errors: bool | Unset = False,
) -> ClientImportJob | ProblemDetails | None:
    """Get Client Import

     An import: its progress and its report, row by row (or only the rows that failed).

    Args:
        job_id (UUID):
        only_errors (bool | Unset): Report only the rows that failed. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientImportJob | ProblemDetails
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        only_errors=only_errors,
    ).parsed


async def asyncio_detailed(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    only_errors: bool | Unset = False,
) -> Response[ClientImportJob | ProblemDetails]:
    """Get Client Import

     An import: its progress and its report, row by row (or only the rows that failed).

    Args:
        job_id (UUID):
        only_errors (bool | Unset): Report only the rows that failed. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientImportJob | ProblemDetails]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        only_errors=only_errors,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    only_errors: bool | Unset = False,
) -> ClientImportJob | ProblemDetails | None:
    """Get Client Import

     An import: its progress and its report, row by row (or only the rows that failed).

    Args:
        job_id (UUID):
        only_errors (bool | Unset): Report only the rows that failed. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientImportJob | ProblemDetails
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            only_errors=only_errors,
        )
    ).parsed
