"""Tables of the crm schema; tenant_id on every tenant row, RLS on each of them.

One table is read before any tenant is known and so has no RLS, on purpose: `survey_tokens`
(a public survey link names its survey only by the hash of its token; ids only, no tenant data).
The inbox and outbox are infrastructure, as in every service.
"""

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from cartera_shared.db import service_metadata
from cartera_shared.idempotency import idempotency_table
from cartera_shared.inbox import inbox_table
from cartera_shared.outbox import outbox_table
from cartera_shared.replicas import client_replica_table

SCHEMA = "crm"
metadata = service_metadata(SCHEMA)

client_replicas = client_replica_table(metadata)
inbox = inbox_table(metadata)
outbox = outbox_table(metadata)
idempotency_keys = idempotency_table(metadata)

# One contact with a client, on any channel, and what came of it.
interactions = Table(
    "interactions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("contact_name", String(200), nullable=True),
    Column("handled_by", String(200), nullable=True),
    Column("summary", String(2000), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("follow_up_on", Date, nullable=True),
    Column("request_id", UUID(as_uuid=True), nullable=True),
    Column("document_ids", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("invoice_ids", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("source", String(20), nullable=False, server_default=text("'manual'")),
    Column("recorded_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_interactions_tenant_client_time", "tenant_id", "client_id", "occurred_at"),
)

# A client's request (ticket) and its lifecycle; `sla_due_at` is when it should be resolved.
client_requests = Table(
    "requests",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("priority", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("channel", String(20), nullable=True),
    Column("assignee", String(200), nullable=True),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("sla_due_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("reopened_count", Integer, nullable=False, server_default=text("0")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("created_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_requests_tenant_status", "tenant_id", "status"),
    Index("ix_requests_tenant_client", "tenant_id", "client_id"),
)

# Every change of a request's status, who made it and why.
request_history = Table(
    "request_history",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("request_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("from_status", String(20), nullable=True),
    Column("to_status", String(20), nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("note", String(2000), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Resolution targets per priority; a tenant without rows uses the defaults (domain/sla.py).
sla_policies = Table(
    "sla_policies",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("priority", String(10), nullable=False),
    Column("resolve_hours", Integer, nullable=False),
    PrimaryKeyConstraint("tenant_id", "priority"),
)

surveys = Table(
    "surveys",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("request_id", UUID(as_uuid=True), nullable=True),
    Column("status", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("score", SmallInteger, nullable=True),
    Column("comment", String(2000), nullable=True),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_surveys_tenant_client", "tenant_id", "client_id"),
)

# The public link's way in, before any tenant is known: hash of the token -> its survey. No RLS;
# no tenant data beyond the ids.
survey_tokens = Table(
    "survey_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("survey_id", UUID(as_uuid=True), nullable=False),
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("title", String(300), nullable=False),
    Column("notes", String(2000), nullable=True),
    Column("due_on", Date, nullable=False),
    Column("assignee", String(200), nullable=True),
    Column("status", String(20), nullable=False),
    Column("interaction_id", UUID(as_uuid=True), nullable=True),
    Column("request_id", UUID(as_uuid=True), nullable=True),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("done_at", DateTime(timezone=True), nullable=True),
    Index("ix_follow_ups_tenant_assignee_due", "tenant_id", "assignee", "due_on"),
)

# The tenant's inbound-webhook secret is never stored: it is HMAC(server key, salt), and only
# the salt is kept. After a rotation the previous salt stays valid for a grace period.
inbound_secrets = Table(
    "inbound_secrets",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), primary_key=True),
    Column("salt", String(64), nullable=False),
    Column("previous_salt", String(64), nullable=True),
    Column("previous_valid_until", DateTime(timezone=True), nullable=True),
    Column("rotated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Message ids already received per tenant and provider: a replay is refused.
inbound_messages = Table(
    "inbound_messages",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("provider", String(40), nullable=False),
    Column("message_id", String(300), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("result_kind", String(20), nullable=False),
    Column("result_id", UUID(as_uuid=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "provider", "message_id"),
)

# Mailgun signs timestamp + token and nothing of the message: each token is accepted once. Rows
# older than the signature window are deleted as new ones arrive (a replay of them is refused
# by its timestamp anyway).
inbound_tokens = Table(
    "inbound_tokens",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("provider", String(40), nullable=False),
    Column("token", String(200), nullable=False),
    Column("signed_at", DateTime(timezone=True), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id", "provider", "token"),
    Index("ix_inbound_tokens_tenant_signed_at", "tenant_id", "signed_at"),
)

# Messages from senders that match no client (or several), waiting for someone to decide.
triage_items = Table(
    "triage_items",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("provider", String(40), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("sender", String(320), nullable=False),
    Column("recipient", String(320), nullable=True),
    Column("subject", String(300), nullable=True),
    Column("text", Text, nullable=False),
    Column("message_id", String(300), nullable=False),
    Column("wanted", String(20), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("resolved_kind", String(20), nullable=True),
    Column("resolved_id", UUID(as_uuid=True), nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Index("ix_triage_items_tenant_status", "tenant_id", "status"),
)

# Invoices of the tenant as invoicing announced them, so interactions can link them safely.
invoice_refs = Table(
    "invoice_refs",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("number", String(40), nullable=False),
    PrimaryKeyConstraint("tenant_id", "invoice_id"),
)

# One chronological line per client: own entries are written with their change, other
# services' entries by the consumers. `dedup_key` keeps each fact once.
timeline_entries = Table(
    "timeline_entries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("title", String(400), nullable=False),
    Column("details", JSONB, nullable=False),
    Column("ref", JSONB, nullable=False),
    Column("dedup_key", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "dedup_key"),
    Index("ix_timeline_entries_client_time", "tenant_id", "client_id", "occurred_at", "id"),
)
