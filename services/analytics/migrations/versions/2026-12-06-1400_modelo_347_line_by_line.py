"""modelo 347 line by line

Modelo 347 decides IRPF withholding line by line (a landlord's rent of urban property counts
even when withheld, art. 34.1.d RD 1065/2007): each invoice document keeps the VAT-included
amount of the lines that count (NULL: all of them) and its rents of urban property, and each
document's contribution keeps the rents it adds (cadastral reference and amount).

Rows stored before have NULLs: a document excluded for withholding still counts 0 (facts.py),
and no rent is known for them until the read models are rebuilt from the events.

Revision ID: 3f47a1c2d8e9
Revises: 6b644c2583e1
Create Date: 2026-12-06 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3f47a1c2d8e9"
down_revision: str | None = "6b644c2583e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invoice_documents",
        sa.Column("m347_gross", sa.Numeric(18, 2), nullable=True),
        schema="analytics",
    )
    for column in ("m347_rents", "contrib_rents"):
        op.add_column(
            "invoice_documents",
            sa.Column(column, postgresql.JSONB(), nullable=True),
            schema="analytics",
        )


def downgrade() -> None:
    for column in ("contrib_rents", "m347_rents", "m347_gross"):
        op.drop_column("invoice_documents", column, schema="analytics")
