"""dunning holds

Collections' dunning holds in force (dunning.hold_changed): what is disputed or under an agreed
plan, which the cash forecast leaves out.

Revision ID: 9c1f0a7e4b21
Revises: 9b0c7e5d2a11
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "9c1f0a7e4b21"
down_revision: str | None = "9b0c7e5d2a11"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dunning_holds",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("hold_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=True),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("released", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "hold_id", name=op.f("pk_dunning_holds")),
        schema="analytics",
    )
    migration_ops.enable_tenant_rls("analytics", ["dunning_holds"])
    migration_ops.grant_app_role("analytics")


def downgrade() -> None:
    op.drop_table("dunning_holds", schema="analytics")
