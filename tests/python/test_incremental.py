"""Incremental builds of the interval facts equal a full refresh, row for row.

The export is delivered in steps like the real exporters do (hourly files), plus a late
catch-up file with an event inside an already-built run and a file repeating an event. After
each delivery the loader runs and dbt builds incrementally (the last time as the hourly job,
`--selector hourly`); at the end a full refresh of the same landing directory into a second
warehouse must produce identical facts.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
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
