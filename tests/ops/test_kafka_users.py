"""The Kafka users of deploy/k8s/base/kafka-users.yaml, enforced by a real broker.

A second Kafka broker, started by this test on loopback from the same jars as the local one,
with SASL/SCRAM-SHA-512 and the standard authorizer, holds one SCRAM user per service and the
ACLs the manifest declares for it. Each service's client connects as the services do in a
cluster (`cartera_shared.kafka.KafkaConnection`): what its code publishes and consumes works,
anything else is refused by the broker.
"""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    KafkaError,
    TopicAuthorizationFailedError,
)
from faststream.kafka import KafkaBroker

from cartera_shared.events import topics
from cartera_shared.events.topics import dlq
from cartera_shared.kafka import KafkaConnection
from cartera_shared.testing import free_tcp_port

ROOT = Path(__file__).resolve().parents[2]
LIBS = ROOT / ".local" / "kafka" / "libs"
USERS = ROOT / "deploy" / "k8s" / "base" / "kafka-users.yaml"
CREATE_ACLS = Path(__file__).resolve().parent / "kafka" / "CreateAcls.java"
ADMIN = "admin"


@dataclass(frozen=True)
class SecuredBroker:
    bootstrap: str
    passwords: dict[str, str]

    def connection(self, user: str, password: str | None = None) -> KafkaConnection:
        return KafkaConnection(
            CARTERA_KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT",
            CARTERA_KAFKA_SASL_USERNAME=user,
            CARTERA_KAFKA_SASL_PASSWORD=password or self.passwords[user],
        )


def java(*args: str, stdin: str | None = None, timeout: float = 120) -> str:
    done = subprocess.run(
        ["java", "-Xmx256m", "-cp", f"{LIBS}/*", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"java {args[:2]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def acl_lines() -> str:
    """The manifest's ACLs, one binding per line, as CreateAcls.java reads them."""
    lines = []
    for user in (d for d in yaml.safe_load_all(USERS.read_text()) if d):
        principal = f"User:{user['metadata']['name']}"
        for acl in user["spec"]["authorization"]["acls"]:
            resource = acl["resource"]
            pattern = {"literal": "LITERAL", "prefix": "PREFIXED"}[resource["patternType"]]
            for operation in acl["operations"]:
                lines.append(
                    "\t".join(
                        (
                            principal,
                            resource["type"].upper(),
                            resource["name"],
                            pattern,
                            operation.upper(),
                        )
                    )
                )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def secured_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecuredBroker]:
    if not (LIBS / ".stamp").exists():
        pytest.fail(
            f"the broker's jars are not in {LIBS}: `deploy/local/kafka.sh start` fetches them",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("secured-kafka")
    port, controller = free_tcp_port(), free_tcp_port()
    users = [d["metadata"]["name"] for d in yaml.safe_load_all(USERS.read_text()) if d]
    passwords = {name: secrets.token_hex(24) for name in [ADMIN, *users]}
    properties = folder / "server.properties"
    properties.write_text(
        f"""process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:{controller}
listeners=SASL_PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=\
org.apache.kafka.common.security.scram.ScramLoginModule required \
username="{ADMIN}" password="{passwords[ADMIN]}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# The controller listener is plain on loopback: its (anonymous) peer is the broker itself.
super.users=User:{ADMIN};User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs={folder / "data"}
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
"""
    )
    scram = [
        arg
        for name, password in passwords.items()
        for arg in ("--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]")
    ]
    cluster_id = java("kafka.tools.StorageTool", "random-uuid").strip()
    java(
        "kafka.tools.StorageTool",
        "format",
        "--standalone",
        "-t",
        cluster_id,
        "-c",
        str(properties),
        *scram,
    )
    log = (folder / "broker.log").open("wb")
    broker = subprocess.Popen(
        [
            "java",
            "-Xms256m",
            "-Xmx384m",
            f"-Dlog4j2.configurationFile={ROOT / 'deploy/local/kafka/log4j2.properties'}",
            f"-Dkafka.logs.dir={folder}",
            "-cp",
            f"{LIBS}/*",
            "kafka.Kafka",
            str(properties),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while b"Kafka Server started" not in (folder / "broker.log").read_bytes():
            assert broker.poll() is None, (folder / "broker.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the secured broker did not start in 120 s"
            time.sleep(0.3)
        made = SecuredBroker(f"127.0.0.1:{port}", passwords)
        asyncio.run(create_topics(made))
        java(
            str(CREATE_ACLS),
            made.bootstrap,
            ADMIN,
            passwords[ADMIN],
            stdin=acl_lines(),
        )
        yield made
    finally:
        broker.terminate()
        try:
            broker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            broker.kill()
        log.close()


async def create_topics(broker: SecuredBroker) -> None:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=broker.bootstrap, **broker.connection(ADMIN).client_options()
    )
    await admin.start()
    try:
        names = sorted({*topics.ALL_TOPICS, *(dlq(t) for t in topics.ALL_TOPICS)})
        await admin.create_topics([NewTopic(n, 1, 1) for n in names])
    finally:
        await admin.close()


async def produce(broker: SecuredBroker, user: str, topic: str) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=broker.bootstrap,
        acks="all",
        enable_idempotence=True,
        request_timeout_ms=10_000,
        **broker.connection(user).client_options(),
    )
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"{}", key=b"k")
    finally:
        await producer.stop()


async def consume(broker: SecuredBroker, user: str, topic: str, group: str) -> None:
    """Join `group` on `topic` and commit a position: what a service's consumer does."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=broker.bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        **broker.connection(user).client_options(),
    )
    try:
        await consumer.start()
        await consumer.getmany(timeout_ms=3000)
        await consumer.commit()
    finally:
        await consumer.stop()


async def test_a_service_publishes_its_own_topics_and_no_other(secured_broker):
    await produce(secured_broker, "cartera-invoicing", topics.INVOICE_ISSUED)
    await produce(secured_broker, "cartera-invoicing", dlq(topics.CLIENT_CREATED))
    with pytest.raises(TopicAuthorizationFailedError):
        await produce(secured_broker, "cartera-invoicing", topics.CLIENT_CREATED)
    with pytest.raises(TopicAuthorizationFailedError):
        await produce(secured_broker, "cartera-crm", topics.PAYMENT_RECORDED)


async def test_a_service_reads_what_it_consumes_in_its_own_groups_only(secured_broker):
    await consume(secured_broker, "cartera-crm", topics.CLIENT_CREATED, "crm")
    await consume(secured_broker, "cartera-crm", topics.PAYMENT_RECORDED, "crm.timeline")
    with pytest.raises(GroupAuthorizationFailedError):
        await consume(secured_broker, "cartera-crm", topics.CLIENT_CREATED, "invoicing")
    with pytest.raises((TopicAuthorizationFailedError, KafkaError)):
        await consume(secured_broker, "cartera-clients", topics.INVOICE_ISSUED, "clients")


async def test_a_wrong_password_is_no_way_in(secured_broker):
    producer = AIOKafkaProducer(
        bootstrap_servers=secured_broker.bootstrap,
        request_timeout_ms=5000,
        **secured_broker.connection("cartera-gateway", secrets.token_hex(24)).client_options(),
    )
    with pytest.raises((KafkaConnectionError, KafkaError)):
        await producer.start()
    await producer.stop()


async def test_the_services_broker_connects_with_its_settings(secured_broker, monkeypatch):
    """FastStream's broker, made as every service makes it (cartera_shared.app_factory)."""
    for name, value in {
        "CARTERA_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "CARTERA_KAFKA_SASL_USERNAME": "cartera-collections",
        "CARTERA_KAFKA_SASL_PASSWORD": secured_broker.passwords["cartera-collections"],
    }.items():
        monkeypatch.setenv(name, value)
    broker = KafkaBroker(secured_broker.bootstrap, security=KafkaConnection().faststream_security())
    await broker.start()
    try:
        await broker.publish({"id": str(uuid.uuid4())}, topics.PAYMENT_RECORDED)
    finally:
        await broker.stop()
