"""verifactu submission status, the sender's lease and flow control, and what is due

Each record's submission: pending -> sent -> accepted | accepted_with_errors | rejected, with
the CSV, the AEAT's error, the attempts and the last failure's coarse class. It replaces
`submission_status` (values pending / accepted / refused, set only by a test double): accepted
stays accepted, refused becomes rejected, anything else pending.

Each chain gets the sender's lease and its flow control. `verifactu_due` (no RLS, no tenant
data) says which tenants have records to look at; a trigger fills it as records are made.

Revision ID: 7d3e5c1a9b20
Revises: 55390d95ac37
Create Date: 2026-12-06 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cartera_shared import migration_ops

revision: str = "7d3e5c1a9b20"
down_revision: str | None = "55390d95ac37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "invoicing"
STATUSES = "status IN ('pending', 'sent', 'accepted', 'accepted_with_errors', 'rejected')"
WAITING = "status IN ('pending', 'sent')"

# Every record made wakes its tenant's sender: set in the database so that every way of making
# a record (an issue, a cancellation, a correction) does it, in the transaction that makes it.
WAKE_FUNCTION = """
CREATE FUNCTION invoicing.verifactu_record_waiting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invoicing.verifactu_due AS due (tenant_id, next_at, waiting, oldest_waiting_at)
    VALUES (NEW.tenant_id, now(), 1, NEW.generated_at)
    ON CONFLICT (tenant_id) DO UPDATE
       SET next_at = LEAST(due.next_at, now()),
           claimed_by = NULL,
           waiting = due.waiting + 1,
           oldest_waiting_at = LEAST(due.oldest_waiting_at, NEW.generated_at);
    RETURN NULL;
END
$$
"""
WAKE_TRIGGER = """
CREATE TRIGGER verifactu_record_waiting
AFTER INSERT ON invoicing.verifactu_records
FOR EACH ROW WHEN (NEW.status = 'pending')
EXECUTE FUNCTION invoicing.verifactu_record_waiting()
"""


def upgrade() -> None:
    op.add_column(
        "verifactu_chains", sa.Column("lease_holder", sa.UUID(), nullable=True), schema=SCHEMA
    )
    op.add_column(
        "verifactu_chains",
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        schema=SCHEMA,
    )
    op.add_column(
        "verifactu_chains",
        sa.Column("wait_seconds", sa.Integer(), server_default=sa.text("60"), nullable=False),
        schema=SCHEMA,
    )
    op.add_column(
        "verifactu_chains",
        sa.Column("next_send_at", sa.DateTime(timezone=True), nullable=True),
        schema=SCHEMA,
    )
    op.add_column(
        "verifactu_chains",
        sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema=SCHEMA,
    )
    op.add_column(
        "verifactu_chains",
        sa.Column("last_failure", sa.String(length=40), nullable=True),
        schema=SCHEMA,
    )

    columns = [
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "status", sa.String(length=30), server_default=sa.text("'pending'"), nullable=False
        ),
        sa.Column("csv", sa.String(length=100), nullable=True),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("error_description", sa.Text(), nullable=True),
        sa.Column("duplicate", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure", sa.String(length=40), nullable=True),
        sa.Column(
            "sent_with_incident", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("sending_id", sa.UUID(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    ]
    for column in columns:
        op.add_column("verifactu_records", column, schema=SCHEMA)

    # The owner reads every tenant's rows only with the policy's FORCE lifted, inside this
    # transaction.
    op.execute("ALTER TABLE invoicing.verifactu_records NO FORCE ROW LEVEL SECURITY")
    op.execute(
        """
        UPDATE invoicing.verifactu_records
           SET status = CASE submission_status
                            WHEN 'accepted' THEN 'accepted'
                            WHEN 'refused' THEN 'rejected'
                            ELSE 'pending'
                        END,
               recorded_at = generated_at
        """
    )
    op.drop_column("verifactu_records", "submission_status", schema=SCHEMA)
    op.create_unique_constraint(
        op.f("uq_verifactu_records_id"), "verifactu_records", ["id"], schema=SCHEMA
    )
    op.create_check_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", STATUSES, schema=SCHEMA
    )
    op.create_index(
        "ix_verifactu_records_listing",
        "verifactu_records",
        ["tenant_id", "recorded_at", "id"],
        schema=SCHEMA,
    )
    op.create_index(
        "ix_verifactu_records_status_listing",
        "verifactu_records",
        ["tenant_id", "status", "recorded_at", "id"],
        schema=SCHEMA,
    )
    op.create_index(
        "ix_verifactu_records_waiting",
        "verifactu_records",
        ["tenant_id", "issuer_tax_id", "position"],
        schema=SCHEMA,
        postgresql_where=sa.text(WAITING),
    )

    op.create_table(
        "verifactu_due",
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.UUID(), nullable=True),
        sa.Column("waiting", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("oldest_waiting_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_verifactu_due")),
        schema=SCHEMA,
    )
    op.create_index("ix_verifactu_due_next_at", "verifactu_due", ["next_at"], schema=SCHEMA)
    op.execute(
        f"""
        INSERT INTO invoicing.verifactu_due (tenant_id, next_at, waiting, oldest_waiting_at)
        SELECT tenant_id, now(), count(*), min(generated_at)
          FROM invoicing.verifactu_records
         WHERE {WAITING}
         GROUP BY tenant_id
        """
    )
    op.execute("ALTER TABLE invoicing.verifactu_records FORCE ROW LEVEL SECURITY")
    op.execute(WAKE_FUNCTION)
    op.execute(WAKE_TRIGGER)
    migration_ops.grant_app_role(SCHEMA)


def downgrade() -> None:
    op.execute("DROP TRIGGER verifactu_record_waiting ON invoicing.verifactu_records")
    op.execute("DROP FUNCTION invoicing.verifactu_record_waiting()")
    op.drop_index("ix_verifactu_due_next_at", table_name="verifactu_due", schema=SCHEMA)
    op.drop_table("verifactu_due", schema=SCHEMA)

    op.add_column(
        "verifactu_records",
        sa.Column(
            "submission_status",
            sa.String(length=20),
            server_default=sa.text("'pending'"),
            nullable=False,
        ),
        schema=SCHEMA,
    )
    op.execute("ALTER TABLE invoicing.verifactu_records NO FORCE ROW LEVEL SECURITY")
    op.execute(
        """
        UPDATE invoicing.verifactu_records
           SET submission_status = CASE
                   WHEN status IN ('accepted', 'accepted_with_errors') THEN 'accepted'
                   WHEN status = 'rejected' THEN 'refused'
                   ELSE 'pending'
               END
        """
    )
    op.execute("ALTER TABLE invoicing.verifactu_records FORCE ROW LEVEL SECURITY")
    op.drop_index(
        "ix_verifactu_records_waiting",
        table_name="verifactu_records",
        schema=SCHEMA,
        postgresql_where=sa.text(WAITING),
    )
    op.drop_index(
        "ix_verifactu_records_status_listing", table_name="verifactu_records", schema=SCHEMA
    )
    op.drop_index("ix_verifactu_records_listing", table_name="verifactu_records", schema=SCHEMA)
    op.drop_constraint(
        op.f("ck_verifactu_records_status"), "verifactu_records", type_="check", schema=SCHEMA
    )
    op.drop_constraint(
        op.f("uq_verifactu_records_id"), "verifactu_records", type_="unique", schema=SCHEMA
    )
    for column in (
        "answered_at",
        "sending_id",
        "sent_with_incident",
        "last_failure",
        "last_attempt_at",
        "attempts",
        "duplicate",
        "error_description",
        "error_code",
        "csv",
        "status",
        "recorded_at",
        "id",
    ):
        op.drop_column("verifactu_records", column, schema=SCHEMA)
    for column in (
        "last_failure",
        "failures",
        "next_send_at",
        "wait_seconds",
        "lease_until",
        "lease_holder",
    ):
        op.drop_column("verifactu_chains", column, schema=SCHEMA)
