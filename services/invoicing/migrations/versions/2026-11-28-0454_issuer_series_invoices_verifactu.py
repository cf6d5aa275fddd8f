"""issuer series invoices verifactu

Revision ID: af8009b2cbbd
Revises: 240cf261ea79
Create Date: 2026-11-28 04:54:02.849875
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "af8009b2cbbd"
down_revision: str | None = "240cf261ea79"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "key", name=op.f("pk_idempotency_keys")),
        schema="invoicing",
    )
    op.create_table(
        "issuer_versions",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("legal_name", sa.String(length=300), nullable=False),
        sa.Column("tax_id", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("fiscal_address", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "version", name=op.f("pk_issuer_versions")),
        schema="invoicing",
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
        schema="invoicing",
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["position"],
        unique=False,
        schema="invoicing",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("prefix", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("yearly_restart", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("last_issue_date", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_series_tenant_id_code")),
        schema="invoicing",
    )
    op.create_table(
        "verifactu_chains",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("issuer_tax_id", sa.String(length=40), nullable=False),
        sa.Column("last_position", sa.BigInteger(), nullable=False),
        sa.Column("last_huella", sa.String(length=64), nullable=True),
        sa.Column("last_record", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "issuer_tax_id", name=op.f("pk_verifactu_chains")),
        schema="invoicing",
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("series_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=True),
        sa.Column("invoice_type", sa.String(length=2), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("operation_date", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(length=3), server_default=sa.text("'EUR'"), nullable=False),
        sa.Column("exchange_rate", sa.Numeric(precision=18, scale=8), nullable=True),
        sa.Column("lines", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("taxable_base", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("surcharge", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("irpf", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("issued", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("rectifies_id", sa.UUID(), nullable=True),
        sa.Column("rectification", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["rectifies_id"],
            ["invoicing.invoices.id"],
            name=op.f("fk_invoices_rectifies_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["invoicing.series.id"], name=op.f("fk_invoices_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint(
            "series_id", "year", "sequence", name=op.f("uq_invoices_series_id_year_sequence")
        ),
        schema="invoicing",
    )
    op.create_index(
        "ix_invoices_tenant_client",
        "invoices",
        ["tenant_id", "client_id"],
        unique=False,
        schema="invoicing",
    )
    op.create_index(
        "ix_invoices_tenant_status_date",
        "invoices",
        ["tenant_id", "status", "issue_date"],
        unique=False,
        schema="invoicing",
    )
    op.create_table(
        "series_counters",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("series_id", sa.UUID(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"], ["invoicing.series.id"], name=op.f("fk_series_counters_series_id_series")
        ),
        sa.PrimaryKeyConstraint("series_id", "year", name=op.f("pk_series_counters")),
        schema="invoicing",
    )
    op.create_table(
        "verifactu_records",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("issuer_tax_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fields", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("huella", sa.String(length=64), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "submission_status",
            sa.String(length=20),
            server_default=sa.text("'pending'"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoicing.invoices.id"],
            name=op.f("fk_verifactu_records_invoice_id_invoices"),
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "issuer_tax_id", "position", name=op.f("pk_verifactu_records")
        ),
        schema="invoicing",
    )
    op.create_index(
        "ix_verifactu_records_invoice",
        "verifactu_records",
        ["tenant_id", "invoice_id"],
        unique=False,
        schema="invoicing",
    )
    migration_ops.enable_tenant_rls(
        "invoicing",
        [
            "issuer_versions",
            "series",
            "series_counters",
            "invoices",
            "verifactu_chains",
            "verifactu_records",
            "idempotency_keys",
        ],
    )
    migration_ops.install_outbox_notify("invoicing")
    migration_ops.grant_app_role("invoicing")


def downgrade() -> None:
    op.drop_index(
        "ix_verifactu_records_invoice", table_name="verifactu_records", schema="invoicing"
    )
    op.drop_table("verifactu_records", schema="invoicing")
    op.drop_table("series_counters", schema="invoicing")
    op.drop_index("ix_invoices_tenant_status_date", table_name="invoices", schema="invoicing")
    op.drop_index("ix_invoices_tenant_client", table_name="invoices", schema="invoicing")
    op.drop_table("invoices", schema="invoicing")
    op.drop_table("verifactu_chains", schema="invoicing")
    op.drop_table("series", schema="invoicing")
    op.drop_index(
        "ix_outbox_unpublished",
        table_name="outbox",
        schema="invoicing",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.drop_table("outbox", schema="invoicing")
    op.drop_table("issuer_versions", schema="invoicing")
    op.drop_table("idempotency_keys", schema="invoicing")
