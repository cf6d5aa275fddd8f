from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_read import DocumentRead
from ...models.problem_details import ProblemDetails
from ...models.upload_client_document_body import UploadClientDocumentBody
from ...types import Response


def _get_kwargs(
    client_id: UUID,
    *,
    body: UploadClientDocumentBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/clients/{client_id}/documents".format(
            client_id=quote(str(client_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DocumentRead | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = DocumentRead.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[DocumentRead | ProblemDetails]:
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
    body: UploadClientDocumentBody,
) -> Response[DocumentRead | ProblemDetails]:
    """Upload Client Document

     Upload a document of the client (multipart/form-data: `file`, `kind`, `title`, and
    optionally `document_date` and `retain_until`, both YYYY-MM-DD).

    Args:
        client_id (UUID):
        body (UploadClientDocumentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UploadClientDocumentBody,
) -> DocumentRead | ProblemDetails | None:
    """Upload Client Document

     Upload a document of the client (multipart/form-data: `file`, `kind`, `title`, and
    optionally `document_date` and `retain_until`, both YYYY-MM-DD).

    Args:
        client_id (UUID):
        body (UploadClientDocumentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentRead | ProblemDetails
    """

    return sync_detailed(
        client_id=client_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UploadClientDocumentBody,
) -> Response[DocumentRead | ProblemDetails]:
    """Upload Client Document

     Upload a document of the client (multipart/form-data: `file`, `kind`, `title`, and
    optionally `document_date` and `retain_until`, both YYYY-MM-DD).

    Args:
        client_id (UUID):
        body (UploadClientDocumentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    client_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UploadClientDocumentBody,
) -> DocumentRead | ProblemDetails | None:
    """Upload Client Document

     Upload a document of the client (multipart/form-data: `file`, `kind`, `title`, and
    optionally `document_date` and `retain_until`, both YYYY-MM-DD).

    Args:
        client_id (UUID):
        body (UploadClientDocumentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client_id=client_id,
            client=client,
            body=body,
        )
    ).parsed
