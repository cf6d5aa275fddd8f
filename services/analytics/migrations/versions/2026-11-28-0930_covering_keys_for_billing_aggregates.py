"""covering keys for the billing aggregates

The primary keys of client_days, client_months, client_quarters and client_years carry the
figures (INCLUDE base, total, invoices), so the portfolio query reads a period with index-only
scans instead of one heap visit per row.

Revision ID: 5c1e2f0a9b7d
Revises: b40c6af763a4
Create Date: 2026-11-28 09:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5c1e2f0a9b7d"
down_revision: str | None = "b40c6af763a4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    ("client_days", "day"),
    ("client_months", "month"),
    ("client_quarters", "quarter"),
    ("client_years", "year"),
)


def _key(table: str, key: str, include: str) -> None:
    op.execute(
        f"ALTER TABLE analytics.{table} DROP CONSTRAINT pk_{table}, "
        f"ADD CONSTRAINT pk_{table} PRIMARY KEY (tenant_id, {key}, client_id){include}"
    )


def upgrade() -> None:
    for table, key in TABLES:
        _key(table, key, " INCLUDE (base, total, invoices)")


def downgrade() -> None:
    for table, key in TABLES:
        _key(table, key, "")
