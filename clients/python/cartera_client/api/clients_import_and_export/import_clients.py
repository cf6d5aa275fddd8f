from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_import_job import ClientImportJob
from ...models.import_clients_body import ImportClientsBody
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: ImportClientsBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/clients/imports",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientImportJob | ProblemDetails | None:
    if response.status_code == 202:
        response_202 = ClientImportJob.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ProblemDetails.from_dict(response.json())

        return response_415

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
    *,
    client: AuthenticatedClient | Client,
    body: ImportClientsBody,
) -> Response[ClientImportJob | ProblemDetails]:
    """Import Clients

     Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once.

    Args:
        body (ImportClientsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientImportJob | ProblemDetails]
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
    body: ImportClientsBody,
) -> ClientImportJob | ProblemDetails | None:
    """Import Clients

     Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once.

    Args:
        body (ImportClientsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientImportJob | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportClientsBody,
) -> Response[ClientImportJob | ProblemDetails]:
    """Import Clients

     Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once.

    Args:
        body (ImportClientsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientImportJob | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImportClientsBody,
) -> ClientImportJob | ProblemDetails | None:
    """Import Clients

     Import clients from a CSV (multipart/form-data: `file`, and `dry_run`, true by default):
    new tax ids are created, known ones updated. Answers at once with a job to follow at
    `Location`; a dry run reports without writing. At most two imports of a tenant run at once.

    Args:
        body (ImportClientsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientImportJob | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
