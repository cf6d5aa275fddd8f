"""payments listing index

Revision ID: 2e0f516abe42
Revises: 217877f5c7ae
Create Date: 2026-12-05 09:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2e0f516abe42"
down_revision: str | None = "217877f5c7ae"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # GET /v1/payments pages by (created_at, id) within a tenant.
    op.create_index(
        "ix_payments_tenant_created",
        "payments",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="collections",
    )


def downgrade() -> None:
    op.drop_index("ix_payments_tenant_created", table_name="payments", schema="collections")
