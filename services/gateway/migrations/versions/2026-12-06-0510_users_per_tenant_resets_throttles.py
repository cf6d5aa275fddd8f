"""users per tenant, password resets, sign-in failures per address

An e-mail address becomes unique per tenant instead of across all of them (a refusal told one
tenant that an address had an account in another); sign-in looks accounts up by e-mail, hence
the plain index. One-time password-reset links, and wrong passwords counted per account and
client address.

Revision ID: c077e49ff0fd
Revises: b131295a6ae2
Create Date: 2026-12-06 05:10:15.413818
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "c077e49ff0fd"
down_revision: str | None = "b131295a6ae2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("requested_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["gateway.users.id"], name=op.f("fk_password_resets_user_id_users")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_password_resets")),
        schema="gateway",
    )
    op.create_index(
        op.f("ix_gateway_password_resets_user_id"),
        "password_resets",
        ["user_id"],
        unique=False,
        schema="gateway",
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["gateway.users.id"], name=op.f("fk_sign_in_failures_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "address", name=op.f("pk_sign_in_failures")),
        schema="gateway",
    )
    op.create_unique_constraint(
        op.f("uq_users_tenant_id_email"), "users", ["tenant_id", "email"], schema="gateway"
    )
    op.drop_constraint(op.f("uq_users_email"), "users", schema="gateway", type_="unique")
    op.create_index(
        op.f("ix_gateway_users_email"), "users", ["email"], unique=False, schema="gateway"
    )
    migration_ops.grant_app_role("gateway")


def downgrade() -> None:
    # Accounts sharing an e-mail across tenants cannot go back to one address, one account:
    # say which instead of failing on the constraint.
    op.execute(
        """
        DO $$
        DECLARE shared_email text;
        BEGIN
            SELECT email INTO shared_email FROM gateway.users
            GROUP BY email HAVING count(*) > 1 LIMIT 1;
            IF shared_email IS NOT NULL THEN
                RAISE EXCEPTION 'cannot downgrade: % has accounts in several tenants; '
                    'remove all but one first', shared_email;
            END IF;
        END
        $$
        """
    )
    op.drop_index(op.f("ix_gateway_users_email"), table_name="users", schema="gateway")
    op.create_unique_constraint(op.f("uq_users_email"), "users", ["email"], schema="gateway")
    op.drop_constraint(op.f("uq_users_tenant_id_email"), "users", schema="gateway", type_="unique")
    op.drop_table("sign_in_failures", schema="gateway")
    op.drop_index(
        op.f("ix_gateway_password_resets_user_id"),
        table_name="password_resets",
        schema="gateway",
    )
    op.drop_table("password_resets", schema="gateway")
