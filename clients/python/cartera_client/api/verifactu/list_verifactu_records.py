from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_verifactu_records_order import ListVerifactuRecordsOrder
from ...models.list_verifactu_records_status_type_0 import ListVerifactuRecordsStatusType0
from ...models.problem_details import ProblemDetails
from ...models.record_page import RecordPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListVerifactuRecordsStatusType0 | None | Unset = UNSET,
    current: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    order: ListVerifactuRecordsOrder | Unset = ListVerifactuRecordsOrder.OLDEST,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListVerifactuRecordsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["current"] = current

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/verifactu/records",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RecordPage | None:
    if response.status_code == 200:
        response_200 = RecordPage.from_dict(response.json())

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
) -> Response[ProblemDetails | RecordPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: ListVerifactuRecordsStatusType0 | None | Unset = UNSET,
    current: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    order: ListVerifactuRecordsOrder | Unset = ListVerifactuRecordsOrder.OLDEST,
) -> Response[ProblemDetails | RecordPage]:
    """List Verifactu Records

     The tenant's VERI*FACTU records with their submission (status, CSV, the AEAT's error,
    attempts), in the order they were made or newest first, a page at a time
    (`next_cursor`). `status=rejected&current=true` lists those still to correct (a rejected
    record stays rejected for ever; its correction is a new record).

    Args:
        status (ListVerifactuRecordsStatusType0 | None | Unset): pending, sent, accepted,
            accepted_with_errors or rejected.
        current (bool | Unset): Only each invoice's last record (a record corrected or followed by
            an anulación is left out): with status=rejected, the records still to correct. Default:
            False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        order (ListVerifactuRecordsOrder | Unset): `oldest` first (the order they came in) or
            `newest` first. Default: ListVerifactuRecordsOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordPage]
    """

    kwargs = _get_kwargs(
        status=status,
        current=current,
        limit=limit,
        cursor=cursor,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: ListVerifactuRecordsStatusType0 | None | Unset = UNSET,
    current: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    order: ListVerifactuRecordsOrder | Unset = ListVerifactuRecordsOrder.OLDEST,
) -> ProblemDetails | RecordPage | None:
    """List Verifactu Records

     The tenant's VERI*FACTU records with their submission (status, CSV, the AEAT's error,
    attempts), in the order they were made or newest first, a page at a time
    (`next_cursor`). `status=rejected&current=true` lists those still to correct (a rejected
    record stays rejected for ever; its correction is a new record).

    Args:
        status (ListVerifactuRecordsStatusType0 | None | Unset): pending, sent, accepted,
            accepted_with_errors or rejected.
        current (bool | Unset): Only each invoice's last record (a record corrected or followed by
            an anulación is left out): with status=rejected, the records still to correct. Default:
            False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        order (ListVerifactuRecordsOrder | Unset): `oldest` first (the order they came in) or
            `newest` first. Default: ListVerifactuRecordsOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordPage
    """

    return sync_detailed(
        client=client,
        status=status,
        current=current,
        limit=limit,
        cursor=cursor,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: ListVerifactuRecordsStatusType0 | None | Unset = UNSET,
    current: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    order: ListVerifactuRecordsOrder | Unset = ListVerifactuRecordsOrder.OLDEST,
) -> Response[ProblemDetails | RecordPage]:
    """List Verifactu Records

     The tenant's VERI*FACTU records with their submission (status, CSV, the AEAT's error,
    attempts), in the order they were made or newest first, a page at a time
    (`next_cursor`). `status=rejected&current=true` lists those still to correct (a rejected
    record stays rejected for ever; its correction is a new record).

    Args:
        status (ListVerifactuRecordsStatusType0 | None | Unset): pending, sent, accepted,
            accepted_with_errors or rejected.
        current (bool | Unset): Only each invoice's last record (a record corrected or followed by
            an anulación is left out): with status=rejected, the records still to correct. Default:
            False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        order (ListVerifactuRecordsOrder | Unset): `oldest` first (the order they came in) or
            `newest` first. Default: ListVerifactuRecordsOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordPage]
    """

    kwargs = _get_kwargs(
        status=status,
        current=current,
        limit=limit,
        cursor=cursor,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: ListVerifactuRecordsStatusType0 | None | Unset = UNSET,
    current: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    order: ListVerifactuRecordsOrder | Unset = ListVerifactuRecordsOrder.OLDEST,
) -> ProblemDetails | RecordPage | None:
    """List Verifactu Records

     The tenant's VERI*FACTU records with their submission (status, CSV, the AEAT's error,
    attempts), in the order they were made or newest first, a page at a time
    (`next_cursor`). `status=rejected&current=true` lists those still to correct (a rejected
    record stays rejected for ever; its correction is a new record).

    Args:
        status (ListVerifactuRecordsStatusType0 | None | Unset): pending, sent, accepted,
            accepted_with_errors or rejected.
        current (bool | Unset): Only each invoice's last record (a record corrected or followed by
            an anulación is left out): with status=rejected, the records still to correct. Default:
            False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` given for the same `order`.
        order (ListVerifactuRecordsOrder | Unset): `oldest` first (the order they came in) or
            `newest` first. Default: ListVerifactuRecordsOrder.OLDEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordPage
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            current=current,
            limit=limit,
            cursor=cursor,
            order=order,
        )
    ).parsed
