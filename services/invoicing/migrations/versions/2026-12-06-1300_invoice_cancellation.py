"""invoice cancellation

An issued invoice cancelled with a Verifactu anulación keeps its row and its number; its status
becomes "cancelled", and when, why and by whom are kept beside it.

Revision ID: 786e2e9e5db6
Revises: 7d3e5c1a9b20
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "786e2e9e5db6"
down_revision: str | None = "7d3e5c1a9b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invoices",
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        schema="invoicing",
    )
    op.add_column(
        "invoices",
        sa.Column("cancellation", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        schema="invoicing",
    )


def downgrade() -> None:
    op.drop_column("invoices", "cancellation", schema="invoicing")
    op.drop_column("invoices", "cancelled_at", schema="invoicing")
