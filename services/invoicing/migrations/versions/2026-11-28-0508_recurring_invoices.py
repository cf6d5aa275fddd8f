"""recurring invoices

Revision ID: 5611749cee73
Revises: ecbfd9e80e7d
Create Date: 2026-11-28 05:08:57.901841
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cartera_shared import migration_ops

revision: str = "5611749cee73"
down_revision: str | None = "ecbfd9e80e7d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recurring_due",
        sa.Column("recurring_id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("next_run_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("recurring_id", name=op.f("pk_recurring_due")),
        schema="invoicing",
    )
    op.create_index(
        op.f("ix_invoicing_recurring_due_next_run_on"),
        "recurring_due",
        ["next_run_on"],
        unique=False,
        schema="invoicing",
    )
    op.create_table(
        "recurring_invoices",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("series_id", sa.UUID(), nullable=False),
        sa.Column("lines", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("day_of_month", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("next_run_on", sa.Date(), nullable=True),
        sa.Column("auto_issue", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
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
            ["series_id"],
            ["invoicing.series.id"],
            name=op.f("fk_recurring_invoices_series_id_series"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_invoices")),
        schema="invoicing",
    )
    op.create_table(
        "recurring_runs",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("recurring_id", sa.UUID(), nullable=False),
        sa.Column("period_on", sa.Date(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("issue_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoicing.invoices.id"],
            name=op.f("fk_recurring_runs_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["recurring_id"],
            ["invoicing.recurring_invoices.id"],
            name=op.f("fk_recurring_runs_recurring_id_recurring_invoices"),
        ),
        sa.PrimaryKeyConstraint("recurring_id", "period_on", name=op.f("pk_recurring_runs")),
        schema="invoicing",
    )
    migration_ops.enable_tenant_rls("invoicing", ["recurring_invoices", "recurring_runs"])
    migration_ops.grant_app_role("invoicing")


def downgrade() -> None:
    op.drop_table("recurring_runs", schema="invoicing")
    op.drop_table("recurring_invoices", schema="invoicing")
    op.drop_index(
        op.f("ix_invoicing_recurring_due_next_run_on"),
        table_name="recurring_due",
        schema="invoicing",
    )
    op.drop_table("recurring_due", schema="invoicing")
