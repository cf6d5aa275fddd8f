"""dunning

Revision ID: 5a5acc9db2ed
Revises: 8196960d8cb0
Create Date: 2026-11-28 05:44:19.983481
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "5a5acc9db2ed"
down_revision: str | None = "8196960d8cb0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dunning_holds",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=True),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_holds")),
        schema="collections",
    )
    op.create_table(
        "dunning_levels",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("days_after_due", sa.Integer(), nullable=False),
        sa.Column("tone", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "level", name=op.f("pk_dunning_levels")),
        schema="collections",
    )
    op.create_table(
        "dunning_queue",
        sa.Column("receivable_id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.PrimaryKeyConstraint("receivable_id", name=op.f("pk_dunning_queue")),
        schema="collections",
    )
    op.create_table(
        "dunning_notices",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("receivable_id", sa.UUID(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "sent_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["receivable_id"],
            ["collections.receivables.id"],
            name=op.f("fk_dunning_notices_receivable_id_receivables"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_notices")),
        sa.UniqueConstraint(
            "receivable_id", "level", name=op.f("uq_dunning_notices_receivable_id_level")
        ),
        schema="collections",
    )
    migration_ops.enable_tenant_rls(
        "collections", ["dunning_levels", "dunning_holds", "dunning_notices"]
    )
    migration_ops.grant_app_role("collections")


def downgrade() -> None:
    op.drop_table("dunning_notices", schema="collections")
    op.drop_table("dunning_queue", schema="collections")
    op.drop_table("dunning_levels", schema="collections")
    op.drop_table("dunning_holds", schema="collections")
