from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.record_correction import RecordCorrection
from ...types import UNSET, Response, Unset


def _get_kwargs(
    invoice_id: UUID,
    *,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/invoices/{invoice_id}/verifactu/correction".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RecordCorrection | None:
    if response.status_code == 201:
        response_201 = RecordCorrection.from_dict(response.json())

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
) -> Response[ProblemDetails | RecordCorrection]:
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
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ProblemDetails | RecordCorrection]:
    """Correct Verifactu Record

     Correct the invoice's last Verifactu record (subsanación): a new record of the same
    invoice, rebuilt from the issued invoice with today's rules and issuer profile, appended to
    the issuer's chain with Subsanacion and RechazoPrevio as the AEAT's answers require. The
    invoice itself never changes. Refused (409) while a record waits for the AEAT's answer, and
    when the AEAT accepted the record without errors and the rebuilt one says the same.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordCorrection]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> ProblemDetails | RecordCorrection | None:
    """Correct Verifactu Record

     Correct the invoice's last Verifactu record (subsanación): a new record of the same
    invoice, rebuilt from the issued invoice with today's rules and issuer profile, appended to
    the issuer's chain with Subsanacion and RechazoPrevio as the AEAT's answers require. The
    invoice itself never changes. Refused (409) while a record waits for the AEAT's answer, and
    when the AEAT accepted the record without errors and the rebuilt one says the same.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordCorrection
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ProblemDetails | RecordCorrection]:
    """Correct Verifactu Record

     Correct the invoice's last Verifactu record (subsanación): a new record of the same
    invoice, rebuilt from the issued invoice with today's rules and issuer profile, appended to
    the issuer's chain with Subsanacion and RechazoPrevio as the AEAT's answers require. The
    invoice itself never changes. Refused (409) while a record waits for the AEAT's answer, and
    when the AEAT accepted the record without errors and the rebuilt one says the same.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordCorrection]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: None | str | Unset = UNSET,
) -> ProblemDetails | RecordCorrection | None:
    """Correct Verifactu Record

     Correct the invoice's last Verifactu record (subsanación): a new record of the same
    invoice, rebuilt from the issued invoice with today's rules and issuer profile, appended to
    the issuer's chain with Subsanacion and RechazoPrevio as the AEAT's answers require. The
    invoice itself never changes. Refused (409) while a record waits for the AEAT's answer, and
    when the AEAT accepted the record without errors and the rebuilt one says the same.

    Args:
        invoice_id (UUID):
        idempotency_key (None | str | Unset): The same key and body give the same answer, once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordCorrection
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
