"""Tables of the gateway schema.

`tenants`, `api_keys`, `users` and `sessions` are looked up before any tenant is known (a key,
an e-mail or a session names its tenant), and the webhook worker reads subscriptions and
deliveries of every tenant, so these tables carry no row-level-security policy: the gateway is
the identity authority, and every query made for a caller filters by the caller's tenant. Tenant
data in the other services is behind RLS.
"""

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.schema import ForeignKey, Index, UniqueConstraint

from cartera_shared.db import service_metadata
from cartera_shared.inbox import inbox_table
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
    # Set on a sandbox twin (cartera_shared.tenancy.is_test_tenant): the live tenant whose test
    # API keys act on it. Null for a live tenant.
    Column("live_tenant_id", UUID(as_uuid=True), ForeignKey("gateway.tenants.id"), nullable=True),
    # Set by the operator (PATCH /v1/admin/tenants/{id}): the plan's name, and the requests per
    # minute over all the tenant's credentials (NULL: the gateway's default).
    Column("plan", String(30), nullable=False, server_default=text("'standard'")),
    Column("rate_limit_per_minute", Integer, nullable=True),
    Index("ix_tenants_live_tenant_id", "live_tenant_id", unique=True),
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
    Column("created_by", String(120), nullable=True),
    # Requests per minute for this key; none means the gateway's default.
    Column("rate_limit_per_minute", Integer, nullable=True),
)

# People who sign in to the web app. An e-mail address is one account per tenant: the same
# person may work for several businesses, and one tenant must not learn from a refusal that an
# address has an account in another. `failed_attempts` and `locked_until` are the account's
# ceiling across every address (see `sign_in_failures` for the per-address lock).
users = Table(
    "users",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), ForeignKey("gateway.tenants.id"), nullable=False),
    Column("email", String(320), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("status", String(20), nullable=False, server_default=text("'active'")),
    Column("failed_attempts", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("last_sign_in_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "email"),
)

# A person's place in a tenant other than their account's own (`users.tenant_id`): the staff of
# a gestoría invited by each business's owner. One row per (tenant, e-mail): an invitation
# (`invited`, `user_id` null until accepted, only a SHA-256 of its token kept), then `active`,
# then `revoked`. A row for (user, tenant) decides the person's role there, also in their own
# tenant (a person whose account an invitation made); see docs/gateway.md "Memberships".
memberships = Table(
    "memberships",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), ForeignKey("gateway.tenants.id"), nullable=False),
    Column("email", String(320), nullable=False),
    Column("user_id", UUID(as_uuid=True), ForeignKey("gateway.users.id"), nullable=True),
    Column("role", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("invited_by", String(120), nullable=False),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("token_expires_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("accepted_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("tenant_id", "email"),
    Index("ix_memberships_user_id", "user_id"),
)

# Wrong passwords per account and client address: an address that keeps guessing is locked out
# of that account, while the person signing in from elsewhere is not.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("user_id", UUID(as_uuid=True), ForeignKey("gateway.users.id"), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("last_failed_at", DateTime(timezone=True), nullable=False),
)

# One-time password-reset links; only a SHA-256 of the token is kept, and at most one per user
# (a new link replaces the earlier one).
password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id", UUID(as_uuid=True), ForeignKey("gateway.users.id"), nullable=False, index=True
    ),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("requested_by", String(120), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

# Signed-in sessions; only a SHA-256 of the session token is kept.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", UUID(as_uuid=True), ForeignKey("gateway.users.id"), nullable=False),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# Partners' webhook subscriptions and every delivery attempt's outcome.
webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), ForeignKey("gateway.tenants.id"), nullable=False),
    Column("url", Text, nullable=False),
    Column("event_types", ARRAY(String(80)), nullable=False),
    # The signing secret, encrypted (cartera_shared.data_keys: "v1.<key id>.<AES-256-GCM>"),
    # never plain.
    Column("secret_encrypted", Text, nullable=False),
    Column("description", String(200), nullable=True),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("disabled_reason", Text, nullable=True),
    Column("consecutive_failures", Integer, nullable=False, server_default=text("0")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column(
        "subscription_id",
        UUID(as_uuid=True),
        ForeignKey("gateway.webhook_subscriptions.id"),
        nullable=False,
    ),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("event_type", String(80), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True), nullable=True),
    Column("last_status_code", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("subscription_id", "event_id"),
    Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
)

inbox = inbox_table(metadata)

outbox = outbox_table(metadata)
