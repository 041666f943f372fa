"""Scale benchmark: loader, full and incremental dbt builds, against pandas and hand-written DuckDB.

For each size (occupancy events of history, 2,000 devices by default) it generates a v1 export
with the project's generator, then measures in one run on the same files:

  loader        scripts/load_exports.py from a local directory into an empty landing dir
  full build    dbt build (every model and test) into an empty warehouse: wall time, peak RSS
  occupancy     the occupancy chain alone, raw files to intervals: its staging model (typing,
                de-duplication) and fct_occupancy_intervals, --full-refresh
  hand duckdb   one hand-written lead() query over the same files (bench/alternatives.py)
  pandas        the Haltian docs' recipe over the same files (bench/alternatives.py)
  incremental   one more hour of files: loader, then the hourly job (dbt build --selector
                hourly), then the nightly build (dbt build, every test, including the
                incremental facts == their full recompute)

and checks that all three agree on occupied seconds per device. Prints a table and writes
bench/results/<date>.json and .md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
from dataset import Size, ensure_export, link_files, plan
from measure import Measurement, run_measured

from iot_facts.haltian.paths import parse_key

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OCCUPANCY_MODEL = "fct_occupancy_intervals"
# From raw files to occupancy intervals: typing and de-duplication, then the intervals.
OCCUPANCY_CHAIN = (
    "stg_haltian__occupancy_status_measurement_rows",  # typing, checks, de-duplication
    "stg_haltian__occupancy_status_measurements",  # a view of the kept rows
    OCCUPANCY_MODEL,
)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


class Bench:
    """One size's working directory and the commands run against it."""

    def __init__(self, size: Size, work: Path, args: argparse.Namespace) -> None:
        self.size = size
        self.dir = work / size.label
        self.source = self.dir / "source"
        self.landing = self.dir / "landing"
        self.warehouse = self.dir / "warehouse.duckdb"
        self.target = self.dir / "target"
        self.args = args
        self.env = {
            "DBT_PROFILES_DIR": str(ROOT),
            "IOT_LANDING_DIR": str(self.landing),
            "IOT_DUCKDB_PATH": str(self.warehouse),
            "IOT_DBT_THREADS": str(args.threads),
            "IOT_DUCKDB_MEMORY_LIMIT": args.memory_limit,
        }

    def reset(self) -> None:
        for path in (self.source, self.landing, self.target):
            shutil.rmtree(path, ignore_errors=True)
        for path in (self.warehouse, self.warehouse.with_suffix(".duckdb.wal")):
            path.unlink(missing_ok=True)

    def load(self) -> Measurement:
        return run_measured(
            [
                str(BIN / "python"),
                str(ROOT / "scripts" / "load_exports.py"),
                "--source",
                str(self.source),
                "--dest",
                str(self.landing),
                "--quiet",
            ],
            env=self.env,
        )

    def dbt(self, *args: str, target: Path | None = None) -> tuple[Measurement, dict[str, float]]:
        """Run dbt (its target directory `target`, default the bench's); return the
        measurement and each node's execution time."""
        target = target or self.target
        measurement = run_measured(
            [str(BIN / "dbt"), *args, "--target-path", str(target), "--no-use-colors"],
            env=self.env,
            cwd=ROOT,
        )
        results = json.loads((target / "run_results.json").read_text())
        nodes = {r["unique_id"]: r["execution_time"] for r in results["results"]}
        return measurement, nodes

    def alternative(self, method: str, watermark: datetime) -> tuple[Measurement, dict[str, Any]]:
        measurement = run_measured(
            [
                str(BIN / "python"),
                str(ROOT / "bench" / "alternatives.py"),
                method,
                "--landing",
                str(self.landing),
                "--watermark",
                watermark.isoformat(),
                "--out",
                str(self.dir / f"{method}.parquet"),
                "--threads",
                str(self.args.threads),
                "--memory-limit",
                self.args.memory_limit,
            ]
        )
        return measurement, json.loads(measurement.stdout.strip().splitlines()[-1])

    def occupancy_watermark(self) -> datetime:
        """Latest window end of the staged occupancy files: the project's watermark rule."""
        ends = [
            parsed.window_end
            for path in self.landing.rglob("*.parquet")
            if (parsed := parse_key(path.relative_to(self.landing).as_posix()))
            and parsed.folder == "measurementOccupancyStatus"
        ]
        return max(ends)

    def agreement(self, with_pandas: bool) -> dict[str, Any]:
        """Compare occupied seconds per device: ours, hand-written DuckDB and pandas."""
        con = duckdb.connect()
        con.execute(f"attach '{self.warehouse}' as wh (read_only)")
        pandas_join = (
            f"full join read_parquet('{self.dir}/pandas.parquet') as p using (device_id)"
            if with_pandas
            else "left join (select null::varchar as device_id, null::double as occupied_seconds)"
            " as p using (device_id)"
        )
        row = con.execute(
            f"""
            with ours as (
                select device_id, sum(duration_seconds) filter (where is_occupied) as s
                from wh.marts.{OCCUPANCY_MODEL} group by device_id
            )
            select
                count(*) as devices,
                count(*) filter (where abs(coalesce(o.s, 0) - coalesce(h.occupied_seconds, 0))
                    < 0.001) as ours_eq_hand,
                max(abs(coalesce(o.s, 0) - coalesce(h.occupied_seconds, 0))) as ours_hand_max_diff,
                count(*) filter (where abs(coalesce(p.occupied_seconds, 0)
                    - coalesce(h.occupied_seconds_1h_fill, 0)) < 0.001) as pandas_eq_hand_1h,
                count(*) filter (where abs(coalesce(p.occupied_seconds, 0) - coalesce(o.s, 0))
                    < 0.001) as pandas_eq_ours,
                sum(coalesce(o.s, 0)) as ours_total,
                sum(coalesce(p.occupied_seconds, 0)) as pandas_total
            from ours as o
            full join read_parquet('{self.dir}/duckdb.parquet') as h using (device_id)
            {pandas_join}
            """
        ).fetchone()
        names = [d[0] for d in con.description]
        return dict(zip(names, row, strict=True))


def run_size(size: Size, args: argparse.Namespace) -> dict[str, Any]:
    bench = Bench(size, args.work, args)
    log(f"{size.label}: {size.days} days, {size.devices} devices, scale {size.scale}")
    export, generated = ensure_export(size, bench.dir)
    log(f"{size.label}: export {'generated' if generated else 'reused'} at {export}")
    bench.reset()
    history = link_files(export, bench.source, None, size.cut)
    result: dict[str, Any] = {"size": size.__dict__, "history_files": history}

    log(f"{size.label}: loader ({history} files)")
    result["loader"] = asdict_m(bench.load())
    log(f"{size.label}: full dbt build")
    full, nodes = bench.dbt("build")
    result["full_build"] = asdict_m(full)
    result["full_build_slowest"] = slowest(nodes)
    log(f"{size.label}: occupancy interval model alone")
    alone, nodes = bench.dbt("run", "-s", *OCCUPANCY_CHAIN, "--full-refresh")
    result["occupancy_model"] = {
        **asdict_m(alone),
        "model_seconds": sum(v for k, v in nodes.items() if k.endswith(OCCUPANCY_CHAIN)),
        "nodes": slowest(nodes),
    }

    watermark = bench.occupancy_watermark()
    log(f"{size.label}: hand-written DuckDB query")
    hand, hand_out = bench.alternative("duckdb", watermark)
    result["hand_duckdb"] = {**asdict_m(hand), **hand_out}
    result["events"] = hand_out["events"]
    with_pandas = hand_out["events"] <= args.pandas_max_events
    if with_pandas:
        log(f"{size.label}: pandas recipe")
        recipe, recipe_out = bench.alternative("pandas", watermark)
        result["pandas"] = {**asdict_m(recipe), **recipe_out}
    else:
        result["pandas"] = {"skipped": f"more than --pandas-max-events {args.pandas_max_events}"}
    result["agreement"] = bench.agreement(with_pandas)

    appended = link_files(export, bench.source, size.cut, size.cut + timedelta(hours=1))
    log(f"{size.label}: incremental hour ({appended} new files): loader, dbt build")
    result["incremental_files"] = appended
    result["incremental_loader"] = asdict_m(bench.load())
    log(f"{size.label}: hourly job (dbt build --selector hourly)")
    hourly, nodes = bench.dbt("build", "--selector", "hourly")
    result["incremental_build"] = asdict_m(hourly)
    result["incremental_build_slowest"] = slowest(nodes)
    if args.skip_nightly:
        result["nightly_build"] = {"skipped": "--skip-nightly"}
    else:
        log(f"{size.label}: nightly build on top (dbt build: all tests, incremental == full)")
        nightly, nodes = bench.dbt("build")
        result["nightly_build"] = asdict_m(nightly)
        result["nightly_build_slowest"] = slowest(nodes)
    if not args.keep:
        bench.reset()
    return result


def asdict_m(m: Measurement) -> dict[str, float]:
    return {"seconds": round(m.seconds, 2), "peak_rss_gib": round(m.peak_rss_gib, 3)}


def slowest(nodes: dict[str, float], n: int = 8) -> dict[str, float]:
    top = sorted(nodes.items(), key=lambda kv: kv[1], reverse=True)[:n]
    return {k.split(".", 2)[-1]: round(v, 2) for k, v in top}


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def markdown(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|---" + "|---:" * (len(columns) - 1) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def table(results: list[dict[str, Any]]) -> str:
    """Two tables: occupied seconds per device three ways, then the builds."""
    occupancy, builds = [], []
    for r in results:
        nodes = r["occupancy_model"]["nodes"]
        model = next(v for k, v in nodes.items() if k.endswith(OCCUPANCY_MODEL))
        chain = r["occupancy_model"]["model_seconds"]
        hand = r["hand_duckdb"]["compute_seconds"]
        pandas = r["pandas"].get("compute_seconds")
        a = r["agreement"]
        label, events = r["size"]["label"], f"{r['events']:,}"
        occupancy.append(
            [
                label,
                events,
                f"{model:.2f}",
                f"{chain:.2f}",
                f"{hand:.2f}",
                f"{pandas:.2f}" if pandas else "-",
                ratio(model, hand),
                ratio(chain, hand),
                ratio(pandas, model),
                ratio(pandas, chain),
                f"{r['occupancy_model']['peak_rss_gib']:.2f}",
                f"{r['hand_duckdb']['peak_rss_gib']:.2f}",
                f"{r['pandas']['peak_rss_gib']:.2f}" if pandas else "-",
                f"{a['ours_eq_hand']}/{a['devices']}",
                f"{a['pandas_eq_hand_1h']}/{a['devices']}" if pandas else "-",
            ]
        )
        full, hourly = r["full_build"], r["incremental_build"]
        builds.append(
            [
                label,
                events,
                f"{r['history_files']:,}",
                f"{r['loader']['seconds']:.1f}",
                f"{full['seconds']:.1f}",
                f"{full['peak_rss_gib']:.2f}",
                f"{r['incremental_loader']['seconds']:.1f}",
                f"{hourly['seconds']:.1f}",
                f"{hourly['peak_rss_gib']:.2f}",
                ratio(hourly["seconds"], full["seconds"]),
                f"{r['nightly_build']['seconds']:.1f}" if "seconds" in r["nightly_build"] else "-",
            ]
        )
    return (
        markdown(
            [
                "size",
                "events",
                "interval model s",
                "raw→intervals s",
                "hand DuckDB s",
                "pandas s",
                "model / hand",
                "raw→intervals / hand",
                "pandas / model",
                "pandas / raw→intervals",
                "ours GiB",
                "hand GiB",
                "pandas GiB",
                "ours = hand",
                "pandas = hand 1h fill",
            ],
            occupancy,
        )
        + "\n\n"
        + markdown(
            [
                "size",
                "events",
                "files",
                "loader s",
                "full build s",
                "full build GiB",
                "+1 h loader s",
                "+1 h hourly job s",
                "hourly GiB",
                "hourly / full",
                "+1 h nightly build s",
            ],
            builds,
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: bench/run.py --sizes 1M,10M     (bench/README.md has the results)",
    )
    parser.add_argument(
        "--sizes",
        default="1M,10M,100M",
        help="occupancy events of history per run, comma-separated (default 1M,10M,100M)",
    )
    parser.add_argument("--devices", type=int, default=2000, help="devices (default 2000)")
    parser.add_argument(
        "--scale",
        type=float,
        default=6.0,
        help="event-rate multiplier; history length follows from size / rate (default 6: "
        "about 220 occupancy events per sensor per day)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "bench",
        help="work directory; generated exports are cached here (default build/bench)",
    )
    parser.add_argument("--threads", type=int, default=2, help="dbt and DuckDB threads (default 2)")
    parser.add_argument(
        "--memory-limit", default="8GB", help="DuckDB memory_limit for dbt and the hand query"
    )
    parser.add_argument(
        "--pandas-max-events",
        type=int,
        default=20_000_000,
        help="skip the pandas recipe above this many events (it holds everything in memory)",
    )
    parser.add_argument("--keep", action="store_true", help="keep landing dirs and warehouses")
    parser.add_argument(
        "--skip-nightly",
        action="store_true",
        help="after the hourly job, skip the nightly dbt build with every test (the longest step)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=ROOT / "bench" / "results",
        help="where the JSON and Markdown results go (default bench/results)",
    )
    args = parser.parse_args()
    sizes = [plan(label, args.devices, args.scale) for label in args.sizes.split(",")]
    results = []
    for size in sizes:
        results.append(run_size(size, args))
        save(results, args)  # after each size: a long run interrupted keeps what it measured
    print(table(results))
    return 0


def save(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """Write bench/results/<date>.json and .md. Runs of the same day accumulate: a size
    measured again replaces its earlier result."""
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    path = args.results / f"{stamp}.json"
    earlier = json.loads(path.read_text())["results"] if path.exists() else []
    done = {r["size"]["label"] for r in results}
    merged = sorted(
        [r for r in earlier if r["size"]["label"] not in done] + results,
        key=lambda r: r["size"]["events"],
    )
    meta = {
        "date": stamp,
        "cpus": os.cpu_count(),
        "threads": args.threads,
        "memory_limit": args.memory_limit,
    }
    path.write_text(json.dumps({**meta, "results": merged}, indent=2, default=str))
    path.with_suffix(".md").write_text(table(merged) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
