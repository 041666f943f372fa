"""Command line for the sample-export generator."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from iot_facts.generator.sitewise import SiteWiseSpec, write_sitewise_export
from iot_facts.generator.writer import ExportSpec, write_export

EPILOG = """examples:
  # the bundled demo export: ~100 devices, 7 days, legacy days 0-5 and v1 days 3-7 (overlap 3-5)
  %(prog)s --out data/sample-export
  # only the v1 exporter, 2 days, 20 devices
  %(prog)s --out /tmp/v1-only --days 2 --devices 20 --legacy-days none
  # a benchmark-sized export: 2,000 devices, 30 days, 4x the default event rates
  %(prog)s --out /data/bench --devices 2000 --days 30 --scale 4
  # the demo's bucket: the Haltian export, and an AWS IoT SiteWise cold-tier export (a wind
  # farm, 2 days) under out/sitewise/
  %(prog)s --out data/sample-export --format all
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
        choices=("haltian", "sitewise", "all"),
        default="haltian",
        help="which exports to write: Haltian (default), an AWS IoT SiteWise cold tier, or both",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--start",
        type=_date,
        default=datetime(2026, 10, 5, tzinfo=UTC),
        help="first day, UTC, YYYY-MM-DD (default 2026-10-05, a Monday)",
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
    parser.add_argument(
        "--clean",
        action="store_true",
        help="delete --out first (otherwise files are overwritten in place)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def _sitewise(args: argparse.Namespace) -> dict[str, object]:
    began = time.monotonic()
    summary = write_sitewise_export(
        SiteWiseSpec(
            out=args.out,
            seed=args.seed,
            start=args.start,
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    sitewise = _sitewise(args) if args.format in ("sitewise", "all") else None
    if args.format == "sitewise":
        if args.json:
            print(json.dumps({"out": str(args.out), "sitewise": sitewise}, indent=2))
        else:
            print(_sitewise_line(args.out, sitewise))  # type: ignore[arg-type]
        return 0
    return _haltian(args, sitewise)


def _sitewise_line(out: Path, result: dict[str, object]) -> str:
    files: dict[str, int] = result["files"]  # type: ignore[assignment]
    return (
        f"wrote {sum(files.values())} SiteWise files ({result['bytes'] / 1e6:.1f} MB) to "  # type: ignore[operator]
        f"{out / str(result['prefix'])} in {result['seconds']} s; files by folder {files}"
    )


def _haltian(args: argparse.Namespace, sitewise: dict[str, object] | None) -> int:
    spec = ExportSpec(
        out=args.out,
        seed=args.seed,
        start=args.start,
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
    if sitewise is not None:
        result["sitewise"] = sitewise
    if args.json:
        print(json.dumps({**result, "rows_by_folder": summary.rows}, indent=2))
    else:
        if sitewise is not None:
            print(_sitewise_line(args.out, sitewise))
        print(
            f"wrote {sum(summary.files.values())} files ({result['rows']:,} rows, "
            f"{summary.bytes_written / 1e6:.1f} MB) to {args.out} in {result['seconds']} s; "
            f"files by exporter {summary.files}, empty {summary.empty_files}"
        )
    return 0
