from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.certificate_read import CertificateRead
from ...models.problem_details import ProblemDetails
from ...models.upload_issuer_certificate_body import UploadIssuerCertificateBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadIssuerCertificateBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/issuer/certificate",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CertificateRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CertificateRead.from_dict(response.json())

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
) -> Response[CertificateRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadIssuerCertificateBody,
) -> Response[CertificateRead | ProblemDetails]:
    """Upload Issuer Certificate

     Upload the certificate VERI*FACTU records are sent with (multipart/form-data: `file`, a
    PKCS#12 `.p12`/`.pfx`, and its `password`). It must hold the private key, be valid now, be
    meant for client authentication, and name the issuer's NIF or a declared representative's;
    it replaces the current certificate of the same NIF. The key is kept encrypted and is never
    returned.

    Args:
        body (UploadIssuerCertificateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificateRead | ProblemDetails]
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
    body: UploadIssuerCertificateBody,
) -> CertificateRead | ProblemDetails | None:
    """Upload Issuer Certificate

     Upload the certificate VERI*FACTU records are sent with (multipart/form-data: `file`, a
    PKCS#12 `.p12`/`.pfx`, and its `password`). It must hold the private key, be valid now, be
    meant for client authentication, and name the issuer's NIF or a declared representative's;
    it replaces the current certificate of the same NIF. The key is kept encrypted and is never
    returned.

    Args:
        body (UploadIssuerCertificateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificateRead | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadIssuerCertificateBody,
) -> Response[CertificateRead | ProblemDetails]:
    """Upload Issuer Certificate

     Upload the certificate VERI*FACTU records are sent with (multipart/form-data: `file`, a
    PKCS#12 `.p12`/`.pfx`, and its `password`). It must hold the private key, be valid now, be
    meant for client authentication, and name the issuer's NIF or a declared representative's;
    it replaces the current certificate of the same NIF. The key is kept encrypted and is never
    returned.

    Args:
        body (UploadIssuerCertificateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificateRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UploadIssuerCertificateBody,
) -> CertificateRead | ProblemDetails | None:
    """Upload Issuer Certificate

     Upload the certificate VERI*FACTU records are sent with (multipart/form-data: `file`, a
    PKCS#12 `.p12`/`.pfx`, and its `password`). It must hold the private key, be valid now, be
    meant for client authentication, and name the issuer's NIF or a declared representative's;
    it replaces the current certificate of the same NIF. The key is kept encrypted and is never
    returned.

    Args:
        body (UploadIssuerCertificateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificateRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
