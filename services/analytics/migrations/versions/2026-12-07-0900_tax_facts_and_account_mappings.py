"""tax facts, returns and account mappings

Invoice documents keep their tax facts (VAT and recargo by rate, IRPF by rate and modelo, the
goods' base) for the tax summary and the accounting export; payments keep when and why they were
reversed (returns); each tenant may keep its own chart of accounts for the export. Rows projected
before this revision have no tax facts until a rebuild (docs/analytics.md).

Revision ID: 9b0c7e5d2a11
Revises: 3f47a1c2d8e9
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "9b0c7e5d2a11"
down_revision: str | None = "3f47a1c2d8e9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invoice_documents",
        sa.Column("tax_facts", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        schema="analytics",
    )
    op.create_index(
        "ix_invoice_documents_issued",
        "invoice_documents",
        ["tenant_id", "issue_date"],
        schema="analytics",
    )
    op.add_column(
        "payments", sa.Column("reversed_on", sa.Date(), nullable=True), schema="analytics"
    )
    op.add_column(
        "payments",
        sa.Column("reversal_reason", sa.String(length=200), nullable=True),
        schema="analytics",
    )
    op.create_index("ix_payments_paid_on", "payments", ["tenant_id", "paid_on"], schema="analytics")
    op.create_table(
        "account_mappings",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("accounts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_account_mappings")),
        schema="analytics",
    )
    op.create_table(
        "client_accounts",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "client_id", name=op.f("pk_client_accounts")),
        sa.UniqueConstraint("tenant_id", "seq", name=op.f("uq_client_accounts_tenant_id_seq")),
        schema="analytics",
    )
    migration_ops.enable_tenant_rls("analytics", ["account_mappings", "client_accounts"])
    migration_ops.grant_app_role("analytics")


def downgrade() -> None:
    op.drop_table("client_accounts", schema="analytics")
    op.drop_table("account_mappings", schema="analytics")
    op.drop_index("ix_payments_paid_on", table_name="payments", schema="analytics")
    op.drop_column("payments", "reversal_reason", schema="analytics")
    op.drop_column("payments", "reversed_on", schema="analytics")
    op.drop_index("ix_invoice_documents_issued", table_name="invoice_documents", schema="analytics")
    op.drop_column("invoice_documents", "tax_facts", schema="analytics")
