"""Invoicing settings: where the clients service answers (for the fiscal data at issue), and how
VERI*FACTU records reach the AEAT."""

from __future__ import annotations

from pydantic import Field

from cartera_shared.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    clients_url: str = Field(default="http://127.0.0.1:8101", validation_alias="CLIENTS_URL")
    clients_timeout_seconds: float = Field(
        default=5.0, validation_alias="INVOICING_CLIENTS_TIMEOUT_SECONDS"
    )

    # SistemaInformatico of the Verifactu records: who produces the invoicing software. Unset,
    # each tenant is named as the producer of its own installation.
    verifactu_producer_name: str | None = Field(
        default=None, validation_alias="VERIFACTU_PRODUCER_NAME"
    )
    verifactu_producer_nif: str | None = Field(
        default=None, validation_alias="VERIFACTU_PRODUCER_NIF"
    )

    recurring_interval_seconds: float = Field(
        default=300.0, validation_alias="RECURRING_INTERVAL_SECONDS"
    )

    # VERI*FACTU submission (verifactu_sender.py). An empty endpoint sends nothing: the records
    # wait, pending, until one is set.
    verifactu_endpoint: str = Field(default="", validation_alias="VERIFACTU_ENDPOINT")
    verifactu_ca_file: str | None = Field(default=None, validation_alias="VERIFACTU_CA_FILE")
    verifactu_poll_seconds: float = Field(
        default=5.0, gt=0, le=300, validation_alias="VERIFACTU_POLL_SECONDS"
    )
    # Each request to the AEAT; it also sets how old a record may be before it goes with the
    # incident flag (verifactu_sender.incident_age).
    verifactu_timeout_seconds: float = Field(
        default=60.0, gt=0, le=180, validation_alias="VERIFACTU_TIMEOUT_SECONDS"
    )
    # After a failure that is not an answer: this, doubled per failure in a row, up to the max.
    verifactu_backoff_seconds: float = Field(
        default=30.0, gt=0, validation_alias="VERIFACTU_BACKOFF_SECONDS"
    )
    verifactu_backoff_max_seconds: float = Field(
        default=900.0, gt=0, le=3600, validation_alias="VERIFACTU_BACKOFF_MAX_SECONDS"
    )

    @classmethod
    def from_service_settings(cls, settings: ServiceSettings) -> InvoicingSettings:
        """Keep what the caller set; read the invoicing-only values from the environment."""
        if isinstance(settings, InvoicingSettings):
            return settings
        return cls(**settings.model_dump())
