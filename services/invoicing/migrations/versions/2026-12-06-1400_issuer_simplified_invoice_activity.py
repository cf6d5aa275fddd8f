"""issuer's art. 4.2 activity for simplified invoices

RD 1619/2012 art. 4.2 raises the limit of a simplified invoice from 400 € to 3,000 € (VAT
included) for the activities it lists; the tenant declares its activity with its issuer data,
one version at a time like the rest of it. Null: none declared, the 400 € limit applies.

Revision ID: 4c2f7a91d3e8
Revises: 786e2e9e5db6
Create Date: 2026-12-06 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4c2f7a91d3e8"
down_revision: str | None = "786e2e9e5db6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "issuer_versions",
        sa.Column("simplified_invoice_activity", sa.String(40), nullable=True),
        schema="invoicing",
    )


def downgrade() -> None:
    op.drop_column("issuer_versions", "simplified_invoice_activity", schema="invoicing")
