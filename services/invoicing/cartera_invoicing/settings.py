"""Invoicing settings: where the clients service answers (for the fiscal data at issue)."""

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

    @classmethod
    def from_service_settings(cls, settings: ServiceSettings) -> InvoicingSettings:
        """Keep what the caller set; read the invoicing-only values from the environment."""
        if isinstance(settings, InvoicingSettings):
            return settings
        return cls(**settings.model_dump())
