"""Write an AWS IoT Core vehicle "breadcrumbs" export tree the way the blog's three actions do.

Every event the rule emits lands three times under ``prefix`` (default ``iot/iotfleet/``):

- ``firehose/YYYY/MM/DD/HH/iotfleet-1-YYYY-MM-DD-HH-MM-SS-{uuid}``: Firehose batches of 5-15
  minutes of arrivals, cut at the hour, one event per line; one batch is gzipped (``.gz``) and one
  was written while the rule's Firehose action had no separator (all events on one line);
- ``s3/{thingName}/{epochMillis}``: the direct S3 action, one event per object;
- ``s3p/thingname={thingName}/{epochMillis}``: the same with a Hive partition name.

The millis are the rule's ``${timestamp()}``, a little after the shadow's own timestamp.
Run ``python -m iot_facts.generator.iot_core --help``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import random
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from iot_facts.generator.fleet import Episode, Reading, build_fleet, episodes, epoch, simulate
from iot_facts.generator.shadow import initial_shadow, rule_output
from iot_facts.iot_core.paths import direct_key, firehose_key

STREAM = "iotfleet"  # the blog's delivery stream
STREAM_VERSION = 1
FLAT_SHARE = 0.03  # events forwarded from update/accepted (the flat shape)


@dataclass(frozen=True)
class Delivered:
    """One rule output and when each action handled it."""

    thing_name: str
    version: int
    rule_millis: int  # ${timestamp()}: names the direct objects
    firehose_millis: int  # arrival at Firehose: decides the batch
    text: str


@dataclass
class IotCoreExportSummary:
    out: Path
    prefix: str
    things: list[str]
    events: int = 0
    flat_events: int = 0
    objects: dict[str, int] = field(default_factory=dict)  # firehose | s3 | s3p -> objects
    bytes_written: int = 0
    gzipped_key: str | None = None
    no_separator_key: str | None = None
    episodes: list[Episode] = field(default_factory=list)  # speeding and cold-chain, as planted


def _events(
    start: datetime,
    days: int,
    vehicles: int,
    seed: int,
    summary: IotCoreExportSummary,
    until: datetime | None = None,
) -> list[Delivered]:
    rng = random.Random(f"{seed}:delivery")  # noqa: S311  # sample data, not secrets
    delivered = []
    cut = epoch(until) if until else None
    for vehicle in build_fleet(vehicles, seed):
        readings = [r for r in simulate(vehicle, start, days, seed) if cut is None or r.at < cut]
        if not readings:
            continue
        summary.episodes += episodes(readings)
        evening = dataclasses.replace(readings[0], at=epoch(start) - rng.randint(8, 12) * 3600)
        shadow = initial_shadow(vehicle, rng.randint(1_000, 60_000), _parked(evening))
        for reading in readings:
            flat = rng.random() < FLAT_SHARE
            text = rule_output(vehicle.thing_name, shadow.update(reading, flat=flat), flat=flat)
            rule_millis = reading.at * 1000 + rng.randint(20, 900)
            delivered.append(
                Delivered(
                    vehicle.thing_name,
                    shadow.version,
                    rule_millis,
                    rule_millis + rng.randint(50, 1_500),
                    text,
                )
            )
            summary.flat_events += flat
    summary.events = len(delivered)
    return delivered


def _parked(reading: Reading) -> Reading:
    return dataclasses.replace(reading, speed_kmh=0, ignition=False, address=None)


def _batches(delivered: list[Delivered], rng: random.Random) -> list[list[Delivered]]:
    """Group by Firehose arrival: a buffer interval of 5-15 minutes, never across an hour."""
    batches: list[list[Delivered]] = []
    closes = 0
    for event in sorted(delivered, key=lambda e: (e.firehose_millis, e.thing_name)):
        first = batches[-1][0].firehose_millis if batches else 0
        if (
            not batches
            or event.firehose_millis >= closes
            or event.firehose_millis // 3_600_000 != first // 3_600_000
        ):
            batches.append([])
            closes = event.firehose_millis + rng.randint(300, 900) * 1000
        batches[-1].append(event)
    return batches


def _put(out: Path, key: str, data: bytes, summary: IotCoreExportSummary, path: str) -> None:
    target = out / key
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    summary.objects[path] = summary.objects.get(path, 0) + 1
    summary.bytes_written += len(data)


def write_iot_core_export(
    out: Path,
    *,
    seed: int = 42,
    start: datetime = datetime(2026, 10, 5, tzinfo=UTC),  # a Monday
    days: int = 1,
    vehicles: int = 8,
    prefix: str = "iot/iotfleet/",
    progress: Callable[[str], None] | None = None,
    until: datetime | None = None,
) -> IotCoreExportSummary:
    """Write the export under ``out`` (the bucket root); the same arguments give the same bytes.

    Readings at or after ``until`` are left out (an export that ends now).
    """
    say = progress or (lambda _message: None)
    summary = IotCoreExportSummary(out, prefix, [f"iotfleet_{n}" for n in range(1, vehicles + 1)])
    say(f"simulating {vehicles} vehicles for {days} day(s) from {start:%Y-%m-%d}")
    delivered = _events(start, days, vehicles, seed, summary, until)
    say(f"writing {len(delivered):,} events as direct S3 objects (s3/ and s3p/)")
    for event in delivered:
        data = event.text.encode("utf-8")
        for path, hive in (("s3", False), ("s3p", True)):
            key = direct_key(f"{prefix}{path}/", event.thing_name, event.rule_millis, hive=hive)
            _put(out, key, data, summary, path)
    rng = random.Random(f"{seed}:firehose")  # noqa: S311  # sample data, not secrets
    batches = _batches(delivered, rng)
    say(f"writing {len(batches)} Firehose batches")
    special = rng.sample(range(len(batches)), min(2, len(batches)))
    for index, batch in enumerate(batches):
        created = datetime.fromtimestamp(batch[0].firehose_millis // 1000, tz=UTC)
        gz = special[:1] == [index]
        key = firehose_key(
            f"{prefix}firehose/",
            STREAM,
            STREAM_VERSION,
            created,
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            gz=gz,
        )
        if special[1:] == [index]:  # the rule's Firehose action had no separator then
            data = "".join(event.text for event in batch).encode("utf-8")
            summary.no_separator_key = key
        else:
            data = "".join(f"{event.text}\n" for event in batch).encode("utf-8")
        if gz:  # mtime 0: the same arguments give the same bytes
            data = gzip.compress(data, mtime=0)
            summary.gzipped_key = key
        _put(out, key, data, summary, "firehose")
    return summary


def _date(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m iot_facts.generator.iot_core",
        description="Write a deterministic AWS IoT Core export of vehicle breadcrumbs (device "
        "shadow update/documents events) as the three rule actions of the AWS blog post store "
        "it: Firehose batches (one gzipped, one without separators), direct S3 objects, and "
        "Hive-partitioned direct S3 objects. The same arguments always produce the same bytes.",
    )
    parser.add_argument("--out", type=Path, required=True, help="directory that plays the bucket")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--start",
        type=_date,
        default=datetime(2026, 10, 5, tzinfo=UTC),
        help="first day, UTC, YYYY-MM-DD (default 2026-10-05)",
    )
    parser.add_argument("--days", type=int, default=1, help="days of data (default 1)")
    parser.add_argument("--vehicles", type=int, default=8, help="vehicles (default 8)")
    parser.add_argument(
        "--prefix", default="iot/iotfleet/", help="key prefix (default iot/iotfleet/)"
    )
    parser.add_argument("--clean", action="store_true", help="delete --out first")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.days < 1 or args.vehicles < 1:
        raise SystemExit("--days and --vehicles must be at least 1")
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    began = time.monotonic()
    summary = write_iot_core_export(
        args.out,
        seed=args.seed,
        start=args.start,
        days=args.days,
        vehicles=args.vehicles,
        prefix=args.prefix,
        progress=None if args.json else lambda message: print(message, file=sys.stderr),
    )
    seconds = round(time.monotonic() - began, 1)
    if args.json:
        result = dataclasses.asdict(summary)
        print(json.dumps({**result, "out": str(summary.out), "seconds": seconds}, indent=2))
    else:
        print(
            f"wrote {sum(summary.objects.values()):,} objects ({summary.events:,} events, "
            f"{summary.bytes_written / 1e6:.1f} MB) to {args.out} in {seconds} s: "
            f"{summary.objects}; gzipped {summary.gzipped_key}; "
            f"no separator {summary.no_separator_key}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
