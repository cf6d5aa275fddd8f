"""memberships: a person in tenants other than their account's own, with a role in each

Existing accounts are left as they are: each `users` row keeps its tenant and role, which stay
the person's place there while no membership row names that (user, tenant). An invitation is a
row with `status = 'invited'` and no user until it is accepted.

Revision ID: 3e3b0c4d7a21
Revises: 9a7e57c0ffee
Create Date: 2026-12-07 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "3e3b0c4d7a21"
down_revision: str | None = "9a7e57c0ffee"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "memberships",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("invited_by", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["gateway.tenants.id"], name=op.f("fk_memberships_tenant_id_tenants")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["gateway.users.id"], name=op.f("fk_memberships_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("tenant_id", "email", name=op.f("uq_memberships_tenant_id_email")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_memberships_token_hash")),
        schema="gateway",
    )
    op.create_index(
        "ix_memberships_user_id", "memberships", ["user_id"], unique=False, schema="gateway"
    )
    migration_ops.grant_app_role("gateway")


def downgrade() -> None:
    op.drop_index("ix_memberships_user_id", table_name="memberships", schema="gateway")
    op.drop_table("memberships", schema="gateway")
