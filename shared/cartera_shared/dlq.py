"""Operator command for dead letters: look at them, and replay them to their original topic.

    python -m cartera_shared.dlq show client.updated.dlq
    python -m cartera_shared.dlq replay client.updated.dlq [--consumer invoicing.client-replica]

Replay republishes each dead letter (same key, value and event id) to the topic it came from and
commits its DLQ offset only after the broker acknowledged it, so an interrupted replay resumes
where it stopped. Every consumer group sees the event again; those that had processed it skip it
by its event id (the inbox), so replaying after a fix is safe.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from cartera_shared.kafka import kafka_options

REPLAY_GROUP = "cartera-dlq-replay"


@dataclass(frozen=True)
class DeadLetter:
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]

    @property
    def original_topic(self) -> str | None:
        return self.headers.get("x-original-topic")


def _dead_letter(record: ConsumerRecord[bytes, bytes]) -> DeadLetter:
    return DeadLetter(
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value or b"",
        headers={k: bytes(v).decode(errors="replace") for k, v in record.headers or ()},
    )


async def _drain(
    consumer: AIOKafkaConsumer, idle_seconds: float
) -> list[ConsumerRecord[bytes, bytes]]:
    """Everything currently in the topic past the group's offsets (stops when it goes quiet)."""
    records: list[ConsumerRecord[bytes, bytes]] = []
    while True:
        batch = await consumer.getmany(timeout_ms=int(idle_seconds * 1000))
        if not batch:
            return records
        for part in batch.values():
            records.extend(part)


async def show(
    bootstrap_servers: str, dlq_topic: str, idle_seconds: float = 2.0
) -> list[DeadLetter]:
    consumer = AIOKafkaConsumer(
        dlq_topic,
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **kafka_options(),
    )
    await consumer.start()
    try:
        return [_dead_letter(r) for r in await _drain(consumer, idle_seconds)]
    finally:
        await consumer.stop()


async def replay(
    bootstrap_servers: str,
    dlq_topic: str,
    *,
    consumer_name: str | None = None,
    idle_seconds: float = 2.0,
) -> int:
    """Republish dead letters to their original topics; returns how many were replayed."""
    consumer = AIOKafkaConsumer(
        dlq_topic,
        bootstrap_servers=bootstrap_servers,
        group_id=REPLAY_GROUP,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **kafka_options(),
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        acks="all",
        enable_idempotence=True,
        **kafka_options(),
    )
    await consumer.start()
    await producer.start()
    replayed = 0
    try:
        for record in await _drain(consumer, idle_seconds):
            letter = _dead_letter(record)
            wanted = consumer_name is None or letter.headers.get("x-consumer") == consumer_name
            if wanted and letter.original_topic:
                await producer.send_and_wait(
                    letter.original_topic,
                    value=letter.value,
                    key=letter.key,
                    headers=[("x-replayed-from", f"{dlq_topic}@{letter.offset}".encode())],
                )
                replayed += 1
            await consumer.commit(
                {TopicPartition(record.topic, record.partition): record.offset + 1}
            )
    finally:
        await producer.stop()
        await consumer.stop()
    return replayed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cartera_shared.dlq", description=__doc__)
    parser.add_argument("command", choices=["show", "replay"])
    parser.add_argument("topic", help="a dead-letter topic, e.g. client.updated.dlq")
    parser.add_argument("--consumer", help="replay only what this consumer dead-lettered")
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("CARTERA_KAFKA_BOOTSTRAP_SERVERS")
        or os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
    )
    args = parser.parse_args(argv)
    if not args.topic.endswith(".dlq"):
        parser.error("the topic must be a dead-letter topic (<topic>.dlq)")
    if args.command == "show":
        for letter in asyncio.run(show(args.bootstrap, args.topic)):
            print(
                json.dumps(
                    {
                        "partition": letter.partition,
                        "offset": letter.offset,
                        "headers": letter.headers,
                        "value": letter.value.decode(errors="replace")[:2000],
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    count = asyncio.run(replay(args.bootstrap, args.topic, consumer_name=args.consumer))
    print(f"replayed {count} message(s) from {args.topic}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
