"""read models and alerts

Revision ID: 7d068bc0d30e
Revises: 6112aa213adc
Create Date: 2026-11-28 06:19:54.592549
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "7d068bc0d30e"
down_revision: str | None = "6112aa213adc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("value", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("threshold", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "details",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "raised_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_alerts")),
        sa.UniqueConstraint(
            "tenant_id",
            "kind",
            "client_id",
            "period",
            name=op.f("uq_alerts_tenant_id_kind_client_id_period"),
        ),
        schema="analytics",
    )
    op.create_index(
        "ix_alerts_raised", "alerts", ["tenant_id", "raised_at"], unique=False, schema="analytics"
    )
    op.create_table(
        "client_days",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column(
            "base", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "total", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("invoices", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "day", "client_id", name=op.f("pk_client_days")),
        schema="analytics",
    )
    op.create_table(
        "client_months",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column(
            "base", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "total", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("invoices", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "month", "client_id", name=op.f("pk_client_months")),
        schema="analytics",
    )
    op.create_index(
        "ix_client_months_client",
        "client_months",
        ["tenant_id", "client_id", "month"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "dunning_notices",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("notice_id", sa.String(length=80), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("level", sa.SmallInteger(), nullable=True),
        sa.Column("days_late", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "notice_id", name=op.f("pk_dunning_notices")),
        schema="analytics",
    )
    op.create_table(
        "instalments",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.SmallInteger(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "amount", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "paid", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "invoice_id", "seq", name=op.f("pk_instalments")),
        schema="analytics",
    )
    op.create_index(
        "ix_instalments_client_due",
        "instalments",
        ["tenant_id", "client_id", "due_on"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "interactions",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("interaction_id", sa.String(length=80), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("direction", sa.String(length=20), nullable=True),
        sa.Column("outcome", sa.String(length=80), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "interaction_id", name=op.f("pk_interactions")),
        schema="analytics",
    )
    op.create_index(
        "ix_interactions_client",
        "interactions",
        ["tenant_id", "client_id", "occurred_at"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "invoice_documents",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("root_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("invoice_type", sa.String(length=4), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column(
            "base", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "total", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "gross", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("rate", sa.Numeric(precision=18, scale=8), nullable=False),
        sa.Column("recipient_tax_id", sa.String(length=40), nullable=True),
        sa.Column("recipient_name", sa.String(length=300), nullable=True),
        sa.Column("m347_exclusion", sa.String(length=40), nullable=True),
        sa.Column("due_dates", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "contrib_base",
            sa.Numeric(precision=18, scale=2),
            server_default=sa.text("0"),
            nullable=False,
        ),
        sa.Column(
            "contrib_total",
            sa.Numeric(precision=18, scale=2),
            server_default=sa.text("0"),
            nullable=False,
        ),
        sa.Column(
            "contrib_347",
            sa.Numeric(precision=18, scale=2),
            server_default=sa.text("0"),
            nullable=False,
        ),
        sa.Column(
            "contrib_invoices", sa.SmallInteger(), server_default=sa.text("0"), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant_id", "invoice_id", name=op.f("pk_invoice_documents")),
        schema="analytics",
    )
    op.create_index(
        "ix_invoice_documents_root",
        "invoice_documents",
        ["tenant_id", "root_id"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "m347_quarters",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("tax_id", sa.String(length=40), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "amount", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "year", "tax_id", "quarter", name=op.f("pk_m347_quarters")
        ),
        schema="analytics",
    )
    op.create_table(
        "outbox",
        sa.Column("position", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "headers",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_id")),
        schema="analytics",
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["position"],
        unique=False,
        schema="analytics",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "payments",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("payment_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column(
            "amount", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "applied",
            sa.Numeric(precision=18, scale=2),
            server_default=sa.text("0"),
            nullable=False,
        ),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("allocations", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("reversed", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "payment_id", name=op.f("pk_payments")),
        schema="analytics",
    )
    op.create_index(
        "ix_payments_invoice",
        "payments",
        ["tenant_id", "invoice_id"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "satisfaction_answers",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("survey_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("request_id", sa.String(length=80), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "survey_id", name=op.f("pk_satisfaction_answers")),
        schema="analytics",
    )
    op.create_index(
        "ix_satisfaction_answers_when",
        "satisfaction_answers",
        ["tenant_id", "answered_at"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "support_requests",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("request_id", sa.String(length=80), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("priority", sa.String(length=20), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sla_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sla_breached", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "request_id", name=op.f("pk_support_requests")),
        schema="analytics",
    )
    op.create_index(
        "ix_support_requests_client",
        "support_requests",
        ["tenant_id", "client_id"],
        unique=False,
        schema="analytics",
    )
    op.create_table(
        "tenant_settings",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("concentration_threshold", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("drop_threshold", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("late_payer_ratio", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column(
            "files_through_sii", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_settings")),
        schema="analytics",
    )
    migration_ops.enable_tenant_rls(
        "analytics",
        [
            "alerts",
            "client_days",
            "client_months",
            "dunning_notices",
            "instalments",
            "interactions",
            "invoice_documents",
            "m347_quarters",
            "payments",
            "satisfaction_answers",
            "support_requests",
            "tenant_settings",
        ],
    )
    migration_ops.install_outbox_notify("analytics")
    migration_ops.grant_app_role("analytics")


def downgrade() -> None:
    op.drop_table("tenant_settings", schema="analytics")
    op.drop_index("ix_support_requests_client", table_name="support_requests", schema="analytics")
    op.drop_table("support_requests", schema="analytics")
    op.drop_index(
        "ix_satisfaction_answers_when", table_name="satisfaction_answers", schema="analytics"
    )
    op.drop_table("satisfaction_answers", schema="analytics")
    op.drop_index("ix_payments_invoice", table_name="payments", schema="analytics")
    op.drop_table("payments", schema="analytics")
    op.drop_index(
        "ix_outbox_unpublished",
        table_name="outbox",
        schema="analytics",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.drop_table("outbox", schema="analytics")
    op.drop_table("m347_quarters", schema="analytics")
    op.drop_index("ix_invoice_documents_root", table_name="invoice_documents", schema="analytics")
    op.drop_table("invoice_documents", schema="analytics")
    op.drop_index("ix_interactions_client", table_name="interactions", schema="analytics")
    op.drop_table("interactions", schema="analytics")
    op.drop_index("ix_instalments_client_due", table_name="instalments", schema="analytics")
    op.drop_table("instalments", schema="analytics")
    op.drop_table("dunning_notices", schema="analytics")
    op.drop_index("ix_client_months_client", table_name="client_months", schema="analytics")
    op.drop_table("client_months", schema="analytics")
    op.drop_table("client_days", schema="analytics")
    op.drop_index("ix_alerts_raised", table_name="alerts", schema="analytics")
    op.drop_table("alerts", schema="analytics")
