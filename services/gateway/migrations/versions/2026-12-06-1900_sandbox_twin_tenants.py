"""sandbox twin tenants for test API keys

A tenant's test API keys act on its sandbox twin, a tenant of its own whose id is a UUID version 8
with the marker 7e577e57 (cartera_shared.tenancy.is_test_tenant). `live_tenant_id` links the twin
to the tenant it mirrors; it is null for live tenants.

Revision ID: 9a7e57c0ffee
Revises: 6be11f74a792
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9a7e57c0ffee"
down_revision: str | None = "6be11f74a792"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column(
            "live_tenant_id",
            sa.UUID(),
            sa.ForeignKey("gateway.tenants.id", name="fk_tenants_live_tenant_id_tenants"),
            nullable=True,
        ),
        schema="gateway",
    )
    op.create_index(
        "ix_tenants_live_tenant_id", "tenants", ["live_tenant_id"], unique=True, schema="gateway"
    )


def downgrade() -> None:
    op.drop_index("ix_tenants_live_tenant_id", table_name="tenants", schema="gateway")
    op.drop_column("tenants", "live_tenant_id", schema="gateway")
