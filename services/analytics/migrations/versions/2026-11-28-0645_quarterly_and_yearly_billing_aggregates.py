"""quarterly and yearly billing aggregates

Revision ID: b40c6af763a4
Revises: 7d068bc0d30e
Create Date: 2026-11-28 06:45:47.359111
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "b40c6af763a4"
down_revision: str | None = "7d068bc0d30e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "client_quarters",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("quarter", sa.Date(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column(
            "base", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "total", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("invoices", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "quarter", "client_id", name=op.f("pk_client_quarters")
        ),
        schema="analytics",
    )
    op.create_table(
        "client_years",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("year", sa.Date(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column(
            "base", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column(
            "total", sa.Numeric(precision=18, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("invoices", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "year", "client_id", name=op.f("pk_client_years")),
        schema="analytics",
    )
    # Filled from the daily aggregates already there, so the figures stay whole. The owner
    # reads every tenant's rows only with the policy's FORCE lifted, inside this transaction.
    op.execute("ALTER TABLE analytics.client_days NO FORCE ROW LEVEL SECURITY")
    for table, key in (("client_quarters", "quarter"), ("client_years", "year")):
        op.execute(
            f"""
            INSERT INTO analytics.{table} (tenant_id, {key}, client_id, base, total, invoices)
            SELECT tenant_id, date_trunc('{key}', day)::date, client_id,
                   sum(base), sum(total), sum(invoices)
            FROM analytics.client_days
            GROUP BY 1, 2, 3
            """
        )
    op.execute("ALTER TABLE analytics.client_days FORCE ROW LEVEL SECURITY")
    migration_ops.enable_tenant_rls("analytics", ["client_quarters", "client_years"])
    migration_ops.grant_app_role("analytics")


def downgrade() -> None:
    op.drop_table("client_years", schema="analytics")
    op.drop_table("client_quarters", schema="analytics")
