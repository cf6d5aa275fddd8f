"""receivable cancellation

A receivable whose invoice was cancelled (invoice.cancelled) keeps its row: nothing is owed on
it any more, and when and why it was cancelled are kept beside it.

Revision ID: 68929f13f4fd
Revises: 76e4d0b8e7c7
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "68929f13f4fd"
down_revision: str | None = "76e4d0b8e7c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "receivables",
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        schema="collections",
    )
    op.add_column(
        "receivables",
        sa.Column("cancellation_reason", sa.Text(), nullable=True),
        schema="collections",
    )


def downgrade() -> None:
    op.drop_column("receivables", "cancellation_reason", schema="collections")
    op.drop_column("receivables", "cancelled_at", schema="collections")
