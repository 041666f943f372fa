"""Build the report site (``reports/``, Evidence): what ``make report`` runs.

1. Write ``reports/data/report.duckdb``: the mart rows the pages show, read from the warehouse,
   and the metric figures, answered by MetricFlow (``mf query``) from the semantic layer, so
   the report never restates a metric's formula (utilization is the metric, not page SQL).
2. ``npm ci`` (once per lockfile), ``npm run sources``, ``npm run build``: a static site in
   ``reports/build``, served by any static file server.

    python -m iot_facts.report            # the warehouse of IOT_DUCKDB_PATH
    python -m iot_facts.report --data-only
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from iot_facts import settings

REPORT_DIR = settings.PROJECT_ROOT / "reports"
BIN = Path(sys.executable).parent

# Mart rows for the pages: (table, query against the attached warehouse `wh`). Figures that are
# metrics come from METRICS below, never from these.
TABLES: dict[str, str] = {
    "watermarks": """
        -- as int_measurement_watermarks: a file vouches up to its window end or write time
        select
            coalesce(family, dataset) as feed,
            max(least(window_end, coalesce(last_modified_at, window_end))) as data_up_to
        from wh.staging.stg_loader__manifest_files
        where status in ('ok', 'empty') and window_end is not null
        group by all""",
    "room_air_hourly": """
        select zones.zone_name, zones.zone_type, air.hour_start, air.local_date, air.local_hour,
            air.is_business_hour, air.metric, air.time_weighted_avg, air.max_value
        from wh.marts.fct_environment_space_hourly as air
        inner join wh.marts.dim_zones as zones on air.area_id = zones.zone_id
        where air.area_type = 'zone'
            and air.metric in ('co2', 'ambient_temperature', 'humidity')""",
    "co2_episodes": """
        select zones.zone_name, episodes.device_id, episodes.started_at, episodes.ended_at,
            episodes.duration_seconds / 60 as minutes, episodes.peak_co2_ppm, episodes.is_open
        from wh.marts.fct_co2_episodes as episodes
        left join wh.marts.dim_devices as devices using (device_id)
        left join wh.marts.dim_zones as zones on devices.zone_id = zones.zone_id""",
    "device_status": """
        select devices.device_id, devices.device_name, devices.model_type,
            coalesce(zones.zone_name, spaces.space_path) as placed_in,
            devices.last_seen_at, health.hours_since_last_event, health.is_silent,
            health.battery_percentage_last
        from wh.marts.dim_devices as devices
        left join wh.marts.dim_zones as zones on devices.zone_id = zones.zone_id
        left join wh.marts.dim_spaces as spaces on devices.space_id = spaces.space_id
        left join wh.marts.fct_device_health_daily as health
            on devices.device_id = health.device_id
        where not devices.is_device_group and not devices.is_deleted
        qualify row_number() over (
            partition by devices.device_id order by health.health_date desc nulls last
        ) = 1""",
    # a straight line through each device's battery runs of the last 7 days: when it hits 0
    "battery_forecast": """
        with recent as (
            select * from wh.marts.fct_battery_intervals
            where valid_to > (select max(valid_to) from wh.marts.fct_battery_intervals)
                - interval 7 day
        ),
        fitted as (
            select device_id,
                regr_slope(battery_percentage, epoch(valid_from) / 86400) as percent_per_day,
                arg_max(battery_percentage, valid_from) as battery_percentage,
                max(valid_to) as as_of
            from recent group by all having count(*) >= 2
        )
        select fitted.*, devices.device_name,
            case when percent_per_day < 0 then battery_percentage / -percent_per_day end
                as days_to_empty
        from fitted left join wh.marts.dim_devices as devices using (device_id)""",
    "device_health_daily": """
        select health_date, count(*) filter (where is_silent) as silent_devices,
            sum(reboots) as reboots,
            count(*) filter (where reboots >= 3) as devices_rebooting_3_or_more
        from wh.marts.fct_device_health_daily group by all""",
    "reboot_storms": """
        select health.health_date, devices.device_name, health.reboots,
            health.boot_counter_resets
        from wh.marts.fct_device_health_daily as health
        left join wh.marts.dim_devices as devices using (device_id)
        where health.reboots >= 3""",
    "people_flow_hourly": """
        select coalesce(zones.zone_name, spaces.space_path, flow.device_id) as entrance,
            flow.hour_start, flow.local_date, flow.local_hour, flow.entries, flow.exits
        from wh.marts.fct_people_flow_hourly as flow
        left join wh.marts.dim_zones as zones on flow.zone_id = zones.zone_id
        left join wh.marts.dim_spaces as spaces on flow.space_id = spaces.space_id
        where not flow.is_device_group""",
    "vehicle_latest": """
        select thing_name, reported_at, latitude, longitude, speed_kmh, is_ignition_on,
            age_seconds / 60 as minutes_old
        from wh.marts.fct_vehicle_latest_positions""",
    "vehicle_tracks": """
        select thing_name, reported_at, latitude, longitude, speed_kmh
        from wh.marts.fct_vehicle_positions
        where reported_at >= (select max(reported_at) from wh.marts.fct_vehicle_positions)
            - interval 1 day""",
    "cold_chain_excursions": """
        select thing_name, started_at, ended_at, duration_seconds / 60 as minutes,
            peak_temperature_c, is_open
        from wh.marts.fct_cold_chain_excursions""",
    "sitewise_assets": """
        select asset_path, asset_name, asset_model_name, depth, hierarchy_issue
        from wh.marts.dim_sitewise_assets""",
    "sitewise_asset_hourly": """
        select assets.asset_path, assets.depth, hourly.property_name, hourly.unit,
            hourly.hour_start, hourly.sum_time_weighted_avg, hourly.avg_time_weighted_avg
        from wh.marts.fct_sitewise_asset_hourly as hourly
        inner join wh.marts.dim_sitewise_assets as assets using (asset_id)""",
    "sitewise_reconciliation": """
        select resolution, quality, count(*) as metrics,
            count(*) filter (where is_match) as matching,
            count(*) filter (where not is_match) as mismatched
        from wh.marts.fct_sitewise_agg_reconciliation group by all""",
}

BUSINESS = "{{ Dimension('%s__is_business_hour') }}"
MEETING_ROOMS = "{{ Dimension('zone__zone_type') }} = 'meeting_room' and " + BUSINESS % "zone_hour"
BUILDINGS = "{{ Dimension('space__space_type') }} = 'building' and " + BUSINESS % "space_hour"
# Metric figures: (table, mf query arguments). Names are MetricFlow's (entity__dimension).
METRICS: dict[str, list[str]] = {
    "m_floor_hour_of_week": [
        "--metrics", "space_utilization",
        "--group-by", "space__space_path,space_hour__local_weekday,space_hour__local_hour,"
        "space_hour__is_business_hour",
        "--where", "{{ Dimension('space__space_type') }} = 'floor'",
    ],
    "m_meeting_rooms": [
        "--metrics", "zone_utilization,zone_occupied_hours,zone_peak_occupants",
        "--group-by", "zone__zone_name",
        "--where", MEETING_ROOMS,
    ],
    "m_building_daily": [
        "--metrics", "space_utilization,space_peak_occupants",
        "--group-by", "space__space_path,space_hour__local_date",
        "--where", BUILDINGS,
    ],
    "m_room_air": [
        "--metrics", "co2_time_weighted_avg,temperature_time_weighted_avg,"
        "humidity_time_weighted_avg",
        "--group-by", "device__zone__zone_name",
    ],
    "m_room_co2_exceedance": [
        "--metrics", "co2_exceedance_hours,co2_episodes",
        "--group-by", "device__zone__zone_name",
    ],
    "m_speeding": [
        "--metrics", "speeding_episodes,speeding_minutes",
        "--group-by", "vehicle",
    ],
}  # fmt: skip


def _say(message: str) -> None:
    print(f"report: {message}", flush=True)


def _mf_query(name: str, arguments: list[str], env: dict[str, str], out: Path) -> Path:
    csv_path = out / f"{name}.csv"
    result = subprocess.run(
        [str(BIN / "mf"), "query", *arguments, "--csv", str(csv_path), "--quiet"],
        cwd=settings.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"mf query for {name} failed:\n{result.stdout}\n{result.stderr}")
    return csv_path


def _semantic_manifest(env: dict[str, str]) -> None:
    """mf reads <project>/target/semantic_manifest.json, wherever dbt's target path is."""
    target = settings.PROJECT_ROOT / "target"
    source = Path(env.get("DBT_TARGET_PATH", target)) / "semantic_manifest.json"
    subprocess.run([str(BIN / "dbt"), "parse", "--quiet"], cwd=settings.PROJECT_ROOT, env=env,
                   check=True)  # fmt: skip
    if source.resolve() != (target / "semantic_manifest.json").resolve():
        target.mkdir(exist_ok=True)
        shutil.copy(source, target / "semantic_manifest.json")


def write_data(database: Path, out: Path) -> dict[str, int]:
    """Write report.duckdb under ``out``: TABLES from the warehouse, METRICS from MetricFlow."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "report.duckdb"
    partial = out / "report.duckdb.partial"
    partial.unlink(missing_ok=True)
    env = {
        "DBT_PROFILES_DIR": str(settings.PROJECT_ROOT),
        **os.environ,
        "IOT_DUCKDB_PATH": str(database),
    }
    _semantic_manifest(env)
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch:
        csvs = {}
        for name, arguments in METRICS.items():
            began = time.monotonic()
            csvs[name] = _mf_query(name, arguments, env, Path(scratch))
            _say(f"metric {name} ({time.monotonic() - began:.1f} s)")
        # mf has closed the warehouse; only now open it (DuckDB allows one writer or readers)
        with duckdb.connect(str(partial)) as con:
            con.execute(f"attach '{database}' as wh (read_only)")
            for name, query in TABLES.items():
                con.execute(f"create table {name} as {query}")
            for name, path in csvs.items():
                # every metric a double, whatever a small sample looks like
                metrics = METRICS[name][METRICS[name].index("--metrics") + 1].split(",")
                types = {metric: "double" for metric in metrics}
                con.execute(  # names and types from METRICS above, not from input
                    f"create table {name} as select * from read_csv(?, header = true, "  # noqa: S608
                    f"types = {types!r})",
                    [str(path)],
                )
            for name in [*TABLES, *METRICS]:
                rows = con.sql(f"select count(*) from {name}").fetchone()  # noqa: S608
                counts[name] = rows[0] if rows else 0
    partial.replace(target)
    return counts


def _npm(*args: str) -> str:
    """Run npm in reports/, echo its output and return it."""
    began = time.monotonic()
    result = subprocess.run(
        ["npm", *args],
        cwd=REPORT_DIR,
        env={**os.environ, "NODE_OPTIONS": "--max-old-space-size=4096"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"npm {' '.join(args)} failed (exit {result.returncode})")
    _say(f"npm {' '.join(args)} ({time.monotonic() - began:.0f} s)")
    return result.stdout


def _install() -> None:
    """npm ci when node_modules is missing or was installed from another lockfile."""
    lock = hashlib.sha256((REPORT_DIR / "package-lock.json").read_bytes()).hexdigest()[:12]
    stamp = REPORT_DIR / "node_modules" / f".installed-{lock}"
    if stamp.exists():
        return
    _npm("ci")
    stamp.touch()


def build_site() -> Path:
    """npm ci (once), sources, build; a query error fails it (Evidence would exit 0)."""
    _install()
    # sources keeps the Parquet of queries that no longer exist; start clean
    shutil.rmtree(REPORT_DIR / ".evidence/template/static/data", ignore_errors=True)
    _npm("run", "sources:strict")
    log = _npm("run", "build")
    broken = [line.strip() for line in log.splitlines() if "Error in Query" in line]
    if broken:
        raise SystemExit("report queries failed:\n" + "\n".join(broken))
    return REPORT_DIR / "build"


def serve_command(site: Path) -> str:
    """How to open the built site (the exposures' urls name this server)."""
    return f"python -m http.server --directory {site} 8080   ->  http://127.0.0.1:8080/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help="the warehouse (default $IOT_DUCKDB_PATH, else data/warehouse.duckdb)",
    )
    parser.add_argument(
        "--data-only", action="store_true", help="write reports/data/report.duckdb, no site"
    )
    args = parser.parse_args(argv)
    database = settings.duckdb_path(str(args.database) if args.database else None)
    if not database.exists():
        parser.error(f"{database} does not exist: run the loader and `dbt build` first")
    began = time.monotonic()
    counts = write_data(database, REPORT_DIR / "data")
    empty = [name for name, rows in counts.items() if rows == 0]
    _say(f"{len(counts)} tables written" + (f"; empty: {', '.join(empty)}" if empty else ""))
    if not args.data_only:
        site = build_site()
        _say(
            f"site in {site} ({time.monotonic() - began:.0f} s); open it with\n"
            f"  {serve_command(site)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
