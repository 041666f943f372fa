"""The analyst layer on an export of every format that ends at the current hour (as the demo's):
source freshness passes on it and fails on a stale one, MetricFlow's metrics equal the marts'
own figures, and the report site builds from them and renders every page in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from iot_facts import report
from iot_facts.settings import PROJECT_ROOT

from .conftest import BIN, Pipeline, progress

# Three days: any 72 hours ending now hold weekday business hours, which the report's
# business-hour charts need (two days ending on a Sunday held none).
FRESH_EXPORT = [
    "--format", "all", "--end", "now", "--days", "3", "--devices", "20",
    "--legacy-days", "0-2", "--v1-days", "1-3", "--sitewise-days", "1", "--turbines", "2",
    "--vehicles", "4",
]  # fmt: skip


@pytest.fixture(scope="module")
def fresh(test_dir: Path) -> Pipeline:
    """Generated with the demo's --end now, loaded and built."""
    root = test_dir / "fresh"
    if root.exists():
        shutil.rmtree(root)
    pipeline = Pipeline(
        root / "export", root / "landing", root / "warehouse.duckdb", root / "target"
    )
    subprocess.run(
        [
            sys.executable,
            "scripts/generate_sample_export.py",
            "--out",
            str(pipeline.export),
            *FRESH_EXPORT,
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    loaded = pipeline.load()
    assert loaded.returncode == 0, loaded.stderr
    pipeline.dbt("build")
    return pipeline


def _freshness(pipeline: Pipeline) -> dict[str, str]:
    results = json.loads((pipeline.target / "sources.json").read_text())["results"]
    return {r["unique_id"].removeprefix("source.iot_facts."): r["status"] for r in results}


def test_an_export_ending_now_is_fresh_in_every_source(fresh: Pipeline) -> None:
    result = fresh.dbt("source", "freshness", check=False)
    statuses = _freshness(fresh)
    assert result.returncode == 0, result.stdout[-3000:]
    assert len(statuses) >= 60  # every Haltian folder of both exporters, SiteWise, IoT Core
    assert {name: s for name, s in statuses.items() if s != "pass"} == {}


def test_the_export_ends_at_the_current_hour(fresh: Pipeline) -> None:
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0, tzinfo=None)
    with duckdb.connect(str(fresh.database), read_only=True) as con:
        ends = dict(
            con.sql(
                "select coalesce(family, dataset), max(window_end) "
                "from staging.stg_loader__manifest_files group by all"
            ).fetchall()
        )
        latest_fleet_event = con.sql(
            "select max(reported_at) from marts.fct_vehicle_latest_positions"
        ).fetchone()[0]
    # the generator ran at most an hour before this check
    assert hour - timedelta(hours=1) <= ends["v1"] <= hour
    assert ends["sitewise_raw"] >= hour - timedelta(hours=6)  # six-hour Avro windows
    assert latest_fleet_event < hour + timedelta(hours=1)  # nothing from the future
    # no file's window reaches past the current hour: not SiteWise's open six-hour window, nor a
    # re-sent point's "next window" after the last one (they set watermarks in the future)
    assert max(end for end in ends.values() if end is not None) <= hour


def test_a_stale_export_fails_freshness_with_the_sources_named(built: Pipeline) -> None:
    # the session export is dated October 2026: every source is past its error_after
    result = built.dbt("source", "freshness", check=False)
    assert result.returncode != 0
    assert "ERROR STALE freshness of haltian_v1.measurementOccupancyStatus" in result.stdout
    assert set(_freshness(built).values()) == {"error"}


def _mf_query(pipeline: Pipeline, *args: str) -> list[dict[str, str]]:
    # mf reads <project>/target/semantic_manifest.json whatever DBT_TARGET_PATH says
    (PROJECT_ROOT / "target").mkdir(exist_ok=True)
    shutil.copy(
        pipeline.target / "semantic_manifest.json", PROJECT_ROOT / "target/semantic_manifest.json"
    )
    out = pipeline.target / "mf.csv"
    result = subprocess.run(
        [str(BIN / "mf"), "query", *args, "--csv", str(out), "--quiet"],
        cwd=PROJECT_ROOT,
        env=pipeline.env(),
        capture_output=True,
        text=True,
    )
    progress(f"mf query {' '.join(args)[:60]}")
    assert result.returncode == 0, result.stdout + result.stderr
    return list(csv.DictReader(io.StringIO(out.read_text())))


def test_the_utilization_metric_equals_the_marts_sum_over_sum(fresh: Pipeline) -> None:
    rows = _mf_query(
        fresh,
        "--metrics",
        "zone_utilization,zone_occupied_hours",
        "--group-by",
        "zone__zone_name",
        "--where",
        "{{ Dimension('zone_hour__is_business_hour') }}",
    )
    metric = {r["zone__zone_name"]: (float(r["zone_utilization"]), float(r["zone_occupied_hours"]))
              for r in rows}  # fmt: skip
    with duckdb.connect(str(fresh.database), read_only=True) as con:
        mart = {
            name: (ratio, hours)
            for name, ratio, hours in con.sql(
                "select zone_name, sum(occupied_seconds) / sum(observed_seconds),"
                " sum(occupied_seconds) / 3600"
                " from marts.fct_zone_occupancy_hourly join marts.dim_zones using (zone_id)"
                " where is_business_hour group by all"
            ).fetchall()
        }
    assert metric.keys() == mart.keys() and len(mart) >= 3
    for name, (ratio, hours) in mart.items():
        assert metric[name] == pytest.approx((ratio, hours), rel=1e-9)


def test_the_co2_mean_is_time_weighted(fresh: Pipeline) -> None:
    rows = _mf_query(fresh, "--metrics", "co2_time_weighted_avg", "--group-by", "device")
    metric = {r["device"]: float(r["co2_time_weighted_avg"]) for r in rows}
    with duckdb.connect(str(fresh.database), read_only=True) as con:
        mart = dict(
            con.sql(
                "select device_id, sum(time_weighted_avg * covered_seconds) / sum(covered_seconds)"
                " from marts.fct_environment_hourly where metric = 'co2' group by all"
            ).fetchall()
        )
    assert metric.keys() == mart.keys() and mart
    for device, value in mart.items():
        assert metric[device] == pytest.approx(value, rel=1e-9)


CHART = re.compile(r"<(BarChart|LineChart|AreaChart|Heatmap|ScatterPlot)\b")


def _page(route: str) -> Path:
    name = route.strip("/") or "index"
    return report.REPORT_DIR / "pages" / f"{name}.md"


def _page_query(route: str, name: str) -> str:
    """The SQL of the page's ```sql <name>``` block, as Evidence runs it."""
    match = re.search(rf"```sql {name}\n(.*?)```", _page(route).read_text(), re.S)
    assert match, f"no query {name} on {route}"
    return match.group(1)


def test_the_comfort_band_counts_rooms_without_a_humidity_reading() -> None:
    """Humidity is optional: a room (or a window of hours) without it is still banded by CO2 and
    temperature. Requiring all three left the chart empty whenever the humidity readings fell
    outside business hours (an export's v1 day on a weekend)."""
    with duckdb.connect() as con:
        con.execute("create schema iot")
        con.execute(
            """create table iot.room_air_hourly as
            select * from (values
                ('Taika', timestamp '2026-12-04 08:00', true, 'co2', 800.0),
                ('Taika', timestamp '2026-12-04 08:00', true, 'ambient_temperature', 21.0),
                ('Taika', timestamp '2026-12-04 09:00', true, 'co2', 1200.0),
                ('Taika', timestamp '2026-12-04 09:00', true, 'ambient_temperature', 21.0),
                ('Taika', timestamp '2026-12-04 10:00', true, 'co2', 800.0),
                ('Taika', timestamp '2026-12-04 10:00', true, 'ambient_temperature', 21.0),
                ('Taika', timestamp '2026-12-04 10:00', true, 'humidity', 70.0),
                ('Taika', timestamp '2026-12-05 10:00', false, 'humidity', 40.0)
            ) as t(zone_name, hour_start, is_business_hour, metric, time_weighted_avg)"""
        )
        rows = con.sql(_page_query("/indoor-air/", "comfort")).fetchall()
    assert [(room, band[0], hours) for room, band, hours in rows] == [
        ("Taika", "1", 1),
        ("Taika", "2", 1),
        ("Taika", "3", 1),
    ]


def test_every_report_table_is_an_evidence_source() -> None:
    sources = {f.stem for f in (report.REPORT_DIR / "sources" / "iot").glob("*.sql")}
    assert sources == {*report.TABLES, *report.METRICS}


def test_every_exposure_is_a_page_of_the_report(fresh: Pipeline) -> None:
    manifest = json.loads((fresh.target / "manifest.json").read_text())
    urls = {e["name"]: e.get("url") or "" for e in manifest["exposures"].values()}
    assert len(urls) >= 7
    for name, url in urls.items():
        route = re.sub(r"^https?://[^/]+", "", url)
        assert route and _page(route).exists(), f"exposure {name}: {url!r} is no report page"


def test_the_report_site_builds_and_every_page_renders(fresh: Pipeline) -> None:
    counts = report.write_data(fresh.database, report.REPORT_DIR / "data")
    assert {name for name, rows in counts.items() if rows == 0} <= {"reboot_storms"}
    site = report.build_site()
    progress("report site built")
    pages = sorted(report.REPORT_DIR.joinpath("pages").glob("*.md"))
    assert len(pages) == 7
    # every chart a page declares must be drawn (a chart without data draws no canvas)
    specs = []
    for page in pages:
        route = "/" if page.stem == "index" else f"/{page.stem}/"
        specs.append(f"{route}={len(CHART.findall(page.read_text()))}")
    shots = PROJECT_ROOT / "target" / "report-screenshots"
    result = subprocess.run(
        ["node", "tests/smoke.mjs", str(site), str(shots), *specs],
        cwd=report.REPORT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASS ") == len(pages)
    assert len(list(shots.glob("*.png"))) >= len(pages)
