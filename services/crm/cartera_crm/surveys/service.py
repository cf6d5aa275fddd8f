"""Satisfaction: CSAT after a request closes, NPS when the business asks, answered once through
a public link without login.

The link carries a random token; only its SHA-256 is stored, in the survey and in
`survey_tokens`, the index without RLS through which a public call (which names no tenant) finds
its tenant. Answering locks the survey row, so two submissions race to one answer and one 409.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_crm.common import (
    add_timeline,
    iso,
    now,
    publish,
    require_client,
)
from cartera_crm.domain import surveys as rules
from cartera_crm.models import client_requests, survey_tokens, surveys
from cartera_crm.settings import CrmSettings
from cartera_crm.surveys.schemas import AnswerIn, SurveyIn
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, Gone, NotFound, UnprocessableEntity


def status_of(row: Any, at: dt.datetime | None = None) -> str:
    return rules.current_status(row["status"], row["expires_at"], at or now())


def read_model(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "client_id": str(row["client_id"]),
        "kind": row["kind"],
        "request_id": str(row["request_id"]) if row["request_id"] else None,
        "status": status_of(row),
        "expires_at": iso(row["expires_at"]),
        "score": row["score"],
        "comment": row["comment"],
        "answered_at": iso(row["answered_at"]),
        "created_at": iso(row["created_at"]),
    }


def link_of(settings: CrmSettings, token: str) -> dict[str, str]:
    base = settings.public_base_url.rstrip("/")
    return {"token": token, "url": f"{base}/v1/public/surveys/{token}"}


async def create(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    kind: str,
    request_id: uuid.UUID | None,
    ttl_days: int,
) -> tuple[RowMapping, str]:
    """A new survey and its one-time token (returned here only, never stored)."""
    token = rules.new_token()
    digest = rules.token_hash(token)
    survey_id = uuid.uuid4()
    row: RowMapping = (
        (
            await session.execute(
                insert(surveys)
                .values(
                    id=survey_id,
                    tenant_id=tenant_id,
                    client_id=client_id,
                    kind=kind,
                    request_id=request_id,
                    status="pending",
                    token_hash=digest,
                    expires_at=now() + dt.timedelta(days=ttl_days),
                )
                .returning(surveys)
            )
        )
        .mappings()
        .one()
    )
    await session.execute(
        insert(survey_tokens).values(token_hash=digest, tenant_id=tenant_id, survey_id=survey_id)
    )
    return row, token


async def supersede_pending(
    session: AsyncSession, tenant_id: uuid.UUID, request_id: uuid.UUID
) -> None:
    """A request closed again asks again: the earlier unanswered CSAT link stops working."""
    await session.execute(
        update(surveys)
        .where(
            surveys.c.tenant_id == tenant_id,
            surveys.c.request_id == request_id,
            surveys.c.status == "pending",
        )
        .values(status="superseded")
    )


async def _own(session: AsyncSession, tenant_id: uuid.UUID, survey_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(surveys)
                .where(surveys.c.tenant_id == tenant_id, surveys.c.id == survey_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Survey {survey_id} does not exist.")
    return row


async def _by_token(
    sessions: async_sessionmaker[AsyncSession], token: str
) -> tuple[uuid.UUID, uuid.UUID]:
    if not rules.plausible_token(token):
        raise NotFound("This survey link is not valid.")
    async with sessions() as session, session.begin():
        found = (
            await session.execute(
                select(survey_tokens.c.tenant_id, survey_tokens.c.survey_id).where(
                    survey_tokens.c.token_hash == rules.token_hash(token)
                )
            )
        ).first()
    if found is None:
        raise NotFound("This survey link is not valid.")
    return found.tenant_id, found.survey_id


def _refuse_unless_pending(row: Any) -> None:
    current = status_of(row)
    if current == "answered":
        raise Conflict("This survey was already answered. Thank you!", code=Code.INVALID_STATE)
    if current in ("expired", "superseded"):
        raise Gone("This survey link has expired.", code=Code.LINK_EXPIRED)


async def create_survey(
    session: AsyncSession,
    directory: ClientsDirectory,
    settings: CrmSettings,
    *,
    tenant_id: uuid.UUID,
    body: SurveyIn,
) -> dict[str, Any]:
    """Ask a client for a score; the answer comes through the returned link (shown once)."""
    await require_client(session, directory, tenant_id, body.client_id)
    if body.request_id is not None:
        owner = await session.scalar(
            select(client_requests.c.client_id).where(
                client_requests.c.tenant_id == tenant_id,
                client_requests.c.id == body.request_id,
            )
        )
        if owner != body.client_id:
            raise UnprocessableEntity(
                f"request_id: request {body.request_id} is not a request of this client.",
                code=Code.UNKNOWN_REFERENCE,
                errors=[{"loc": ["body", "request_id"], "msg": "unknown", "type": "unknown"}],
            )
    row, token = await create(
        session,
        tenant_id=tenant_id,
        client_id=body.client_id,
        kind=body.kind,
        request_id=body.request_id,
        ttl_days=body.expires_in_days or settings.survey_ttl_days,
    )
    return {**read_model(row), "link": link_of(settings, token)}


async def list_surveys(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID | None,
    request_id: uuid.UUID | None,
    kind: str | None,
    keyset: Keyset,
    limit: int,
) -> dict[str, Any]:
    """A page of the tenant's surveys, newest first, and the next page's cursor."""
    query = select(surveys).where(surveys.c.tenant_id == tenant_id)
    if client_id is not None:
        query = query.where(surveys.c.client_id == client_id)
    if request_id is not None:
        query = query.where(surveys.c.request_id == request_id)
    if kind is not None:
        query = query.where(surveys.c.kind == kind)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {"items": [read_model(r) for r in rows], "next_cursor": next_cursor}


async def get_survey(
    session: AsyncSession, *, tenant_id: uuid.UUID, survey_id: uuid.UUID
) -> dict[str, Any]:
    """One survey (its link is not shown again)."""
    return read_model(await _own(session, tenant_id, survey_id))


async def renew_survey_link(
    session: AsyncSession, settings: CrmSettings, *, tenant_id: uuid.UUID, survey_id: uuid.UUID
) -> dict[str, Any]:
    """A fresh link for an unanswered survey (the old one stops working), e.g. if it was lost."""
    row = await _own(session, tenant_id, survey_id)
    current = status_of(row)
    if current != "pending":
        raise Conflict(
            f"Survey {survey_id} is {current}; only a pending one gets a new link.",
            code=Code.INVALID_STATE,
        )
    token = rules.new_token()
    digest = rules.token_hash(token)
    await session.execute(
        delete(survey_tokens).where(survey_tokens.c.token_hash == row["token_hash"])
    )
    await session.execute(
        insert(survey_tokens).values(token_hash=digest, tenant_id=tenant_id, survey_id=survey_id)
    )
    updated = (
        (
            await session.execute(
                update(surveys)
                .where(surveys.c.id == survey_id)
                .values(token_hash=digest)
                .returning(surveys)
            )
        )
        .mappings()
        .one()
    )
    return {**read_model(updated), "link": link_of(settings, token)}


async def show_public_survey(
    sessions: async_sessionmaker[AsyncSession], link_token: str
) -> dict[str, Any]:
    """The question behind a survey link, without login. 409 once answered, 410 once expired."""
    tenant_id, survey_id = await _by_token(sessions, link_token)
    async with tenant_transaction(sessions, tenant_id) as session:
        row = await _own(session, tenant_id, survey_id)
    _refuse_unless_pending(row)
    low, high = rules.SCALES[row["kind"]]
    return {
        "kind": row["kind"],
        "question": rules.QUESTIONS[row["kind"]],
        "scale": {"min": low, "max": high},
        "expires_at": iso(row["expires_at"]),
    }


async def answer_survey(
    sessions: async_sessionmaker[AsyncSession], link_token: str, body: AnswerIn
) -> dict[str, Any]:
    """Answer a survey through its link, once: a second answer is 409, an expired link 410."""
    tenant_id, survey_id = await _by_token(sessions, link_token)
    async with tenant_transaction(sessions, tenant_id) as session:
        row = await _own(session, tenant_id, survey_id)
        _refuse_unless_pending(row)
        error = rules.score_error(row["kind"], body.score)
        if error:
            raise UnprocessableEntity(
                error, errors=[{"loc": ["body", "score"], "msg": error, "type": "out_of_range"}]
            )
        answered = (
            (
                await session.execute(
                    update(surveys)
                    .where(surveys.c.id == survey_id)
                    .values(
                        status="answered",
                        score=body.score,
                        comment=body.comment or None,
                        answered_at=now(),
                    )
                    .returning(surveys)
                )
            )
            .mappings()
            .one()
        )
        await publish(
            session,
            tenant_id,
            topics.SATISFACTION_RECORDED,
            survey_id,
            {
                "survey_id": str(survey_id),
                "client_id": str(answered["client_id"]),
                "kind": answered["kind"],
                "score": answered["score"],
                "request_id": str(answered["request_id"]) if answered["request_id"] else None,
                "answered_at": iso(answered["answered_at"]),
            },
        )
        label = "CSAT" if answered["kind"] == "csat" else "NPS"
        scale = rules.SCALES[answered["kind"]][1]
        await add_timeline(
            session,
            tenant_id=tenant_id,
            client_id=answered["client_id"],
            kind="survey_answered",
            occurred_at=answered["answered_at"],
            title=f"Encuesta {label} respondida: {answered['score']}/{scale}",
            details={
                "kind": answered["kind"],
                "score": answered["score"],
                "comment": answered["comment"],
                "request_id": str(answered["request_id"]) if answered["request_id"] else None,
                **(
                    {"category": rules.nps_category(answered["score"])}
                    if answered["kind"] == "nps"
                    else {}
                ),
            },
            ref={"type": "survey", "id": str(survey_id)},
            dedup_key=f"survey:{survey_id}",
        )
    return {"status": "answered", "kind": answered["kind"], "score": answered["score"]}
