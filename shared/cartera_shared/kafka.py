"""Topic administration: topics are declared up front with their partition counts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from cartera_shared.events.topics import dlq

log = logging.getLogger(__name__)

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
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="cartera-admin")
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
