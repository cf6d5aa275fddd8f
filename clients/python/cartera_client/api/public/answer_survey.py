from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.answer_in import AnswerIn
from ...models.problem_details import ProblemDetails
from ...models.survey_answered import SurveyAnswered
from ...types import Response


def _get_kwargs(
    link_token: str,
    *,
    body: AnswerIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/public/surveys/{link_token}".format(
            link_token=quote(str(link_token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | SurveyAnswered | None:
    if response.status_code == 200:
        response_200 = SurveyAnswered.from_dict(response.json())

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
) -> Response[ProblemDetails | SurveyAnswered]:
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
    body: AnswerIn,
) -> Response[ProblemDetails | SurveyAnswered]:
    """Answer Survey

     Answer a survey through its link, once: a second answer is 409, an expired link 410.

    Args:
        link_token (str):
        body (AnswerIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SurveyAnswered]
    """

    kwargs = _get_kwargs(
        link_token=link_token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerIn,
) -> ProblemDetails | SurveyAnswered | None:
    """Answer Survey

     Answer a survey through its link, once: a second answer is 409, an expired link 410.

    Args:
        link_token (str):
        body (AnswerIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SurveyAnswered
    """

    return sync_detailed(
        link_token=link_token,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerIn,
) -> Response[ProblemDetails | SurveyAnswered]:
    """Answer Survey

     Answer a survey through its link, once: a second answer is 409, an expired link 410.

    Args:
        link_token (str):
        body (AnswerIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SurveyAnswered]
    """

    kwargs = _get_kwargs(
        link_token=link_token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    link_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerIn,
) -> ProblemDetails | SurveyAnswered | None:
    """Answer Survey

     Answer a survey through its link, once: a second answer is 409, an expired link 410.

    Args:
        link_token (str):
        body (AnswerIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SurveyAnswered
    """

    return (
        await asyncio_detailed(
            link_token=link_token,
            client=client,
            body=body,
        )
    ).parsed
