#!/usr/bin/env python3
"""Consumer-group offsets saved with a backup and put back on restore, so that the services
replay exactly what came after the dump.

    python deploy/ops/kafka_offsets.py save  <file> [--schemas clients,invoicing,...]
    python deploy/ops/kafka_offsets.py check <file> [--schemas ...]   (are the groups idle?)
    python deploy/ops/kafka_offsets.py reset <file> [--schemas ...]

`save` runs BEFORE pg_dump: every offset it records was committed after its transaction, so
everything before it is in the dump; what comes after is replayed, and the inbox skips what the
dump already holds. A group belongs to the schema its name starts with (`collections`,
`collections.receivables` -> collections).

`reset` needs the services stopped (the groups empty, which the broker enforces too). For each
group of a restored schema it commits the saved offsets; a partition without a saved offset (a
group or a partition that did not exist at the dump) goes back to the partition's beginning,
which is always safe (idempotent consumers), only slower.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata

from cartera_shared.kafka import kafka_options

SCHEMAS = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")


def schema_of(group: str) -> str:
    return group.split(".", 1)[0]


async def _groups(admin: AIOKafkaAdminClient, schemas: set[str]) -> list[str]:
    listed = await admin.list_consumer_groups()
    return sorted(g for g, _protocol in listed if schema_of(g) in schemas)


async def save(bootstrap: str, schemas: set[str]) -> dict[str, Any]:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="cartera-backup", **kafka_options()
    )
    await admin.start()
    try:
        saved: dict[str, Any] = {
            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
            "schemas": sorted(schemas),
            "groups": {},
        }
        for group in await _groups(admin, schemas):
            offsets = await admin.list_consumer_group_offsets(group)
            topics: dict[str, dict[str, int]] = {}
            for tp, meta in sorted(offsets.items()):
                if meta.offset >= 0:
                    topics.setdefault(tp.topic, {})[str(tp.partition)] = meta.offset
            saved["groups"][group] = topics
    finally:
        await admin.close()
    return saved


async def check_idle(bootstrap: str, saved: dict[str, Any], schemas: set[str]) -> list[str]:
    """The groups a reset would touch; refuses if any has members (its service still runs)."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="cartera-restore", **kafka_options()
    )
    await admin.start()
    try:
        current = set(await _groups(admin, schemas))
        groups = sorted(current | {g for g in saved["groups"] if schema_of(g) in schemas})
        for group in groups:  # one at a time: aiokafka misreads some multi-group answers
            (response,) = await admin.describe_consumer_groups([group])
            for described in response.to_object()["groups"]:
                if described["state"] not in ("Empty", "Dead"):
                    raise SystemExit(
                        f"group {described['group']} is {described['state']}: "
                        "stop its service before a restore"
                    )
        return groups
    finally:
        await admin.close()


async def reset(
    bootstrap: str, saved: dict[str, Any], schemas: set[str]
) -> dict[str, dict[str, int]]:
    """Commit the saved offsets; returns, per group, how many messages each will replay."""
    groups = await check_idle(bootstrap, saved, schemas)
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="cartera-restore", **kafka_options()
    )
    await admin.start()
    replay: dict[str, dict[str, int]] = {}
    try:
        for group in groups:
            now = await admin.list_consumer_group_offsets(group)
            topics = set(saved["groups"].get(group, {})) | {tp.topic for tp in now}
            partitions = [
                TopicPartition(described["topic"], p["partition"])
                for described in await admin.describe_topics(sorted(topics))
                for p in described["partitions"]
            ]
            replay[group] = await _commit(
                bootstrap, group, sorted(partitions), saved["groups"].get(group, {})
            )
    finally:
        await admin.close()
    return replay


async def _commit(
    bootstrap: str,
    group: str,
    partitions: list[TopicPartition],
    offsets: dict[str, dict[str, int]],
) -> dict[str, int]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False, **kafka_options()
    )
    await consumer.start()
    try:
        if not partitions:
            return {}
        consumer.assign(partitions)
        begins = await consumer.beginning_offsets(partitions)
        ends = await consumer.end_offsets(partitions)
        target = {
            tp: offsets.get(tp.topic, {}).get(str(tp.partition), begins[tp]) for tp in partitions
        }
        await consumer.commit({tp: OffsetAndMetadata(o, "") for tp, o in target.items()})
        counts: dict[str, int] = {}
        for tp, offset in target.items():
            counts[tp.topic] = counts.get(tp.topic, 0) + max(ends[tp] - offset, 0)
        return counts
    finally:
        await consumer.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("command", choices=["save", "check", "reset"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--schemas", default=",".join(SCHEMAS))
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("CARTERA_KAFKA_BOOTSTRAP_SERVERS")
        or os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
    )
    args = parser.parse_args(argv)
    schemas = {s for s in args.schemas.split(",") if s}
    if args.command == "save":
        saved = asyncio.run(save(args.bootstrap, schemas))
        args.file.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n")
        print(f"saved the offsets of {len(saved['groups'])} consumer group(s) to {args.file}")
        return 0
    saved = json.loads(args.file.read_text())
    if args.command == "check":
        groups = asyncio.run(check_idle(args.bootstrap, saved, schemas))
        print(f"{len(groups)} consumer group(s) idle: {', '.join(groups)}")
        return 0
    replay = asyncio.run(reset(args.bootstrap, saved, schemas))
    for group, topics in replay.items():
        print(f"{group}: replays {sum(topics.values())} message(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
