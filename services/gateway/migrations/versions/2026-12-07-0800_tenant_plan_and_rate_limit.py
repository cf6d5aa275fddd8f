"""tenants: the plan an operator sold and the tenant's own request rate

- plan: the commercial plan's name (`standard` for every tenant so far); what it is called is
  the operator's business, what is enforced is the rate below.
- rate_limit_per_minute: requests per minute over all the tenant's credentials; NULL keeps the
  gateway's default (CARTERA_GATEWAY_RATE_LIMIT_TENANT).

Revision ID: 5b8d2f0e6c19
Revises: 3e3b0c4d7a21
Create Date: 2026-12-07 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b8d2f0e6c19"
down_revision: str | None = "3e3b0c4d7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column(
            "plan", sa.String(length=30), server_default=sa.text("'standard'"), nullable=False
        ),
        schema="gateway",
    )
    op.add_column(
        "tenants",
        sa.Column("rate_limit_per_minute", sa.Integer(), nullable=True),
        schema="gateway",
    )


def downgrade() -> None:
    op.drop_column("tenants", "rate_limit_per_minute", schema="gateway")
    op.drop_column("tenants", "plan", schema="gateway")
