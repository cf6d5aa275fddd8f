"""inbound tokens: each Mailgun signature token is accepted once

Revision ID: 7c3e9a41d2b6
Revises: 4da8203fb296
Create Date: 2026-12-06 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "7c3e9a41d2b6"
down_revision: str | None = "4da8203fb296"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Mailgun signs only timestamp + token: the token is what makes a signature single-use.
    op.create_table(
        "inbound_tokens",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "provider", "token", name=op.f("pk_inbound_tokens")),
        schema="crm",
    )
    op.create_index(
        "ix_inbound_tokens_tenant_signed_at",
        "inbound_tokens",
        ["tenant_id", "signed_at"],
        unique=False,
        schema="crm",
    )
    migration_ops.enable_tenant_rls("crm", ["inbound_tokens"])
    migration_ops.grant_app_role("crm")


def downgrade() -> None:
    op.drop_index("ix_inbound_tokens_tenant_signed_at", table_name="inbound_tokens", schema="crm")
    op.drop_table("inbound_tokens", schema="crm")
