"""import job heartbeat

Revision ID: 90db402b21bb
Revises: 2d855032c7ab
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "90db402b21bb"
down_revision: str | None = "2d855032c7ab"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A running job's process writes it every few seconds; a job whose heartbeat stopped was
    # interrupted (its process was killed) and is reported as failed.
    op.add_column(
        "import_jobs",
        sa.Column(
            "heartbeat_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_column("import_jobs", "heartbeat_at", schema="clients")
