"""Tables of the gateway schema.

`tenants` and `api_keys` are looked up before any tenant is known (an API key names its tenant),
so they carry no row-level-security policy; the gateway is the identity authority and the only
component that reads them. Tenant data in the other services is behind RLS.
"""

from sqlalchemy import Column, DateTime, String, Table, func, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.schema import ForeignKey

from cartera_shared.db import service_metadata
from cartera_shared.outbox import outbox_table

SCHEMA = "gateway"
metadata = service_metadata(SCHEMA)

tenants = Table(
    "tenants",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False, server_default=text("'active'")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column(
        "tenant_id",
        UUID(as_uuid=True),
        ForeignKey("gateway.tenants.id"),
        nullable=False,
        index=True,
    ),
    Column("name", String(200), nullable=False),
    Column("prefix", String(32), nullable=False, unique=True),
    Column("secret_hash", String(128), nullable=False),
    Column("scopes", ARRAY(String(80)), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
)

outbox = outbox_table(metadata)
