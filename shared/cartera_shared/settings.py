"""Settings every service shares, read from the environment (pydantic-settings).

The variable names are the same for the local runner, docker-compose and Kubernetes, so one
service binary runs unchanged everywhere.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_INTERNAL_SECRET = "cartera-local-internal-secret-change-me"


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    service_name: str = Field(default="cartera", validation_alias="SERVICE_NAME")
    # The owner role: runs migrations only. Services serve requests as the application role, which
    # does not own the tables, so row-level security applies to it.
    database_url: str = Field(
        default="postgresql+asyncpg://cartera_owner:cartera_owner@127.0.0.1:55432/cartera",
        validation_alias="DATABASE_URL",
    )
    database_app_url: str | None = Field(default=None, validation_alias="DATABASE_APP_URL")
    database_pool_size: int = Field(default=10, validation_alias="DATABASE_POOL_SIZE")
    app_role: str = Field(default="cartera_app", validation_alias="CARTERA_APP_ROLE")
    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", validation_alias="KAFKA_BOOTSTRAP_SERVERS"
    )
    kafka_topic_partitions: int = Field(default=3, validation_alias="KAFKA_TOPIC_PARTITIONS")
    internal_secret: SecretStr = Field(
        default=SecretStr(LOCAL_INTERNAL_SECRET), validation_alias="CARTERA_INTERNAL_SECRET"
    )
    log_level: str = Field(default="INFO", validation_alias="LOG_LEVEL")
    consumer_max_attempts: int = Field(default=5, validation_alias="CONSUMER_MAX_ATTEMPTS")
    consumer_retry_backoff_seconds: float = Field(
        default=0.2, validation_alias="CONSUMER_RETRY_BACKOFF_SECONDS"
    )
    outbox_poll_seconds: float = Field(default=1.0, validation_alias="OUTBOX_POLL_SECONDS")
    # Days a published outbox row is kept before the relay deletes it; 0 keeps every row.
    outbox_retention_days: float = Field(
        default=7.0, ge=0, validation_alias="OUTBOX_RETENTION_DAYS"
    )

    @property
    def effective_app_url(self) -> str:
        return self.database_app_url or self.database_url
