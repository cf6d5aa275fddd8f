"""Ley 3/2004 scope on receivables, published late-interest rates, several accounts per statement

- receivables: the debtor's kind and client version the Ley 3/2004 decision rests on, and the
  decision (NULL: not decided yet, the debtor's client is not known).
- published_late_interest_rates: half-year rates an operator adds from their BOE resolution
  before a release carries them (not tenant data: no RLS).
- bank_statements: one row per account of a file (a Norma 43 file may hold several), and
  whether the account is the tenant's (`applied`).

Revision ID: 5c1f0a2e7d43
Revises: 68929f13f4fd
Create Date: 2026-12-06 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "5c1f0a2e7d43"
down_revision: str | None = "68929f13f4fd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in (
        sa.Column("debtor_kind", sa.String(length=30), nullable=True),
        sa.Column("debtor_client_version", sa.Integer(), nullable=True),
        sa.Column("late_payment_law_applies", sa.Boolean(), nullable=True),
        sa.Column("late_payment_law_basis", sa.Text(), nullable=True),
    ):
        op.add_column("receivables", column, schema="collections")
    op.create_table(
        "published_late_interest_rates",
        sa.Column("half_year_start", sa.Date(), nullable=False),
        sa.Column("rate", sa.Numeric(5, 2), nullable=False),
        sa.Column("boe_id", sa.String(length=30), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("half_year_start", name=op.f("pk_published_late_interest_rates")),
        schema="collections",
    )
    op.add_column(
        "bank_statements",
        sa.Column("applied", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        schema="collections",
    )
    op.drop_constraint(
        op.f("uq_bank_statements_tenant_id_file_sha256"),
        "bank_statements",
        schema="collections",
    )
    op.create_unique_constraint(
        op.f("uq_bank_statements_tenant_id_file_sha256_account"),
        "bank_statements",
        ["tenant_id", "file_sha256", "account"],
        schema="collections",
    )
    migration_ops.grant_app_role("collections")


def downgrade() -> None:
    op.drop_constraint(
        op.f("uq_bank_statements_tenant_id_file_sha256_account"),
        "bank_statements",
        schema="collections",
    )
    op.create_unique_constraint(
        op.f("uq_bank_statements_tenant_id_file_sha256"),
        "bank_statements",
        ["tenant_id", "file_sha256"],
        schema="collections",
    )
    op.drop_column("bank_statements", "applied", schema="collections")
    op.drop_table("published_late_interest_rates", schema="collections")
    for name in (
        "late_payment_law_basis",
        "late_payment_law_applies",
        "debtor_client_version",
        "debtor_kind",
    ):
        op.drop_column("receivables", name, schema="collections")
