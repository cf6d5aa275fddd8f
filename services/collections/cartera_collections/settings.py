"""Collections settings: where the clients and invoicing services answer (read-throughs for a
client or an invoice the local replicas do not know yet), how often the overdue and dunning jobs
run, the SMTP server dunning notices go out through, and the statutory late-interest rates an
operator adds before a release carries them."""

from __future__ import annotations

from pydantic import Field

from cartera_shared.mail import SmtpSettings
from cartera_shared.settings import ServiceSettings, renamed


class CollectionsSettings(ServiceSettings):
    # Asked about a client the local replica does not know yet (created a moment ago).
    clients_url: str = Field(
        default="http://127.0.0.1:8101",
        validation_alias=renamed("CARTERA_CLIENTS_URL", "CLIENTS_URL"),
    )
    # How long a call to the clients service may take.
    clients_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_COLLECTIONS_CLIENTS_TIMEOUT_SECONDS", "COLLECTIONS_CLIENTS_TIMEOUT_SECONDS"
        ),
    )
    # Asked about an invoice issued a moment ago whose event has not reached collections yet.
    invoicing_url: str = Field(
        default="http://127.0.0.1:8102",
        validation_alias=renamed("CARTERA_INVOICING_URL", "INVOICING_URL"),
    )
    # How long a call to the invoicing service may take.
    invoicing_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_COLLECTIONS_INVOICING_TIMEOUT_SECONDS", "COLLECTIONS_INVOICING_TIMEOUT_SECONDS"
        ),
    )
    # How often instalments past their due date are marked overdue.
    overdue_interval_seconds: float = Field(
        default=600.0,
        validation_alias=renamed(
            "CARTERA_COLLECTIONS_OVERDUE_INTERVAL_SECONDS", "OVERDUE_INTERVAL_SECONDS"
        ),
    )
    # How often the dunning job sends the reminders that are due.
    dunning_interval_seconds: float = Field(
        default=900.0,
        validation_alias=renamed(
            "CARTERA_COLLECTIONS_DUNNING_INTERVAL_SECONDS", "DUNNING_INTERVAL_SECONDS"
        ),
    )
    # The mail server reminders are sent through; unset, reminders are recorded as not sent.
    smtp_host: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_HOST", "SMTP_HOST")
    )
    # The mail server's port.
    smtp_port: int = Field(
        default=25, validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_PORT", "SMTP_PORT")
    )
    # The sender of reminders.
    smtp_from: str = Field(
        default="cobros@cartera.local",
        validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_FROM", "SMTP_FROM"),
    )
    # The mail server's user, if it asks for one.
    smtp_username: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_USERNAME", "SMTP_USERNAME")
    )
    # The mail server user's password.
    smtp_password: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_PASSWORD", "SMTP_PASSWORD")
    )
    # Upgrade the mail connection with STARTTLS.
    smtp_starttls: bool = Field(
        default=False,
        validation_alias=renamed("CARTERA_COLLECTIONS_SMTP_STARTTLS", "SMTP_STARTTLS"),
    )
    late_interest_rates: str = Field(
        default="",
        validation_alias=renamed("CARTERA_COLLECTIONS_LATE_INTEREST_RATES", "LATE_INTEREST_RATES"),
        description="Statutory half-year rates not yet in the release: 2026-07-01=10.15,...",
    )

    def smtp(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            sender=self.smtp_from,
            username=self.smtp_username,
            password=self.smtp_password,
            starttls=self.smtp_starttls,
        )
