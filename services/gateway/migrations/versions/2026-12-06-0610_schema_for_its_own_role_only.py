"""the schema for the service's own database role only

Each service serves requests as a role of its own (cartera_gateway unless CARTERA_APP_ROLE says
otherwise), granted this schema and nothing else; any other role that was granted it (the one role
every service shared before) loses it.

Revision ID: 6be11f74a792
Revises: 5d2e9c41a7b0
Create Date: 2026-12-06 06:10:00
"""

from collections.abc import Sequence

from cartera_shared import migration_ops

revision: str = "6be11f74a792"
down_revision: str | None = "5d2e9c41a7b0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_ops.keep_schema_to_its_service("gateway")


def downgrade() -> None:
    # Grants are not schema history: a downgrade keeps the schema to the service's own role.
    pass
