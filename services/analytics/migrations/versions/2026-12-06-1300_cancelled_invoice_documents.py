"""cancelled invoice documents

An invoice cancelled with a Verifactu anulación (invoice.cancelled) keeps its document, marked
cancelled: its chain then contributes nothing to the billing aggregates and Modelo 347.

Revision ID: 6b644c2583e1
Revises: 7b3e1c9d2f40
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6b644c2583e1"
down_revision: str | None = "7b3e1c9d2f40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invoice_documents",
        sa.Column("cancelled", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        schema="analytics",
    )


def downgrade() -> None:
    op.drop_column("invoice_documents", "cancelled", schema="analytics")
