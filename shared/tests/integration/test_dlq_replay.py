"""The operator's dead-letter replay, on the real broker."""

import pytest
from aiokafka import AIOKafkaProducer

from cartera_shared import dlq
from cartera_shared.kafka import ensure_topics
from cartera_shared.testing import header, read_topic


async def dead_letter(kafka_bootstrap, topic, value, consumer):
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            f"{topic}.dlq",
            value=value,
            key=b"k",
            headers=[
                ("x-original-topic", topic.encode()),
                ("x-consumer", consumer.encode()),
                ("x-error", b"boom"),
            ],
        )
    finally:
        await producer.stop()


async def test_replay_sends_dead_letters_home_once(kafka_bootstrap, unique):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    await dead_letter(kafka_bootstrap, topic, b"first", "svc-a.consumer")
    await dead_letter(kafka_bootstrap, topic, b"second", "svc-b.consumer")

    shown = await dlq.show(kafka_bootstrap, f"{topic}.dlq", idle_seconds=1)
    assert [(d.value, d.headers["x-error"]) for d in shown] == [
        (b"first", "boom"),
        (b"second", "boom"),
    ]

    replayed = await dlq.replay(
        kafka_bootstrap, f"{topic}.dlq", consumer_name="svc-b.consumer", idle_seconds=1
    )
    assert replayed == 1
    home = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1, timeout=10)
    assert [(r.key, r.value) for r in home] == [(b"k", b"second")]
    assert header(home[0], "x-replayed-from") == f"{topic}.dlq@1"
    # The replay group's offsets were committed: running it again sends nothing more.
    assert await dlq.replay(kafka_bootstrap, f"{topic}.dlq", idle_seconds=1) == 0


def test_the_command_refuses_a_topic_that_is_not_a_dead_letter_topic(capsys):
    with pytest.raises(SystemExit) as exit_:
        dlq.main(["replay", "client.updated"])
    assert exit_.value.code == 2
    assert "must be a dead-letter topic" in capsys.readouterr().err
