"""How every Kafka client of a process connects (plain on loopback, or SASL/SCRAM over TLS with a
user of its own), and topic administration: topics are declared up front with their partitions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from cartera_shared.events.topics import dlq
from cartera_shared.settings import renamed

log = logging.getLogger(__name__)

Mechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]


class KafkaConnection(BaseSettings):
    """The broker's security, read from the environment by every Kafka client of the process.

    Local runs talk PLAINTEXT to a broker on loopback. In a cluster each service is a Kafka user
    of its own (deploy/k8s/base/kafka-users.yaml) whose ACLs allow the topics it produces and
    consumes and nothing else: `CARTERA_KAFKA_SECURITY_PROTOCOL=SASL_SSL` with its SCRAM
    credentials.
    """

    model_config = SettingsConfigDict(
        env_file=None, extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    # PLAINTEXT on loopback; SASL_SSL in a cluster.
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT",
        validation_alias=renamed("CARTERA_KAFKA_SECURITY_PROTOCOL", "KAFKA_SECURITY_PROTOCOL"),
    )
    # The SASL mechanism of the service's Kafka user.
    sasl_mechanism: Mechanism = Field(
        default="SCRAM-SHA-512",
        validation_alias=renamed("CARTERA_KAFKA_SASL_MECHANISM", "KAFKA_SASL_MECHANISM"),
    )
    # The service's Kafka user, and its password (required with SASL).
    sasl_username: str | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_KAFKA_SASL_USERNAME", "KAFKA_SASL_USERNAME"),
    )
    # The Kafka user's password.
    sasl_password: SecretStr | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_KAFKA_SASL_PASSWORD", "KAFKA_SASL_PASSWORD"),
    )
    # The CA that signed the brokers' certificates (Strimzi: the cluster CA's ca.crt); unset,
    # the system's trusted CAs.
    ssl_ca_file: Path | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_KAFKA_SSL_CA_FILE", "KAFKA_SSL_CA_FILE"),
    )

    @model_validator(mode="after")
    def _credentials_for_sasl(self) -> KafkaConnection:
        if self.sasl and not (self.sasl_username and self.sasl_password):
            raise ValueError(
                f"CARTERA_KAFKA_SECURITY_PROTOCOL={self.security_protocol} needs "
                "CARTERA_KAFKA_SASL_USERNAME and CARTERA_KAFKA_SASL_PASSWORD"
            )
        return self

    @property
    def sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.tls:
            return None
        return ssl.create_default_context(
            cafile=str(self.ssl_ca_file) if self.ssl_ca_file else None
        )

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for aiokafka's producers, consumers and admin clients."""
        if self.security_protocol == "PLAINTEXT":
            return {}
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.tls:
            options["ssl_context"] = self.ssl_context()
        if self.sasl:
            assert self.sasl_password is not None  # _credentials_for_sasl
            options.update(
                sasl_mechanism=self.sasl_mechanism,
                sasl_plain_username=self.sasl_username,
                sasl_plain_password=self.sasl_password.get_secret_value(),
            )
        return options

    def faststream_security(self) -> BaseSecurity | None:
        """The same, as FastStream's broker takes it."""
        if self.security_protocol == "PLAINTEXT":
            return None
        context = self.ssl_context()
        if not self.sasl:
            return BaseSecurity(ssl_context=context, use_ssl=True)
        assert self.sasl_username is not None  # _credentials_for_sasl
        assert self.sasl_password is not None
        kind = {"SCRAM-SHA-512": SASLScram512, "SCRAM-SHA-256": SASLScram256}.get(
            self.sasl_mechanism, SASLPlaintext
        )
        return kind(
            self.sasl_username,
            self.sasl_password.get_secret_value(),
            ssl_context=context,
            use_ssl=self.tls,
        )


def kafka_options() -> dict[str, Any]:
    """How this process's Kafka clients connect (see KafkaConnection), for aiokafka."""
    return KafkaConnection().client_options()


# The topics are the system's history: analytics rebuilds its read models by replaying them
# from the start, and a restore replays what came after a dump. So nothing expires.
EVENT_TOPIC_CONFIG = {"retention.ms": "-1", "retention.bytes": "-1"}


async def ensure_topics(
    bootstrap_servers: str,
    topics: Iterable[str],
    *,
    partitions: int = 3,
    with_dlq: bool = True,
    timeout_seconds: float = 30.0,
) -> None:
    """Create the topics (and their dead-letter topics) that do not exist yet."""
    names = set(topics)
    if with_dlq:
        names |= {dlq(t) for t in names if not t.endswith(".dlq")}
    deadline = asyncio.get_running_loop().time() + timeout_seconds
    while True:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=bootstrap_servers, client_id="cartera-admin", **kafka_options()
        )
        try:
            await admin.start()
            existing = set(await admin.list_topics())
            missing = sorted(names - existing)
            if missing:
                new = [
                    NewTopic(
                        n,
                        num_partitions=partitions,
                        replication_factor=1,
                        topic_configs=EVENT_TOPIC_CONFIG,
                    )
                    for n in missing
                ]
                # Another replica may create one first; that is success too.
                with contextlib.suppress(TopicAlreadyExistsError):
                    await admin.create_topics(new)
            return
        except KafkaConnectionError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.warning("Kafka not reachable yet at %s; retrying", bootstrap_servers)
            await asyncio.sleep(1.0)
        finally:
            await admin.close()
