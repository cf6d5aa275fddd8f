"""alerts with a cause

An alert may be about something else than a client (an expiring certificate): `cause` says what,
and joins the unique key, so each certificate is alerted once per period. Existing alerts get an
empty cause and keep their identity.

Not backwards compatible for the length of a rollout: the previous release's insert names the
old key in its ON CONFLICT, which no longer matches a constraint. An alert one of its pods would
raise meanwhile fails its event, which is retried and then dead-lettered; replay the dead letters
once the new pods run (`python -m cartera_shared.dlq replay <topic>.dlq`, docs/operations.md).

Revision ID: 7b3e1c9d2f40
Revises: e1ccb214e7ec
Create Date: 2026-12-06 09:01:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b3e1c9d2f40"
down_revision: str | None = "e1ccb214e7ec"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "alerts",
        sa.Column("cause", sa.String(length=100), server_default=sa.text("''"), nullable=False),
        schema="analytics",
    )
    op.create_unique_constraint(
        op.f("uq_alerts_tenant_id_kind_client_id_cause_period"),
        "alerts",
        ["tenant_id", "kind", "client_id", "cause", "period"],
        schema="analytics",
    )
    op.drop_constraint(
        op.f("uq_alerts_tenant_id_kind_client_id_period"),
        "alerts",
        schema="analytics",
        type_="unique",
    )


def downgrade() -> None:
    # Alerts that differ by their cause alone cannot all stay under the old key: the newest of
    # each is kept.
    op.execute(
        "DELETE FROM analytics.alerts a USING analytics.alerts b "
        "WHERE a.tenant_id = b.tenant_id AND a.kind = b.kind AND a.client_id = b.client_id "
        "AND a.period = b.period AND (a.raised_at, a.id) < (b.raised_at, b.id)"
    )
    op.create_unique_constraint(
        op.f("uq_alerts_tenant_id_kind_client_id_period"),
        "alerts",
        ["tenant_id", "kind", "client_id", "period"],
        schema="analytics",
    )
    op.drop_constraint(
        op.f("uq_alerts_tenant_id_kind_client_id_cause_period"),
        "alerts",
        schema="analytics",
        type_="unique",
    )
    op.drop_column("alerts", "cause", schema="analytics")
