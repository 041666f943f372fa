"""Incremental builds of the interval facts equal a full refresh, row for row.

The export is delivered in steps like the real exporters do (hourly files), plus a late
catch-up file with an event inside an already-built run and a file repeating an event. After
each delivery the loader runs and dbt builds incrementally (the last time as the hourly job,
`--selector hourly`); at the end a full refresh of the same landing directory into a second
warehouse must produce identical facts.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from iot_facts.haltian.paths import parse_key

from .conftest import make_pipeline

START = datetime(2026, 10, 5, tzinfo=UTC)
# The facts, their upstream, and the full-recompute views the singular equality tests compare
# against (so every incremental build also checks itself); only tests of selected models run.
SELECT = [
    "--select",
    "+fct_device_occupancy_hourly +fct_occupants_count_intervals"
    " int_occupancy_status_intervals int_occupants_count_intervals",
    "--indirect-selection",
    "cautious",
]
FACTS = {
    "fct_occupancy_intervals": "device_id, valid_from",
    "fct_occupants_count_intervals": "device_id, valid_from",
    "fct_device_occupancy_hourly": "device_id, hour_start",
}


def deliver(source: Path, bucket: Path, until: datetime, since: datetime | None = None) -> int:
    """Copy the export files whose window ends by `until` (and starts at/after `since`)."""
    copied = 0
    for path in sorted(source.rglob("*.parquet")):
        key = path.relative_to(source).as_posix()
        parsed = parse_key(key)
        assert parsed is not None
        if parsed.window_end <= until and (since is None or parsed.window_start >= since):
            target = bucket / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied += 1
    return copied


def occupancy_file(
    bucket: Path, org: str, start: datetime, minutes: int, rows: list[tuple]
) -> None:
    end = start + timedelta(minutes=minutes)
    key = (
        f"parquet/v1/{org}/measurementOccupancyStatus/{start:%Y/%m}/"
        f"{start:%Y_%m_%d_%H%M}_{end:%Y_%m_%d_%H%M}_measurementOccupancyStatus.parquet"
    )
    path = bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.table(
            {
                "deviceId": [r[0] for r in rows],
                "measuredAt": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
                "isOccupied": [r[2] for r in rows],
            }
        ),
        path,
    )


def facts(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            name: con.sql(
                f"select * exclude (loaded_through_at) from marts.{name} order by {order}"
            ).fetchall()
            for name, order in FACTS.items()
        }


def test_incremental_equals_full_refresh(tmp_path: Path) -> None:
    generated = make_pipeline(
        tmp_path / "generated", days=2, devices=12, legacy_days=(0, 1), v1_days=(0, 2), seed=9
    )
    bucket = tmp_path / "bucket"
    pipeline = dataclasses.replace(generated, export=bucket)
    org = next((generated.export / "parquet" / "v1").iterdir()).name

    assert deliver(generated.export, bucket, until=START + timedelta(hours=30)) > 0
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", *SELECT)

    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        # a device and one of its closed runs, to hit with a late event
        device, run_from, run_to, state = con.sql("""
            select device_id, valid_from, valid_to, is_occupied
            from marts.fct_occupancy_intervals
            where not is_open and duration_seconds > 600
                and valid_from > timestamp '2026-10-05 08:00'
            order by valid_from limit 1""").fetchone()
        duplicate = con.sql("""
            select device_id, measured_at, is_occupied
            from staging.stg_haltian__occupancy_status_measurements
            where measured_at > timestamp '2026-10-05 12:00' order by 1, 2 limit 1""").fetchone()
    before = facts(pipeline.database)["fct_occupancy_intervals"]

    steps = [START + timedelta(hours=h) for h in (30, 31, 32)]
    for index, hour in enumerate(steps):
        assert deliver(generated.export, bucket, until=hour + timedelta(hours=1), since=hour) > 0
        if index == 1:
            # a catch-up window delivered late, with an event splitting an already closed run
            late_at = run_from.replace(tzinfo=UTC) + (run_to - run_from) / 2
            occupancy_file(
                bucket,
                org,
                late_at.replace(minute=0, second=0, microsecond=0),
                15,
                [(device, late_at, not state)],
            )
            # and an event delivered again in a new file
            occupancy_file(
                bucket,
                org,
                START + timedelta(hours=32),
                15,
                [(duplicate[0], duplicate[1].replace(tzinfo=UTC), duplicate[2])],
            )
        assert pipeline.load().returncode == 0
        # incremental: the tables exist. The last delivery runs the documented hourly job
        # (selectors.yml: every model, no tests) rather than the selection above.
        pipeline.dbt("build", *(["--selector", "hourly"] if index == 2 else SELECT))

    incremental = facts(pipeline.database)
    assert incremental["fct_occupancy_intervals"] != before, "the deliveries changed the facts"
    split = [
        r
        for r in incremental["fct_occupancy_intervals"]
        if r[0] == device and run_from < r[1] < run_to
    ]
    assert split, "the late event split the closed run"

    full = dataclasses.replace(
        pipeline, database=tmp_path / "full.duckdb", target=tmp_path / "target-full"
    )
    full.dbt("build", *SELECT, "--full-refresh")
    assert facts(full.database) == incremental


def _rewrite_without(path: Path, device: str) -> int:
    """Re-deliver an export object under the same key without one device's rows."""
    table = pq.read_table(path)
    kept = table.filter(pc.not_equal(table["deviceId"], device))
    pq.write_table(kept, path)
    return table.num_rows - kept.num_rows


def test_incremental_survives_redelivery_empty_start_and_a_racing_loader(tmp_path: Path) -> None:
    """Three ways an incremental build used to stay green while serving wrong facts (#14).

    1. built before the loader's first run (empty landing): the hourly fact stayed empty;
    2. an object re-delivered under the same key with one device's rows removed: that device's
       stale intervals were kept (no new event of it, so it was not in the scope);
    3. a loader run finishing while dbt builds: the high-water mark was read after staging,
       so a file staged in between was never built into the facts.
    After each, incremental == full refresh.
    """
    generated = make_pipeline(
        tmp_path / "generated", days=2, devices=12, legacy_days=None, v1_days=(0, 2), seed=11
    )
    bucket = tmp_path / "bucket"
    bucket.mkdir()
    pipeline = dataclasses.replace(generated, export=bucket)
    org = next((generated.export / "parquet" / "v1").iterdir()).name

    pipeline.dbt("build", *SELECT)  # 1: before the loader ever ran
    assert deliver(generated.export, bucket, until=START + timedelta(hours=30)) > 0
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", *SELECT)
    assert facts(pipeline.database)["fct_device_occupancy_hourly"], "hourly facts were built"

    # 2: the morning's occupancy file of day 0 comes again without one device's rows
    morning = sorted(
        (bucket / "parquet" / "v1" / org / "measurementOccupancyStatus").rglob(
            "2026_10_05_0[89]*.parquet"
        )
    )
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        device = con.sql(
            f"""select "deviceId" from read_parquet({[str(p) for p in morning]})
            group by all order by count(*) desc, "deviceId" limit 1"""
        ).fetchone()[0]
    assert sum(_rewrite_without(path, device) for path in morning) > 0
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", *SELECT)

    # 3: staging reads the files, then a late file is loaded before the facts are built (the
    # two halves of one dbt run, split so the loader lands exactly in between)
    pipeline.dbt(
        "run",
        "--select",
        "stg_loader__manifest_files stg_haltian__occupancy_status_measurements"
        " stg_haltian__occupants_count_measurements",
    )
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        late_device, run_from, run_to, state = con.sql("""
            select device_id, valid_from, valid_to, is_occupied
            from marts.fct_occupancy_intervals
            where not is_open and duration_seconds > 600
            order by valid_from desc limit 1""").fetchone()
    late_at = run_from.replace(tzinfo=UTC) + (run_to - run_from) / 2
    occupancy_file(
        bucket,
        org,
        late_at.replace(minute=0, second=0, microsecond=0),
        15,
        [(late_device, late_at, not state)],
    )
    assert pipeline.load().returncode == 0
    pipeline.dbt(
        "run",
        "--select",
        "fct_occupancy_intervals fct_occupants_count_intervals fct_device_occupancy_hourly",
    )
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        marked, late_staged = con.sql(f"""
            select
                (select max(loaded_through_at) from marts.fct_occupancy_intervals),
                (select max(staged_at)::timestamp from read_parquet(
                    '{pipeline.landing}/_manifest/manifest.parquet'))""").fetchone()
    assert marked < late_staged, "the facts' high-water mark is what staging read"
    # the next hourly job must still pick the late file up
    assert (
        deliver(
            generated.export,
            bucket,
            until=START + timedelta(hours=31),
            since=START + timedelta(hours=30),
        )
        > 0
    )
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", "--selector", "hourly")

    incremental = facts(pipeline.database)
    assert any(
        r[0] == late_device and run_from < r[1] < run_to
        for r in incremental["fct_occupancy_intervals"]
    ), "the late event loaded during the build reached the facts"
    full = dataclasses.replace(
        pipeline, database=tmp_path / "full.duckdb", target=tmp_path / "target-full"
    )
    full.dbt("build", *SELECT, "--full-refresh")
    expected = facts(full.database)
    for name in FACTS:
        assert incremental[name] == expected[name], name


def incremental_models(target: Path) -> dict[str, str]:
    """Every incremental model of the project (from dbt's manifest): name -> schema.table."""
    manifest = json.loads((target / "manifest.json").read_text())
    return {
        node["name"]: f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
    }


def _comparable(value: object) -> object:
    # floats summed in another order differ in the last bits: 9 significant digits
    return float(f"{value:.9g}") if isinstance(value, float) else value


def all_incremental_facts(database: Path, models: dict[str, str]) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            name: sorted(
                tuple(_comparable(v) for v in row)
                for row in con.sql(
                    f"select * exclude (loaded_through_at) from {relation}"
                ).fetchall()
            )
            for name, relation in models.items()
        }


def _rewrite(path: Path, change: str) -> None:
    """Re-deliver an export object under the same key: values changed or one row removed."""
    table = pq.read_table(path)
    if change == "values":
        value = next(
            i
            for i, field in enumerate(table.schema)
            if pa.types.is_floating(field.type) or pa.types.is_decimal(field.type)
        )
        column = pc.cast(table.column(value), pa.float64())
        changed = pc.cast(pc.add(column, 1.0), table.schema.field(value).type)
        table = table.set_column(value, table.schema.field(value), changed)
    else:
        table = pa.concat_tables(
            [table.slice(0, table.num_rows // 2), table.slice(table.num_rows // 2 + 1)]
        )
    pq.write_table(table, path)


def _reparent_latest_floor(bucket: Path) -> int:
    """Re-deliver the latest spaces snapshot of each exporter with '1st floor' moved from its
    building to 'Parking' (a hierarchy change); returns the snapshots changed."""
    latest: dict[str, Path] = {}
    for path in sorted(bucket.rglob("*.parquet")):
        parsed = parse_key(path.relative_to(bucket).as_posix())
        if parsed is not None and parsed.folder in ("space", "spaces"):
            latest[parsed.folder] = path  # sorted keys: the last is the latest window
    changed = 0
    for path in latest.values():
        table = pq.read_table(path)
        parent = next(name for name in table.schema.names if name.startswith("parent"))
        rows = table.to_pylist()
        ids = {row["name"]: row["id"] for row in rows}
        for row in rows:
            if row["name"] == "1st floor":
                assert row[parent] != ids["Parking"]
                row[parent] = ids["Parking"]
                changed += 1
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    return changed


def test_every_incremental_model_equals_full_refresh(tmp_path: Path) -> None:
    """Every incremental model (from the manifest, so new ones are covered), after hourly jobs
    with environment objects re-delivered with changed values and with a row removed, a late
    environment file, a late legacy copy of events the v1 exporter already delivered (the
    exporters overlap on day 0), and a floor moved to another building (the roll-ups must
    rebuild the past), equals a `--full-refresh` build row for row (floats to 9 significant
    digits)."""
    generated = make_pipeline(
        tmp_path / "generated", days=2, devices=12, legacy_days=(0, 1), v1_days=(0, 2), seed=13
    )
    bucket = tmp_path / "bucket"
    pipeline = dataclasses.replace(generated, export=bucket)
    hourly = ("build", "--selector", "hourly")

    def files(folder: str, hours: range, family: str = "v1") -> list[Path]:
        start, stop = (START + timedelta(hours=h) for h in (hours.start, hours.stop))
        found = []
        for path in sorted(generated.export.rglob(f"{folder}/**/*.parquet")):
            parsed = parse_key(path.relative_to(generated.export).as_posix())
            assert parsed is not None
            if parsed.family == family and start <= parsed.window_start < stop:
                found.append(path)
        return found

    # held back, delivered after their hours (and the hours after them) were built: a v1
    # temperature file of day 1 (no legacy copy), and a legacy CO2 file of day 0 whose events
    # the v1 exporter delivered already (the copy loses: nothing may change)
    held = [
        files("measurementAmbientTemperature", range(26, 29))[0],
        files("measurementCO2", range(12, 14), family="legacy")[0],
    ]
    assert deliver(generated.export, bucket, until=START + timedelta(hours=30)) > 0
    for path in held:
        (bucket / path.relative_to(generated.export)).unlink()
    assert pipeline.load().returncode == 0
    pipeline.dbt(*hourly)

    for index, hour in enumerate(START + timedelta(hours=h) for h in (30, 31, 32)):
        assert deliver(generated.export, bucket, until=hour + timedelta(hours=1), since=hour) > 0
        if index == 0:
            for change, folder, hours in (
                ("values", "measurementCO2", range(14, 16)),
                ("row", "measurementAmbientTemperature", range(20, 22)),
                ("row", "measurementCO2", range(5, 7)),
            ):
                source = files(folder, hours)[0]
                _rewrite(bucket / source.relative_to(generated.export), change)
            assert _reparent_latest_floor(bucket) > 0
        if index == 1:
            # after the re-deliveries: the rebuild of a device they force would hide a wrong
            # scope for the late files
            for path in held:
                shutil.copyfile(path, bucket / path.relative_to(generated.export))
        assert pipeline.load().returncode == 0
        pipeline.dbt(*hourly)

    # The SiteWise and IoT Core rows tables stay empty with a Haltian export: their own
    # deliveries and comparisons are in test_sitewise_pipeline.py and test_iot_core_pipeline.py
    models = {
        name: relation
        for name, relation in incremental_models(pipeline.target).items()
        if not name.startswith(("stg_sitewise__", "stg_iot_core__"))
    }
    assert {"fct_environment_hourly", "fct_occupancy_intervals"} <= set(models)
    incremental = all_incremental_facts(pipeline.database, models)
    full = dataclasses.replace(
        pipeline, database=tmp_path / "full.duckdb", target=tmp_path / "target-full"
    )
    full.dbt(*hourly, "--full-refresh")
    expected = all_incremental_facts(full.database, models)
    for name in models:
        assert incremental[name], name
        assert incremental[name] == expected[name], name
