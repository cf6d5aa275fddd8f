"""quotes

Revision ID: ecbfd9e80e7d
Revises: af8009b2cbbd
Create Date: 2026-11-28 05:07:02.580021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "ecbfd9e80e7d"
down_revision: str | None = "af8009b2cbbd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("quote_date", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), server_default=sa.text("'EUR'"), nullable=False),
        sa.Column("lines", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("taxable_base", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("surcharge", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("irpf", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoicing.invoices.id"], name=op.f("fk_quotes_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("tenant_id", "number", name=op.f("uq_quotes_tenant_id_number")),
        schema="invoicing",
    )
    op.create_index(
        "ix_quotes_tenant_status",
        "quotes",
        ["tenant_id", "status"],
        unique=False,
        schema="invoicing",
    )
    migration_ops.enable_tenant_rls("invoicing", ["quotes"])
    migration_ops.grant_app_role("invoicing")


def downgrade() -> None:
    op.drop_index("ix_quotes_tenant_status", table_name="quotes", schema="invoicing")
    op.drop_table("quotes", schema="invoicing")
