"""The hourly job, run after each of several deliveries, leaves every table of the warehouse
equal to a full refresh of the same landing directory: the incremental staging rows tables
(which read only newly staged files), the staging views over them, and everything built on them.

Deliveries: hourly files of both exporters (events delivered by both), an object re-delivered
under the same key with its first row removed and every value flipped, and an empty late file
for an old window.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .conftest import make_pipeline
from .test_incremental import START, deliver, occupancy_file


def tables(database: Path) -> dict[str, list[tuple]]:
    """Every table's rows, doubles rounded, without the build's high-water column."""
    out = {}
    with duckdb.connect(str(database), read_only=True) as con:
        names = con.sql(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('staging', 'intermediate', 'marts') order by all"
        ).fetchall()
        for schema, name in names:
            cols = con.sql(
                "select column_name, data_type from duckdb_columns() "
                f"where schema_name = '{schema}' and table_name = '{name}' "
                "and column_name != 'loaded_through_at'"
            ).fetchall()
            sel = ", ".join(f'round("{c}", 6)' if t == "DOUBLE" else f'"{c}"' for c, t in cols)
            out[f"{schema}.{name}"] = con.sql(
                f"select {sel} from {schema}.{name} order by all"
            ).fetchall()
    return out


def _redeliver_changed(path: Path) -> None:
    """Write the object again under the same key: first row removed, every state flipped."""
    table = pq.read_table(path).slice(1)
    name = "isOccupied" if "isOccupied" in table.column_names else "status"
    column = table.column(name)
    flipped = pc.invert(column) if column.type == "bool" else pc.subtract(1, column)
    pq.write_table(table.set_column(table.column_names.index(name), name, flipped), path)


def test_hourly_job_equals_full_refresh_on_every_table(tmp_path: Path) -> None:
    generated = make_pipeline(
        tmp_path / "generated", days=2, devices=12, legacy_days=(0, 1), v1_days=(0, 2), seed=9
    )
    bucket = tmp_path / "bucket"
    pipeline = dataclasses.replace(generated, export=bucket)
    org = next((generated.export / "parquet" / "v1").iterdir()).name
    assert deliver(generated.export, bucket, until=START + timedelta(hours=30)) > 0
    # the object re-delivered below first arrives with an invalid first row (no device): its
    # rejected row must go with the old version of the object
    redelivered = sorted(bucket.rglob("*measurementOccupancyStatus.parquet"))[3]
    original = pq.read_table(redelivered)
    devices = original.column("deviceId").to_pylist()
    column = original.column_names.index("deviceId")
    pq.write_table(
        original.set_column(column, "deviceId", pa.array([None, *devices[1:]], pa.string())),
        redelivered,
    )
    assert pipeline.load().returncode == 0
    pipeline.dbt("build", "--selector", "hourly")
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        device, measured_at, state = con.sql("""
            select device_id, measured_at, is_occupied
            from staging.stg_haltian__occupancy_status_measurements
            where measured_at >= timestamp '2026-10-05 03:00' order by 2, 1 limit 1""").fetchone()

    for index, hour in enumerate(START + timedelta(hours=h) for h in (30, 31, 32)):
        deliver(generated.export, bucket, until=hour + timedelta(hours=1), since=hour)
        if index == 0:
            _redeliver_changed(redelivered)
        if index == 1:
            # a late v1 file whose window ends after every other copy's: its copy of an event
            # already staged (with the other state) becomes the kept one
            occupancy_file(
                bucket,
                org,
                START + timedelta(hours=3),
                180,
                [(device, measured_at.replace(tzinfo=UTC), not state)],
            )
        assert pipeline.load().returncode == 0
        pipeline.dbt("build", "--selector", "hourly")

    incremental = tables(pipeline.database)
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        kept = con.sql(f"""
            select is_occupied from staging.stg_haltian__occupancy_status_measurements
            where device_id = '{device}' and measured_at = '{measured_at}'""").fetchall()
    assert kept == [(not state,)], "the late copy replaced the kept one"
    key = redelivered.relative_to(bucket).as_posix()
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        stale = con.sql(f"""
            select count(*) from staging.stg_haltian__occupancy_status_measurement_rows
            where reject_reason is not null and source_file = '{key}'""").fetchone()
    assert stale == (0,), "the old version's rejected row went with it"
    full = dataclasses.replace(
        pipeline, database=tmp_path / "full.duckdb", target=tmp_path / "target-full"
    )
    full.dbt("build", "--selector", "hourly", "--full-refresh")
    expected = tables(full.database)
    differ = [name for name in expected if expected[name] != incremental.get(name)]
    assert not differ, f"incremental != full refresh: {differ}"
