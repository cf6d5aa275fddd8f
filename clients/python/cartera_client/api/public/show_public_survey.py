from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.public_survey import PublicSurvey
from ...types import Response


def _get_kwargs(
    link_token: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/surveys/{link_token}".format(
            link_token=quote(str(link_token), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | PublicSurvey | None:
    if response.status_code == 200:
        response_200 = PublicSurvey.from_dict(response.json())

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

    if response.status_code == 410:
        response_410 = ProblemDetails.from_dict(response.json())

        return response_410

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
) -> Response[ProblemDetails | PublicSurvey]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetails | PublicSurvey]:
    """Show Public Survey

     The question behind a survey link, without login. 409 once answered, 410 once expired.

    Args:
        link_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublicSurvey]
    """

    kwargs = _get_kwargs(
        link_token=link_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetails | PublicSurvey | None:
    """Show Public Survey

     The question behind a survey link, without login. 409 once answered, 410 once expired.

    Args:
        link_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublicSurvey
    """

    return sync_detailed(
        link_token=link_token,
        client=client,
    ).parsed


async def asyncio_detailed(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetails | PublicSurvey]:
    """Show Public Survey

     The question behind a survey link, without login. 409 once answered, 410 once expired.

    Args:
        link_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublicSurvey]
    """

    kwargs = _get_kwargs(
        link_token=link_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetails | PublicSurvey | None:
    """Show Public Survey

     The question behind a survey link, without login. 409 once answered, 410 once expired.

    Args:
        link_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublicSurvey
    """

    return (
        await asyncio_detailed(
            link_token=link_token,
            client=client,
        )
    ).parsed
