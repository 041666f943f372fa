"""The same project on Apache Spark (`--target spark`, local mode): it builds and tests every model
of the `spark` selector, and every mart and every incremental model it builds holds the rows the
DuckDB warehouse holds (floats within 1e-9 relative), so the engines cannot drift apart
unnoticed.

Spark gets the session's export in two deliveries, built incrementally, while DuckDB built it in
one: the first delivery holds the first two days less two late files (a v1 file, and a legacy
copy of events the v1 exporter delivered too), one file with changed values, one with a row
removed and a spaces snapshot with a floor moved to another building; the second delivers the
rest and re-delivers the originals (only new or changed files: the rest are not staged again).
A SiteWise export (Avro raw values and metrics, NDJSON assets) goes in the same bucket: the
asset files and the day's first two six-hour windows first, one raw file with changed values;
then the rest and that file's original. So does an AWS IoT Core fleet export (Firehose batches
seven folders down, direct S3 objects): the first twelve hours, one batch with an event changed;
then the rest, that batch's original and a batch with a line that is not JSON and two
implausible events. The first build races a loader run: staging reads the manifest, then a late
occupancy event (the opposite state inside a closed run) is loaded before the facts are built,
so only the second build can pick it up. DuckDB builds the landing area Spark read, once, as the
reference. So the Spark marts equal a full refresh only if Spark's incremental strategies
replace, late-insert and rebuild the past like DuckDB's (whose own incremental proofs are in
test_incremental.py)."""

from __future__ import annotations

import dataclasses
import filecmp
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import fastavro
import pytest

from iot_facts import engine_compare
from iot_facts.generator.iot_core import write_iot_core_export
from iot_facts.generator.sitewise import SiteWiseSpec, avro_bytes, write_sitewise_export
from iot_facts.haltian.paths import parse_key
from iot_facts.iot_core.paths import firehose_key
from iot_facts.iot_core.paths import parse_key as parse_iot_core_key
from iot_facts.settings import PROJECT_ROOT
from iot_facts.sitewise.schemas import RAW_AVRO

from .conftest import BIN, Pipeline, progress
from .test_incremental import _reparent_latest_floor, _rewrite, occupancy_file

# Load-time bookkeeping: the two engines' landing areas were loaded at different times.
LOAD_TIME_COLUMNS = frozenset({"loaded_through_at"})
INCREMENTAL = "+config.materialized:incremental"


@dataclass(frozen=True)
class SparkBuild:
    spark_dir: Path
    target: Path
    reference: Path  # the DuckDB warehouse built once from the landing area Spark read
    pipeline: Pipeline  # the bucket and landing area Spark read
    raced: tuple[str, datetime] | None = None  # the event loaded during the first build


def _dbt_spark(pipeline: Pipeline, build: SparkBuild, *args: str, check: bool = True) -> None:
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
    if check and result.returncode != 0:
        failures = [
            line for line in result.stdout.splitlines() if "ERROR" in line or "FAIL" in line
        ]
        pytest.fail(
            f"dbt {' '.join(args)} --target spark failed:\n"
            + "\n".join(failures[-40:])
            + f"\n{result.stdout[-4000:]}"
        )


def _deliver(path: Path, target: Path) -> bool:
    """Copy an export file into the bucket unless the bucket holds it already, byte for byte:
    the local store's etag is size and mtime, so copying an unchanged file again would
    re-deliver it (every file new again, as good as a full rebuild)."""
    if target.exists() and filecmp.cmp(path, target, shallow=False):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return True


def _first_delivery(export: Path, bucket: Path) -> None:
    """Copy the first two days of the export to the bucket, less two late files, and change
    three of them (module docstring)."""
    keys = {path: parse_key(path.relative_to(export).as_posix()) for path in export.rglob("*")}
    parsed = {path: key for path, key in keys.items() if key is not None}
    start = min(key.window_start for key in parsed.values())
    until = start + timedelta(days=2)

    def first(folder: str, family: str, day: int) -> Path:
        return min(
            path
            for path, key in parsed.items()
            if key.folder == folder
            and key.family == family
            and key.window_start >= start + timedelta(days=day)
        )

    held = {
        "late v1": first("measurementAmbientTemperature", "v1", 1),
        "late legacy copy": first("measurementCO2", "legacy", 1),
    }
    changed = {
        "values": first("measurementCO2", "v1", 1),
        "row": first("measurementAmbientTemperature", "legacy", 0),
    }
    for path, key in sorted(parsed.items()):
        if key.window_end <= until and path not in held.values():
            _deliver(path, bucket / key.key)
    for change, path in changed.items():
        _rewrite(bucket / parsed[path].key, change)
    assert _reparent_latest_floor(bucket) > 0


def _sitewise_window(path: Path) -> int:
    """The epoch second a SiteWise raw or metric file's six-hour window starts
    (raw_<series>_<epoch>_<quality>.avro)."""
    return int(path.name.rsplit("_", 2)[1])


def _deliver_sitewise(export: Path, bucket: Path, step: str) -> None:
    """The first step: the asset files and the first two six-hour windows of raw values and
    metrics, one raw file's values changed; the second: every file (that one's original too)."""
    series = sorted(
        path for folder in ("raw", "agg") for path in (export / "sitewise" / folder).rglob("*.avro")
    )
    cut = min(map(_sitewise_window, series)) + 2 * 6 * 3600
    for path in sorted((export / "sitewise").rglob("*")):
        if path.is_file() and (
            step == "second" or path not in series or _sitewise_window(path) < cut
        ):
            _deliver(path, bucket / path.relative_to(export))
    if step == "first":
        changed = next(p for p in series if "/raw/" in p.as_posix() and p.stat().st_size > 2000)
        with changed.open("rb") as handle:
            records = list(fastavro.reader(handle))
        records = [
            {**r, "doubleValue": r["doubleValue"] + 1.0} if r["doubleValue"] is not None else r
            for r in records
        ]
        target = bucket / changed.relative_to(export)
        target.write_bytes(avro_bytes(RAW_AVRO, records, target.name))


def _deliver_iot_core(export: Path, bucket: Path, step: str) -> None:
    """The first step: the objects of the first twelve hours (Firehose hour folders and direct
    objects alike), one Firehose batch with an event's speed changed; the second: every object
    (that batch's original too) and a batch with a line that is not JSON, an event 999 km/h
    fast and one at latitude 95.5."""
    objects = {
        path: parse_iot_core_key(path.relative_to(export).as_posix())
        for path in sorted(export.rglob("*"))
        if path.is_file()
    }
    assert all(objects.values())
    noon = min(key.window_start for key in objects.values() if key) + timedelta(hours=12)
    for path, key in objects.items():
        assert key is not None
        if step == "second" or key.window_end <= noon:
            _deliver(path, bucket / key.key)
    if step == "first":
        batch = next(
            key.key
            for path, key in objects.items()
            if key
            and key.delivery_path == "firehose"
            and not key.compressed
            and key.window_end <= noon
            and path.read_text().count("\n") > 2
        )
        lines = (bucket / batch).read_text().splitlines()
        event = json.loads(lines[1])
        (event.get("current") or event)["state"]["reported"]["speed"] = "77"
        lines[1] = json.dumps(event)
        (bucket / batch).write_text("\n".join(lines) + "\n")
    else:
        hour = noon + timedelta(hours=1)
        key = firehose_key("iot/iotfleet/firehose/", "iotfleet", 1, hour, "implausible")
        events = [
            {
                "state": {"reported": reported},
                "version": version,
                "timestamp": int(hour.timestamp()) + version,
                "thingnm": "iotfleet_99",
            }
            for version, reported in ((1, {"speed": 999}), (2, {"latitude": 95.5, "longitude": 25}))
        ]
        (bucket / key).parent.mkdir(parents=True, exist_ok=True)
        (bucket / key).write_text("not json\n" + "".join(json.dumps(e) + "\n" for e in events))


def _race_event(build: SparkBuild) -> tuple[str, datetime, bool]:
    """A device, an instant and a state for a late occupancy event that splits a closed run
    (two kept events at least ten minutes apart, both before the device's last state change),
    read from what Spark staged: the latest such gap."""
    rows = engine_compare.spark_table(
        build.spark_dir, "staging", "stg_haltian__occupancy_status_measurement_rows"
    )
    found = duckdb.sql(f"""
        with events as (
            select
                device_id, measured_at, is_occupied,
                lead(measured_at) over (partition by device_id order by measured_at) as next_at,
                is_occupied is distinct from lag(is_occupied)
                    over (partition by device_id order by measured_at) as is_change
            from {rows}
            where reject_reason is null and duplicate_rank = 1
        ),
        open_runs as (
            select device_id, max(measured_at) filter (where is_change) as open_from
            from events group by device_id
        )
        select
            device_id,
            date_trunc('second', measured_at + (next_at - measured_at) / 2),
            not is_occupied
        from events inner join open_runs using (device_id)
        where next_at < open_from and next_at - measured_at > interval 10 minutes
        order by next_at desc, device_id limit 1""").fetchone()
    assert found, "no closed run to split"
    return found[0], found[1].astimezone(UTC), found[2]


def _build_racing_the_loader(build: SparkBuild, exported: Path) -> SparkBuild:
    """The first delivery's build in two halves with a loader run in between (module
    docstring): the facts store the high-water mark of the manifest staging read, older than
    the late file's staged_at, so the second build still takes that file in."""
    pipeline = build.pipeline
    models = ("--resource-type", "seed", "--resource-type", "model")
    staging = ("--exclude", "path:models/intermediate", "path:models/marts")
    _dbt_spark(pipeline, build, "build", "--select", INCREMENTAL, *staging, *models)
    device, at, state = _race_event(build)
    org = next((exported / "parquet" / "v1").iterdir()).name
    hour = at.replace(minute=0, second=0, microsecond=0)
    occupancy_file(pipeline.export, org, hour, 15, [(device, at, state)])
    loaded = pipeline.load()
    assert loaded.returncode == 0, loaded.stderr
    the_rest = ("--exclude", "path:models/staging", "--resource-type", "model")
    _dbt_spark(pipeline, build, "build", "--select", INCREMENTAL, *the_rest)
    intervals = engine_compare.spark_table(build.spark_dir, "marts", "fct_occupancy_intervals")
    marked, late_staged = duckdb.sql(f"""
        select
            (select max(loaded_through_at) from {intervals}),
            (select max(staged_at) from read_parquet(
                '{pipeline.landing}/_manifest/manifest.parquet'))""").fetchone() or (None, None)
    assert marked is not None and late_staged is not None
    assert marked < late_staged, "the facts' high-water mark is the manifest staging read"
    return dataclasses.replace(build, raced=(device, at))


@pytest.fixture(scope="session")
def spark_built(exported: Path, test_dir: Path) -> SparkBuild:
    """The session's export built on Spark in two incremental steps (module docstring): after
    the first delivery, the incremental models and what they read (seeds, models: the rest
    would be rebuilt whole in the second step anyway), staging and the rest in two halves
    with a loader run in between; after the second, everything the spark selector builds:
    seeds, models, data and unit tests."""
    root = test_dir / "spark-pipeline"
    reference = root / "reference.duckdb"
    pipeline = Pipeline(root / "bucket", root / "landing", reference, root / "target")
    build = SparkBuild(test_dir / "spark", test_dir / "spark-target", reference, pipeline)
    for path in (build.spark_dir, build.target, root):
        shutil.rmtree(path, ignore_errors=True)
    sitewise, iot_core = root / "sitewise-export", root / "iot-core-export"
    write_sitewise_export(SiteWiseSpec(out=sitewise, days=1, turbines=2))
    write_iot_core_export(iot_core, vehicles=2)
    _first_delivery(exported, pipeline.export)
    for step in ("first", "second"):
        if step == "second":  # the rest, and the originals of the changed files re-delivered
            delivered = [
                _deliver(path, pipeline.export / path.relative_to(exported))
                for path in sorted(exported.rglob("*.parquet"))
            ]
            assert 0 < sum(delivered) < len(delivered)
        _deliver_sitewise(sitewise, pipeline.export, step)
        _deliver_iot_core(iot_core, pipeline.export, step)
        loaded = pipeline.load()
        assert loaded.returncode == 0, loaded.stderr
        if step == "first":
            build = _build_racing_the_loader(build, exported)
        else:
            _dbt_spark(pipeline, build, "build", "--selector", "spark")
    shutil.copy(build.target / "run_results.json", build.target / "build_results.json")
    # the reference: DuckDB builds what Spark read, in one go
    dataclasses.replace(pipeline, target=root / "reference-target").dbt(
        "build", "--selector", "spark", "--resource-type", "seed", "--resource-type", "model"
    )
    return build


def _compare(
    spark_built: SparkBuild, spark_dir: Path, incremental_only: bool = False
) -> list[engine_compare.Comparison]:
    """What the Spark build built, in `spark_dir`, against the DuckDB reference."""
    return engine_compare.compare(
        spark_built.reference,
        spark_dir,
        spark_built.target / "manifest.json",
        engine_compare.built_models(spark_built.target / "build_results.json"),
        ignore=LOAD_TIME_COLUMNS,
        incremental_only=incremental_only,
    )


def _differences(results: list[engine_compare.Comparison]) -> str:
    return "\n".join(
        f"{r.mart}: {r.duckdb_rows} rows in DuckDB, {r.spark_rows} in Spark, "
        f"{r.differing_rows} differ, e.g. {list(r.examples)}"
        for r in results
        if not r.equal
    )


def test_spark_build_covers_every_model(spark_built: SparkBuild) -> None:
    """Every model and every unit test but those tagged duckdb_only (README)."""
    manifest = json.loads((spark_built.target / "manifest.json").read_text())
    results = json.loads((spark_built.target / "build_results.json").read_text())["results"]
    built = {r["unique_id"] for r in results if r["status"] in ("success", "pass")}
    models = {
        uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }
    assert sorted(models[uid]["name"] for uid in set(models) - built) == []
    unit_tests = manifest["unit_tests"]
    assert sum(uid in built for uid in unit_tests) >= 26
    for uid, unit_test in unit_tests.items():
        if uid not in built:
            assert "duckdb_only" in unit_test["config"]["tags"], (
                f"unit test {unit_test['name']} ({unit_test['original_file_path']}) "
                "does not run on Spark"
            )


def test_spark_marts_equal_duckdb_marts(spark_built: SparkBuild) -> None:
    results = _compare(spark_built, spark_built.spark_dir)
    assert len(results) >= 33, [r.mart for r in results]
    assert {"dim_sitewise_assets", "fct_sitewise_agg_reconciliation", "fct_vehicle_positions"} <= {
        r.mart for r in results
    }
    # not vacuous: the sample export fills most marts
    assert sum(r.duckdb_rows > 0 for r in results) >= len(results) - 3
    assert all(r.equal for r in results), _differences(results)


def test_spark_incremental_models_equal_a_duckdb_full_refresh(spark_built: SparkBuild) -> None:
    """Every incremental model (staging rows, intervals, roll-ups), not only the marts: Spark
    built them in two steps with late, changed and re-delivered files, DuckDB in one."""
    results = _compare(spark_built, spark_built.spark_dir, incremental_only=True)
    names = {r.mart for r in results}
    assert {"fct_occupancy_intervals", "fct_environment_hourly"} <= names, names
    assert any(name.startswith("stg_haltian__") for name in names), names
    assert {"stg_sitewise__raw_value_rows", "stg_iot_core__breadcrumb_rows"} <= names, names
    assert all(r.duckdb_rows > 0 for r in results), [r.mart for r in results if not r.duckdb_rows]
    assert all(r.equal for r in results), _differences(results)


def test_spark_facts_take_in_the_file_loaded_while_they_were_built(
    spark_built: SparkBuild,
) -> None:
    """The late event loaded between staging and the facts of the first build (the fixture)
    starts a run in the second build's intervals (the comparison with DuckDB shows the rest
    equals a full build)."""
    assert spark_built.raced, "the fixture raced a loader run"
    device, at = spark_built.raced
    intervals = engine_compare.spark_table(
        spark_built.spark_dir, "marts", "fct_occupancy_intervals"
    )
    starts = duckdb.sql(
        f"select count(*) from {intervals} where device_id = $device and valid_from = $at",
        params={"device": device, "at": at},
    ).fetchone()
    assert starts == (1,), (device, at)


def test_engine_compare_finds_a_changed_value(spark_built: SparkBuild, tmp_path: Path) -> None:
    """The comparison can fail: one value changed in one Spark Parquet file is reported."""
    copy = tmp_path / "spark"
    shutil.copytree(spark_built.spark_dir / "warehouse", copy / "warehouse")
    table = copy / "warehouse" / "marts.db" / "fct_occupancy_intervals"
    files = sorted(table.glob("*.parquet"))
    con = duckdb.connect()
    rows = con.sql(f"select count(*) from read_parquet('{table}/*.parquet')").fetchone()
    assert rows and rows[0] > 0
    counts = {f: con.sql(f"select count(*) from '{f}'").fetchone()[0] for f in files}  # type: ignore[index]
    changed = next(f for f in files if counts[f] > 0)
    con.execute(
        f"copy (select * replace (duration_seconds + 1 as duration_seconds) from '{changed}') "
        f"to '{changed}.tmp' (format parquet)"
    )
    Path(f"{changed}.tmp").replace(changed)
    results = {r.mart: r for r in _compare(spark_built, copy)}
    assert not results["fct_occupancy_intervals"].equal
    assert results["fct_occupancy_intervals"].examples[0].startswith("differs: ")
    # exactly that file's rows: the rest of the table and the other marts still compare equal
    assert results["fct_occupancy_intervals"].differing_rows == counts[changed]
    assert all(r.equal for name, r in results.items() if name != "fct_occupancy_intervals")


def test_spark_audit_lists_a_file_the_manifest_does_not(spark_built: SparkBuild) -> None:
    """A Parquet file a killed loader run left eight folders down, its name full of glob
    characters, is listed with its row count and fails the audit test, on Spark too."""
    landing = spark_built.pipeline.landing
    staged = min(landing.glob("iot/iotfleet/firehose/*/*/*/*/*.jsonl.parquet"))
    left = landing / "prefix/iot/iotfleet/firehose/2026/10/06/01/left {by} a, killed [run]*.parquet"
    left.parent.mkdir(parents=True)
    shutil.copyfile(staged, left)
    try:
        _dbt_spark(
            spark_built.pipeline,
            spark_built,
            "build",
            "--select",
            "int_landing_files_unrecorded+",
            check=False,
        )
    finally:
        shutil.rmtree(landing / "prefix")
    rows = duckdb.sql(
        "select local_path, file_rows from "
        + engine_compare.spark_table(
            spark_built.spark_dir, "intermediate", "int_landing_files_unrecorded"
        )
    ).fetchall()
    expected = duckdb.sql(f"select count(*) from read_parquet('{staged}')").fetchone()
    assert rows == [(left.relative_to(landing).as_posix(), expected and expected[0])]
    results = json.loads((spark_built.target / "run_results.json").read_text())["results"]
    audit = [r for r in results if "assert_every_landing_file_is_in_the_manifest" in r["unique_id"]]
    assert [r["status"] for r in audit] == ["fail"], audit


def _freshness(sources_json: Path) -> dict[str, tuple[str, str | None]]:
    results = json.loads(sources_json.read_text())["results"]
    return {r["unique_id"]: (r["status"], r.get("max_loaded_at")) for r in results}


def test_source_freshness_on_spark_equals_duckdb(spark_built: SparkBuild) -> None:
    """`dbt source freshness --target spark` reads the loader manifest as DuckDB does (the
    loaded_at_query picks parquet.`…` or read_parquet by target.type; before, every source
    failed on Spark: read_parquet is no Spark function) and judges every source alike: the
    test export ended in October, so each is stale, with the same latest window."""
    reference = dataclasses.replace(spark_built.pipeline, target=spark_built.target / "fresh-d")
    reference.dbt("source", "freshness", check=False)
    _dbt_spark(spark_built.pipeline, spark_built, "source", "freshness", check=False)
    duckdb_side = _freshness(reference.target / "sources.json")
    spark_side = _freshness(spark_built.target / "sources.json")
    assert len(duckdb_side) >= 60, sorted(duckdb_side)
    assert sum(loaded is not None for _, loaded in duckdb_side.values()) >= 60
    assert spark_side == duckdb_side


def test_delete_rows_rewrites_only_the_partitions_it_deletes_from(tmp_path: Path) -> None:
    """delete_rows on Spark (integration_tests/macros/spark_delete_rows_fixture.sql, which
    raises on the first difference): a delete matching nothing writes no file; one that empties
    a day drops it, rewrites the day it shares and leaves the other day's files alone. The
    fixture project is copied (its operation macros, the package by absolute path) so its
    `dbt deps` cannot race test_macro_fixtures.py's in integration_tests/."""
    fixtures = PROJECT_ROOT / "integration_tests"
    project = tmp_path / "fixtures"
    shutil.copytree(fixtures / "macros", project / "macros")
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(fixtures / name, project / name)
    (project / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_ROOT}\n")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project),
        "IOT_SPARK_DIR": str(tmp_path / "spark"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    for args in (("deps",), ("run-operation", "spark_delete_rows_fixture", "--target", "spark")):
        result = subprocess.run(
            [str(BIN / "dbt"), *args], cwd=project, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "spark_delete_rows_fixture: ok" in result.stdout
