"""Tables of the clients schema; tenant_id on every tenant row, and RLS on each of them."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from cartera_shared.db import service_metadata
from cartera_shared.outbox import outbox_table

SCHEMA = "clients"
metadata = service_metadata(SCHEMA)

# The current state of each client; its past states are in client_versions.
clients = Table(
    "clients",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("legal_name", String(300), nullable=False),
    Column("trade_name", String(300), nullable=True),
    Column("kind", String(40), nullable=False),
    Column("tax_id", String(40), nullable=False),
    Column("country", String(2), nullable=False),
    Column("fiscal_address", JSONB, nullable=True),
    Column("email", String(320), nullable=True),
    Column("phone", String(40), nullable=True),
    Column("contacts", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("bank_accounts", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("payment_terms", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("tax_treatment", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("tags", ARRAY(String(60)), nullable=False, server_default=text("'{}'")),
    Column("notes", Text, nullable=True),
    # A public administration's DIR3 codes ({oficina_contable, organo_gestor, unidad_tramitadora}).
    Column("dir3", JSONB, nullable=True),
    Column("status", String(20), nullable=False, server_default=text("'active'")),
    # The day the fiscal data of this version took effect.
    Column("valid_from", Date, nullable=False, server_default=func.current_date()),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # One active client per tax id and tenant; an archived one may share it.
    Index(
        "uq_clients_active_tax_id",
        "tenant_id",
        "country",
        "tax_id",
        unique=True,
        postgresql_where=text("status = 'active'"),
    ),
    Index("ix_clients_tenant_name", "tenant_id", "legal_name", "id"),
)

client_versions = Table(
    "client_versions",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("changed_by", String(200), nullable=False),
    Column("reason", String(500), nullable=True),
    Column("changed_fields", ARRAY(String(60)), nullable=False),
    Column("state", JSONB, nullable=False),
    PrimaryKeyConstraint("tenant_id", "client_id", "version"),
    ForeignKeyConstraint(["client_id"], ["clients.clients.id"], ondelete="CASCADE"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("document_date", Date, nullable=True),
    Column("retain_until", Date, nullable=False),
    Column("filename", String(300), nullable=True),
    Column("content_type", String(120), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("storage_key", String(500), nullable=False),
    Column("uploaded_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(["client_id"], ["clients.clients.id"]),
    Index("ix_documents_tenant_client", "tenant_id", "client_id", "created_at"),
)

import_jobs = Table(
    "import_jobs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("dry_run", Boolean, nullable=False),
    Column("filename", String(300), nullable=True),
    Column("total_rows", Integer, nullable=False, server_default=text("0")),
    Column("processed_rows", Integer, nullable=False, server_default=text("0")),
    Column("created_count", Integer, nullable=False, server_default=text("0")),
    Column("updated_count", Integer, nullable=False, server_default=text("0")),
    Column("error_count", Integer, nullable=False, server_default=text("0")),
    Column("report", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("error", Text, nullable=True),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    # Written every few seconds while the job runs (`transfer.service.HEARTBEAT_SECONDS`).
    Column("heartbeat_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

outbox = outbox_table(metadata)
