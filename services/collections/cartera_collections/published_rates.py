"""Statutory late-payment rates an operator adds from the BOE, without waiting for a release.

The Secretaría General del Tesoro y Financiación Internacional publishes each half-year's rate
(Ley 3/2004 art. 7.2) in the BOE a few days before the half-year starts. A release carries the
figures in ``domain/interest.py``; between the publication and the release, an operator adds it
here, citing the resolution::

    python -m cartera_collections.published_rates add --from 2026-07-01 --rate 10.15 \\
        --boe BOE-A-2026-12345 --resolution "Resolución de 26 de junio de 2026 ..." --by ana
    python -m cartera_collections.published_rates list

It connects with ``CARTERA_DATABASE_URL`` (the schema owner, as migrations do). The service reads
the table on every calculation, so the figure counts at once, in every replica, with no restart.
A half-year the release already carries cannot be added nor overridden; adding the same figure
twice changes nothing; a different figure for a half-year already added is refused (a wrong
figure is corrected by a release, with the reason in its history).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections.domain.interest import STATUTORY_RATES, RateTable, half_year_name
from cartera_collections.models import published_late_interest_rates
from cartera_shared.db import create_engine

BOE_ID = re.compile(r"BOE-A-(\d{4})-\d{1,6}")
CLI = "python -m cartera_collections.published_rates add"


class InvalidPublishedRate(ValueError):
    """A rate an operator typed that cannot be a published statutory rate."""


@dataclass(frozen=True, slots=True)
class PublishedRate:
    half_year_start: dt.date
    rate: Decimal
    boe_id: str
    resolution: str


def check(half_year_start: str, rate: str, boe_id: str, resolution: str) -> PublishedRate:
    """The operator's input read and checked, or InvalidPublishedRate naming the field."""
    try:
        start = dt.date.fromisoformat(half_year_start.strip())
    except ValueError as exc:
        raise InvalidPublishedRate(f"--from: {half_year_start!r} is not a date") from exc
    if start.day != 1 or start.month not in (1, 7):
        raise InvalidPublishedRate(f"--from: {start} is not 1 January or 1 July")
    try:
        figure = Decimal(rate.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise InvalidPublishedRate(f"--rate: {rate!r} is not a number") from exc
    if not figure.is_finite() or not (Decimal(0) <= figure < Decimal(100)):
        raise InvalidPublishedRate(f"--rate: {rate!r} is not a percentage")
    if figure != figure.quantize(Decimal("0.01")):
        raise InvalidPublishedRate(
            f"--rate: {rate!r} has more than 2 decimals (BOE figures have 2)"
        )
    boe = boe_id.strip().upper()
    match = BOE_ID.fullmatch(boe)
    if match is None:
        raise InvalidPublishedRate(f"--boe: {boe_id!r} is not a BOE id such as BOE-A-2026-12345")
    # The resolution is published in the last days of the half-year before (late June or
    # December): its year is the half-year's or, for January, the year before.
    if int(match.group(1)) not in (start.year, start.year - 1):
        raise InvalidPublishedRate(f"--boe: {boe} was not published around {start}")
    text = " ".join(resolution.split())
    if not 10 <= len(text) <= 500:
        raise InvalidPublishedRate("--resolution: give the resolution's title (10-500 characters)")
    if start in dict(STATUTORY_RATES):
        raise InvalidPublishedRate(
            f"--from: {start} is in the release already at {dict(STATUTORY_RATES)[start]} %"
        )
    return PublishedRate(start, figure.quantize(Decimal("0.01")), boe, text)


async def add(session: AsyncSession, published: PublishedRate, added_by: str) -> bool:
    """Keep the rate; True if it is new, False if the same figure was there already."""
    inserted = await session.execute(
        pg_insert(published_late_interest_rates)
        .values(
            half_year_start=published.half_year_start,
            rate=published.rate,
            boe_id=published.boe_id,
            resolution=published.resolution,
            added_by=added_by,
        )
        .on_conflict_do_nothing()
        .returning(published_late_interest_rates.c.half_year_start)
    )
    if inserted.first() is not None:
        return True
    row = (
        (
            await session.execute(
                select(published_late_interest_rates).where(
                    published_late_interest_rates.c.half_year_start == published.half_year_start
                )
            )
        )
        .mappings()
        .one()
    )
    if row["rate"] != published.rate or row["boe_id"] != published.boe_id:
        raise InvalidPublishedRate(
            f"--from: {published.half_year_start} was added already at {row['rate']} % "
            f"({row['boe_id']}); a different figure is corrected by a release"
        )
    return False


async def table(
    session: AsyncSession, extra: RateTable = ()
) -> tuple[tuple[dt.date, Decimal], ...]:
    """The release's rates, the environment's (``CARTERA_COLLECTIONS_LATE_INTEREST_RATES``) and the
    ones added here; the release wins over anything added for a half-year it carries."""
    added = await session.execute(
        select(
            published_late_interest_rates.c.half_year_start, published_late_interest_rates.c.rate
        )
    )
    rates = {row.half_year_start: row.rate for row in added}
    rates.update(dict(extra))
    rates.update(dict(STATUTORY_RATES))
    return tuple(sorted(rates.items()))


def missing_rate(half_year_start: dt.date) -> dict[str, str]:
    """What the web app and the API say about a half-year without a rate yet."""
    return {
        "half_year_start": half_year_start.isoformat(),
        "message": (
            f"The statutory late-payment rate for {half_year_name(half_year_start)} is not in "
            "Cartera yet: interest from that day is not computed until it is."
        ),
        "how_to_add": (
            "When the BOE publishes the Resolución of the Secretaría General del Tesoro y "
            f"Financiación Internacional, an operator runs: {CLI} --from "
            f"{half_year_start.isoformat()} --rate <percent> --boe <BOE-A-id> "
            "--resolution '<title>' --by <name> (docs/collections.md)."
        ),
    }


async def _main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m cartera_collections.published_rates")
    commands = parser.add_subparsers(dest="command", required=True)
    adding = commands.add_parser("add", help="add a half-year's rate from its BOE resolution")
    adding.add_argument("--from", dest="half_year_start", required=True, help="2026-07-01")
    adding.add_argument("--rate", required=True, help="percent, as the BOE gives it: 10.15")
    adding.add_argument("--boe", required=True, help="the resolution's BOE id: BOE-A-2026-12345")
    adding.add_argument("--resolution", required=True, help="the resolution's title")
    adding.add_argument("--by", required=True, help="who adds it")
    commands.add_parser("list", help="the rates in force, and where each comes from")
    args = parser.parse_args(argv)
    url = _database_url()
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as connection:
            session = AsyncSession(bind=connection)
            if args.command == "add":
                try:
                    published = check(args.half_year_start, args.rate, args.boe, args.resolution)
                    new = await add(session, published, args.by.strip() or "operator")
                except InvalidPublishedRate as exc:
                    print(f"refused: {exc}", file=sys.stderr)
                    return 2
                print(
                    f"{'added' if new else 'already there'}: {published.half_year_start} "
                    f"{published.rate} % ({published.boe_id})"
                )
            else:
                added = {
                    row.half_year_start: row
                    for row in await session.execute(select(published_late_interest_rates))
                }
                for start, rate in await table(session):
                    source = (
                        f"added {added[start].boe_id} by {added[start].added_by}"
                        if start in added and start not in dict(STATUTORY_RATES)
                        else "release"
                    )
                    print(f"{start} {rate} % {source}")
    finally:
        await engine.dispose()
    return 0


def _database_url() -> str:
    url = os.environ.get("CARTERA_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("CARTERA_DATABASE_URL is not set (the collections schema owner's URL)")
    return url


if __name__ == "__main__":
    sys.exit(asyncio.run(_main(sys.argv[1:])))
