"""the schema for the service's own database role only

Each service serves requests as a role of its own (cartera_crm unless CARTERA_APP_ROLE says
otherwise), granted this schema and nothing else; any other role that was granted it (the one role
every service shared before) loses it.

Revision ID: 8d0fd2f1446c
Revises: 7c3e9a41d2b6
Create Date: 2026-12-06 06:10:00
"""

from collections.abc import Sequence

from cartera_shared import migration_ops

revision: str = "8d0fd2f1446c"
down_revision: str | None = "7c3e9a41d2b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_ops.keep_schema_to_its_service("crm")


def downgrade() -> None:
    # Grants are not schema history: a downgrade keeps the schema to the service's own role.
    pass
