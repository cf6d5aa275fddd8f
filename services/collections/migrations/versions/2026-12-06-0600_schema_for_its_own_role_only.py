"""the schema for the service's own database role only

Each service serves requests as a role of its own (cartera_collections unless CARTERA_APP_ROLE says
otherwise), granted this schema and nothing else; any other role that was granted it (the one role
every service shared before) loses it.

Revision ID: 76e4d0b8e7c7
Revises: 4b7e0c93d1a6
Create Date: 2026-12-06 06:00:00
"""

from collections.abc import Sequence

from cartera_shared import migration_ops

revision: str = "76e4d0b8e7c7"
down_revision: str | None = "4b7e0c93d1a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_ops.keep_schema_to_its_service("collections")


def downgrade() -> None:
    # Grants are not schema history: a downgrade keeps the schema to the service's own role.
    pass
