"""public body DIR3 codes

Revision ID: 5c1d3e0a9b27
Revises: b26496e3a4ff
Create Date: 2026-12-06 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5c1d3e0a9b27"
down_revision: str | None = "b26496e3a4ff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A public administration's oficina contable, órgano gestor and unidad tramitadora: an
    # invoice to it names them (FacturaE AdministrativeCentres). Null for every other client, and
    # for public bodies stored before the codes were kept (their invoices wait for them).
    op.add_column(
        "clients",
        sa.Column("dir3", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_column("clients", "dir3", schema="clients")
