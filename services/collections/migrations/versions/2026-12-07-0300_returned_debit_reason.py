"""returned debits: the bank's reason, and an index to list them

- remittance_items.return_reason: what the bank gave as the return's reason (the R-transaction
  code and its words); NULL for returns recorded before this revision (the reason is then only
  in the reversed payment's `reversal_reason`).
- ix_remittance_items_returned: the returned debits of a tenant, newest first, for
  GET /v1/collections/returned-debits and the accountant's desk.

Revision ID: 9e2b7c4d1a60
Revises: 5c1f0a2e7d43
Create Date: 2026-12-07 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9e2b7c4d1a60"
down_revision: str | None = "5c1f0a2e7d43"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "remittance_items",
        sa.Column("return_reason", sa.Text(), nullable=True),
        schema="collections",
    )
    op.create_index(
        "ix_remittance_items_returned",
        "remittance_items",
        ["tenant_id", "returned_at"],
        unique=False,
        schema="collections",
        postgresql_where=sa.text("returned_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_remittance_items_returned",
        table_name="remittance_items",
        schema="collections",
        postgresql_where=sa.text("returned_at IS NOT NULL"),
    )
    op.drop_column("remittance_items", "return_reason", schema="collections")
