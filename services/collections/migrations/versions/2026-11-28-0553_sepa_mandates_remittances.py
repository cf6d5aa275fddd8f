"""sepa mandates remittances

Revision ID: e3495a5b2df7
Revises: 5a5acc9db2ed
Create Date: 2026-11-28 05:53:03.040152
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "e3495a5b2df7"
down_revision: str | None = "5a5acc9db2ed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mandates",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.UUID(), nullable=False),
        sa.Column("reference", sa.String(length=35), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("debtor_name", sa.String(length=140), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("used", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "status", sa.String(length=20), server_default=sa.text("'active'"), nullable=False
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandates")),
        sa.UniqueConstraint("tenant_id", "reference", name=op.f("uq_mandates_tenant_id_reference")),
        schema="collections",
    )
    op.create_table(
        "remittances",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("message_id", sa.String(length=35), nullable=False),
        sa.Column("collection_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remittances")),
        schema="collections",
    )
    op.create_table(
        "sepa_creditors",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=140), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=False),
        sa.Column("creditor_id", sa.String(length=35), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_sepa_creditors")),
        schema="collections",
    )
    op.create_table(
        "remittance_items",
        sa.Column("remittance_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("instalment_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("mandate_id", sa.UUID(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("end_to_end_id", sa.String(length=35), nullable=False),
        sa.Column("payment_id", sa.UUID(), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["remittance_id"],
            ["collections.remittances.id"],
            name=op.f("fk_remittance_items_remittance_id_remittances"),
        ),
        sa.PrimaryKeyConstraint("remittance_id", "seq", name=op.f("pk_remittance_items")),
        schema="collections",
    )
    migration_ops.enable_tenant_rls(
        "collections", ["sepa_creditors", "mandates", "remittances", "remittance_items"]
    )
    migration_ops.grant_app_role("collections")


def downgrade() -> None:
    op.drop_table("remittance_items", schema="collections")
    op.drop_table("sepa_creditors", schema="collections")
    op.drop_table("remittances", schema="collections")
    op.drop_table("mandates", schema="collections")
