"""receivables and dunning notices listing indexes

Revision ID: 4b7e0c93d1a6
Revises: 2e0f516abe42
Create Date: 2026-12-05 11:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "4b7e0c93d1a6"
down_revision: str | None = "2e0f516abe42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # GET /v1/receivables pages by (created_at, id), either way, within a tenant, and within a
    # tenant's status or client. The client index replaces (tenant_id, client_id): same prefix.
    op.create_index(
        "ix_receivables_tenant_created",
        "receivables",
        ["tenant_id", "created_at", "id"],
        schema="collections",
    )
    op.create_index(
        "ix_receivables_tenant_status_created",
        "receivables",
        ["tenant_id", "status", "created_at", "id"],
        schema="collections",
    )
    op.create_index(
        "ix_receivables_tenant_client_created",
        "receivables",
        ["tenant_id", "client_id", "created_at", "id"],
        schema="collections",
    )
    op.drop_index("ix_receivables_tenant_client", table_name="receivables", schema="collections")
    # GET /v1/collections/dunning/notices pages by (sent_at, id).
    op.create_index(
        "ix_dunning_notices_tenant_sent",
        "dunning_notices",
        ["tenant_id", "sent_at", "id"],
        schema="collections",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_dunning_notices_tenant_sent", table_name="dunning_notices", schema="collections"
    )
    op.create_index(
        "ix_receivables_tenant_client",
        "receivables",
        ["tenant_id", "client_id"],
        schema="collections",
    )
    op.drop_index(
        "ix_receivables_tenant_client_created", table_name="receivables", schema="collections"
    )
    op.drop_index(
        "ix_receivables_tenant_status_created", table_name="receivables", schema="collections"
    )
    op.drop_index("ix_receivables_tenant_created", table_name="receivables", schema="collections")
