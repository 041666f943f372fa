"""Command line of the loader: ``scripts/load_exports.py`` / ``iot-load-exports``."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import botocore.exceptions as bce

from iot_facts import settings
from iot_facts.loader import speedups
from iot_facts.loader.exit_codes import ExitCode
from iot_facts.loader.layouts import FORMATS
from iot_facts.loader.lock import LockTimeoutError
from iot_facts.loader.stores import LocalStore, S3Access, S3Store, parse_s3_url
from iot_facts.loader.sync import Loader, NothingToLoadError, Options, Summary

# the numbers from the enum the command returns; the text as the help has always shown it
_EXIT_CODES = (
    "exit codes:\n"
    f"  {ExitCode.OK}  every object is staged (or unchanged)\n"
    f"  {ExitCode.QUARANTINED}  the run completed, but some files were quarantined or keys refused"
    " (see the manifest)\n"
    f"  {ExitCode.USAGE}  usage, credentials, bucket, endpoint or prefix error, or another loader"
    " holds the\n"
    "     landing directory's lock (see --lock-timeout): nothing was written\n"
    f"  {ExitCode.FAILED}  some downloads failed after retries: finished files are staged, re-run"
    " to resume\n"
    f"  {ExitCode.INTERRUPTED} interrupted: finished files are staged and recorded, re-run to"
    " resume\n"
)

EPILOG = f"""examples:
  # a Haltian bucket with an AWS SSO profile
  %(prog)s --source s3://haltian-parquet-exports-prod/ --profile haltian-sso
  # cross-account access through the IAM role Haltian granted to your account
  %(prog)s --source s3://haltian-parquet-exports-prod/ \\
      --role-arn arn:aws:iam::123456789012:role/haltian-export-reader --region eu-west-1
  # only October 2026's occupancy and devices, listing what would be fetched
  %(prog)s --source s3://bucket/ --since 2026-10-01 --until 2026-11-01 \\
      --entities measurementOccupancyStatus,device,devices --dry-run
  # a local S3 endpoint (moto, seaweedfs, MinIO) and a machine-readable summary
  %(prog)s --source s3://demo/ --endpoint-url http://127.0.0.1:5000 --json
  # a directory laid out like the bucket
  %(prog)s --source ./data/sample-export --dest ./data/landing

{_EXIT_CODES}
The manifest is IOT_LANDING_DIR/_manifest/manifest.parquet: one row per object ever seen.
Credentials come from the standard AWS chain (environment, profile/SSO, instance role) and are
never logged or written.
"""


def _timestamp(value: str) -> datetime:
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(value.rstrip("Z"), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a UTC date or time (YYYY-MM-DD[THH:MM]): {value!r}")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds >= 0: {value!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Copy Haltian IoT Data API exports (legacy and v1 exporters) and AWS IoT "
        "SiteWise cold-tier exports (Avro and NDJSON, staged converted to Parquet) from S3 or a "
        "directory into the local landing directory that dbt reads. Incremental (only new or "
        "changed objects are fetched), parallel, atomic (no partial files), and validated: "
        "corrupt files are quarantined, unknown folders staged and flagged, unsafe keys refused.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--source",
        required=True,
        help="s3://BUCKET/PREFIX, or a local directory laid out like the bucket",
    )
    parser.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="landing directory (default: $IOT_LANDING_DIR, else data/landing)",
    )
    aws = parser.add_argument_group("AWS access (S3 sources only)")
    aws.add_argument(
        "--endpoint-url",
        default=None,
        help="S3 endpoint, e.g. http://127.0.0.1:5000 (default: "
        "$AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL, else AWS)",
    )
    aws.add_argument(
        "--profile",
        default=None,
        help="AWS shared-config profile, including SSO profiles (default: the "
        "standard credential chain)",
    )
    aws.add_argument(
        "--role-arn",
        default=None,
        help="assume this IAM role first (cross-account access); credentials are "
        "refreshed automatically during long syncs",
    )
    aws.add_argument("--external-id", default=None, help="external id for --role-arn, if required")
    aws.add_argument(
        "--region", default=None, help="AWS region (default: from the profile/environment)"
    )
    sel = parser.add_argument_group("selection")
    sel.add_argument(
        "--since",
        type=_timestamp,
        default=None,
        help="only files whose export window ends after this UTC time",
    )
    sel.add_argument(
        "--until",
        type=_timestamp,
        default=None,
        help="only files whose export window starts before this UTC time",
    )
    sel.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="export layouts to load: auto (default) takes each key by the first layout that "
        "recognizes it, Haltian, then AWS IoT SiteWise cold tier, then AWS IoT Core (S3 action "
        "and Firehose objects); haltian, sitewise or iot_core loads only that one (other keys "
        "are staged as unknown_entity)",
    )
    sel.add_argument(
        "--entities",
        default=None,
        help="comma-separated folders (measurementCO2, device, devices, raw, agg, "
        "asset_metadata) or dataset names (co2, devices, sitewise_raw); default: everything",
    )
    run = parser.add_argument_group("run")
    run.add_argument(
        "--workers",
        type=_positive,
        default=16,
        help="parallel downloads (threads) in each process (default 16)",
    )
    run.add_argument(
        "--processes",
        type=_positive,
        default=None,
        help="worker processes that download and validate; each runs --workers threads. "
        "Default: one per CPU (at most 8) when at least 500 files are to be fetched, else 1 (in "
        "this process). More than one uses more cores: a download is CPU-bound Python work",
    )
    run.add_argument(
        "--dry-run", action="store_true", help="list what would be fetched; write nothing"
    )
    run.add_argument(
        "--verify",
        action="store_true",
        help="re-check every staged file (exists, size, readable, schema) and "
        "fetch again those that fail",
    )
    run.add_argument(
        "--lock-timeout",
        type=_seconds,
        default=60.0,
        help="seconds to wait while another loader holds the landing directory's lock "
        "(IOT_LANDING_DIR/_manifest/.lock) before giving up with exit code "
        f"{ExitCode.USAGE} (default 60)",
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument(
        "--quiet", action="store_true", help="print only warnings, errors and a one-line summary"
    )
    out.add_argument(
        "--json",
        action="store_true",
        help="print the summary as one JSON object on stdout (no progress)",
    )
    return parser


def _redact(url: str | None) -> str | None:
    return re.sub(r"//[^/@]+@", "//***@", url) if url else url


class _Progress:
    """A tqdm bar on a terminal; otherwise a plain log line every few seconds."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.last = 0.0
        self.began = time.monotonic()

    def __call__(self, total: int, total_bytes: int, done: int, done_bytes: int) -> None:
        if not self.enabled or total == 0:
            return
        if sys.stderr.isatty():
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
            self.bar.n = done
            elapsed = max(time.monotonic() - self.began, 1e-6)
            self.bar.set_postfix_str(
                f"{done_bytes / 1e6:.1f}/{total_bytes / 1e6:.1f} MB, "
                f"{done_bytes / 1e6 / elapsed:.1f} MB/s",
                refresh=True,
            )
            return
        now = time.monotonic()
        if done in (0, total) or now - self.last >= 5:
            self.last = now
            rate = done / max(now - self.began, 1e-6)
            print(
                f"fetched {done}/{total} files, {done_bytes / 1e6:.1f}/"
                f"{total_bytes / 1e6:.1f} MB, {rate:.0f} files/s",
                file=sys.stderr,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _some(names: list[str], shown: int = 10) -> str:
    """At most ``shown`` names, then how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _report(summary: Summary, args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps({**asdict(summary), "exit_code": summary.exit_code}, default=str))
        return
    if summary.dry_run:
        if not args.quiet:
            for key in summary.would_fetch:
                print(f"would fetch {key}")
        print(
            f"dry run: {len(summary.would_fetch)} of {summary.listed} objects would be fetched "
            f"({summary.new} new, {summary.changed} changed, {summary.unchanged} unchanged, "
            f"{summary.skipped_by_filter} outside the selection)"
        )
        return
    for line in summary.problems:
        print(line, file=sys.stderr)
    if summary.unknown_folders:
        print(
            f"{len(summary.unknown_folders)} unknown folders (staged as unknown_entity, not "
            f"read by dbt): {_some(sorted(summary.unknown_folders))}",
            file=sys.stderr,
        )
    if summary.deleted_upstream:
        print(
            f"{len(summary.deleted_upstream)} keys deleted upstream since the last full run "
            f"(local copies kept, deleted_at set in the manifest): "
            f"{_some(summary.deleted_upstream)}",
            file=sys.stderr,
        )
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) or "nothing new"
    rate = summary.bytes_fetched / 1e6 / max(summary.seconds, 1e-6)
    print(
        f"{summary.listed} objects listed, {summary.fetched} fetched "
        f"({summary.bytes_fetched / 1e6:.1f} MB, {rate:.1f} MB/s), {summary.unchanged} "
        f"unchanged, {summary.skipped_by_filter} outside the selection, {summary.failed} "
        f"failed; staged: {statuses}; {summary.seconds:.1f} s -> {summary.dest}"
    )


def console() -> int:
    """The command's entry point: ``main`` in a process of its own."""
    speedups.freeze_imports()  # what is imported by now lives until exit (speedups.py)
    return main()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if (args.quiet or args.json) else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("botocore").setLevel(logging.WARNING)  # never log requests or credentials
    dest = settings.landing_dir(str(args.dest) if args.dest else None)
    options = Options(
        since=args.since,
        until=args.until,
        entities=frozenset(e.strip() for e in args.entities.split(",")) if args.entities else None,
        workers=args.workers,
        processes=args.processes,
        dry_run=args.dry_run,
        verify=args.verify,
        lock_timeout=args.lock_timeout,
        format=args.format,
    )
    try:
        if args.source.startswith("s3://"):
            bucket, prefix = parse_s3_url(args.source)
            access = S3Access(args.profile, args.role_arn, args.external_id, args.region)
            store = S3Store(access, bucket, prefix, args.endpoint_url, args.workers)
            store.check_access()
        else:
            store = LocalStore(Path(args.source))
        progress = _Progress(enabled=not (args.quiet or args.json or args.dry_run))
        try:
            summary = Loader(store, dest, options, progress).run()
        finally:
            progress.close()
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except (bce.NoCredentialsError, bce.PartialCredentialsError):
        print(
            "error: no AWS credentials found (set AWS_PROFILE / --profile, run `aws sso login`, "
            "or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    except bce.ClientError as error:
        code = error.response.get("Error", {}).get("Code", "?")
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        hint = {
            "404": "bucket does not exist",
            "NoSuchBucket": "bucket does not exist",
            "403": "access denied or credentials invalid/expired",
            "AccessDenied": "access denied",
            "InvalidAccessKeyId": "invalid access key",
            "SignatureDoesNotMatch": "wrong secret key",
            "ExpiredToken": "credentials expired",
        }.get(code, error.response.get("Error", {}).get("Message", ""))
        print(
            f"error: S3 refused access to {args.source}: {code} (HTTP {status}): {hint}",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    except bce.EndpointConnectionError:
        print(
            f"error: cannot reach the S3 endpoint {_redact(args.endpoint_url) or 'of AWS'}",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    except (
        bce.BotoCoreError,
        NothingToLoadError,
        LockTimeoutError,
        FileNotFoundError,
        ValueError,
    ) as error:
        print(f"error: {error}", file=sys.stderr)
        return ExitCode.USAGE
    _report(summary, args)
    return summary.exit_code
