from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_clients_format import ExportClientsFormat
from ...models.export_clients_status_type_0 import ExportClientsStatusType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    format_: ExportClientsFormat | Unset = ExportClientsFormat.CSV,
    q: None | str | Unset = UNSET,
    status: ExportClientsStatusType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ExportClientsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients/export",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportClientsFormat | Unset = ExportClientsFormat.CSV,
    q: None | str | Unset = UNSET,
    status: ExportClientsStatusType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[File | ProblemDetails]:
    """Export Clients

     The client list (with the same filters as the list) as CSV or XLSX, in the import layout.

    Args:
        format_ (ExportClientsFormat | Unset):  Default: ExportClientsFormat.CSV.
        q (None | str | Unset):
        status (ExportClientsStatusType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        format_=format_,
        q=q,
        status=status,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportClientsFormat | Unset = ExportClientsFormat.CSV,
    q: None | str | Unset = UNSET,
    status: ExportClientsStatusType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> File | ProblemDetails | None:
    """Export Clients

     The client list (with the same filters as the list) as CSV or XLSX, in the import layout.

    Args:
        format_ (ExportClientsFormat | Unset):  Default: ExportClientsFormat.CSV.
        q (None | str | Unset):
        status (ExportClientsStatusType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return sync_detailed(
        client=client,
        format_=format_,
        q=q,
        status=status,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportClientsFormat | Unset = ExportClientsFormat.CSV,
    q: None | str | Unset = UNSET,
    status: ExportClientsStatusType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[File | ProblemDetails]:
    """Export Clients

     The client list (with the same filters as the list) as CSV or XLSX, in the import layout.

    Args:
        format_ (ExportClientsFormat | Unset):  Default: ExportClientsFormat.CSV.
        q (None | str | Unset):
        status (ExportClientsStatusType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        format_=format_,
        q=q,
        status=status,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportClientsFormat | Unset = ExportClientsFormat.CSV,
    q: None | str | Unset = UNSET,
    status: ExportClientsStatusType0 | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> File | ProblemDetails | None:
    """Export Clients

     The client list (with the same filters as the list) as CSV or XLSX, in the import layout.

    Args:
        format_ (ExportClientsFormat | Unset):  Default: ExportClientsFormat.CSV.
        q (None | str | Unset):
        status (ExportClientsStatusType0 | None | Unset):
        tag (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            q=q,
            status=status,
            tag=tag,
        )
    ).parsed
