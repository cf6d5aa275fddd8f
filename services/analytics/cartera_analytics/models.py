"""Tables of the analytics schema; tenant_id on every tenant row, first in every key.

Read models only, all fed by events: the facts each event carries (invoice documents, payments,
satisfaction answers, requests, interactions, dunning notices), what is derived from them
(instalments), and the pre-aggregates the queries read (per client and day, per client and month,
per counterparty and quarter for Modelo 347). Alerts and settings are the service's own state and
survive a rebuild.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from cartera_shared.db import service_metadata
from cartera_shared.inbox import inbox_table
from cartera_shared.outbox import outbox_table
from cartera_shared.replicas import client_replica_table

SCHEMA = "analytics"
metadata = service_metadata(SCHEMA)

client_replicas = client_replica_table(metadata)
inbox = inbox_table(metadata)
outbox = outbox_table(metadata)


def money(name: str) -> Column:  # type: ignore[type-arg]
    return Column(name, Numeric(18, 2), nullable=False, server_default=text("0"))


invoice_documents = Table(
    "invoice_documents",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("root_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("number", String(60), nullable=False),
    Column("invoice_type", String(4), nullable=False),
    Column("issue_date", Date, nullable=False),
    money("base"),
    money("total"),
    money("gross"),
    Column("rate", Numeric(18, 8), nullable=False),
    Column("recipient_tax_id", String(40), nullable=True),
    Column("recipient_name", String(300), nullable=True),
    Column("m347_exclusion", String(40), nullable=True),
    Column("due_dates", JSONB, nullable=False),
    # Its invoice was cancelled (invoice.cancelled): the chain contributes nothing.
    Column("cancelled", Boolean, nullable=False, server_default=text("false")),
    # Modelo 347 line by line: the VAT-included euros of the lines that count (NULL: all of
    # them, the gross) and the document's rents of urban property [{cadastral_reference, amount}].
    Column("m347_gross", Numeric(18, 2), nullable=True),
    Column("m347_rents", JSONB, nullable=True),
    # What this document adds to the aggregates, as decided by its whole chain.
    money("contrib_base"),
    money("contrib_total"),
    money("contrib_347"),
    Column("contrib_invoices", SmallInteger, nullable=False, server_default=text("0")),
    Column("contrib_rents", JSONB, nullable=True),
    # The document's own tax facts in euros (domain.tax.to_json): VAT and recargo by rate, IRPF
    # by rate and modelo (111/115), the goods' base. NULL on rows projected before they were
    # kept, until a rebuild. What a document contributes is decided by its chain at read time.
    Column("tax_facts", JSONB, nullable=True),
    PrimaryKeyConstraint("tenant_id", "invoice_id"),
    Index("ix_invoice_documents_root", "tenant_id", "root_id"),
    Index("ix_invoice_documents_issued", "tenant_id", "issue_date"),
)


def client_period_table(name: str, key: str, *extra: Index) -> Table:
    """Net billing per client and calendar period (`key` is the period's first day)."""
    return Table(
        name,
        metadata,
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column(key, Date, nullable=False),
        Column("client_id", UUID(as_uuid=True), nullable=False),
        money("base"),
        money("total"),
        Column("invoices", Integer, nullable=False, server_default=text("0")),
        # The figures ride in the key's index (INCLUDE), so a period's rows are read with an
        # index-only scan: the portfolio query never visits the heap of the pages autovacuum
        # has marked all-visible (every period but the current one's).
        PrimaryKeyConstraint(
            "tenant_id", key, "client_id", postgresql_include=["base", "total", "invoices"]
        ),
        *extra,
    )


client_days = client_period_table("client_days", "day")
client_months = client_period_table(
    "client_months",
    "month",
    Index("ix_client_months_client", "tenant_id", "client_id", "month"),
)
client_quarters = client_period_table("client_quarters", "quarter")
client_years = client_period_table("client_years", "year")
# The tables a period is read from, by level (domain/periods.py).
CLIENT_PERIODS = {
    "day": (client_days, "day"),
    "month": (client_months, "month"),
    "quarter": (client_quarters, "quarter"),
    "year": (client_years, "year"),
}

m347_quarters = Table(
    "m347_quarters",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("year", SmallInteger, nullable=False),
    Column("tax_id", String(40), nullable=False),
    Column("quarter", SmallInteger, nullable=False),
    Column("name", String(300), nullable=False),
    money("amount"),
    PrimaryKeyConstraint("tenant_id", "year", "tax_id", "quarter"),
)

payments = Table(
    "payments",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("payment_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    money("amount"),
    money("applied"),
    Column("method", String(20), nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("allocations", JSONB, nullable=False),
    Column("reversed", Boolean, nullable=False, server_default=text("false")),
    # A return (payment.reversed): the day it was reversed and why (a returned direct debit's
    # reason code, a mistake). NULL for a payment not reversed, or reversed before it was kept.
    Column("reversed_on", Date, nullable=True),
    Column("reversal_reason", String(200), nullable=True),
    PrimaryKeyConstraint("tenant_id", "payment_id"),
    Index("ix_payments_invoice", "tenant_id", "invoice_id"),
    Index("ix_payments_paid_on", "tenant_id", "paid_on"),
)

instalments = Table(
    "instalments",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("seq", SmallInteger, nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("due_on", Date, nullable=False),
    money("amount"),
    money("paid"),
    Column("settled_on", Date, nullable=True),
    PrimaryKeyConstraint("tenant_id", "invoice_id", "seq"),
    Index("ix_instalments_client_due", "tenant_id", "client_id", "due_on"),
)

satisfaction_answers = Table(
    "satisfaction_answers",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("survey_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("score", SmallInteger, nullable=False),
    Column("request_id", String(80), nullable=True),
    Column("answered_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "survey_id"),
    Index("ix_satisfaction_answers_when", "tenant_id", "answered_at"),
)

support_requests = Table(
    "support_requests",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("request_id", String(80), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("priority", String(20), nullable=True),
    Column("opened_at", DateTime(timezone=True), nullable=True),
    Column("sla_due_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("sla_breached", Boolean, nullable=True),
    PrimaryKeyConstraint("tenant_id", "request_id"),
    Index("ix_support_requests_client", "tenant_id", "client_id"),
)

interactions = Table(
    "interactions",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("interaction_id", String(80), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("channel", String(40), nullable=True),
    Column("direction", String(20), nullable=True),
    Column("outcome", String(80), nullable=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "interaction_id"),
    Index("ix_interactions_client", "tenant_id", "client_id", "occurred_at"),
)

dunning_notices = Table(
    "dunning_notices",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("notice_id", String(80), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=True),
    Column("level", SmallInteger, nullable=True),
    Column("days_late", Integer, nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "notice_id"),
)

# Collections' dunning holds in force (dunning.hold_changed): a client or an invoice nobody
# chases for now, a dispute or an agreed plan. The cash forecast leaves what they hold out. Kept
# by a consumer of its own, not replayed by the rebuild (like the alerts, it survives one).
dunning_holds = Table(
    "dunning_holds",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("hold_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("invoice_id", UUID(as_uuid=True), nullable=True),
    Column("until", Date, nullable=True),
    Column("released", Boolean, nullable=False, server_default=text("false")),
    PrimaryKeyConstraint("tenant_id", "hold_id"),
)

tenant_settings = Table(
    "tenant_settings",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("concentration_threshold", Numeric(5, 4), nullable=False),
    Column("drop_threshold", Numeric(5, 4), nullable=False),
    Column("late_payer_ratio", Numeric(5, 4), nullable=False),
    Column("files_through_sii", Boolean, nullable=False, server_default=text("false")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id"),
)

# The tenant's chart of accounts for the accounting export (exports/): the service's own state,
# like the settings, so a rebuild keeps it. Absent: the PGC defaults (domain.journal).
account_mappings = Table(
    "account_mappings",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("accounts", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id"),
)

# Each client's number under the 430 prefix, given the first time an export meets the client
# and never changed, so the sub-account stays the client's across exports and mapping changes
# of length (seq 0 is the invoices without an identified client).
client_accounts = Table(
    "client_accounts",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("seq", Integer, nullable=False),
    PrimaryKeyConstraint("tenant_id", "client_id"),
    UniqueConstraint("tenant_id", "seq"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(40), nullable=False),
    # NO_CLIENT (the nil UUID) for an alert about something else than a client.
    Column("client_id", UUID(as_uuid=True), nullable=False),
    # What else the alert is about, when the client and the period do not say it all: for
    # `certificate_expiring`, the certificate's SHA-256 fingerprint. Empty otherwise.
    Column("cause", String(100), nullable=False, server_default=text("''")),
    Column("period", String(7), nullable=False),  # YYYY-MM
    Column("value", Numeric(12, 4), nullable=False),
    Column("threshold", Numeric(12, 4), nullable=False),
    Column("message", Text, nullable=False),
    Column("details", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("raised_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id", "id"),
    UniqueConstraint("tenant_id", "kind", "client_id", "cause", "period"),
    Index("ix_alerts_raised", "tenant_id", "raised_at"),
)

# The last complete month the month rules judged whole for the tenant, and the thresholds
# they judged it with (alerts/raising.py): until the month or the thresholds change, only what
# an event moved is judged again. Service state, not a projection; a rebuild forgets it, so the
# next event judges the rebuilt month whole.
month_judgements = Table(
    "month_judgements",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("month", Date, nullable=False),
    Column("concentration_threshold", Numeric(5, 4), nullable=False),
    Column("drop_threshold", Numeric(5, 4), nullable=False),
    Column("judged_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id"),
)

# Rebuilt from the topics by `python -m cartera_analytics.rebuild`; in dependency-free order.
READ_MODELS = (
    invoice_documents,
    client_days,
    client_months,
    client_quarters,
    client_years,
    m347_quarters,
    payments,
    instalments,
    satisfaction_answers,
    support_requests,
    interactions,
    dunning_notices,
)
TENANT_TABLES = (
    *(t.name for t in READ_MODELS),
    dunning_holds.name,
    tenant_settings.name,
    account_mappings.name,
    client_accounts.name,
    alerts.name,
)
