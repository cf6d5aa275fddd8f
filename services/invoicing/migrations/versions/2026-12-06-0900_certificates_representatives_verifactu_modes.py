"""certificates, representatives and VERI*FACTU modes

The tenant's electronic certificates (the private key encrypted under CARTERA_DATA_KEY), the
representatives it declares, how its records are sent, and the directory of current
certificates the cross-tenant jobs read (ids and dates only, no RLS, as `recurring_due`).
Additive: the previous release ignores the new tables.

Revision ID: 55390d95ac37
Revises: d5b7703cba6e
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "55390d95ac37"
down_revision: str | None = "d5b7703cba6e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "certificate_directory",
        sa.Column("certificate_id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "expiry_announced", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_certificate_directory")),
        schema="invoicing",
    )
    op.create_index(
        "ix_certificate_directory_tenant",
        "certificate_directory",
        ["tenant_id"],
        unique=False,
        schema="invoicing",
    )
    op.create_index(
        "ix_certificate_directory_unannounced",
        "certificate_directory",
        ["not_after"],
        unique=False,
        schema="invoicing",
        postgresql_where=sa.text("NOT expiry_announced"),
    )
    op.create_table(
        "issuer_certificates",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("holder_nif", sa.String(length=20), nullable=False),
        sa.Column("holder_name", sa.String(length=300), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("serial", sa.String(length=128), nullable=False),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chain_pem", sa.Text(), nullable=False),
        sa.Column("private_key_encrypted", sa.Text(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column("expiry_warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issuer_certificates")),
        schema="invoicing",
    )
    op.create_index(
        "ix_issuer_certificates_tenant_uploaded",
        "issuer_certificates",
        ["tenant_id", "uploaded_at"],
        unique=False,
        schema="invoicing",
    )
    op.create_index(
        "uq_issuer_certificates_current",
        "issuer_certificates",
        ["tenant_id", "holder_nif"],
        unique=True,
        schema="invoicing",
        postgresql_where=sa.text("replaced_at IS NULL"),
    )
    op.create_table(
        "issuer_representatives",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("nif", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("declared_by", sa.String(length=200), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "nif", name=op.f("pk_issuer_representatives")),
        schema="invoicing",
    )
    op.create_table(
        "verifactu_modes",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.CheckConstraint(
            "mode IN ('own_certificate', 'operator', 'off')",
            name=op.f("ck_verifactu_modes_known_mode"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_verifactu_modes")),
        schema="invoicing",
    )
    migration_ops.enable_tenant_rls(
        "invoicing", ["issuer_certificates", "issuer_representatives", "verifactu_modes"]
    )
    migration_ops.grant_app_role("invoicing")


def downgrade() -> None:
    op.drop_table("verifactu_modes", schema="invoicing")
    op.drop_table("issuer_representatives", schema="invoicing")
    op.drop_index(
        "uq_issuer_certificates_current",
        table_name="issuer_certificates",
        schema="invoicing",
        postgresql_where=sa.text("replaced_at IS NULL"),
    )
    op.drop_index(
        "ix_issuer_certificates_tenant_uploaded",
        table_name="issuer_certificates",
        schema="invoicing",
    )
    op.drop_table("issuer_certificates", schema="invoicing")
    op.drop_index(
        "ix_certificate_directory_unannounced",
        table_name="certificate_directory",
        schema="invoicing",
        postgresql_where=sa.text("NOT expiry_announced"),
    )
    op.drop_index(
        "ix_certificate_directory_tenant", table_name="certificate_directory", schema="invoicing"
    )
    op.drop_table("certificate_directory", schema="invoicing")
