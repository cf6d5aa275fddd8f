"""invoice listing indexes

Revision ID: 9c1d2e7a4b50
Revises: 5611749cee73
Create Date: 2026-12-05 11:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9c1d2e7a4b50"
down_revision: str | None = "5611749cee73"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # GET /v1/invoices pages by (created_at, id), either way, within a tenant, and within a
    # tenant's status or client. The client index replaces (tenant_id, client_id): same prefix.
    op.create_index(
        "ix_invoices_tenant_created",
        "invoices",
        ["tenant_id", "created_at", "id"],
        schema="invoicing",
    )
    op.create_index(
        "ix_invoices_tenant_status_created",
        "invoices",
        ["tenant_id", "status", "created_at", "id"],
        schema="invoicing",
    )
    op.create_index(
        "ix_invoices_tenant_client_created",
        "invoices",
        ["tenant_id", "client_id", "created_at", "id"],
        schema="invoicing",
    )
    op.drop_index("ix_invoices_tenant_client", table_name="invoices", schema="invoicing")


def downgrade() -> None:
    op.create_index(
        "ix_invoices_tenant_client", "invoices", ["tenant_id", "client_id"], schema="invoicing"
    )
    op.drop_index("ix_invoices_tenant_client_created", table_name="invoices", schema="invoicing")
    op.drop_index("ix_invoices_tenant_status_created", table_name="invoices", schema="invoicing")
    op.drop_index("ix_invoices_tenant_created", table_name="invoices", schema="invoicing")
