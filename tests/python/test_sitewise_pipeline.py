"""The SiteWise cold tier end to end: generated export -> loader -> dbt build of the SiteWise
models and tests, with a damaged file, a bad record and a re-exported asset (#15)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import fastavro

from iot_facts.generator.sitewise import SiteWiseSpec, avro_bytes, write_sitewise_export
from iot_facts.sitewise.schemas import RAW_AVRO

from .conftest import Pipeline, staging_rows

SELECT = [
    "--select",
    "+path:models/marts/sitewise +int_sitewise_rows_reconciled",
    "--indirect-selection",
    "cautious",
]


def test_sitewise_export_flows_through_loader_staging_and_marts(tmp_path: Path) -> None:
    pipeline = Pipeline(
        tmp_path / "export", tmp_path / "landing", tmp_path / "warehouse.duckdb", tmp_path / "t"
    )
    write_sitewise_export(SiteWiseSpec(out=pipeline.export, days=1, turbines=2))
    raw_files = sorted((pipeline.export / "sitewise" / "raw").rglob("raw_*_GOOD.avro"))
    # a damaged file: quarantined by the loader, so the metrics over its points disagree
    damaged = next(p for p in raw_files if len(p.read_bytes()) > 2000)
    damaged_series = damaged.name.split("_", 1)[1].rsplit("_", 2)[0]
    damaged.write_bytes(damaged.read_bytes()[:-200])
    # a record whose quality is no SiteWise code (the seed document's own example shows "G")
    with raw_files[-1].open("rb") as handle:
        records = list(fastavro.reader(handle))
    odd = {**records[0], "quality": "G", "timeInSeconds": records[0]["timeInSeconds"] + 1}
    raw_files[-1].write_bytes(avro_bytes(RAW_AVRO, [*records, odd], raw_files[-1].name))

    # a file none of whose records can be staged
    lost = raw_files[0].with_name(raw_files[0].name.replace("_GOOD.avro", "_UNCERTAIN.avro"))
    assert not lost.exists()
    lost.write_bytes(avro_bytes(RAW_AVRO, [{**records[0], "quality": "X"}], lost.name))

    assert pipeline.load().returncode == 1  # a quarantined file
    pipeline.dbt("build", *SELECT, check=False)
    statuses = pipeline.statuses()
    assert statuses.get("sitewise_metrics_match_raw_points") == "warn", statuses
    assert statuses.get("warn_sitewise_files_with_every_row_rejected") == "warn", statuses
    assert {n: s for n, s in statuses.items() if s not in ("pass", "success", "warn")} == {}

    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        assert con.sql(
            "select sum(unaccounted_rows), count(*) from intermediate.int_sitewise_rows_reconciled"
        ).fetchone() == (0, 4)
        assert con.sql(
            "select reject_reason from staging.stg_sitewise__value_rejects order by 1"
        ).fetchall() == [("unknown quality: G",), ("unknown quality: X",)]
        mismatched = con.sql(
            "select distinct series_id, raw_count from marts.fct_sitewise_agg_reconciliation"
            " where not is_match"
        ).fetchall()
        assert mismatched == [(damaged_series, 0)], "only the metrics of the quarantined file"
        # the farm's ActivePower is the sum of its turbines', hour by hour
        farm, turbines = con.sql("""
            select
                max(asset.sum_time_weighted_avg),
                sum(turbine.time_weighted_avg)
            from marts.fct_sitewise_asset_hourly as asset
            inner join marts.dim_sitewise_assets as assets using (asset_id)
            inner join marts.fct_sitewise_property_hourly as turbine
                on turbine.hour_start = asset.hour_start
            inner join marts.dim_sitewise_properties as properties
                on turbine.series_id = properties.time_series_id
            where assets.depth = 0 and asset.property_name = 'ActivePower'
                and properties.property_name = 'ActivePower'
                and asset.hour_start = timestamp '2026-10-05 12:00'""").fetchone()
        assert farm is not None and abs(farm - turbines) < 1e-6 * abs(farm)
        assert (
            con.sql(
                "select count(*) from marts.fct_sitewise_property_intervals where is_open"
            ).fetchone()[0]
            > 0
        )

    # an asset re-exported under the same key with a new name replaces the old version
    metadata = next((pipeline.export / "sitewise" / "asset_metadata").glob("asset_*.ndjson"))
    lines = [json.loads(line) for line in metadata.read_text().splitlines() if line]
    old_name = lines[0]["assetName"]
    metadata.write_text(
        "".join(json.dumps({**line, "assetName": "Renamed turbine"}) + "\n" for line in lines)
    )
    assert pipeline.load().returncode == 0  # only the changed object is fetched
    pipeline.dbt("build", *SELECT, check=False)
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        names = {
            r[0] for r in con.sql("select asset_name from marts.dim_sitewise_assets").fetchall()
        }
        assert "Renamed turbine" in names and old_name not in names


STAGING = [
    "stg_sitewise__raw_value_rows",
    "stg_sitewise__agg_value_rows",
    "stg_sitewise__raw_values",
    "stg_sitewise__agg_values",
    "stg_sitewise__superseded_values",
    "stg_sitewise__value_rejects",
]


def _window(path: Path) -> int:
    """The window start (epoch seconds) a raw_/agg_ file name carries."""
    found = re.search(r"_(\d+)_(?:GOOD|BAD|UNCERTAIN)\.avro$", path.name)
    assert found is not None, path
    return int(found.group(1))


def test_sitewise_rows_incremental_equal_a_full_refresh(tmp_path: Path) -> None:
    """The SiteWise rows tables, built incrementally over three deliveries (the later windows,
    an object re-delivered with a value changed and a record removed, a late file for an early
    window), equal a `--full-refresh` build row for row, and so do the views over them."""
    generated = tmp_path / "generated"
    write_sitewise_export(SiteWiseSpec(out=generated, days=2, turbines=2))
    series_files = sorted(generated.rglob("*.avro"))
    windows = sorted({_window(path) for path in series_files})
    bucket = tmp_path / "bucket"
    pipeline = Pipeline(bucket, tmp_path / "landing", tmp_path / "warehouse.duckdb", tmp_path / "t")
    held = next(p for p in series_files if _window(p) == windows[1] and p.name.startswith("raw_"))

    def deliver(first: int, last: int) -> None:
        for path in sorted(generated.rglob("*")):
            if path.is_dir() or path == held:
                continue
            if path.suffix == ".avro" and not first <= _window(path) <= last:
                continue
            target = bucket / path.relative_to(generated)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    run = ("run", "--select", "+path:models/staging/sitewise")
    deliver(windows[0], windows[3])
    assert pipeline.load().returncode == 0
    pipeline.dbt(*run)

    deliver(windows[4], windows[5])
    # an early object re-delivered under its key: one value changed, one record gone
    redelivered = next(
        bucket / p.relative_to(generated)
        for p in series_files
        if _window(p) == windows[2] and p.name.startswith("raw_") and p.stat().st_size > 2000
    )
    with redelivered.open("rb") as handle:
        records = list(fastavro.reader(handle))
    changed = next(r for r in records if r.get("doubleValue") is not None)
    records = [
        {**r, "doubleValue": r["doubleValue"] + 1.0} if r is changed else r for r in records[1:]
    ]
    redelivered.write_bytes(avro_bytes(RAW_AVRO, records, redelivered.name))
    assert pipeline.load().returncode == 0
    pipeline.dbt(*run)

    shutil.copyfile(held, bucket / held.relative_to(generated))  # the late file
    deliver(windows[6], windows[-1])
    assert pipeline.load().returncode == 0
    pipeline.dbt(*run)

    full = Pipeline(bucket, pipeline.landing, tmp_path / "full.duckdb", tmp_path / "t-full")
    full.dbt(*run, "--full-refresh")
    incremental, expected = (
        staging_rows(pipeline.database, STAGING),
        staging_rows(full.database, STAGING),
    )
    for model in STAGING:
        assert incremental[model] == expected[model], model
    for model in ("stg_sitewise__raw_value_rows", "stg_sitewise__superseded_values"):
        assert expected[model], model
