"""Spark benchmark: the same dbt project on DuckDB and on Spark (local mode), same files, one run.

For one size (default 10M occupancy events, the scale suite's export and history), it loads the
export once, then builds the nodes of the `spark` selector on both engines and compares them:

  full build    dbt build --selector spark (models, seeds, data tests) into an empty warehouse
  occupancy     the occupancy chain alone, raw files to intervals, --full-refresh
  +1 hour       the next hour's files loaded, then dbt run --selector spark (incremental models
                add the hour; tests left out, as in the hourly job)

After the full build and after the hour, every mart (then every incremental model) Spark built
is compared with DuckDB's, row for row (python -m iot_facts.engine_compare). Prints a table and
writes bench/results/<date>-spark.json and .md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dataset import ensure_export, link_files, plan
from measure import Measurement
from run import OCCUPANCY_CHAIN, Bench, asdict_m, log, markdown, ratio, slowest

from iot_facts import engine_compare

ROOT = Path(__file__).resolve().parent.parent
# engine -> its target in profiles.yml
ENGINES = {"duckdb": "dev", "spark": "spark"}


class EngineBench(Bench):
    """Bench with a second engine: the same landing area, a Spark warehouse beside DuckDB's."""

    def __init__(self, args: argparse.Namespace) -> None:
        size = plan(args.size, args.devices, args.scale)
        super().__init__(size, args.work, args)
        self.spark_dir = self.dir / "spark"
        self.env |= {
            "IOT_SPARK_DIR": str(self.spark_dir),
            "IOT_SPARK_CORES": str(args.cores),
            "IOT_SPARK_THREADS": str(args.spark_threads),
            "IOT_SPARK_DRIVER_MEMORY": args.driver_memory,
        }

    def reset(self) -> None:
        super().reset()
        shutil.rmtree(self.spark_dir, ignore_errors=True)
        for engine in ENGINES:
            shutil.rmtree(self.dir / f"target-{engine}", ignore_errors=True)

    def build(self, engine: str, *args: str) -> tuple[Measurement, dict[str, float]]:
        """dbt on one engine, each with its own target directory (the manifests differ)."""
        return self.dbt(*args, "--target", ENGINES[engine], target=self.dir / f"target-{engine}")

    def compare(self, incremental_only: bool) -> dict[str, Any]:
        target = self.dir / "target-spark"
        only = engine_compare.built_models(target / "run_results.json")
        results = engine_compare.compare(
            self.warehouse,
            self.spark_dir,
            target / "manifest.json",
            only,
            incremental_only=incremental_only,
        )
        return {
            "tables": len(results),
            "equal": sum(r.equal for r in results),
            "rows": sum(r.duckdb_rows for r in results),
            "differing": {r.mart: list(r.examples) for r in results if not r.equal},
        }


def run(args: argparse.Namespace, save: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Every step in order; `save` after each. With --resume, the steps after the full build,
    on the landing area and warehouses a stopped run left (their results are not repeated)."""
    bench = EngineBench(args)
    size = bench.size
    log(f"{size.label}: {size.days} days, {size.devices} devices, scale {size.scale}")
    export, generated = ensure_export(size, bench.dir)
    log(f"{size.label}: export {'generated' if generated else 'reused'} at {export}")
    result: dict[str, Any] = {"size": size.__dict__}
    steps = [
        ("full_build", ("build", "--selector", "spark")),
        ("occupancy_chain", ("run", "-s", *OCCUPANCY_CHAIN, "--full-refresh")),
    ]
    if args.resume:
        result["resumed"] = "full build and loader measured by the stopped run"
        result["history_files"] = sum(1 for _ in bench.source.rglob("*.parquet"))
        steps = steps[1:]
    else:
        bench.reset()
        result["history_files"] = link_files(export, bench.source, None, size.cut)
        log(f"{size.label}: loader ({result['history_files']} files)")
        result["loader"] = asdict_m(bench.load())
    for step, command in steps:
        for engine in ENGINES:
            log(f"{size.label}: {step} on {engine}")
            measurement, nodes = bench.build(engine, *command)
            result[f"{step}_{engine}"] = {**asdict_m(measurement), "slowest": slowest(nodes)}
            save(result)
        if step == "full_build":
            log(f"{size.label}: comparing every mart")
            result["marts_equal_after_full_build"] = bench.compare(incremental_only=False)

    appended = link_files(export, bench.source, size.cut, size.cut + timedelta(hours=1))
    log(f"{size.label}: +1 hour ({appended} files): loader")
    result["hour_files"] = appended
    result["hour_loader"] = asdict_m(bench.load())
    for engine in ENGINES:
        log(f"{size.label}: +1 hour on {engine} (dbt run --selector spark)")
        measurement, nodes = bench.build(engine, "run", "--selector", "spark")
        result[f"hour_{engine}"] = {**asdict_m(measurement), "slowest": slowest(nodes)}
        save(result)
    log(f"{size.label}: comparing every incremental model")
    result["incremental_equal_after_hour"] = bench.compare(incremental_only=True)
    if not args.keep:
        bench.reset()
    return result


def table(result: dict[str, Any]) -> str:
    rows = []
    for step, label in (
        ("full_build", "full build (models, seeds, data tests)"),
        ("occupancy_chain", "raw files → occupancy intervals"),
        ("hour", "+1 hour, incremental models"),
    ):
        if f"{step}_spark" not in result:
            continue
        duck, spark = result[f"{step}_duckdb"], result[f"{step}_spark"]
        rows.append(
            [
                label,
                f"{duck['seconds']:.1f}",
                f"{duck['peak_rss_gib']:.2f}",
                f"{spark['seconds']:.1f}",
                f"{spark['peak_rss_gib']:.2f}",
                ratio(spark["seconds"], duck["seconds"]),
            ]
        )
    lines = [
        f"{result['size']['label']} occupancy events, {result['size']['days']} days, "
        f"{result['history_files']:,} files",
        markdown(
            ["step", "DuckDB s", "DuckDB GiB", "Spark s", "Spark GiB", "Spark / DuckDB"], rows
        ),
    ]
    for key, label in (
        ("marts_equal_after_full_build", "marts equal after the full build"),
        ("incremental_equal_after_hour", "incremental models equal after the hour"),
    ):
        if key in result:
            found = result[key]
            lines.append(f"{label}: {found['equal']}/{found['tables']} ({found['rows']:,} rows)")
    return "\n\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: bench/spark.py --size 10M     (bench/README.md has the results)",
    )
    parser.add_argument("--size", default="10M", help="occupancy events of history (default 10M)")
    parser.add_argument("--devices", type=int, default=2000, help="devices (default 2000)")
    parser.add_argument(
        "--scale", type=float, default=6.0, help="event-rate multiplier (default 6, as run.py)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "bench",
        help="work directory; generated exports are cached here (default build/bench)",
    )
    parser.add_argument(
        "--threads", type=int, default=2, help="dbt and DuckDB threads on DuckDB (default 2)"
    )
    parser.add_argument("--memory-limit", default="8GB", help="DuckDB memory_limit")
    parser.add_argument("--cores", type=int, default=2, help="Spark local[N] (default 2)")
    parser.add_argument(
        "--spark-threads", type=int, default=2, help="dbt threads on Spark (default 2)"
    )
    parser.add_argument("--driver-memory", default="8g", help="Spark driver memory (default 8g)")
    parser.add_argument("--keep", action="store_true", help="keep landing dirs and warehouses")
    parser.add_argument(
        "--results",
        type=Path,
        default=ROOT / "bench" / "results",
        help="where the JSON and Markdown results go (default bench/results)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="after a stopped run (with --keep): the steps after the full build only",
    )
    args = parser.parse_args()
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"{datetime.now(UTC):%Y-%m-%d}-spark-{args.size}.json"

    def save(result: dict[str, Any]) -> None:
        path.write_text(json.dumps(result, indent=2, default=str))
        path.with_suffix(".md").write_text(table(result) + "\n")

    result = run(args, save)
    save(result)
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
