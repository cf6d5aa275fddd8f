"""Settings every service shares, read from the environment (pydantic-settings).

The variable names are the same for the local runner, docker-compose and Kubernetes, so one
service binary runs unchanged everywhere. Every name starts with `CARTERA_`: what every service
reads (its database, Kafka, the internal secret, logging, where each service answers) is
`CARTERA_<NAME>`, and what one service alone reads is `CARTERA_<SERVICE>_<NAME>`
(docs/configuration.md). A name a variable had before that rule is still read, as a deprecated
alias (`renamed`): the new name wins when both are set, and the service logs a warning naming
the new one at start-up (`deprecated_in_use`).

No secret has a default. A service refuses to start when one is missing, shorter than
MIN_SECRET_BYTES, or a known placeholder; local runs are given random ones that
`deploy/local/local_secrets.py` makes on first start and keeps under `.local/`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

from cartera_shared.identity import MIN_SECRET_BYTES, InternalKeys

# Words that mark a value copied from an example rather than made for this installation.
_PLACEHOLDER = re.compile(
    r"change[-_ ]?me|changeme|placeholder|example|replace[-_ ]?me|your[-_ ]?secret|"
    r"cartera-local|not[-_ ]?a[-_ ]?secret|^secret$|^password$",
    re.IGNORECASE,
)
# Fewer distinct characters than this is a pattern typed by hand ("aaaa...", "abab..."), not a
# random value: 32 random hex digits have fewer than 8 distinct ones with odds below 1e-10.
_MIN_DISTINCT_CHARACTERS = 8


def secret_problem(value: str) -> str | None:
    """Why `value` cannot serve as a secret, or None when it can."""
    if len(value.encode()) < MIN_SECRET_BYTES:
        return f"it is shorter than {MIN_SECRET_BYTES} bytes"
    if _PLACEHOLDER.search(value):
        return "it is a placeholder copied from an example"
    if len(set(value)) < _MIN_DISTINCT_CHARACTERS:
        return "it is a repeated pattern, not a random value"
    return None


def checked_secret(name: str, value: SecretStr | None) -> SecretStr | None:
    if value is None:
        return None
    problem = secret_problem(value.get_secret_value())
    if problem:
        raise ValueError(
            f"{name} is refused: {problem}. Make one with `openssl rand -hex 32` "
            "(local runs make their own under .local/)."
        )
    return value


def renamed(name: str, *former: str) -> AliasChoices:
    """The variable `name`, still read under its `former` names (deprecated). The order is the
    precedence: with both set, `name` wins."""
    return AliasChoices(name, *former)


def variable_of(field: FieldInfo) -> str:
    """The name a field is read under (its former names aside)."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    assert isinstance(alias, str), field
    return alias


def deprecated_in_use(
    *classes: type[BaseSettings], environ: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(former name, new name) of each variable the environment sets under its former name
    only, for the settings `classes` a process reads. With the new name set too, the former is
    ignored, so it is not reported either (it is not in use)."""
    environ = os.environ if environ is None else environ
    found: dict[str, str] = {}
    for cls in classes:
        for field in cls.model_fields.values():
            alias = field.validation_alias
            if not isinstance(alias, AliasChoices):
                continue
            new, *former = (str(choice) for choice in alias.choices)
            if new in environ:
                continue
            for old in former:
                if old in environ:
                    found.setdefault(old, new)
    return sorted(found.items())


_VARIABLES = {
    "internal_secret": "CARTERA_INTERNAL_SECRET",
    "internal_secret_previous": "CARTERA_INTERNAL_SECRET_PREVIOUS",
}


class ServiceSettings(BaseSettings):
    # A refused value is never echoed: the error names the variable and why, and may be logged.
    model_config = SettingsConfigDict(
        env_file=None, extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    # The name the process logs and reports under (each service sets its own).
    service_name: str = Field(
        default="cartera", validation_alias=renamed("CARTERA_SERVICE_NAME", "SERVICE_NAME")
    )
    # Services serve requests as their own application role (CARTERA_DATABASE_APP_URL), which
    # does not own the tables, so row-level security applies to it, and which can use its own
    # service's schema only. The owner (CARTERA_DATABASE_URL) runs migrations; a service process
    # needs it only where no CARTERA_DATABASE_APP_URL is given (a single-role server).
    database_url: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_DATABASE_URL", "DATABASE_URL")
    )
    # The service's own role (postgresql+asyncpg://cartera_<service>:…@host/db).
    database_app_url: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_DATABASE_APP_URL", "DATABASE_APP_URL")
    )
    # Connections each process keeps open to PostgreSQL, and as many more it may open at peaks.
    # Besides these, a process that publishes events has up to 3 for its outbox relay, and an
    # invoicing process up to 8 for its group commits.
    database_pool_size: int = Field(
        default=10, validation_alias=renamed("CARTERA_DATABASE_POOL_SIZE", "DATABASE_POOL_SIZE")
    )
    # host:port[,host:port…] of the Kafka brokers.
    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092",
        validation_alias=renamed("CARTERA_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
    )
    # Partitions of a topic the service creates (local runs only, see
    # CARTERA_KAFKA_CREATE_TOPICS).
    kafka_topic_partitions: int = Field(
        default=3,
        validation_alias=renamed("CARTERA_KAFKA_TOPIC_PARTITIONS", "KAFKA_TOPIC_PARTITIONS"),
    )
    # Local runs create the topics they use; in a cluster they are declared (deploy/k8s topics)
    # and a service's Kafka user may not create one.
    kafka_create_topics: bool = Field(
        default=True, validation_alias=renamed("CARTERA_KAFKA_CREATE_TOPICS", "KAFKA_CREATE_TOPICS")
    )
    # Signs and checks the identity tokens between the gateway and the services.
    internal_secret: SecretStr = Field(validation_alias="CARTERA_INTERNAL_SECRET")
    # After a rotation, the former secret is still accepted (never used to sign) until
    # CARTERA_INTERNAL_SECRET_PREVIOUS_UNTIL, so tokens already in flight keep working.
    internal_secret_previous: SecretStr | None = Field(
        default=None, validation_alias="CARTERA_INTERNAL_SECRET_PREVIOUS"
    )
    # Until when the previous secret is accepted (an instant with its zone); unset, as long as
    # it is configured.
    internal_secret_previous_until: dt.datetime | None = Field(
        default=None, validation_alias="CARTERA_INTERNAL_SECRET_PREVIOUS_UNTIL"
    )
    # DEBUG, INFO, WARNING or ERROR; logs are JSON lines on standard error.
    log_level: str = Field(
        default="INFO", validation_alias=renamed("CARTERA_LOG_LEVEL", "LOG_LEVEL")
    )
    # Times a consumer tries an event before it goes to the dead-letter topic.
    consumer_max_attempts: int = Field(
        default=5,
        validation_alias=renamed("CARTERA_CONSUMER_MAX_ATTEMPTS", "CONSUMER_MAX_ATTEMPTS"),
    )
    # The first wait between two tries of an event (doubled at each try).
    consumer_retry_backoff_seconds: float = Field(
        default=0.2,
        validation_alias=renamed(
            "CARTERA_CONSUMER_RETRY_BACKOFF_SECONDS", "CONSUMER_RETRY_BACKOFF_SECONDS"
        ),
    )
    # How often the outbox relay looks for rows a notification did not announce.
    outbox_poll_seconds: float = Field(
        default=1.0, validation_alias=renamed("CARTERA_OUTBOX_POLL_SECONDS", "OUTBOX_POLL_SECONDS")
    )
    # Days a published outbox row is kept before the relay deletes it; 0 keeps every row.
    outbox_retention_days: float = Field(
        default=7.0,
        ge=0,
        validation_alias=renamed("CARTERA_OUTBOX_RETENTION_DAYS", "OUTBOX_RETENTION_DAYS"),
    )

    @field_validator("internal_secret", "internal_secret_previous")
    @classmethod
    def _strong_secret(cls, value: SecretStr | None, info: object) -> SecretStr | None:
        name = getattr(info, "field_name", "secret")
        return checked_secret(_VARIABLES.get(name, name), value)

    @field_validator("internal_secret_previous_until")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give the instant with its time zone, e.g. 2027-01-31T12:00:00Z")
        return value

    @model_validator(mode="after")
    def _a_database(self) -> ServiceSettings:
        if not (self.database_app_url or self.database_url):
            raise ValueError(
                "set CARTERA_DATABASE_APP_URL (the service's own role) or CARTERA_DATABASE_URL"
            )
        return self

    @model_validator(mode="after")
    def _previous_differs(self) -> ServiceSettings:
        previous = self.internal_secret_previous
        if previous is not None and (
            previous.get_secret_value() == self.internal_secret.get_secret_value()
        ):
            raise ValueError("CARTERA_INTERNAL_SECRET_PREVIOUS repeats the current secret")
        return self

    @property
    def effective_app_url(self) -> str:
        url = self.database_app_url or self.database_url
        assert url is not None  # _a_database
        return url

    def internal_keys(self) -> InternalKeys:
        previous = self.internal_secret_previous
        return InternalKeys(
            current=self.internal_secret.get_secret_value(),
            previous=previous.get_secret_value() if previous else None,
            previous_until=self.internal_secret_previous_until,
        )


class MigrationSettings(BaseSettings):
    """What a migration run reads: the owner's URL and the role that serves this schema."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    # The schema owner's URL, which creates and alters the tables.
    database_url: str = Field(validation_alias=renamed("CARTERA_DATABASE_URL", "DATABASE_URL"))
    # The role the service serves requests as: granted this schema's tables, and nothing else.
    # Unset, it is `cartera_<schema>` (each service's schema is named after it).
    app_role: str | None = Field(default=None, validation_alias="CARTERA_APP_ROLE")

    def role_for(self, schema: str) -> str:
        return self.app_role or f"cartera_{schema}"
