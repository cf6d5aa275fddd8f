"""Settings of the crm service (environment variables, as every service)."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator

from cartera_shared.settings import ServiceSettings, checked_secret, renamed


class CrmSettings(ServiceSettings):
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
            "CARTERA_CRM_CLIENTS_TIMEOUT_SECONDS", "CRM_CLIENTS_TIMEOUT_SECONDS"
        ),
    )
    # Asked about an invoice issued a moment ago (linked to an interaction) whose event has not
    # reached crm yet.
    invoicing_url: str = Field(
        default="http://127.0.0.1:8102",
        validation_alias=renamed("CARTERA_INVOICING_URL", "INVOICING_URL"),
    )
    # How long a call to the invoicing service may take.
    invoicing_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_CRM_INVOICING_TIMEOUT_SECONDS", "CRM_INVOICING_TIMEOUT_SECONDS"
        ),
    )
    # Key the tenants' inbound-webhook secrets are derived from. A key of its own, not the
    # internal secret: rotating that one must not change every tenant's inbound secret.
    inbound_key: SecretStr = Field(
        validation_alias=renamed("CARTERA_CRM_INBOUND_KEY", "CRM_INBOUND_KEY")
    )
    # How long the previous inbound secret keeps working after a rotation.
    inbound_rotation_grace_hours: int = Field(
        default=24,
        ge=0,
        le=24 * 30,
        validation_alias=renamed(
            "CARTERA_CRM_INBOUND_ROTATION_GRACE_HOURS", "CRM_INBOUND_ROTATION_GRACE_HOURS"
        ),
    )
    # Days a satisfaction survey link stays valid.
    survey_ttl_days: int = Field(
        default=30,
        ge=1,
        le=365,
        validation_alias=renamed("CARTERA_CRM_SURVEY_TTL_DAYS", "CRM_SURVEY_TTL_DAYS"),
    )
    # Where people answer surveys: the gateway's public address.
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        validation_alias=renamed("CARTERA_CRM_PUBLIC_BASE_URL", "CRM_PUBLIC_BASE_URL"),
    )
    # "Today" for follow-up agendas is the business's day, not UTC's.
    timezone: str = Field(
        default="Europe/Madrid", validation_alias=renamed("CARTERA_CRM_TIMEZONE", "CRM_TIMEZONE")
    )

    @field_validator("inbound_key")
    @classmethod
    def _strong_inbound_key(cls, value: SecretStr) -> SecretStr | None:
        return checked_secret("CARTERA_CRM_INBOUND_KEY", value)

    def inbound_server_key(self) -> str:
        return self.inbound_key.get_secret_value()
