"""Tables of the collections schema; tenant_id on every tenant row, RLS on each of them."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from cartera_shared.db import service_metadata
from cartera_shared.idempotency import idempotency_table
from cartera_shared.inbox import inbox_table
from cartera_shared.outbox import outbox_table
from cartera_shared.replicas import client_replica_table

SCHEMA = "collections"
metadata = service_metadata(SCHEMA)
MONEY = Numeric(14, 2)

client_replicas = client_replica_table(metadata)
inbox = inbox_table(metadata)
outbox = outbox_table(metadata)
idempotency_keys = idempotency_table(metadata)

# What is owed for one issued invoice; its amount is the invoice's total to pay, adjusted by
# the invoice's rectifications.
receivables = Table(
    "receivables",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_number", String(40), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("issue_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("invoiced", MONEY, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("paid", MONEY, nullable=False, server_default=text("0")),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # Its invoice was cancelled (invoice.cancelled): status "cancelled", nothing owed.
    Column("cancelled_at", DateTime(timezone=True), nullable=True),
    Column("cancellation_reason", Text, nullable=True),
    # Whether Ley 3/2004 (late interest, 40 € compensation, the law quoted in the final notice)
    # covers this debt, and what that rests on: the debtor's kind and client version when it
    # was decided (domain/late_payment_law.py). NULL until the debtor's client is known.
    Column("debtor_kind", String(30), nullable=True),
    Column("debtor_client_version", Integer, nullable=True),
    Column("late_payment_law_applies", Boolean, nullable=True),
    Column("late_payment_law_basis", Text, nullable=True),
    UniqueConstraint("tenant_id", "invoice_id"),
    Index("ix_receivables_tenant_created", "tenant_id", "created_at", "id"),
    Index("ix_receivables_tenant_status_created", "tenant_id", "status", "created_at", "id"),
    Index("ix_receivables_tenant_client_created", "tenant_id", "client_id", "created_at", "id"),
)

instalments = Table(
    "instalments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("receivable_id", UUID(as_uuid=True), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("paid", MONEY, nullable=False, server_default=text("0")),
    Column("status", String(20), nullable=False),
    Column("overdue_since", Date, nullable=True),
    Column("settled_on", Date, nullable=True),
    ForeignKeyConstraint(["receivable_id"], ["collections.receivables.id"]),
    UniqueConstraint("receivable_id", "seq"),
)

payments = Table(
    "payments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("receivable_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("amount", MONEY, nullable=False),
    Column("applied", MONEY, nullable=False),
    Column("credit", MONEY, nullable=False),
    Column("allocations", JSONB, nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("method", String(20), nullable=False),
    Column("reference", String(140), nullable=True),
    Column("reversed_at", DateTime(timezone=True), nullable=True),
    Column("reversal_reason", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(["receivable_id"], ["collections.receivables.id"]),
    Index("ix_payments_tenant_invoice", "tenant_id", "invoice_id"),
    Index("ix_payments_tenant_created", "tenant_id", "created_at", "id"),
)

# What the overdue job reads across tenants: unpaid instalments and when they fall due, no
# amounts or names. The instalments themselves are behind RLS.
open_instalments = Table(
    "open_instalments",
    metadata,
    Column("instalment_id", UUID(as_uuid=True), nullable=False),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("due_on", Date, nullable=False, index=True),
    PrimaryKeyConstraint("instalment_id"),
)

# Dunning levels per tenant; none configured means the defaults (3, 15 and 30 days).
dunning_levels = Table(
    "dunning_levels",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("level", Integer, nullable=False),
    Column("days_after_due", Integer, nullable=False),
    Column("tone", String(20), nullable=False),
    PrimaryKeyConstraint("tenant_id", "level"),
)

# A client or an invoice nobody should chase for now.
dunning_holds = Table(
    "dunning_holds",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("invoice_id", UUID(as_uuid=True), nullable=True),
    Column("until", Date, nullable=True),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Each notice once: the unique key (receivable, level) is taken before the mail goes out.
dunning_notices = Table(
    "dunning_notices",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("receivable_id", UUID(as_uuid=True), nullable=False),
    Column("level", Integer, nullable=False),
    Column("to_address", String(320), nullable=True),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text, nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("receivable_id", "level"),
    ForeignKeyConstraint(["receivable_id"], ["collections.receivables.id"]),
    Index("ix_dunning_notices_tenant_sent", "tenant_id", "sent_at", "id"),
)

# Receivables with something overdue, for the dunning job across tenants (no tenant data).
dunning_queue = Table(
    "dunning_queue",
    metadata,
    Column("receivable_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
)

# Statutory late-payment rates an operator added from their BOE resolution before a release
# carries them (python -m cartera_collections.published_rates add). Not tenant data: every
# tenant reads the same published figures.
published_late_interest_rates = Table(
    "published_late_interest_rates",
    metadata,
    Column("half_year_start", Date, primary_key=True),
    Column("rate", Numeric(5, 2), nullable=False),
    Column("boe_id", String(30), nullable=False),
    Column("resolution", Text, nullable=False),
    Column("added_by", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

sepa_creditors = Table(
    "sepa_creditors",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), primary_key=True),
    Column("name", String(140), nullable=False),
    Column("iban", String(34), nullable=False),
    Column("bic", String(11), nullable=False),
    Column("creditor_id", String(35), nullable=False),
)

mandates = Table(
    "mandates",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("reference", String(35), nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("debtor_name", String(140), nullable=False),
    Column("iban", String(34), nullable=False),
    Column("bic", String(11), nullable=True),
    Column("used", Integer, nullable=False, server_default=text("0")),
    Column("status", String(20), nullable=False, server_default=text("'active'")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "reference"),
)

remittances = Table(
    "remittances",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("message_id", String(35), nullable=False),
    Column("collection_date", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("total", MONEY, nullable=False),
    Column("count", Integer, nullable=False),
    Column("xml", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("confirmed_at", DateTime(timezone=True), nullable=True),
)

remittance_items = Table(
    "remittance_items",
    metadata,
    Column("remittance_id", UUID(as_uuid=True), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("instalment_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("mandate_id", UUID(as_uuid=True), nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("end_to_end_id", String(35), nullable=False),
    Column("payment_id", UUID(as_uuid=True), nullable=True),
    Column("returned_at", DateTime(timezone=True), nullable=True),
    # The bank's reason for a return (R-transaction code and words); NULL before 2026-12-07.
    Column("return_reason", Text, nullable=True),
    PrimaryKeyConstraint("remittance_id", "seq"),
    ForeignKeyConstraint(["remittance_id"], ["collections.remittances.id"]),
    Index(
        "ix_remittance_items_returned",
        "tenant_id",
        "returned_at",
        postgresql_where=text("returned_at IS NOT NULL"),
    ),
)

# One imported bank statement file; the same file (by content hash) is imported once.
bank_statements = Table(
    "bank_statements",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("format", String(20), nullable=False),
    Column("account", String(60), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("opening_balance", MONEY, nullable=False),
    Column("closing_balance", MONEY, nullable=False),
    Column("first_booked_on", Date, nullable=True),
    Column("last_booked_on", Date, nullable=True),
    Column("file_sha256", String(64), nullable=False),
    Column("filename", String(255), nullable=True),
    Column("imported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # False for an account of a Norma 43 file that is not the tenant's: its movements are
    # kept and reported, never matched nor applied.
    Column("applied", Boolean, nullable=False, server_default=text("true")),
    # One row per account of a file: a Norma 43 file may hold several.
    UniqueConstraint("tenant_id", "file_sha256", "account"),
)

# Each movement of a statement and what became of it: matched (a payment was recorded on
# import), proposed (a likely match waiting for a person), unmatched (waiting for a person),
# applied (a person chose the invoice), dismissed (not a client's payment) or outgoing (a charge).
statement_lines = Table(
    "statement_lines",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("statement_id", UUID(as_uuid=True), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("booked_on", Date, nullable=False),
    Column("value_on", Date, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("reference", Text, nullable=False),
    Column("remittance", Text, nullable=False),
    Column("counterparty_name", Text, nullable=True),
    Column("counterparty_account", Text, nullable=True),
    Column("bank_reference", Text, nullable=True),
    Column("status", String(20), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=True),
    Column("confidence", String(30), nullable=True),
    Column("payment_id", UUID(as_uuid=True), nullable=True),
    Column("note", Text, nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    ForeignKeyConstraint(["statement_id"], ["collections.bank_statements.id"]),
    UniqueConstraint("statement_id", "seq"),
    Index("ix_statement_lines_tenant_status", "tenant_id", "status"),
)
