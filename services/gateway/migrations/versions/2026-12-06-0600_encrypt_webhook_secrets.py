"""encrypt webhook secrets at rest

Every webhook signing secret is turned into ciphertext under CARTERA_DATA_KEY
(cartera_shared.data_keys) and the plaintext column is dropped. The migration reads the key from
its environment (deploy/local/stack.py and the Kubernetes migration job pass the gateway's);
without one it refuses, unless there is no secret to encrypt. The downgrade decrypts them back.

Not backwards compatible for the length of a rollout: a gateway of the previous release cannot
sign while its pods are replaced; its deliveries fail and are retried by the new ones.

Revision ID: 5d2e9c41a7b0
Revises: c077e49ff0fd
Create Date: 2026-12-06 06:00:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared.data_keys import DataKeys
from cartera_shared.settings import secret_problem

revision: str = "5d2e9c41a7b0"
down_revision: str | None = "c077e49ff0fd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "webhook_subscriptions"


def _keys() -> DataKeys:
    values = {}
    for name in ("CARTERA_DATA_KEY", "CARTERA_DATA_KEY_PREVIOUS"):
        value = os.environ.get(name)
        if value:
            problem = secret_problem(value)
            if problem:
                raise RuntimeError(f"{name} is refused: {problem}.")
        values[name] = value
    current = values["CARTERA_DATA_KEY"]
    if not current:
        raise RuntimeError(
            "CARTERA_DATA_KEY is needed to encrypt (or, downgrading, decrypt) the stored webhook "
            "secrets: run the migration with the gateway's environment."
        )
    return DataKeys(current, values["CARTERA_DATA_KEY_PREVIOUS"])


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("secret_encrypted", sa.Text(), nullable=True), schema="gateway")
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, secret FROM gateway.{TABLE}")).all()
    if rows:
        keys = _keys()
        for subscription_id, secret in rows:
            connection.execute(
                sa.text(f"UPDATE gateway.{TABLE} SET secret_encrypted = :sealed WHERE id = :id"),
                {
                    "sealed": keys.encrypt(secret, bound_to=str(subscription_id)),
                    "id": subscription_id,
                },
            )
    op.alter_column(TABLE, "secret_encrypted", nullable=False, schema="gateway")
    op.drop_column(TABLE, "secret", schema="gateway")


def downgrade() -> None:
    op.add_column(
        TABLE, sa.Column("secret", sa.String(length=100), nullable=True), schema="gateway"
    )
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, secret_encrypted FROM gateway.{TABLE}")).all()
    if rows:
        keys = _keys()
        for subscription_id, sealed in rows:
            connection.execute(
                sa.text(f"UPDATE gateway.{TABLE} SET secret = :secret WHERE id = :id"),
                {
                    "secret": keys.decrypt(sealed, bound_to=str(subscription_id)),
                    "id": subscription_id,
                },
            )
    op.alter_column(TABLE, "secret", nullable=False, schema="gateway")
    op.drop_column(TABLE, "secret_encrypted", schema="gateway")
