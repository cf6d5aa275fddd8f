"""Tables of the clients schema; tenant_id on every tenant row."""

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    String,
    Table,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from cartera_shared.db import service_metadata
from cartera_shared.outbox import outbox_table

SCHEMA = "clients"
metadata = service_metadata(SCHEMA)

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
    Column("tags", ARRAY(String(60)), nullable=False, server_default=text("'{}'")),
    Column("status", String(20), nullable=False, server_default=text("'active'")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "country", "tax_id"),
)

outbox = outbox_table(metadata)
