"""Command line for the sample-export generator."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from iot_facts.generator.fleet import HELSINKI
from iot_facts.generator.iot_core import write_iot_core_export
from iot_facts.generator.sitewise import SiteWiseSpec, write_sitewise_export
from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.sitewise.paths import WINDOW

EPILOG = """examples:
  # the bundled demo export: ~100 devices, 7 days, legacy days 0-5 and v1 days 3-7 (overlap 3-5)
  %(prog)s --out data/sample-export
  # only the v1 exporter, 2 days, 20 devices
  %(prog)s --out /tmp/v1-only --days 2 --devices 20 --legacy-days none
  # a benchmark-sized export: 2,000 devices, 30 days, 4x the default event rates
  %(prog)s --out /data/bench --devices 2000 --days 30 --scale 4
  # the demo's bucket: the Haltian export, an AWS IoT SiteWise cold-tier export (a wind farm,
  # 2 days) under out/sitewise/ and AWS IoT Core fleet breadcrumbs (8 vehicles, 1 day) under
  # out/iot/iotfleet/{firehose,s3,s3p}/
  %(prog)s --out data/sample-export --format all
  # only the fleet: 12 vehicles, 2 days
  %(prog)s --out /tmp/fleet --format iot_core --vehicles 12 --fleet-days 2
  # only the SiteWise export, 6 turbines, 3 days, under another key prefix
  %(prog)s --out /tmp/sw --format sitewise --sitewise-days 3 --turbines 6 --sitewise-prefix cold
"""


def _days(value: str) -> tuple[int, int] | None:
    if value.lower() == "none":
        return None
    first, _, last = value.partition("-")
    return int(first), int(last)


def _date(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)


def _end(value: str) -> datetime:
    if value.lower() == "now":
        return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return datetime.strptime(value, "%Y-%m-%dT%H").replace(tzinfo=UTC)


def _fleet_window(args: argparse.Namespace) -> tuple[datetime, int, datetime | None]:
    """(start, days, until) of the fleet: from --start, or the last --fleet-days local days
    before --end plus the current one, cut at --end (vehicles drive by the local clock)."""
    if args.end is None:
        return args.start, args.fleet_days, None
    local_midnight = args.end.astimezone(HELSINKI).replace(hour=0)
    start = (local_midnight - timedelta(days=args.fleet_days)).astimezone(UTC)
    return start, args.fleet_days + 1, args.end


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Write a deterministic Haltian IoT Data API export tree (legacy and v1 "
        "exporters) for an office-like organization: the bucket layout, file names, schemas, "
        "footer metadata and quirks (empty files, duplicates, out-of-order and late rows) of the "
        "real exports. The same arguments always produce the same data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="directory that plays the bucket root (Haltian files go under out/parquet/, "
        "SiteWise files under out/SITEWISE_PREFIX/)",
    )
    parser.add_argument(
        "--format",
        choices=("haltian", "sitewise", "iot_core", "all"),
        default="haltian",
        help="which exports to write: Haltian (default), an AWS IoT SiteWise cold tier, AWS "
        "IoT Core vehicle breadcrumbs (S3 and Firehose), or all three",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--start",
        type=_date,
        default=datetime(2026, 10, 5, tzinfo=UTC),
        help="first day, UTC, YYYY-MM-DD (default 2026-10-05, a Monday)",
    )
    parser.add_argument(
        "--end",
        type=_end,
        default=None,
        help="end every export at this UTC hour instead of starting at --start: 'now' (the "
        "current hour) or YYYY-MM-DDTHH; each format keeps its length in days, SiteWise ending at "
        "the last six-hour window closed by then (the demo uses now, so source freshness passes "
        "and 'last week' has data)",
    )
    parser.add_argument("--days", type=int, default=7, help="days of data (default 7)")
    parser.add_argument(
        "--devices",
        type=int,
        default=100,
        help="physical devices; device groups come on top (default 100)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplier on every event rate, for benchmarks (default 1.0)",
    )
    parser.add_argument(
        "--legacy-days",
        type=_days,
        default=(0, 5),
        metavar="FIRST-END",
        help="days the legacy exporter covers, half-open, or 'none' (default 0-5)",
    )
    parser.add_argument(
        "--v1-days",
        type=_days,
        default=(3, 7),
        metavar="FIRST-END",
        help="days the v1 exporter covers, half-open, or 'none' (default 3-7)",
    )
    parser.add_argument(
        "--measurements",
        default=None,
        help="comma-separated measurement types to generate (default: all)",
    )
    sitewise = parser.add_argument_group("AWS IoT SiteWise cold tier (--format sitewise or all)")
    sitewise.add_argument(
        "--sitewise-prefix",
        default="sitewise/",
        help="key prefix of the SiteWise export inside --out (default sitewise/)",
    )
    sitewise.add_argument(
        "--sitewise-days",
        type=int,
        default=2,
        help="days of SiteWise data from --start (default 2; --days is the Haltian export's)",
    )
    sitewise.add_argument(
        "--turbines", type=int, default=4, help="wind turbines in the farm (default 4)"
    )
    fleet = parser.add_argument_group("AWS IoT Core breadcrumbs (--format iot_core or all)")
    fleet.add_argument(
        "--iot-core-prefix",
        default="iot/iotfleet/",
        help="key prefix of the IoT Core export inside --out (default iot/iotfleet/)",
    )
    fleet.add_argument(
        "--fleet-days", type=int, default=1, help="days of fleet data from --start (default 1)"
    )
    fleet.add_argument("--vehicles", type=int, default=8, help="vehicles (default 8)")
    parser.add_argument(
        "--clean",
        action="store_true",
        help="delete --out first (otherwise files are overwritten in place)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def _last_window_end(end: datetime) -> datetime:
    """The end of the last six-hour SiteWise window closed by `end`: the cold tier writes a
    window's files once it has closed, so an export ending now holds no file reaching past now."""
    midnight = end.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + (end - midnight) // WINDOW * WINDOW


def _sitewise(args: argparse.Namespace) -> dict[str, object]:
    began = time.monotonic()
    summary = write_sitewise_export(
        SiteWiseSpec(
            out=args.out,
            seed=args.seed,
            start=_last_window_end(args.end) - timedelta(days=args.sitewise_days)
            if args.end
            else args.start,
            days=args.sitewise_days,
            turbines=args.turbines,
            prefix=args.sitewise_prefix,
        )
    )
    return {
        "prefix": args.sitewise_prefix,
        "files": summary.files,
        "records": summary.records,
        "bytes": summary.bytes_written,
        "seconds": round(time.monotonic() - began, 1),
    }


def _iot_core(args: argparse.Namespace) -> dict[str, object]:
    began = time.monotonic()
    start, days, until = _fleet_window(args)
    summary = write_iot_core_export(
        args.out,
        seed=args.seed,
        start=start,
        days=days,
        until=until,
        vehicles=args.vehicles,
        prefix=args.iot_core_prefix,
    )
    return {
        "prefix": args.iot_core_prefix,
        "files": summary.objects,
        "events": summary.events,
        "bytes": summary.bytes_written,
        "seconds": round(time.monotonic() - began, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    chosen = ("haltian", "sitewise", "iot_core") if args.format == "all" else (args.format,)
    others: dict[str, dict[str, object]] = {}
    if "sitewise" in chosen:
        others["sitewise"] = _sitewise(args)
    if "iot_core" in chosen:
        others["iot_core"] = _iot_core(args)
    if "haltian" in chosen:
        return _haltian(args, others)
    if args.json:
        print(json.dumps({"out": str(args.out), **others}, indent=2))
    else:
        for name, result in others.items():
            print(_other_line(name, args.out, result))
    return 0


def _other_line(name: str, out: Path, result: dict[str, object]) -> str:
    files: dict[str, int] = result["files"]  # type: ignore[assignment]
    title = {"sitewise": "SiteWise", "iot_core": "IoT Core"}[name]
    return (
        f"wrote {sum(files.values())} {title} files ({result['bytes'] / 1e6:.1f} MB) to "  # type: ignore[operator]
        f"{out / str(result['prefix'])} in {result['seconds']} s; files by folder {files}"
    )


def _haltian(args: argparse.Namespace, others: dict[str, dict[str, object]]) -> int:
    spec = ExportSpec(
        out=args.out,
        seed=args.seed,
        start=args.end - timedelta(days=args.days) if args.end else args.start,
        days=args.days,
        devices=args.devices,
        scale=args.scale,
        legacy_days=args.legacy_days,
        v1_days=args.v1_days,
        measurement_types=tuple(args.measurements.split(",")) if args.measurements else None,
    )
    began = time.monotonic()
    quiet = args.json or not sys.stderr.isatty()
    summary = write_export(spec, progress=None if quiet else lambda m: print(m, file=sys.stderr))
    result = {
        "out": str(args.out),
        "organization_id": summary.organization_id,
        "files": summary.files,
        "empty_files": summary.empty_files,
        "rows": sum(summary.rows.values()),
        "bytes": summary.bytes_written,
        "seconds": round(time.monotonic() - began, 1),
    }
    result.update(others)
    if args.json:
        print(json.dumps({**result, "rows_by_folder": summary.rows}, indent=2))
    else:
        for name, other in others.items():
            print(_other_line(name, args.out, other))
        print(
            f"wrote {sum(summary.files.values())} files ({result['rows']:,} rows, "
            f"{summary.bytes_written / 1e6:.1f} MB) to {args.out} in {result['seconds']} s; "
            f"files by exporter {summary.files}, empty {summary.empty_files}"
        )
    return 0
