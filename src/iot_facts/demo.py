"""The end-to-end demo behind ``make demo``.

generate the sample export (ending at the current hour) -> serve it from a local S3 endpoint
(moto, 127.0.0.1) -> run the loader against that endpoint -> dbt source freshness -> dbt build
-> dbt docs generate --static -> the report site (reports/build) -> print a mart summary.
Idempotent within the hour: a second run reuses the export, fetches nothing new and rebuilds the
models; in a later hour the export is generated again, ending at the new hour, and the demo's
landing area and warehouse start over.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from iot_facts import fleet_geojson, report, settings
from iot_facts.local_s3 import LOCAL_CREDENTIALS, LocalS3

BUCKET = "haltian-demo-exports"
# --format all: the Haltian export under parquet/, an AWS IoT SiteWise cold-tier export (a
# wind farm, 2 days) under sitewise/ and AWS IoT Core fleet breadcrumbs (8 vehicles, the day
# before and today) under iot/iotfleet/, in one bucket; the loader takes all three in one run.
# Every export ends at the current hour (--end), so source freshness passes and "last week"
# has data.
GENERATOR_ARGS = ["--seed", "42", "--days", "7", "--devices", "100", "--format", "all"]
# written into the landing directory: the demo may replace what it staged there, nothing else
DEMO_MARKER = ".demo-export.json"


def _step(title: str) -> float:
    print(f"\n==> {title}", flush=True)
    return time.monotonic()


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env, cwd=settings.PROJECT_ROOT)


def _export(out: Path, landing: Path, database: Path) -> list[str]:
    """Generate the export ending at the current hour unless the one there already does.

    A new export moves every timestamp, so the landing area and warehouse the demo built from
    the previous one are removed (only if the demo's marker says they are the demo's).
    """
    arguments = [*GENERATOR_ARGS, "--end", datetime.now(UTC).strftime("%Y-%m-%dT%H")]
    marker = out.parent / f"{out.name}.json"
    if out.exists() and marker.exists() and json.loads(marker.read_text()) == arguments:
        print(f"reusing {out} (generated with {' '.join(arguments)})")
        return arguments
    if (landing / DEMO_MARKER).exists():
        print(f"the sample export moves to the current hour: removing {landing} and {database}")
        shutil.rmtree(landing)
        database.unlink(missing_ok=True)
    elif landing.exists() and any(landing.iterdir()):
        raise SystemExit(
            f"{landing} holds files the demo did not stage; set IOT_LANDING_DIR to an empty or "
            "new directory for the demo"
        )
    _run(
        [
            sys.executable,
            "scripts/generate_sample_export.py",
            "--out",
            str(out),
            "--clean",
            *arguments,
        ]
    )
    marker.write_text(json.dumps(arguments))
    return arguments


SUMMARY_QUERIES = {
    "Most utilized meeting rooms (business hours, whole period)": """
        select zone_name as room, round(100 * sum(occupied_seconds)
            / nullif(sum(observed_seconds), 0), 1) as utilization_pct,
            round(sum(occupied_seconds) / 3600, 1) as occupied_hours
        from marts.fct_zone_occupancy_hourly
        join marts.dim_zones using (zone_id)
        where zone_type = 'meeting_room' and is_business_hour
        group by all order by utilization_pct desc limit 5""",
    "Busiest floors by occupied device-hours": """
        select space_path as floor, round(sum(occupied_seconds) / 3600, 1) as occupied_hours,
            round(100 * max(utilization_ratio), 1) as peak_hour_utilization_pct
        from marts.fct_space_occupancy_hourly
        join marts.dim_spaces using (space_id)
        where space_type = 'floor'
        group by all order by occupied_hours desc limit 5""",
    "Row accounting (delivered file rows = staged + duplicates + rejects)": """
        select exporter, sum(file_rows) as file_rows, sum(staged_rows) as staged,
            sum(duplicate_rows) as duplicates, sum(rejected_rows) as rejected,
            sum(unaccounted_rows) as unaccounted
        from intermediate.int_export_rows_reconciled group by all order by 1""",
    "SiteWise: daily mean active power per asset, farm = sum of its turbines (kW)": """
        select assets.asset_path, hourly.hour_start::date as day,
            round(avg(hourly.sum_time_weighted_avg), 1) as mean_active_power_kw
        from marts.fct_sitewise_asset_hourly as hourly
        join marts.dim_sitewise_assets as assets using (asset_id)
        where hourly.property_name = 'ActivePower'
        group by all order by 1, 2""",
    "SiteWise row accounting and metrics reconciled against raw points": """
        select dataset, file_rows, staged_rows, superseded_rows, rejected_rows,
            unaccounted_rows,
            (select count(*) filter (where not is_match)
                from marts.fct_sitewise_agg_reconciliation) as mismatched_metrics
        from intermediate.int_sitewise_rows_reconciled order by 1""",
    "Fleet: who speeds (over 90 km/h for a minute or more), and how often": """
        select thing_name as vehicle, count(*) as episodes,
            round(sum(duration_seconds) / 60, 1) as speeding_minutes,
            max(max_speed_kmh) as top_speed_kmh
        from marts.fct_speeding_episodes group by all order by episodes desc, 1""",
    "Fleet: cold-chain excursions (cargo above 8 degC for 5 minutes or more)": """
        select thing_name as vehicle, started_at, round(duration_seconds / 60, 1) as minutes,
            peak_temperature_c
        from marts.fct_cold_chain_excursions order by started_at""",
}


def print_summary(database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        for title, query in SUMMARY_QUERIES.items():
            print(f"\n{title}")
            print(con.sql(query))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--export",
        type=Path,
        default=settings.PROJECT_ROOT / "data/sample-export",
        help="where the sample export is generated (default data/sample-export)",
    )
    args = parser.parse_args(argv)
    landing, database = settings.landing_dir(), settings.duckdb_path()
    env = {
        **os.environ,
        "IOT_LANDING_DIR": str(landing),
        "IOT_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(settings.PROJECT_ROOT),
    }
    began = _step("1/7 generate the sample export (Haltian, AWS IoT SiteWise, AWS IoT Core)")
    arguments = _export(args.export, landing, database)
    _step("2/7 serve it from a local S3 endpoint and run the loader against it")
    with LocalS3() as s3:
        files = s3.upload_tree(args.export, BUCKET)
        print(f"uploaded {files} objects to s3://{BUCKET}/ at {s3.endpoint_url}")
        loader_env = {**env, **LOCAL_CREDENTIALS, "AWS_ENDPOINT_URL_S3": s3.endpoint_url}
        _run(
            [
                sys.executable,
                "scripts/load_exports.py",
                "--source",
                f"s3://{BUCKET}/",
                "--dest",
                str(landing),
            ],
            env=loader_env,
        )
    (landing / DEMO_MARKER).write_text(json.dumps(arguments))
    dbt = str(Path(sys.executable).parent / "dbt")
    _step("3/7 dbt source freshness (is every export delivering? thresholds: README)")
    _run([dbt, "source", "freshness"], env=env)
    _step("4/7 dbt build (seeds, models, data tests, unit tests)")
    database.parent.mkdir(parents=True, exist_ok=True)
    _run([dbt, "build"], env=env)
    _step("5/7 dbt docs generate --static")
    _run([dbt, "docs", "generate", "--static"], env=env)
    _step("6/7 the report site (MetricFlow metrics + marts -> Evidence, static)")
    report.write_data(database, report.REPORT_DIR / "data")
    site = report.build_site()
    _step("7/7 summary")
    print_summary(database)
    fleet_map = settings.PROJECT_ROOT / "target" / "fleet.geojson"
    fleet_geojson.main(["--database", str(database), "--out", str(fleet_map)])
    print(
        f"\nwarehouse: {database}\ndocs: {settings.PROJECT_ROOT / 'target/static_index.html'}"
        f"\nfleet map (GeoJSON): {fleet_map}"
        f"\nreport site: {site}; serve it with"
        f"\n  {report.serve_command(site)}"
        f"\ndone in {time.monotonic() - began:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
