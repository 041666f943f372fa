"""The same project on Apache Spark (`--target spark`, local mode): it builds and tests every
model of the `spark` selector from the session's landing area, and every mart it builds holds
the rows the DuckDB warehouse holds (floats within 1e-9 relative), so the engines cannot drift
apart unnoticed."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from iot_facts import engine_compare
from iot_facts.settings import PROJECT_ROOT

from .conftest import BIN, Pipeline, progress


@dataclass(frozen=True)
class SparkBuild:
    spark_dir: Path
    target: Path


def _dbt_spark(pipeline: Pipeline, build: SparkBuild, *args: str) -> None:
    env = {
        **pipeline.env(),
        "IOT_SPARK_DIR": str(build.spark_dir),
        "DBT_TARGET_PATH": str(build.target),
        "DBT_LOG_PATH": str(build.target / "logs"),
    }
    began = time.monotonic()
    result = subprocess.run(
        [str(BIN / "dbt"), *args, "--target", "spark"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    progress(f"dbt {' '.join(args)[:60]} --target spark ({time.monotonic() - began:.0f} s)")
    if result.returncode != 0:
        failures = [
            line for line in result.stdout.splitlines() if "ERROR" in line or "FAIL" in line
        ]
        pytest.fail(
            f"dbt {' '.join(args)} --target spark failed:\n"
            + "\n".join(failures[-40:])
            + f"\n{result.stdout[-4000:]}"
        )


@pytest.fixture(scope="session")
def spark_built(built: Pipeline, test_dir: Path) -> SparkBuild:
    """The session's landing area built on Spark: seeds, models, data and unit tests."""
    build = SparkBuild(test_dir / "spark", test_dir / "spark-target")
    for path in (build.spark_dir, build.target):
        shutil.rmtree(path, ignore_errors=True)
    _dbt_spark(built, build, "build", "--selector", "spark")
    shutil.copy(build.target / "run_results.json", build.target / "build_results.json")
    return build


def test_spark_build_covers_every_haltian_model(spark_built: SparkBuild) -> None:
    """What the selector leaves out is exactly the SiteWise and IoT Core branch (README)."""
    manifest = json.loads((spark_built.target / "manifest.json").read_text())
    results = json.loads((spark_built.target / "build_results.json").read_text())["results"]
    built = {r["unique_id"] for r in results if r["status"] in ("success", "pass")}
    models = {
        uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }
    left_out = sorted(models[uid]["name"] for uid in set(models) - built)
    assert left_out, "the selector builds everything: drop this test's exceptions"
    for name in left_out:
        path = models[f"model.iot_facts.{name}"]["original_file_path"]
        assert any(word in path for word in ("sitewise", "iot_core", "fleet", "unrecorded")), (
            f"{name} ({path}) is not built on Spark"
        )


def test_spark_marts_equal_duckdb_marts(built: Pipeline, spark_built: SparkBuild) -> None:
    only = engine_compare.built_models(spark_built.target / "build_results.json")
    results = engine_compare.compare(
        built.database, spark_built.spark_dir, spark_built.target / "manifest.json", only
    )
    assert len(results) >= 20, [r.mart for r in results]
    # not vacuous: the sample export fills most marts
    assert sum(r.duckdb_rows > 0 for r in results) >= len(results) - 3
    differing = [r for r in results if not r.equal]
    assert not differing, "\n".join(
        f"{r.mart}: {r.duckdb_rows} rows in DuckDB, {r.spark_rows} in Spark, "
        f"{r.differing_rows} differ, e.g. {list(r.examples)}"
        for r in differing
    )


def test_engine_compare_finds_a_changed_value(
    built: Pipeline, spark_built: SparkBuild, tmp_path: Path
) -> None:
    """The comparison can fail: one value changed in one Spark Parquet file is reported."""
    import duckdb

    copy = tmp_path / "spark"
    shutil.copytree(spark_built.spark_dir / "warehouse", copy / "warehouse")
    table = copy / "warehouse" / "marts.db" / "fct_occupancy_intervals"
    files = sorted(table.glob("*.parquet"))
    con = duckdb.connect()
    rows = con.sql(f"select count(*) from read_parquet('{table}/*.parquet')").fetchone()
    assert rows and rows[0] > 0
    changed = next(f for f in files if con.sql(f"select count(*) from '{f}'").fetchone()[0] > 0)  # type: ignore[index]
    con.execute(
        f"copy (select * replace (duration_seconds + 1 as duration_seconds) from '{changed}') "
        f"to '{changed}.tmp' (format parquet)"
    )
    Path(f"{changed}.tmp").replace(changed)
    only = engine_compare.built_models(spark_built.target / "build_results.json")
    results = {
        r.mart: r
        for r in engine_compare.compare(
            built.database, copy, spark_built.target / "manifest.json", only
        )
    }
    assert not results["fct_occupancy_intervals"].equal
    assert results["fct_occupancy_intervals"].examples[0].startswith("differs: ")
