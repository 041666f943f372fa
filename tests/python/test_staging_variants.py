"""Builds on exports with only one exporter, with nothing loaded, and with drifted files."""

from __future__ import annotations

import decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .conftest import Pipeline, make_pipeline

AUDIT = "+int_export_rows_reconciled"


def connect(pipeline: Pipeline) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(pipeline.database), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


@pytest.mark.parametrize("family", ["legacy", "v1"])
def test_one_exporter_only(tmp_path: Path, family: str) -> None:
    days = (
        {"legacy_days": (0, 2), "v1_days": None}
        if family == "legacy"
        else {"legacy_days": None, "v1_days": (0, 2)}
    )
    pipeline = make_pipeline(tmp_path, days=2, devices=12, **days)
    assert pipeline.load().returncode == 0
    pipeline.dbt("build")  # everything, data and unit tests, on one exporter's files
    with connect(pipeline) as con:
        exporters = con.sql(
            "select distinct exporter from staging.stg_haltian__occupancy_status_measurements"
        ).fetchall()
        assert exporters == [(family,)]
        humidity = con.sql("select count(*) from staging.stg_haltian__humidity_measurements")
        # humidity is v1-only: with only legacy files its folder does not exist
        assert (humidity.fetchone()[0] > 0) == (family == "v1")
        # a folder with no files still yields the right, typed columns
        columns = {
            r[0]: r[1]
            for r in con.sql("describe staging.stg_haltian__humidity_measurements").fetchall()
        }
        assert columns["measured_at"] == "TIMESTAMP" and columns["humidity"] == "DOUBLE"
        assert con.sql("select count(*) from marts.fct_occupancy_intervals").fetchone()[0] > 0
        assert con.sql("select count(*) from marts.dim_spaces").fetchone()[0] == 11
        assert (
            con.sql(
                "select sum(unaccounted_rows) from intermediate.int_export_rows_reconciled"
            ).fetchone()[0]
            == 0
        )


def test_nothing_loaded_builds_empty_models(tmp_path: Path) -> None:
    pipeline = make_pipeline(tmp_path, days=1, devices=5)
    pipeline.landing.mkdir(parents=True)
    pipeline.dbt("build")
    with connect(pipeline) as con:
        assert con.sql("select count(*) from staging.stg_haltian__co2_measurements").fetchone() == (
            0,
        )
        assert con.sql("select count(*) from marts.fct_space_occupancy_hourly").fetchone() == (0,)


def _write(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def test_schema_drift_is_typed_or_rejected_never_text(tmp_path: Path) -> None:
    pipeline = make_pipeline(
        tmp_path,
        days=1,
        devices=8,
        legacy_days=(0, 1),
        v1_days=(0, 1),
        measurement_types=("co2", "occupancy_status", "occupants_count"),
    )
    org = next((pipeline.export / "parquet" / "v1").iterdir()).name
    ts = pa.timestamp("us", tz="UTC")
    window = "2026_10_06_0000_2026_10_06_0100"
    v1 = pipeline.export / "parquet" / "v1" / org
    # a new column, and a decimal256 value column
    _write(
        v1 / f"measurementCO2/2026/10/{window}_measurementCO2.parquet",
        pa.table(
            {
                "deviceId": ["drift-1", "drift-2"],
                "measuredAt": pa.array([1_791_244_800_000_000, 1_791_244_860_000_000], ts),
                "co2": pa.array(
                    [decimal.Decimal("612.5"), decimal.Decimal("700.25")], pa.decimal256(50, 20)
                ),
                "calibrationOffset": pa.array([1.5, 2.5]),
            }
        ),
    )
    # microsecond timestamps
    _write(
        v1 / f"measurementOccupancyStatus/2026/10/{window}_measurementOccupancyStatus.parquet",
        pa.table(
            {
                "deviceId": ["drift-3"],
                "measuredAt": pa.array([1_791_244_800_123_456], ts),
                "isOccupied": [True],
            }
        ),
    )
    # an integer column arriving as text in one legacy file
    _write(
        pipeline.export
        / "parquet"
        / org
        / "measurementOccupantsCount/2026/10/2026_10_06_00_measurementOccupantsCount.parquet",
        pa.table(
            {
                "deviceId": ["drift-4", "drift-5", "drift-6"],
                "ts": pa.array(
                    [1_791_244_800_000, 1_791_244_801_000, 1_791_244_802_000],
                    pa.timestamp("ms", tz="UTC"),
                ),
                "organizationId": [org] * 3,
                "occupantsCount": ["4", "many", "2.5"],
            }
        ),
    )
    # a file named outside the export layout (an impossible date): the loader stages it as
    # unknown_entity; dbt must not read it, or its rows would be staged but never delivered
    odd = "measurementOccupantsCount/2026/02/2026_02_30_00_measurementOccupantsCount.parquet"
    _write(
        pipeline.export / "parquet" / org / odd,
        pa.table(
            {
                "deviceId": ["drift-7"],
                "ts": pa.array([1_791_244_800_000], pa.timestamp("ms", tz="UTC")),
                "organizationId": [org],
                "occupantsCount": [1],
            }
        ),
    )
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", "--select", AUDIT)
    with connect(pipeline) as con:
        co2 = con.sql(
            "select device_id, co2, typeof(co2) from staging.stg_haltian__co2_measurements"
            " where device_id like 'drift%' order by 1"
        ).fetchall()
        assert co2 == [("drift-1", 612.5, "DOUBLE"), ("drift-2", 700.25, "DOUBLE")]
        occupied = con.sql(
            "select measured_at::varchar from "
            "staging.stg_haltian__occupancy_status_measurements "
            "where device_id = 'drift-3'"
        ).fetchall()
        assert occupied == [("2026-10-06 00:00:00.123",)]
        counts = con.sql(
            "select device_id, occupants_count, typeof(occupants_count) from "
            "staging.stg_haltian__occupants_count_measurements "
            "where device_id like 'drift%'"
        ).fetchall()
        assert counts == [("drift-4", 4, "BIGINT")]
        rejects = con.sql(
            "select device_id, reject_reason, raw_record from "
            "staging.stg_haltian__measurement_rejects order by 1"
        ).fetchall()
        assert [r[:2] for r in rejects] == [
            ("drift-5", "unparseable occupants_count: many"),
            ("drift-6", "unparseable occupants_count: 2.5"),
        ]
        assert '"occupantsCount":"many"' in rejects[0][2]
        assert con.sql(
            "select status from staging.stg_loader__manifest_files where object_key like ?",
            params=[f"%{odd}"],
        ).fetchall() == [("unknown_entity",)]
        assert (
            con.sql(
                "select sum(unaccounted_rows) from intermediate.int_export_rows_reconciled"
            ).fetchone()[0]
            == 0
        )


def test_bad_rows_and_odd_files_are_rejected_or_reported_never_silent(tmp_path: Path) -> None:
    """#14: stray timestamps, impossible values, conflicting copies, an odd file name in an
    entity folder, a file without a required column and a file the manifest does not list."""
    pipeline = make_pipeline(
        tmp_path,
        days=1,
        devices=8,
        legacy_days=(0, 1),
        v1_days=(0, 1),
        measurement_types=("ambient_temperature", "occupancy_status", "occupants_count"),
    )
    org = next((pipeline.export / "parquet" / "v1").iterdir()).name
    ts = pa.timestamp("us", tz="UTC")
    window = "2026_10_06_0000_2026_10_06_0100"
    v1 = pipeline.export / "parquet" / "v1" / org
    at = 1_791_244_800_000_000  # 2026-10-06 00:00 UTC, in microseconds
    at_ms = at // 1000
    # legacy: 1e30 fits its float column (a v1 decimal column could not hold it)
    _write(
        pipeline.export
        / "parquet"
        / org
        / "measurementAmbientTemperature"
        / "2026"
        / "10"
        / "2026_10_06_00_measurementAmbientTemperature.parquet",
        pa.table(
            {
                "deviceId": ["bad-1", "bad-2", "bad-3", "ok-1"],
                "ts": pa.array(
                    # 2001 in a 2026 file; 30 days + 1 h before its window; 29 days before
                    [978_307_200_000, at_ms - 721 * 3_600_000, at_ms - 29 * 86_400_000, at_ms],
                    pa.timestamp("ms", tz="UTC"),
                ),
                "organizationId": [org] * 4,
                "ambientTemperature": pa.array([21.5, 21.5, 21.5, 1e30], pa.float32()),
            }
        ),
    )
    _write(
        v1 / f"measurementOccupantsCount/2026/10/{window}_measurementOccupantsCount.parquet",
        pa.table(
            {
                "deviceId": ["bad-4", "conflict-1"],
                "measuredAt": pa.array([at, at], ts),
                "occupantsCount": pa.array([-3, 4], pa.int64()),
            }
        ),
    )
    # the same event, another reading, in the next window's file: a conflicting copy
    later = "2026_10_06_0100_2026_10_06_0200"
    _write(
        v1 / f"measurementOccupantsCount/2026/10/{later}_measurementOccupantsCount.parquet",
        pa.table(
            {
                "deviceId": ["conflict-1"],
                "measuredAt": pa.array([at], ts),
                "occupantsCount": pa.array([5], pa.int64()),
            }
        ),
    )
    # a file without the required value column: every row rejected, and a warning says so
    _write(
        v1 / f"measurementOccupancyStatus/2026/10/{window}_measurementOccupancyStatus.parquet",
        pa.table({"deviceId": ["bad-5"], "measuredAt": pa.array([at], ts)}),
    )
    # an odd file name in an entity folder: the loader flags it, dbt must not read it
    spaces = sorted((pipeline.export / "parquet" / org / "space").rglob("*.parquet"))
    backup = pipeline.export / "parquet" / org / "space" / "2026" / "10" / "space_backup.parquet"
    backup.write_bytes(spaces[-1].read_bytes())

    loaded = pipeline.load()
    assert loaded.returncode == 0, loaded.stderr
    # a file on disk the manifest does not list (a loader killed before recording it)
    unrecorded = pipeline.landing / "parquet" / "v1" / org / "measurementOccupancyStatus"
    _write(
        unrecorded / "2026" / "10" / f"{later}_measurementOccupancyStatus.parquet",
        pa.table({"deviceId": ["lost-1"], "measuredAt": pa.array([at], ts), "isOccupied": [True]}),
    )
    result = pipeline.dbt(
        "build",
        "--select",
        f"{AUDIT} +dim_spaces +bridge_space_ancestors int_landing_files_unrecorded",
        check=False,
    )
    statuses = pipeline.statuses()
    assert statuses["assert_every_landing_file_is_in_the_manifest"] == "fail", result.stdout
    for warning in (
        "warn_conflicting_duplicate_measurements",
        "warn_files_with_every_row_rejected",
        "warn_unknown_export_files",
    ):
        assert statuses[warning] == "warn", warning
    others = {
        name: status
        for name, status in statuses.items()
        if status not in ("pass", "success", "warn")
        and name != "assert_every_landing_file_is_in_the_manifest"
    }
    assert others == {}, result.stdout[-4000:]

    with connect(pipeline) as con:
        rejects = dict(
            con.sql(
                "select device_id, reject_reason from staging.stg_haltian__measurement_rejects"
            ).fetchall()
        )
        assert rejects["bad-1"].startswith("measured_at more than 720 hours before")
        assert rejects["bad-2"].startswith("measured_at more than 720 hours before")
        assert "bad-3" not in rejects  # late, but within the margin: staged
        assert rejects["ok-1"].startswith("ambient_temperature outside its physical range")
        assert rejects["bad-4"] == "occupants_count outside its physical range [0, 10000]: -3"
        assert rejects["bad-5"] == "missing is_occupied"
        kept, conflict = con.sql(
            "select (select occupants_count from staging.stg_haltian__occupants_count_measurements"
            " where device_id = 'conflict-1'), (select is_conflict from"
            " staging.stg_haltian__measurement_duplicates where device_id = 'conflict-1')"
        ).fetchone()
        assert (kept, conflict) == (5, True)  # the latest export window wins
        assert con.sql(
            "select count(*) from staging.stg_haltian__spaces where source_file like '%backup%'"
        ).fetchone() == (0,)
        assert con.sql(
            "select local_path, file_rows from intermediate.int_landing_files_unrecorded"
        ).fetchall() == [
            (
                f"parquet/v1/{org}/measurementOccupancyStatus/2026/10/"
                f"{later}_measurementOccupancyStatus.parquet",
                1,
            )
        ]
        assert (
            con.sql(
                "select sum(unaccounted_rows) from intermediate.int_export_rows_reconciled"
            ).fetchone()[0]
            == 0
        )
