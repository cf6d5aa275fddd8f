"""Inbound messages: what an e-mail or messaging provider's webhook posts, turned into an
interaction or a request of the client it comes from; unknown senders wait in triage.

`POST /v1/inbound/{tenant_id}/{provider}` is public at the gateway (no API key): the gateway
forwards it with an identity that names the tenant from the path and carries only the scope
`crm:inbound`. Here the message must prove itself:

- `generic`: our JSON payload (see `GenericMessage`), signed with the tenant's inbound secret:
  `X-Cartera-Signature: sha256=hex(HMAC-SHA256(secret, X-Cartera-Timestamp + "." + raw body))`.
- `mailgun`: Mailgun's inbound-route form fields (application/x-www-form-urlencoded), signed the
  way Mailgun signs: `signature = hex(HMAC-SHA256(secret, timestamp + token))`.

A timestamp more than five minutes away from now is refused, and so is a message id already
received (the id is stored in the same transaction as what the message created). Mailgun's
signature covers only its timestamp and token, not the message: a token is accepted once
(`inbound_tokens`), so a captured signature cannot carry another message, whatever its
Message-Id, sender or body. The token is spent in the transaction of what the message created,
or on its own when the signed message is refused as invalid. Every refusal is a 4xx and writes
nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_crm.common import (
    iso,
    now,
    require_client,
)
from cartera_crm.domain import contacts, signing
from cartera_crm.inbound.schemas import AssignIn, GenericMessage
from cartera_crm.interactions.schemas import InteractionIn
from cartera_crm.interactions.service import log_interaction
from cartera_crm.models import (
    client_replicas,
    inbound_messages,
    inbound_secrets,
    inbound_tokens,
    triage_items,
)
from cartera_crm.requests import service as requests_module
from cartera_crm.requests.schemas import RequestIn
from cartera_crm.settings import CrmSettings
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.db import tenant_transaction
from cartera_shared.pagination import SortKey, SortKeyset, read_moment, write_moment
from cartera_shared.problems import (
    Code,
    Conflict,
    NotFound,
    Unauthorized,
    UnprocessableEntity,
    error_items,
    field_error,
)


async def _secrets(session: AsyncSession, tenant_id: uuid.UUID, settings: CrmSettings) -> list[str]:
    row = (
        (
            await session.execute(
                select(inbound_secrets).where(inbound_secrets.c.tenant_id == tenant_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return []
    key = settings.inbound_server_key()
    found = [signing.derive_secret(key, row["salt"])]
    if row["previous_salt"] and row["previous_valid_until"] and row["previous_valid_until"] > now():
        found.append(signing.derive_secret(key, row["previous_salt"]))
    return found


async def rotate_inbound_secret(
    session: AsyncSession, settings: CrmSettings, *, tenant_id: uuid.UUID
) -> dict[str, Any]:
    """Create or rotate the secret that signs inbound webhooks. Shown once; the previous one
    keeps working for CARTERA_CRM_INBOUND_ROTATION_GRACE_HOURS."""
    salt = signing.new_salt()
    moment = now()
    grace = moment + dt.timedelta(hours=settings.inbound_rotation_grace_hours)
    statement = pg_insert(inbound_secrets).values(tenant_id=tenant_id, salt=salt, rotated_at=moment)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[inbound_secrets.c.tenant_id],
            set_={
                "previous_salt": inbound_secrets.c.salt,
                "previous_valid_until": grace,
                "salt": statement.excluded.salt,
                "rotated_at": moment,
            },
        )
    )
    rotated = (
        (
            await session.execute(
                select(inbound_secrets).where(inbound_secrets.c.tenant_id == tenant_id)
            )
        )
        .mappings()
        .one()
    )
    base = settings.public_base_url.rstrip("/")
    return {
        "secret": signing.derive_secret(settings.inbound_server_key(), salt),
        "rotated_at": iso(moment),
        "previous_valid_until": iso(rotated["previous_valid_until"]),
        "endpoints": {p: f"{base}/v1/inbound/{tenant_id}/{p}" for p in ("generic", "mailgun")},
    }


def _parse_generic(body: bytes, headers: Mapping[str, str], secrets_: list[str]) -> GenericMessage:
    timestamp = signing.check_timestamp(headers.get("x-cartera-timestamp"), time.time())
    signing.verify(secrets_, timestamp, body, headers.get("x-cartera-signature"))
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnprocessableEntity("The body is not JSON.") from exc
    try:
        return GenericMessage.model_validate(payload)
    except ValidationError as exc:
        raise _invalid(exc) from exc


@dataclass(frozen=True)
class MailgunPost:
    """A Mailgun post whose signature was checked: its form fields, and the token and moment
    the signature covers."""

    fields: dict[str, str]
    token: str
    signed_at: dt.datetime


def _verify_mailgun(body: bytes, secrets_: list[str]) -> MailgunPost:
    try:
        fields = {k: v[0] for k, v in parse_qs(body.decode(), strict_parsing=False).items()}
    except UnicodeDecodeError as exc:
        raise UnprocessableEntity("The form is not UTF-8.") from exc
    timestamp = signing.check_timestamp(fields.get("timestamp"), time.time())
    token = fields.get("token", "")
    if not 16 <= len(token) <= 200:
        raise signing.BadSignature("Mailgun's token is missing.")
    # Mailgun signs timestamp + token (no separator) with HMAC-SHA256.
    signing.verify_mac(secrets_, (timestamp + token).encode(), fields.get("signature"))
    return MailgunPost(fields, token, dt.datetime.fromtimestamp(int(timestamp), dt.UTC))


def _mailgun_message(post: MailgunPost) -> GenericMessage:
    fields = post.fields
    text = fields.get("stripped-text") or fields.get("body-plain") or ""
    try:
        return GenericMessage.model_validate(
            {
                "message_id": fields.get("Message-Id") or f"mailgun:{post.token}",
                "from": fields.get("from") or fields.get("sender") or "",
                "to": fields.get("recipient"),
                "subject": fields.get("subject"),
                "text": text or fields.get("subject") or "",
                "channel": "email",
            }
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc


async def _spend_token(session: AsyncSession, tenant_id: uuid.UUID, post: MailgunPost) -> bool:
    """Record the post's token; False when it was recorded before (a replay). Tokens whose
    signatures are past the timestamp window are deleted first: they can no longer be used."""
    await session.execute(
        delete(inbound_tokens).where(
            inbound_tokens.c.tenant_id == tenant_id,
            inbound_tokens.c.signed_at < now() - dt.timedelta(seconds=2 * signing.MAX_SKEW_SECONDS),
        )
    )
    recorded = await session.execute(
        pg_insert(inbound_tokens)
        .values(tenant_id=tenant_id, provider="mailgun", token=post.token, signed_at=post.signed_at)
        .on_conflict_do_nothing()
        .returning(inbound_tokens.c.token)
    )
    return recorded.first() is not None


def _replayed() -> Conflict:
    return Conflict(
        "This Mailgun signature was used before: each token Mailgun signs is accepted once."
    )


def _invalid(exc: ValidationError) -> UnprocessableEntity:
    return UnprocessableEntity(
        "The message is not a valid inbound message.",
        errors=error_items(exc.errors(), prefix=("body",)),
    )


async def _match(session: AsyncSession, tenant_id: uuid.UUID, message: GenericMessage) -> list[Any]:
    """Clients whose e-mail or phone (their own or a contact's) is the sender's."""
    email = contacts.email_of(message.sender)
    phone = None if email else contacts.phone_key(message.sender)
    if email is None and phone is None:
        return []
    rows = (
        await session.execute(
            select(client_replicas.c.client_id, client_replicas.c.state).where(
                client_replicas.c.tenant_id == tenant_id
            )
        )
    ).all()
    found = []
    for client_id, state in rows:
        people = [state or {}, *((state or {}).get("contacts") or [])]
        for person in people:
            if email and (person.get("email") or "").strip().lower() == email:
                found.append(client_id)
                break
            if phone and person.get("phone") and contacts.phone_key(person["phone"]) == phone:
                found.append(client_id)
                break
    return found


async def _create_for(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    message: GenericMessage,
    wanted: str,
    by: str,
    tz: str,
) -> tuple[str, uuid.UUID]:
    received = message.received_at or now()
    if wanted == "request":
        subject = message.subject or message.text.splitlines()[0][:120] or "Solicitud"
        row = await requests_module.open_request(
            session,
            directory,
            tenant_id=tenant_id,
            data=RequestIn(
                client_id=client_id,
                subject=subject[:300],
                description=message.text[:10000],
                channel=message.channel,
            ),
            created_by=by,
        )
        return "request", row["id"]
    summary = f"{message.subject}: {message.text}" if message.subject else message.text
    next_day = received.astimezone(ZoneInfo(tz)).date() + dt.timedelta(days=1)
    interaction = await log_interaction(
        session,
        directory,
        tenant_id=tenant_id,
        data=InteractionIn(
            client_id=client_id,
            channel=message.channel,
            direction="inbound",
            occurred_at=received,
            contact_name=message.sender[:200],
            summary=summary[:2000],
            outcome="follow_up",
            follow_up_on=next_day,
        ),
        recorded_by=by,
        source="inbound",
    )
    return "interaction", interaction["id"]


async def receive(
    sessions: async_sessionmaker[AsyncSession],
    directory: ClientsDirectory,
    settings: CrmSettings,
    *,
    tenant_id: uuid.UUID,
    provider: str,
    body: bytes,
    headers: Mapping[str, str],
) -> dict[str, Any]:
    """Check a received message's signature and file it (see the module's docstring). Several
    transactions: the secrets are read before the body is trusted, and a refused Mailgun post
    still spends its token in a transaction of its own."""
    async with tenant_transaction(sessions, tenant_id) as session:
        secrets_ = await _secrets(session, tenant_id, settings)
    if not secrets_:
        raise Unauthorized(
            "This tenant has no inbound secret; create one first.", code=Code.INVALID_CREDENTIAL
        )
    mailgun: MailgunPost | None = None
    try:
        if provider == "mailgun":
            mailgun = _verify_mailgun(body, secrets_)
        else:
            message = _parse_generic(body, headers, secrets_)
    except signing.BadSignature as exc:
        raise Unauthorized(str(exc), code=Code.INVALID_CREDENTIAL) from exc
    if mailgun is not None:
        try:
            message = _mailgun_message(mailgun)
        except UnprocessableEntity:
            # The signature was good: spent even though the message is refused, so that no one
            # can reuse it with a body that passes.
            async with tenant_transaction(sessions, tenant_id) as session:
                await _spend_token(session, tenant_id, mailgun)
            raise
    if message.received_at is not None and message.received_at > now() + dt.timedelta(minutes=5):
        raise UnprocessableEntity(
            "received_at cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=field_error("body", "received_at", msg="in the future"),
        )
    wanted = message.create or ("request" if message.channel == "web_form" else "interaction")
    by = f"inbound:{provider}"
    async with tenant_transaction(sessions, tenant_id) as session:
        # First, so that a replay waits for (and then loses to) the request holding its token.
        if mailgun is not None and not await _spend_token(session, tenant_id, mailgun):
            raise _replayed()
        matches = sorted(set(await _match(session, tenant_id, message)), key=str)
        if len(matches) == 1:
            kind, created_id = await _create_for(
                session,
                directory,
                tenant_id=tenant_id,
                client_id=matches[0],
                message=message,
                wanted=wanted,
                by=by,
                tz=settings.timezone,
            )
            answer: dict[str, Any] = {"status": "logged", "kind": kind, "id": str(created_id)}
            answer["client_id"] = str(matches[0])
        else:
            created_id = uuid.uuid4()
            kind = "triage"
            await session.execute(
                insert(triage_items).values(
                    id=created_id,
                    tenant_id=tenant_id,
                    provider=provider,
                    channel=message.channel,
                    sender=message.sender,
                    recipient=message.to,
                    subject=message.subject,
                    text=message.text,
                    message_id=message.message_id,
                    wanted=wanted,
                    reason="ambiguous_sender" if matches else "unknown_sender",
                    status="pending",
                    received_at=message.received_at or now(),
                )
            )
            answer = {"status": "triaged", "kind": kind, "id": str(created_id)}
        recorded = await session.execute(
            pg_insert(inbound_messages)
            .values(
                tenant_id=tenant_id,
                provider=provider,
                message_id=message.message_id,
                result_kind=kind,
                result_id=created_id,
            )
            .on_conflict_do_nothing()
            .returning(inbound_messages.c.message_id)
        )
        if recorded.first() is None:
            # Raising rolls back everything this message created.
            raise Conflict(
                f"Message {message.message_id} was already received.", code=Code.ALREADY_EXISTS
            )
    return answer


def _triage_model(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "provider": row["provider"],
        "channel": row["channel"],
        "from": row["sender"],
        "to": row["recipient"],
        "subject": row["subject"],
        "text": row["text"],
        "message_id": row["message_id"],
        "wanted": row["wanted"],
        "reason": row["reason"],
        "status": row["status"],
        "received_at": iso(row["received_at"]),
        "resolved_kind": row["resolved_kind"],
        "resolved_id": str(row["resolved_id"]) if row["resolved_id"] else None,
        "resolved_at": iso(row["resolved_at"]),
    }


def triage_keyset(cursor: str | None) -> SortKeyset:
    """Newest received first, then id (a bad cursor is a 422 before any transaction)."""
    received = SortKey(triage_items.c.received_at, read_moment, write_moment, descending=True)
    return SortKeyset((received,), triage_items.c.id, "triage", cursor)


async def list_triage_items(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    status: str | None,
    limit: int,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Messages waiting for someone to file them (or, with `status`, those already decided)."""
    keyset = triage_keyset(cursor)
    query = select(triage_items).where(triage_items.c.tenant_id == tenant_id)
    if status is not None:
        query = query.where(triage_items.c.status == status)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {"items": [_triage_model(r) for r in rows], "next_cursor": next_cursor}


async def _pending(session: AsyncSession, tenant_id: uuid.UUID, item_id: uuid.UUID) -> Any:
    row = (
        (
            await session.execute(
                select(triage_items)
                .where(triage_items.c.tenant_id == tenant_id, triage_items.c.id == item_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Triage item {item_id} does not exist.")
    if row["status"] != "pending":
        raise Conflict(
            f"Triage item {item_id} was already {row['status']}.", code=Code.INVALID_STATE
        )
    return row


async def assign_triage_item(
    session: AsyncSession,
    directory: ClientsDirectory,
    settings: CrmSettings,
    *,
    tenant_id: uuid.UUID,
    by: str,
    item_id: uuid.UUID,
    body: AssignIn,
) -> dict[str, Any]:
    """File a message from an unknown sender under a client, as an interaction or a request."""
    row = await _pending(session, tenant_id, item_id)
    await require_client(session, directory, tenant_id, body.client_id)
    message = GenericMessage.model_validate(
        {
            "message_id": row["message_id"],
            "from": row["sender"],
            "to": row["recipient"],
            "subject": row["subject"],
            "text": row["text"],
            "channel": row["channel"],
            "received_at": row["received_at"],
        }
    )
    kind, created_id = await _create_for(
        session,
        directory,
        tenant_id=tenant_id,
        client_id=body.client_id,
        message=message,
        wanted=body.create,
        by=by,
        tz=settings.timezone,
    )
    updated = (
        (
            await session.execute(
                update(triage_items)
                .where(triage_items.c.id == item_id)
                .values(
                    status="assigned",
                    resolved_kind=kind,
                    resolved_id=created_id,
                    resolved_at=now(),
                )
                .returning(triage_items)
            )
        )
        .mappings()
        .one()
    )
    return _triage_model(updated)


async def dismiss_triage_item(
    session: AsyncSession, *, tenant_id: uuid.UUID, item_id: uuid.UUID
) -> dict[str, Any]:
    """Drop a message that belongs to no client."""
    await _pending(session, tenant_id, item_id)
    updated = (
        (
            await session.execute(
                update(triage_items)
                .where(triage_items.c.id == item_id)
                .values(status="dismissed", resolved_at=now())
                .returning(triage_items)
            )
        )
        .mappings()
        .one()
    )
    return _triage_model(updated)
