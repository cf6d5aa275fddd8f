"""Satisfaction surveys: asked by the business, answered once through a public link without
login (`public_router`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from cartera_crm.common import Directory, ReadIdentity, Settings, WriteIdentity
from cartera_crm.domain import surveys as rules
from cartera_crm.models import surveys
from cartera_crm.surveys import service
from cartera_crm.surveys.schemas import (
    AnswerIn,
    PublicSurvey,
    SurveyAnswer,
    SurveyAnswered,
    SurveyIn,
    SurveyList,
    SurveyWithLink,
)
from cartera_shared.contract import ProblemDetails, errors
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import Keyset, ListCursor, page_limit
from cartera_shared.problems import PROBLEM_MEDIA_TYPE

router = APIRouter(prefix="/v1/surveys", tags=["surveys"], responses=errors())
public_router = APIRouter(prefix="/v1/public/surveys", tags=["public"], responses=errors())
# What the gateway grants a public survey call: nothing but answering a survey by its token.
PublicIdentity = Annotated[Identity, require_scope("crm:survey")]
Token = Annotated[str, Path(min_length=1, max_length=200)]
GONE: dict[int | str, dict[str, Any]] = {
    410: {
        "model": ProblemDetails,
        "description": "The link expired, or a newer link replaced it.",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    }
}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SurveyWithLink)
async def create_survey(
    body: SurveyIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    settings: Settings,
) -> dict[str, Any]:
    """Ask a client for a score; the answer comes through the returned link (shown once)."""
    return await service.create_survey(
        session, directory, settings, tenant_id=identity.tenant_id, body=body
    )


@router.get("", response_model=SurveyList)
async def list_surveys(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    request_id: Annotated[uuid.UUID | None, Query()] = None,
    kind: Annotated[rules.Kind | None, Query()] = None,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The tenant's surveys, newest first, a page at a time (`next_cursor`)."""
    keyset = Keyset(surveys.c.created_at, surveys.c.id, "newest", cursor, name="surveys")
    return await service.list_surveys(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        request_id=request_id,
        kind=kind,
        keyset=keyset,
        limit=limit,
    )


@router.get("/{survey_id}", response_model=SurveyAnswer, responses=errors(404))
async def get_survey(
    survey_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """One survey (its link is not shown again)."""
    return await service.get_survey(session, tenant_id=identity.tenant_id, survey_id=survey_id)


@router.post("/{survey_id}/link", response_model=SurveyWithLink, responses=errors(404, 409))
async def renew_survey_link(
    survey_id: uuid.UUID, identity: WriteIdentity, session: TenantSession, settings: Settings
) -> dict[str, Any]:
    """A fresh link for an unanswered survey (the old one stops working), e.g. if it was lost."""
    return await service.renew_survey_link(
        session, settings, tenant_id=identity.tenant_id, survey_id=survey_id
    )


# ------------------------------------------------------------------ public (no login)
# A public call names no tenant: the token's row tells which one, so these routes leave the
# tenant's transaction to the service (`TenantSession` would scope it to the caller's identity).


@public_router.get(
    "/{link_token}", response_model=PublicSurvey, responses={**errors(404, 409), **GONE}
)
async def show_public_survey(
    link_token: Token, identity: PublicIdentity, runtime: Runtime
) -> dict[str, Any]:
    """The question behind a survey link, without login. 409 once answered, 410 once expired."""
    return await service.show_public_survey(runtime.sessions, link_token)


@public_router.post(
    "/{link_token}", response_model=SurveyAnswered, responses={**errors(404, 409), **GONE}
)
async def answer_survey(
    link_token: Token, body: AnswerIn, identity: PublicIdentity, runtime: Runtime
) -> dict[str, Any]:
    """Answer a survey through its link, once: a second answer is 409, an expired link 410."""
    return await service.answer_survey(runtime.sessions, link_token, body)
