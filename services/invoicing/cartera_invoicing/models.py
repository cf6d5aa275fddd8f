"""Tables of the invoicing schema; tenant_id on every tenant row, RLS on each of them."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
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

SCHEMA = "invoicing"
metadata = service_metadata(SCHEMA)
MONEY = Numeric(14, 2)

client_replicas = client_replica_table(metadata)
inbox = inbox_table(metadata)
outbox = outbox_table(metadata)
idempotency_keys = idempotency_table(metadata)

# The tenant's own fiscal data, one row per version.
issuer_versions = Table(
    "issuer_versions",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("legal_name", String(300), nullable=False),
    Column("tax_id", String(40), nullable=False),
    Column("country", String(2), nullable=False),
    Column("fiscal_address", JSONB, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("reason", String(500), nullable=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # RD 1619/2012 art. 4.2: the activity that raises the simplified invoice's limit to 3,000 €.
    Column("simplified_invoice_activity", String(40), nullable=True),
    PrimaryKeyConstraint("tenant_id", "version"),
)

series = Table(
    "series",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("code", String(20), nullable=False),
    Column("prefix", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("yearly_restart", Boolean, nullable=False),
    Column("description", String(200), nullable=True),
    # The last issue date: a series' dates never go backwards (RD 1619/2012).
    Column("last_issue_date", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "code"),
)

# The last number given per series and numbering year (year 0 when numbers never restart).
series_counters = Table(
    "series_counters",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("series_id", UUID(as_uuid=True), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_number", Integer, nullable=False),
    PrimaryKeyConstraint("series_id", "year"),
    ForeignKeyConstraint(["series_id"], ["invoicing.series.id"]),
)

invoices = Table(
    "invoices",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("series_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=True),
    Column("invoice_type", String(2), nullable=False),
    Column("issue_date", Date, nullable=True),
    Column("operation_date", Date, nullable=True),
    Column("currency", String(3), nullable=False, server_default=text("'EUR'")),
    Column("exchange_rate", Numeric(18, 8), nullable=True),
    Column("lines", JSONB, nullable=False),
    Column("notes", Text, nullable=True),
    Column("year", Integer, nullable=True),
    Column("sequence", Integer, nullable=True),
    Column("number", String(40), nullable=True),
    Column("taxable_base", MONEY, nullable=False),
    Column("vat", MONEY, nullable=False),
    Column("surcharge", MONEY, nullable=False),
    Column("irpf", MONEY, nullable=False),
    Column("total", MONEY, nullable=False),
    # Everything printed, frozen at issue: parties, breakdown, due dates.
    Column("issued", JSONB, nullable=True),
    Column("rectifies_id", UUID(as_uuid=True), nullable=True),
    Column("rectification", JSONB, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("issued_at", DateTime(timezone=True), nullable=True),
    # An issued invoice cancelled with a Verifactu anulación (status "cancelled"): when, why,
    # by whom and its record (invoices/cancellation.py). Its number stays used.
    Column("cancelled_at", DateTime(timezone=True), nullable=True),
    Column("cancellation", JSONB, nullable=True),
    ForeignKeyConstraint(["series_id"], ["invoicing.series.id"]),
    ForeignKeyConstraint(["rectifies_id"], ["invoicing.invoices.id"]),
    UniqueConstraint("series_id", "year", "sequence"),
    Index("ix_invoices_tenant_status_date", "tenant_id", "status", "issue_date"),
    Index("ix_invoices_tenant_created", "tenant_id", "created_at", "id"),
    Index("ix_invoices_tenant_status_created", "tenant_id", "status", "created_at", "id"),
    Index("ix_invoices_tenant_client_created", "tenant_id", "client_id", "created_at", "id"),
)

# Verifactu: one chain of records per issuer NIF; the head row serialises appends.
verifactu_chains = Table(
    "verifactu_chains",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("issuer_tax_id", String(40), nullable=False),
    Column("last_position", BigInteger, nullable=False),
    Column("last_huella", String(64), nullable=True),
    Column("last_record", JSONB, nullable=True),
    # Submission to the AEAT (verifactu/sender.py): one runner per chain at a time holds the
    # lease until `lease_until`; it lapses when its holder dies.
    Column("lease_holder", UUID(as_uuid=True), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    # Flow control: nothing is sent before `next_send_at` (TiempoEsperaEnvio after the last
    # answer, or the back-off after a failure) unless 1,000 records are waiting.
    Column("wait_seconds", Integer, nullable=False, server_default=text("60")),
    Column("next_send_at", DateTime(timezone=True), nullable=True),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("last_failure", String(40), nullable=True),
    PrimaryKeyConstraint("tenant_id", "issuer_tax_id"),
)

verifactu_records = Table(
    "verifactu_records",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("issuer_tax_id", String(40), nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("fields", JSONB, nullable=False),
    Column("huella", String(64), nullable=False),
    Column("xml", Text, nullable=False),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    # A record's own id and the moment it was stored, for the API's lists (the key is the chain
    # and the position; generated_at has whole seconds only, so it cannot order a list).
    Column("id", UUID(as_uuid=True), nullable=False, server_default=text("gen_random_uuid()")),
    Column(
        "recorded_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=text("clock_timestamp()"),
    ),
    # Its submission (verifactu/status.py): pending -> sent -> accepted |
    # accepted_with_errors | rejected, with what the AEAT answered.
    Column("status", String(30), nullable=False, server_default=text("'pending'")),
    Column("csv", String(100), nullable=True),  # of the request that carried it
    Column("error_code", Integer, nullable=True),
    Column("error_description", Text, nullable=True),
    Column("duplicate", Boolean, nullable=False, server_default=text("false")),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_attempt_at", DateTime(timezone=True), nullable=True),
    Column("last_failure", String(40), nullable=True),  # coarse class, never a message
    Column("sent_with_incident", Boolean, nullable=False, server_default=text("false")),
    Column("sending_id", UUID(as_uuid=True), nullable=True),  # the request carrying it now
    Column("answered_at", DateTime(timezone=True), nullable=True),
    PrimaryKeyConstraint("tenant_id", "issuer_tax_id", "position"),
    ForeignKeyConstraint(["invoice_id"], ["invoicing.invoices.id"]),
    UniqueConstraint("id"),
    CheckConstraint(
        "status IN ('pending', 'sent', 'accepted', 'accepted_with_errors', 'rejected', 'test')",
        name="status",
    ),
    Index("ix_verifactu_records_invoice", "tenant_id", "invoice_id"),
    Index("ix_verifactu_records_listing", "tenant_id", "recorded_at", "id"),
    Index("ix_verifactu_records_status_listing", "tenant_id", "status", "recorded_at", "id"),
    # What the sender reads: the records not answered yet, in chain order.
    Index(
        "ix_verifactu_records_waiting",
        "tenant_id",
        "issuer_tax_id",
        "position",
        postgresql_where=text("status IN ('pending', 'sent')"),
    ),
)

# What the VERI*FACTU sender reads across tenants (verifactu/sender.py), like recurring_due: no
# tenant data, only which tenant has records to look at and when. A trigger on
# verifactu_records makes each new record wake its tenant; the sender keeps the rest.
verifactu_due = Table(
    "verifactu_due",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), primary_key=True),
    Column("next_at", DateTime(timezone=True), nullable=True),  # None: nothing to do
    Column("claimed_by", UUID(as_uuid=True), nullable=True),
    # As of the sender's last look, plus the records made since (the metrics).
    Column("waiting", Integer, nullable=False, server_default=text("0")),
    Column("oldest_waiting_at", DateTime(timezone=True), nullable=True),
    Index("ix_verifactu_due_next_at", "next_at"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("number", String(40), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("quote_date", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("currency", String(3), nullable=False, server_default=text("'EUR'")),
    Column("lines", JSONB, nullable=False),
    Column("notes", Text, nullable=True),
    Column("taxable_base", MONEY, nullable=False),
    Column("vat", MONEY, nullable=False),
    Column("surcharge", MONEY, nullable=False),
    Column("irpf", MONEY, nullable=False),
    Column("total", MONEY, nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(["invoice_id"], ["invoicing.invoices.id"]),
    UniqueConstraint("tenant_id", "number"),
    Index("ix_quotes_tenant_status", "tenant_id", "status"),
)

recurring_invoices = Table(
    "recurring_invoices",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("series_id", UUID(as_uuid=True), nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("notes", Text, nullable=True),
    Column("frequency", String(20), nullable=False),
    Column("day_of_month", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=True),
    Column("next_run_on", Date, nullable=True),
    Column("auto_issue", Boolean, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ForeignKeyConstraint(["series_id"], ["invoicing.series.id"]),
)

# One row per generated period: the primary key is what makes a period impossible to repeat.
recurring_runs = Table(
    "recurring_runs",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("recurring_id", UUID(as_uuid=True), nullable=False),
    Column("period_on", Date, nullable=False),
    Column("invoice_id", UUID(as_uuid=True), nullable=False),
    Column("issue_error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("recurring_id", "period_on"),
    ForeignKeyConstraint(["recurring_id"], ["invoicing.recurring_invoices.id"]),
    ForeignKeyConstraint(["invoice_id"], ["invoicing.invoices.id"]),
)

# What the single-runner job reads across tenants: no tenant data, only what is due when.
# (The templates themselves are behind RLS; the job opens each tenant's transaction to act.)
recurring_due = Table(
    "recurring_due",
    metadata,
    Column("recurring_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("next_run_on", Date, nullable=False, index=True),
)

# The tenant's electronic certificates (VERI*FACTU submission, FacturaE signing): one current per
# holder NIF, earlier ones kept with `replaced_at`. The chain is public; the private key is
# PKCS#8 encrypted under CARTERA_DATA_KEY and bound to the row's id (cartera_shared.data_keys),
# and erased when the certificate is replaced (nothing uses it after that).
issuer_certificates = Table(
    "issuer_certificates",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("holder_nif", String(20), nullable=False),
    Column("holder_name", String(300), nullable=False),
    Column("subject", Text, nullable=False),
    Column("issuer", Text, nullable=False),  # the certification authority's distinguished name
    Column("serial", String(128), nullable=False),
    Column("fingerprint_sha256", String(64), nullable=False),
    Column("not_before", DateTime(timezone=True), nullable=False),
    Column("not_after", DateTime(timezone=True), nullable=False),
    Column("chain_pem", Text, nullable=False),
    Column("private_key_encrypted", Text, nullable=True),
    Column("uploaded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("uploaded_by", String(200), nullable=False),
    Column("expiry_warned_at", DateTime(timezone=True), nullable=True),
    Column("replaced_at", DateTime(timezone=True), nullable=True),
    Index(
        "uq_issuer_certificates_current",
        "tenant_id",
        "holder_nif",
        unique=True,
        postgresql_where=text("replaced_at IS NULL"),
    ),
    Index("ix_issuer_certificates_tenant_uploaded", "tenant_id", "uploaded_at"),
)

# Who the tenant declares may submit its records for it (an apoderamiento registered with the
# AEAT, or a social collaborator it has authorised): docs/verifactu.md.
issuer_representatives = Table(
    "issuer_representatives",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("nif", String(20), nullable=False),
    Column("name", String(300), nullable=False),
    Column("granted_on", Date, nullable=False),
    Column("reference", String(100), nullable=True),  # the AEAT's reference of the power
    Column("declared_by", String(200), nullable=False),
    Column("declared_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id", "nif"),
)

# How the tenant's records reach the AEAT: with its own certificate (the default, no row), with
# the operator's on its behalf, or not at all.
verifactu_modes = Table(
    "verifactu_modes",
    metadata,
    Column("tenant_id", UUID(as_uuid=True), primary_key=True),
    Column("mode", String(20), nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("mode IN ('own_certificate', 'operator', 'off')", name="known_mode"),
)

# The current certificates, listed for the jobs that work across tenants (the expiry warning,
# the data-key rotation): ids and dates only, no RLS, as `recurring_due`. The certificates
# themselves are behind RLS; the jobs open each tenant's transaction to act.
certificate_directory = Table(
    "certificate_directory",
    metadata,
    Column("certificate_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("not_after", DateTime(timezone=True), nullable=False),
    Column("expiry_announced", Boolean, nullable=False, server_default=text("false")),
    Index(
        "ix_certificate_directory_unannounced",
        "not_after",
        postgresql_where=text("NOT expiry_announced"),
    ),
    Index("ix_certificate_directory_tenant", "tenant_id"),
)
