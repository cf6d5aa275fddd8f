"""Invoicing settings: where the clients service answers (for the fiscal data at issue), how
VERI*FACTU records reach the AEAT, the data key of the certificates' private keys, and the
operator's own certificate."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator

from cartera_shared.data_keys import DataKeySettings
from cartera_shared.settings import ServiceSettings, renamed


# CARTERA_DATA_KEY (DataKeySettings, required) encrypts the private keys of the tenants'
# certificates (certificates.py); `python -m cartera_invoicing.rotate_data_key` re-encrypts
# them after a rotation (docs/operations.md).
class InvoicingSettings(DataKeySettings):
    # The clients service, asked for a client whose replica has not arrived yet.
    clients_url: str = Field(
        default="http://127.0.0.1:8101",
        validation_alias=renamed("CARTERA_CLIENTS_URL", "CLIENTS_URL"),
    )
    # How long a call to the clients service may take.
    clients_timeout_seconds: float = Field(
        default=5.0,
        validation_alias=renamed(
            "CARTERA_INVOICING_CLIENTS_TIMEOUT_SECONDS", "INVOICING_CLIENTS_TIMEOUT_SECONDS"
        ),
    )

    # SistemaInformatico of the Verifactu records: who produces the invoicing software. Unset,
    # each tenant is named as the producer of its own installation.
    verifactu_producer_name: str | None = Field(
        default=None,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_PRODUCER_NAME", "VERIFACTU_PRODUCER_NAME"
        ),
    )
    # The NIF of whoever produces the software, for the records' SistemaInformatico.
    verifactu_producer_nif: str | None = Field(
        default=None,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_PRODUCER_NIF", "VERIFACTU_PRODUCER_NIF"
        ),
    )

    # The SaaS operator's own certificate (PKCS#12), with which it submits for tenants that made
    # it their representative (docs/verifactu.md, "Certificates and representation"). Both or
    # neither. The password is a secret, but the one the file was exported with: not held to
    # the length rules of the secrets Cartera makes.
    verifactu_operator_certificate_file: Path | None = Field(
        default=None,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE",
            "VERIFACTU_OPERATOR_CERTIFICATE_FILE",
        ),
    )
    # The password of CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE.
    verifactu_operator_certificate_password: SecretStr | None = Field(
        default=None,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_PASSWORD",
            "VERIFACTU_OPERATOR_CERTIFICATE_PASSWORD",
        ),
    )

    # How often the recurring-invoice job looks for invoices due.
    recurring_interval_seconds: float = Field(
        default=300.0,
        validation_alias=renamed(
            "CARTERA_INVOICING_RECURRING_INTERVAL_SECONDS", "RECURRING_INTERVAL_SECONDS"
        ),
    )
    # How often the certificate-expiry job looks (it announces each certificate once).
    certificate_expiry_interval_seconds: float = Field(
        default=24 * 3600.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_INVOICING_CERTIFICATE_EXPIRY_INTERVAL_SECONDS",
            "CERTIFICATE_EXPIRY_INTERVAL_SECONDS",
        ),
    )

    @field_validator(
        "verifactu_operator_certificate_file",
        "verifactu_operator_certificate_password",
        mode="before",
    )
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _operator_certificate_whole(self) -> InvoicingSettings:
        has_file = self.verifactu_operator_certificate_file is not None
        if has_file != (self.verifactu_operator_certificate_password is not None):
            raise ValueError(
                "set CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE and "
                "CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_PASSWORD together, or neither"
            )
        return self

    # VERI*FACTU submission (verifactu/sender.py). An empty endpoint sends nothing: the records
    # wait, pending, until one is set.
    verifactu_endpoint: str = Field(
        default="",
        validation_alias=renamed("CARTERA_INVOICING_VERIFACTU_ENDPOINT", "VERIFACTU_ENDPOINT"),
    )
    # The CA bundle that signs the AEAT endpoint's certificate; unset, the system's.
    verifactu_ca_file: str | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_INVOICING_VERIFACTU_CA_FILE", "VERIFACTU_CA_FILE"),
    )
    # How often the sender looks for records waiting when none announced themselves.
    verifactu_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        le=300,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_POLL_SECONDS", "VERIFACTU_POLL_SECONDS"
        ),
    )
    # Each request to the AEAT; it also sets how old a record may be before it goes with the
    # incident flag (verifactu.sender.incident_age).
    verifactu_timeout_seconds: float = Field(
        default=60.0,
        gt=0,
        le=180,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_TIMEOUT_SECONDS", "VERIFACTU_TIMEOUT_SECONDS"
        ),
    )
    # After a failure that is not an answer: this, doubled per failure in a row, up to the max.
    verifactu_backoff_seconds: float = Field(
        default=30.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_BACKOFF_SECONDS", "VERIFACTU_BACKOFF_SECONDS"
        ),
    )
    # The longest wait between two tries of an unreachable AEAT.
    verifactu_backoff_max_seconds: float = Field(
        default=900.0,
        gt=0,
        le=3600,
        validation_alias=renamed(
            "CARTERA_INVOICING_VERIFACTU_BACKOFF_MAX_SECONDS", "VERIFACTU_BACKOFF_MAX_SECONDS"
        ),
    )

    @classmethod
    def from_service_settings(cls, settings: ServiceSettings) -> InvoicingSettings:
        """Keep what the caller set; read the invoicing-only values (CARTERA_DATA_KEY among
        them) from the environment."""
        if isinstance(settings, InvoicingSettings):
            return settings
        return cls(**settings.model_dump())
