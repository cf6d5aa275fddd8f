"""month judgements

The last complete month the month rules (concentration, top-client drop) judged whole for each
tenant, with the thresholds they used: every later batch judges only what it moved.

Revision ID: 9d2e4b6c8a13
Revises: 9c1f0a7e4b21
Create Date: 2026-12-07 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "9d2e4b6c8a13"
down_revision: str | None = "9c1f0a7e4b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "month_judgements",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("concentration_threshold", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("drop_threshold", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column(
            "judged_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_month_judgements")),
        schema="analytics",
    )
    migration_ops.enable_tenant_rls("analytics", ["month_judgements"])
    migration_ops.grant_app_role("analytics")


def downgrade() -> None:
    op.drop_table("month_judgements", schema="analytics")
