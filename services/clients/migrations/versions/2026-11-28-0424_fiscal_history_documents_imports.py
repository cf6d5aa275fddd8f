"""fiscal history documents imports

Revision ID: 2d855032c7ab
Revises: d00d3cc248a0
Create Date: 2026-11-28 04:24:43.653548
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "2d855032c7ab"
down_revision: str | None = "d00d3cc248a0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # pg_trgm gives similarity() for flagging possible duplicate names; trusted since PG 13.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    op.create_table(
        "import_jobs",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=True),
        sa.Column("total_rows", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("processed_rows", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("updated_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("error_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "report",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_jobs")),
        schema="clients",
    )
    op.create_index(
        op.f("ix_clients_import_jobs_tenant_id"),
        "import_jobs",
        ["tenant_id"],
        unique=False,
        schema="clients",
    )
    op.create_table(
        "client_versions",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("changed_fields", postgresql.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("state", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.clients.id"],
            name=op.f("fk_client_versions_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "client_id", "version", name=op.f("pk_client_versions")
        ),
        schema="clients",
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("retain_until", sa.Date(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=True),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.clients.id"], name=op.f("fk_documents_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        schema="clients",
    )
    op.create_index(
        "ix_documents_tenant_client",
        "documents",
        ["tenant_id", "client_id", "created_at"],
        unique=False,
        schema="clients",
    )
    op.add_column(
        "clients", sa.Column("phone", sa.String(length=40), nullable=True), schema="clients"
    )
    op.add_column(
        "clients",
        sa.Column(
            "contacts",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        schema="clients",
    )
    op.add_column(
        "clients",
        sa.Column(
            "bank_accounts",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        schema="clients",
    )
    op.add_column(
        "clients",
        sa.Column(
            "payment_terms",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        schema="clients",
    )
    op.add_column(
        "clients",
        sa.Column(
            "tax_treatment",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        schema="clients",
    )
    op.add_column("clients", sa.Column("notes", sa.Text(), nullable=True), schema="clients")
    op.add_column(
        "clients",
        sa.Column("valid_from", sa.Date(), server_default=sa.text("CURRENT_DATE"), nullable=False),
        schema="clients",
    )
    op.drop_constraint(
        op.f("uq_clients_tenant_id_country_tax_id"), "clients", schema="clients", type_="unique"
    )
    op.create_index(
        "ix_clients_tenant_name",
        "clients",
        ["tenant_id", "legal_name", "id"],
        unique=False,
        schema="clients",
    )
    op.create_index(
        "uq_clients_active_tax_id",
        "clients",
        ["tenant_id", "country", "tax_id"],
        unique=True,
        schema="clients",
        postgresql_where=sa.text("status = 'active'"),
    )
    migration_ops.enable_tenant_rls("clients", ["client_versions", "documents", "import_jobs"])
    # History starts with each existing client's current state. FORCE RLS binds this owner role
    # too, so it is lifted for the copy, inside this migration's transaction.
    op.execute("ALTER TABLE clients.clients NO FORCE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE clients.client_versions NO FORCE ROW LEVEL SECURITY")
    op.execute("""
        INSERT INTO clients.client_versions
            (tenant_id, client_id, version, valid_from, changed_by, reason, changed_fields, state)
        SELECT tenant_id, id, version, valid_from, 'migration', 'history starts here', '{}',
               to_jsonb(c) - 'tenant_id' - 'created_at' - 'updated_at'
        FROM clients.clients c
    """)
    op.execute("ALTER TABLE clients.clients FORCE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE clients.client_versions FORCE ROW LEVEL SECURITY")
    migration_ops.grant_app_role("clients")


def downgrade() -> None:
    op.drop_index(
        "uq_clients_active_tax_id",
        table_name="clients",
        schema="clients",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index("ix_clients_tenant_name", table_name="clients", schema="clients")
    op.create_unique_constraint(
        op.f("uq_clients_tenant_id_country_tax_id"),
        "clients",
        ["tenant_id", "country", "tax_id"],
        schema="clients",
        postgresql_nulls_not_distinct=False,
    )
    op.drop_column("clients", "valid_from", schema="clients")
    op.drop_column("clients", "notes", schema="clients")
    op.drop_column("clients", "tax_treatment", schema="clients")
    op.drop_column("clients", "payment_terms", schema="clients")
    op.drop_column("clients", "bank_accounts", schema="clients")
    op.drop_column("clients", "contacts", schema="clients")
    op.drop_column("clients", "phone", schema="clients")
    op.drop_index("ix_documents_tenant_client", table_name="documents", schema="clients")
    op.drop_table("documents", schema="clients")
    op.drop_table("client_versions", schema="clients")
    op.drop_index(
        op.f("ix_clients_import_jobs_tenant_id"), table_name="import_jobs", schema="clients"
    )
    op.drop_table("import_jobs", schema="clients")
