"""Gateway settings: the operator and metrics tokens, where each service listens, mail."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator

from cartera_shared.data_keys import DataKeySettings
from cartera_shared.settings import checked_secret, renamed


# CARTERA_DATA_KEY (DataKeySettings) encrypts the webhook signing secrets kept in the database
# (cartera_shared.data_keys). During a rotation the former key is still read, never written
# (docs/operations.md).
class GatewaySettings(DataKeySettings):
    # The operator's token: creates tenants. No default: a gateway without a strong one refuses
    # to start (local runs are given a random one, see deploy/local/local_secrets.py).
    admin_token: SecretStr = Field(
        validation_alias=renamed("CARTERA_GATEWAY_ADMIN_TOKEN", "CARTERA_ADMIN_TOKEN")
    )
    # Where the gateway reaches each service (the five CARTERA_<SERVICE>_URL variables).
    clients_url: str = Field(
        default="http://127.0.0.1:8101",
        validation_alias=renamed("CARTERA_CLIENTS_URL", "CLIENTS_URL"),
    )
    # The invoicing service.
    invoicing_url: str = Field(
        default="http://127.0.0.1:8102",
        validation_alias=renamed("CARTERA_INVOICING_URL", "INVOICING_URL"),
    )
    # The collections service.
    collections_url: str = Field(
        default="http://127.0.0.1:8103",
        validation_alias=renamed("CARTERA_COLLECTIONS_URL", "COLLECTIONS_URL"),
    )
    # The crm service.
    crm_url: str = Field(
        default="http://127.0.0.1:8104", validation_alias=renamed("CARTERA_CRM_URL", "CRM_URL")
    )
    # The analytics service.
    analytics_url: str = Field(
        default="http://127.0.0.1:8105",
        validation_alias=renamed("CARTERA_ANALYTICS_URL", "ANALYTICS_URL"),
    )
    # How long the gateway waits for a service's answer before a 503.
    upstream_timeout_seconds: float = Field(
        default=15.0,
        validation_alias=renamed(
            "CARTERA_GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "GATEWAY_UPSTREAM_TIMEOUT_SECONDS"
        ),
    )
    # Larger request bodies are refused (413) before anything is forwarded.
    max_body_bytes: int = Field(
        default=25 * 1024 * 1024,
        ge=1,
        validation_alias=renamed("CARTERA_GATEWAY_MAX_BODY_BYTES", "GATEWAY_MAX_BODY_BYTES"),
    )
    # A request body must keep coming: each piece within this many seconds of the one before,
    # the whole within it plus one second per CARTERA_GATEWAY_BODY_MIN_BYTES_PER_SECOND (408).
    body_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_GATEWAY_BODY_TIMEOUT_SECONDS", "GATEWAY_BODY_TIMEOUT_SECONDS"
        ),
    )
    # A request body arriving slower than this is cut off (408).
    body_min_bytes_per_second: int = Field(
        default=1024,
        ge=1,
        validation_alias=renamed(
            "CARTERA_GATEWAY_BODY_MIN_BYTES_PER_SECOND", "GATEWAY_BODY_MIN_BYTES_PER_SECOND"
        ),
    )

    # How long a gateway trusts what it read about an API key (revocation elsewhere, suspension).
    api_key_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        le=60,
        validation_alias=renamed("CARTERA_GATEWAY_API_KEY_CACHE_SECONDS", "API_KEY_CACHE_SECONDS"),
    )

    # Rate-limit counters shared by several gateway replicas; unset, each keeps its own.
    redis_url: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_GATEWAY_REDIS_URL", "REDIS_URL")
    )
    # Requests a tenant may make (all its credentials together), e.g. 3000/minute.
    rate_limit_per_tenant: str = Field(
        default="3000/minute",
        validation_alias=renamed("CARTERA_GATEWAY_RATE_LIMIT_TENANT", "RATE_LIMIT_TENANT"),
    )
    # Requests one API key or session may make.
    rate_limit_per_credential: str = Field(
        default="1200/minute",
        validation_alias=renamed("CARTERA_GATEWAY_RATE_LIMIT_CREDENTIAL", "RATE_LIMIT_CREDENTIAL"),
    )
    # Sign-in attempts per address and account.
    sign_in_limit: str = Field(
        default="10/minute",
        validation_alias=renamed("CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT", "SIGN_IN_RATE_LIMIT"),
    )
    # Inbound messages (no credential) have buckets of their own, never the tenant's.
    inbound_rate_limit: str = Field(
        default="300/minute",
        validation_alias=renamed("CARTERA_GATEWAY_INBOUND_RATE_LIMIT", "INBOUND_RATE_LIMIT"),
    )
    # Inbound (mail, WhatsApp) posts per sending address.
    inbound_address_rate_limit: str = Field(
        default="600/minute",
        validation_alias=renamed(
            "CARTERA_GATEWAY_INBOUND_ADDRESS_RATE_LIMIT", "INBOUND_ADDRESS_RATE_LIMIT"
        ),
    )
    # How long a signed-in session lasts.
    session_hours: int = Field(
        default=12,
        ge=1,
        le=24 * 30,
        validation_alias=renamed("CARTERA_GATEWAY_SESSION_HOURS", "SESSION_HOURS"),
    )
    # Local runs serve plain http on loopback; everywhere else the cookie is Secure.
    secure_cookies: bool = Field(
        default=True, validation_alias=renamed("CARTERA_GATEWAY_SECURE_COOKIES", "SECURE_COOKIES")
    )

    # Where people reach the gateway (and its web app under /app): the links of password-reset
    # mails point there.
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        validation_alias=renamed("CARTERA_GATEWAY_PUBLIC_BASE_URL", "GATEWAY_PUBLIC_BASE_URL"),
    )
    # How long a password-reset link stays valid.
    password_reset_minutes: int = Field(
        default=60,
        ge=5,
        le=24 * 60,
        validation_alias=renamed(
            "CARTERA_GATEWAY_PASSWORD_RESET_MINUTES", "PASSWORD_RESET_MINUTES"
        ),
    )
    # The mail server for password-reset links, read as the collections service reads it.
    smtp_host: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_GATEWAY_SMTP_HOST", "SMTP_HOST")
    )
    # The mail server's port.
    smtp_port: int = Field(
        default=25, validation_alias=renamed("CARTERA_GATEWAY_SMTP_PORT", "SMTP_PORT")
    )
    # The sender of password-reset and invitation mail.
    smtp_from: str = Field(
        default="no-reply@cartera.local",
        validation_alias=renamed("CARTERA_GATEWAY_SMTP_FROM", "SMTP_FROM"),
    )
    # The mail server's user, if it asks for one.
    smtp_username: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_GATEWAY_SMTP_USERNAME", "SMTP_USERNAME")
    )
    # The mail server user's password.
    smtp_password: SecretStr | None = Field(
        default=None, validation_alias=renamed("CARTERA_GATEWAY_SMTP_PASSWORD", "SMTP_PASSWORD")
    )
    # Upgrade the mail connection with STARTTLS.
    smtp_starttls: bool = Field(
        default=False, validation_alias=renamed("CARTERA_GATEWAY_SMTP_STARTTLS", "SMTP_STARTTLS")
    )

    # Reads the gateway's /metrics (`Authorization: Bearer ...`); unset, the gateway has none.
    # The services behind it keep theirs open on the internal network.
    metrics_token: SecretStr | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_GATEWAY_METRICS_TOKEN", "CARTERA_METRICS_TOKEN"),
    )

    # Let webhooks call private and loopback addresses (tests and local runs only).
    webhooks_allow_private: bool = Field(
        default=False,
        validation_alias=renamed(
            "CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE", "WEBHOOKS_ALLOW_PRIVATE"
        ),
    )
    # The first wait before a failed delivery is tried again (doubled each time, at most 1 h).
    webhook_backoff_seconds: float = Field(
        default=10.0,
        gt=0,
        validation_alias=renamed(
            "CARTERA_GATEWAY_WEBHOOK_BACKOFF_SECONDS", "WEBHOOK_BACKOFF_SECONDS"
        ),
    )
    # Attempts before a delivery is given up as failed.
    webhook_max_attempts: int = Field(
        default=8,
        ge=1,
        validation_alias=renamed("CARTERA_GATEWAY_WEBHOOK_MAX_ATTEMPTS", "WEBHOOK_MAX_ATTEMPTS"),
    )
    # Failed attempts in a row after which a subscription is disabled.
    webhook_disable_after: int = Field(
        default=20,
        ge=1,
        validation_alias=renamed("CARTERA_GATEWAY_WEBHOOK_DISABLE_AFTER", "WEBHOOK_DISABLE_AFTER"),
    )
    # How often the delivery worker looks for due deliveries when none was announced.
    webhook_poll_seconds: float = Field(
        default=1.0,
        gt=0,
        validation_alias=renamed("CARTERA_GATEWAY_WEBHOOK_POLL_SECONDS", "WEBHOOK_POLL_SECONDS"),
    )

    @field_validator("admin_token")
    @classmethod
    def _strong_admin_token(cls, value: SecretStr) -> SecretStr | None:
        return checked_secret("CARTERA_GATEWAY_ADMIN_TOKEN", value)

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        # `CARTERA_GATEWAY_METRICS_TOKEN=` (compose's `${VAR:-}`) means no token, not an empty one.
        return None if value == "" else value

    @field_validator("metrics_token")
    @classmethod
    def _strong_metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        return checked_secret("CARTERA_GATEWAY_METRICS_TOKEN", value)

    @field_validator("public_base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("give the gateway's address with its scheme, e.g. https://cartera.es")
        return value.rstrip("/")

    def upstreams(self) -> dict[str, str]:
        return {
            "clients": self.clients_url,
            "invoicing": self.invoicing_url,
            "collections": self.collections_url,
            "crm": self.crm_url,
            "analytics": self.analytics_url,
        }
