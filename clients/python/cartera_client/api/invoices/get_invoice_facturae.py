from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    invoice_id: UUID,
    *,
    signed: bool | Unset = True,
    oficina_contable: None | str | Unset = UNSET,
    organo_gestor: None | str | Unset = UNSET,
    unidad_tramitadora: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["signed"] = signed

    json_oficina_contable: None | str | Unset
    if isinstance(oficina_contable, Unset):
        json_oficina_contable = UNSET
    else:
        json_oficina_contable = oficina_contable
    params["oficina_contable"] = json_oficina_contable

    json_organo_gestor: None | str | Unset
    if isinstance(organo_gestor, Unset):
        json_organo_gestor = UNSET
    else:
        json_organo_gestor = organo_gestor
    params["organo_gestor"] = json_organo_gestor

    json_unidad_tramitadora: None | str | Unset
    if isinstance(unidad_tramitadora, Unset):
        json_unidad_tramitadora = UNSET
    else:
        json_unidad_tramitadora = unidad_tramitadora
    params["unidad_tramitadora"] = json_unidad_tramitadora

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices/{invoice_id}/facturae".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
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
) -> Response[File | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signed: bool | Unset = True,
    oficina_contable: None | str | Unset = UNSET,
    organo_gestor: None | str | Unset = UNSET,
    unidad_tramitadora: None | str | Unset = UNSET,
) -> Response[File | ProblemDetails]:
    """Get Invoice Facturae

     FacturaE 3.2.2, signed with the issuer's certificate (the default) or, on purpose,
    unsigned (`signed=false`). A public body's DIR3 codes route it in FACe: those kept with the
    client at issue, or, for invoices issued before clients kept them, the ones given here.

    Args:
        invoice_id (UUID):
        signed (bool | Unset): Sign the file (XAdES-EPES, FacturaE signature policy v3.1) with the
            issuer's certificate (PUT /v1/issuer/certificate). false gives the unsigned file, which
            FACe refuses. Default: True.
        oficina_contable (None | str | Unset):
        organo_gestor (None | str | Unset):
        unidad_tramitadora (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        signed=signed,
        oficina_contable=oficina_contable,
        organo_gestor=organo_gestor,
        unidad_tramitadora=unidad_tramitadora,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signed: bool | Unset = True,
    oficina_contable: None | str | Unset = UNSET,
    organo_gestor: None | str | Unset = UNSET,
    unidad_tramitadora: None | str | Unset = UNSET,
) -> File | ProblemDetails | None:
    """Get Invoice Facturae

     FacturaE 3.2.2, signed with the issuer's certificate (the default) or, on purpose,
    unsigned (`signed=false`). A public body's DIR3 codes route it in FACe: those kept with the
    client at issue, or, for invoices issued before clients kept them, the ones given here.

    Args:
        invoice_id (UUID):
        signed (bool | Unset): Sign the file (XAdES-EPES, FacturaE signature policy v3.1) with the
            issuer's certificate (PUT /v1/issuer/certificate). false gives the unsigned file, which
            FACe refuses. Default: True.
        oficina_contable (None | str | Unset):
        organo_gestor (None | str | Unset):
        unidad_tramitadora (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
        signed=signed,
        oficina_contable=oficina_contable,
        organo_gestor=organo_gestor,
        unidad_tramitadora=unidad_tramitadora,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signed: bool | Unset = True,
    oficina_contable: None | str | Unset = UNSET,
    organo_gestor: None | str | Unset = UNSET,
    unidad_tramitadora: None | str | Unset = UNSET,
) -> Response[File | ProblemDetails]:
    """Get Invoice Facturae

     FacturaE 3.2.2, signed with the issuer's certificate (the default) or, on purpose,
    unsigned (`signed=false`). A public body's DIR3 codes route it in FACe: those kept with the
    client at issue, or, for invoices issued before clients kept them, the ones given here.

    Args:
        invoice_id (UUID):
        signed (bool | Unset): Sign the file (XAdES-EPES, FacturaE signature policy v3.1) with the
            issuer's certificate (PUT /v1/issuer/certificate). false gives the unsigned file, which
            FACe refuses. Default: True.
        oficina_contable (None | str | Unset):
        organo_gestor (None | str | Unset):
        unidad_tramitadora (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        signed=signed,
        oficina_contable=oficina_contable,
        organo_gestor=organo_gestor,
        unidad_tramitadora=unidad_tramitadora,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signed: bool | Unset = True,
    oficina_contable: None | str | Unset = UNSET,
    organo_gestor: None | str | Unset = UNSET,
    unidad_tramitadora: None | str | Unset = UNSET,
) -> File | ProblemDetails | None:
    """Get Invoice Facturae

     FacturaE 3.2.2, signed with the issuer's certificate (the default) or, on purpose,
    unsigned (`signed=false`). A public body's DIR3 codes route it in FACe: those kept with the
    client at issue, or, for invoices issued before clients kept them, the ones given here.

    Args:
        invoice_id (UUID):
        signed (bool | Unset): Sign the file (XAdES-EPES, FacturaE signature policy v3.1) with the
            issuer's certificate (PUT /v1/issuer/certificate). false gives the unsigned file, which
            FACe refuses. Default: True.
        oficina_contable (None | str | Unset):
        organo_gestor (None | str | Unset):
        unidad_tramitadora (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | ProblemDetails
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
            signed=signed,
            oficina_contable=oficina_contable,
            organo_gestor=organo_gestor,
            unidad_tramitadora=unidad_tramitadora,
        )
    ).parsed
