"""verifactu records of sandbox tenants: status `test`

A sandbox tenant's records (test mode: cartera_shared.tenancy.is_test_tenant) are made and
chained as in live, with the status `test`, and never sent: the trigger that wakes the sender
fires for `pending` records only.

Revision ID: 7e57ec0d1900
Revises: 4c2f7a91d3e8
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7e57ec0d1900"
down_revision: str | None = "4c2f7a91d3e8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "invoicing"
BEFORE = "status IN ('pending', 'sent', 'accepted', 'accepted_with_errors', 'rejected')"
AFTER = "status IN ('pending', 'sent', 'accepted', 'accepted_with_errors', 'rejected', 'test')"


def upgrade() -> None:
    op.drop_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", type_="check", schema=SCHEMA
    )
    op.create_check_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", AFTER, schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", type_="check", schema=SCHEMA
    )
    op.create_check_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", BEFORE, schema=SCHEMA
    )
