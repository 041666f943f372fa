"""AWS IoT Core breadcrumbs end to end: generated fleet export (Firehose and direct S3 action
objects, a gzipped batch, a batch without separators) plus a batch with bad lines -> loader ->
dbt build of the fleet models and tests -> GeoJSON (#16)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from iot_facts.generator.iot_core import write_iot_core_export
from iot_facts.iot_core.paths import firehose_key
from iot_facts.loader import manifest
from iot_facts.loader.cli import main
from iot_facts.local_s3 import LOCAL_CREDENTIALS, LocalS3
from iot_facts.settings import PROJECT_ROOT

from .conftest import Pipeline, staging_rows

SELECT = [
    "--select",
    "+path:models/marts/fleet +int_iot_core_rows_reconciled",
    "--indirect-selection",
    "cautious",
]
NEW_EVENT = {
    "state": {"reported": {"location": {"lat": 60.2, "lon": 24.9}, "speed": "30"}},
    "metadata": {"reported": {"speed": {"timestamp": 1791194400}}},
    "version": 1,
    "thingnm": "iotfleet_99",
    "thetopic": "$aws/things/iotfleet_99/shadow/update/accepted",
}


def test_fleet_export_flows_through_loader_staging_and_marts(tmp_path: Path) -> None:
    pipeline = Pipeline(
        tmp_path / "export", tmp_path / "landing", tmp_path / "warehouse.duckdb", tmp_path / "t"
    )
    summary = write_iot_core_export(pipeline.export)
    # a batch with a truncated line followed by a good one, and a line that is not JSON
    key = firehose_key(
        "iot/iotfleet/firehose/", "iotfleet", 1, datetime(2026, 10, 5, 10, 5, tzinfo=UTC), "bad"
    )
    (pipeline.export / key).parent.mkdir(parents=True, exist_ok=True)
    (pipeline.export / key).write_text(
        '{"state": {"reported": {"speed": "4\n' + json.dumps(NEW_EVENT) + "\nnot json at all\n"
    )
    # and a batch of bad lines only
    only_bad = firehose_key(
        "iot/iotfleet/firehose/", "iotfleet", 1, datetime(2026, 10, 5, 10, 6, tzinfo=UTC), "all"
    )
    (pipeline.export / only_bad).write_text("not json\n[1, 2]\n")
    loaded = pipeline.load()
    assert loaded.returncode == 0, loaded.stderr
    assert "bad line" in loaded.stderr  # the loader says so
    pipeline.dbt("build", *SELECT)
    assert pipeline.statuses()["warn_iot_core_objects_with_every_line_rejected"] == "warn"

    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        reconciled = con.sql(
            "select delivery_path, file_rows, staged_rows, duplicate_rows, rejected_rows,"
            " unaccounted_rows from intermediate.int_iot_core_rows_reconciled order by 1"
        ).fetchall()
        assert [r[-1] for r in reconciled] == [0, 0], reconciled
        staged = con.sql("select count(*) from staging.stg_iot_core__breadcrumbs").fetchone()[0]
        assert staged == summary.events + 1  # every event once, whatever its delivery paths
        assert con.sql(
            "select distinct delivery_path from staging.stg_iot_core__breadcrumbs"
        ).fetchall() == [("firehose",)], "the Firehose copy is kept"
        rejects = con.sql(
            "select line_number, reject_reason from staging.stg_iot_core__breadcrumb_rejects"
            " order by 1"
        ).fetchall()
        assert [r[0] for r in rejects] == [1, 1, 2, 3] and all(
            r[1].startswith("bad line: ") for r in rejects
        ), rejects
        for special in (summary.gzipped_key, summary.no_separator_key):
            assert (
                con.sql(
                    "select count(*) from staging.stg_iot_core__breadcrumbs where source_file = ?",
                    params=[f"{special}.jsonl.parquet"],
                ).fetchone()[0]
                > 1
            ), special
        assert (
            con.sql("select max(object_in_line) from staging.stg_iot_core__breadcrumbs").fetchone()[
                0
            ]
            > 0
        ), "events concatenated on one line are split"
        planted = {
            kind: {e.thing_name for e in summary.episodes if e.kind == kind}
            for kind in ("speeding", "cold_chain")
        }
        speeding = {
            r[0] for r in con.sql("select thing_name from marts.fct_speeding_episodes").fetchall()
        }
        assert speeding == planted["speeding"]
        cold = {
            r[0]
            for r in con.sql("select thing_name from marts.fct_cold_chain_excursions").fetchall()
        }
        assert cold == planted["cold_chain"]
        # one vehicle reports milliseconds: its times are still on the export's day
        assert con.sql(
            "select min(reported_at)::date, max(reported_at)::date"
            " from staging.stg_iot_core__breadcrumbs where thing_name != 'iotfleet_99'"
        ).fetchone() == (datetime(2026, 10, 5).date(), datetime(2026, 10, 5).date())
        # a vehicle that never reports speed still has its day, without speeding
        silent = con.sql("""
            select thing_name from staging.stg_iot_core__breadcrumbs
            group by 1 having count(speed_kmh) = 0""").fetchall()
        assert silent and all(
            con.sql(
                "select event_count > 0 and speeding_episodes = 0 from marts.fct_vehicle_daily"
                " where thing_name = ?",
                params=[thing],
            ).fetchone()[0]
            for (thing,) in silent
        )

    out = tmp_path / "fleet.geojson"
    subprocess.run(
        [
            sys.executable,
            "scripts/export_fleet_geojson.py",
            "--database",
            str(pipeline.database),
            "--out",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    collection = json.loads(out.read_text())
    kinds = [f["geometry"]["type"] for f in collection["features"]]
    assert kinds.count("Point") == len(summary.things) + 1
    assert kinds.count("LineString") == len(summary.things)


def test_a_source_prefix_loads_all_paths_or_just_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--source s3://bucket/iot/iotfleet/ discovers Firehose, S3 and Hive-style S3 objects;
    a --source on one of the sibling prefixes loads just that one (real S3 API, moto)."""
    for key, value in LOCAL_CREDENTIALS.items():  # the loader reads the standard AWS chain
        monkeypatch.setenv(key, value)
    export = tmp_path / "export"
    summary = write_iot_core_export(export, vehicles=2)
    with LocalS3() as s3:
        s3.upload_tree(export, "fleet")
        loaded: dict[str, dict[str, int]] = {}
        for name, prefix in (("all", "iot/iotfleet/"), ("firehose", "iot/iotfleet/firehose/")):
            dest = tmp_path / name
            code = main(
                [
                    *("--source", f"s3://fleet/{prefix}", "--dest", str(dest)),
                    *("--endpoint-url", s3.endpoint_url, "--processes", "1", "--quiet"),
                ]
            )
            assert code == 0
            counts: dict[str, int] = {}
            for row in manifest.load(dest).values():
                assert row.format == "iot_core" and row.status == "ok", row
                counts[row.entity] = counts.get(row.entity, 0) + 1  # type: ignore[index]
            loaded[name] = counts
    objects = summary.objects
    assert loaded["all"] == {
        "firehose": objects["firehose"],
        "direct": objects["s3"] + objects["s3p"],
    }
    assert loaded["firehose"] == {"firehose": objects["firehose"]}


STAGING = (
    "stg_iot_core__event_rows",
    "stg_iot_core__breadcrumb_rows",
    "stg_iot_core__breadcrumbs",
    "stg_iot_core__breadcrumb_rejects",
    "stg_iot_core__breadcrumb_duplicates",
)


def _changed_batch(path: Path) -> None:
    """Re-deliver a Firehose batch with its first event's speed changed (a conflict with the
    direct copies under the same version) and its second line removed."""
    lines = path.read_text().splitlines()
    event = json.loads(lines[0])
    document = event.get("current", event)
    document["state"]["reported"]["speed"] = "123"
    path.write_text("\n".join([json.dumps(event), *lines[2:]]) + "\n")


def test_iot_core_rows_incremental_equal_a_full_refresh(tmp_path: Path) -> None:
    """The IoT Core staging tables, built incrementally over three deliveries (the direct
    copies first and Firehose later, so the kept copy changes; a batch re-delivered with an
    event changed and a line removed; a late batch), equal a `--full-refresh` build row for
    row, and so do the views over them."""
    generated = tmp_path / "generated"
    summary = write_iot_core_export(generated, vehicles=3)
    objects = sorted(p for p in generated.rglob("*") if p.is_file())
    firehose = [p for p in objects if "/firehose/" in p.as_posix()]
    plain = [
        p
        for p in firehose
        if p.relative_to(generated).as_posix()
        not in (summary.gzipped_key, summary.no_separator_key)
        and len(p.read_text().splitlines()) > 2
    ]
    changed, late = plain[0], plain[-1]
    bucket = tmp_path / "bucket"
    pipeline = Pipeline(bucket, tmp_path / "landing", tmp_path / "warehouse.duckdb", tmp_path / "t")

    def deliver(paths: list[Path]) -> None:
        for path in paths:
            target = bucket / path.relative_to(generated)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    run = ("run", "--select", "+path:models/staging/iot_core")
    half = len(firehose) // 2
    deliver([p for p in objects if "/s3/" in p.as_posix()])
    deliver([p for p in firehose[:half] if p != late])
    assert pipeline.load().returncode == 0
    pipeline.dbt(*run)

    deliver([p for p in firehose[half:] if p != late])
    _changed_batch(bucket / changed.relative_to(generated))
    assert pipeline.load().returncode == 0
    pipeline.dbt(*run)

    deliver([p for p in objects if "/s3p/" in p.as_posix()] + [late])
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
    assert expected["stg_iot_core__breadcrumb_duplicates"], "copies across delivery paths"
    with duckdb.connect(str(full.database), read_only=True) as con:
        assert (
            con.sql(
                "select count(*) from staging.stg_iot_core__breadcrumb_rows where is_conflict"
            ).fetchone()[0]
            > 0
        ), "the changed event conflicts with its direct copies"
