from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.representative_in import RepresentativeIn
from ...models.representative_read import RepresentativeRead
from ...types import Response


def _get_kwargs(
    nif: str,
    *,
    body: RepresentativeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/issuer/representatives/{nif}".format(
            nif=quote(str(nif), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RepresentativeRead | None:
    if response.status_code == 200:
        response_200 = RepresentativeRead.from_dict(response.json())

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
) -> Response[ProblemDetails | RepresentativeRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    nif: str,
    *,
    client: AuthenticatedClient | Client,
    body: RepresentativeIn,
) -> Response[ProblemDetails | RepresentativeRead]:
    """Put Representative

     Declare that `nif` may submit the tenant's records for it: the tenant granted it the
    representation at the AEAT (an apoderamiento for the procedure, or a social collaborator it
    authorised; docs/verifactu.md). A certificate of that NIF is then accepted.

    Args:
        nif (str): A Spanish NIF.
        body (RepresentativeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RepresentativeRead]
    """

    kwargs = _get_kwargs(
        nif=nif,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    nif: str,
    *,
    client: AuthenticatedClient | Client,
    body: RepresentativeIn,
) -> ProblemDetails | RepresentativeRead | None:
    """Put Representative

     Declare that `nif` may submit the tenant's records for it: the tenant granted it the
    representation at the AEAT (an apoderamiento for the procedure, or a social collaborator it
    authorised; docs/verifactu.md). A certificate of that NIF is then accepted.

    Args:
        nif (str): A Spanish NIF.
        body (RepresentativeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RepresentativeRead
    """

    return sync_detailed(
        nif=nif,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    nif: str,
    *,
    client: AuthenticatedClient | Client,
    body: RepresentativeIn,
) -> Response[ProblemDetails | RepresentativeRead]:
    """Put Representative

     Declare that `nif` may submit the tenant's records for it: the tenant granted it the
    representation at the AEAT (an apoderamiento for the procedure, or a social collaborator it
    authorised; docs/verifactu.md). A certificate of that NIF is then accepted.

    Args:
        nif (str): A Spanish NIF.
        body (RepresentativeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RepresentativeRead]
    """

    kwargs = _get_kwargs(
        nif=nif,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    nif: str,
    *,
    client: AuthenticatedClient | Client,
    body: RepresentativeIn,
) -> ProblemDetails | RepresentativeRead | None:
    """Put Representative

     Declare that `nif` may submit the tenant's records for it: the tenant granted it the
    representation at the AEAT (an apoderamiento for the procedure, or a social collaborator it
    authorised; docs/verifactu.md). A certificate of that NIF is then accepted.

    Args:
        nif (str): A Spanish NIF.
        body (RepresentativeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RepresentativeRead
    """

    return (
        await asyncio_detailed(
            nif=nif,
            client=client,
            body=body,
        )
    ).parsed
