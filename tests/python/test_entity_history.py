"""Entity history from the snapshot series (#19): the generated export's entity snapshots are
edited the way a building changes (a space renamed, a floor moved to another building, a
device removed for a few hours and back, an export hour that never arrived, the legacy
exporter disagreeing with v1 while both deliver), then loaded and built; the versions and
history marts must tell the building as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.haltian.paths import parse_key

from .conftest import ROLLUP_MISMATCHES, Pipeline, make_pipeline

START = datetime(2026, 10, 5, tzinfo=UTC)  # SMALL_EXPORT: legacy days 0-1, v1 days 1-2
Rows = list[dict[str, object]]


def edit_snapshots(
    export: Path,
    folders: tuple[str, str],
    edit: Callable[[Rows, str], Rows],
    since: datetime = START,
    until: datetime = START + timedelta(days=30),
    family: str | None = None,
) -> int:
    """Rewrite every snapshot file of an entity (legacy folder, v1 folder) whose window starts
    in [since, until) with edit(rows, family); returns the files changed."""
    changed = 0
    for path in sorted(export.rglob("*.parquet")):
        parsed = parse_key(path.relative_to(export).as_posix())
        if parsed is None or parsed.folder not in folders:
            continue
        if family is not None and str(parsed.family) != family:
            continue
        if not since <= parsed.window_start < until:
            continue
        table = pq.read_table(path)
        rows = edit(table.to_pylist(), str(parsed.family))
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
        changed += 1
    return changed


def _rename(old: str, new: str) -> Callable[[Rows, str], Rows]:
    return lambda rows, _family: [
        {**row, "name": new} if row["name"] == old else row for row in rows
    ]


def _scenario(root: Path) -> Pipeline:
    pipeline = make_pipeline(root)
    export = pipeline.export
    # a space renamed at 10:00 on day 0 (legacy) and so in every later snapshot (v1 too)
    hour = START + timedelta(hours=10)
    assert edit_snapshots(export, ("space", "spaces"), _rename("2nd floor", "Second floor"), hour)
    # the 3rd floor moved from the main building to the parking at 14:00 on day 0

    def move_floor(rows: Rows, family: str) -> Rows:
        parent = "parentSpaceId" if family == "legacy" else "parentId"
        ids = {row["name"]: row["id"] for row in rows}
        return [
            {**row, parent: ids["Parking"]} if row["name"] == "3rd floor" else row for row in rows
        ]

    assert edit_snapshots(export, ("space", "spaces"), move_floor, START + timedelta(hours=14))
    # a device gone from the legacy snapshots of 06:00-08:00 on day 0, back at 09:00
    assert edit_snapshots(
        export,
        ("device", "devices"),
        lambda rows, _f: [r for r in rows if r["name"] != "Desk 002 (Desk area 2nd floor)"],
        START + timedelta(hours=6),
        START + timedelta(hours=9),
    )
    # while both exporters deliver (day 1), the legacy one names a zone otherwise: v1 governs
    assert edit_snapshots(
        export,
        ("zone", "zones"),
        _rename("Cafeteria", "Cafeteria (legacy)"),
        START + timedelta(days=1),
        family="legacy",
    )
    # the legacy spaces snapshot of 05:00 on day 0 never arrived
    missing = [
        p
        for p in export.rglob("*_space.parquet")
        if p.name == f"{START + timedelta(hours=5):%Y_%m_%d_%H}_space.parquet"
    ]
    assert len(missing) == 1
    missing[0].unlink()
    assert pipeline.load().returncode == 0
    return pipeline


def test_history_marts_tell_the_building_as_it_was(tmp_path: Path) -> None:
    pipeline = _scenario(tmp_path / "history")
    pipeline.dbt("build")
    at = {h: (START + timedelta(hours=h)).replace(tzinfo=None) for h in (0, 10, 14, 6, 9)}
    with duckdb.connect(str(pipeline.database), read_only=True) as con:

        def rows(sql: str, *params: object) -> list[tuple]:
            return con.sql(sql, params=list(params)).fetchall()

        # the missing hour deletes nothing: no space was ever deleted, and spaces untouched
        # by the edits have exactly one version
        assert rows("select count(*) from marts.dim_spaces_history where is_deleted") == [(0,)]
        assert rows(
            "select count(*) from marts.dim_spaces_history where space_path like 'Helsinki%'"
            " and version_number > 1"
        ) == [(0,)]
        # renamed: the old name until 10:00, the new one after, current in dim_spaces
        assert rows(
            "select space_name, valid_from, valid_to from marts.dim_spaces_history"
            " where space_id = (select space_id from marts.dim_spaces"
            " where space_name = 'Second floor') order by valid_from"
        ) == [("2nd floor", at[0], at[10]), ("Second floor", at[10], None)]
        # old facts keep the old path: the zone on that floor has a version per name
        assert rows(
            "select space_path, valid_from, valid_to from marts.dim_zones_history"
            " where zone_name = 'Desk area 2nd floor' order by valid_from"
        ) == [
            ("Oulu HQ / Main building / 2nd floor", at[0], at[10]),
            ("Oulu HQ / Main building / Second floor", at[10], None),
        ]
        # re-parented: the floor and the zones and devices on it get the new path at 14:00
        assert rows(
            "select h.space_path, b.space_name, h.valid_from, h.valid_to"
            " from marts.dim_spaces_history as h"
            " left join marts.dim_spaces as b on h.building_id = b.space_id"
            " where h.space_name = '3rd floor' order by h.valid_from"
        ) == [
            ("Oulu HQ / Main building / 3rd floor", "Main building", at[0], at[14]),
            ("Oulu HQ / Parking / 3rd floor", "Parking", at[14], None),
        ]
        for table, name in (
            ("dim_zones_history", "zone_name = 'Meeting room Revontuli'"),
            ("dim_devices_history", "device_name = 'Desk 003 (Desk area 3rd floor)'"),
        ):
            assert rows(
                f"select space_path, valid_from from marts.{table} where {name} order by 2"
            ) == [
                ("Oulu HQ / Main building / 3rd floor", at[0]),
                ("Oulu HQ / Parking / 3rd floor", at[14]),
            ], table
        # deleted at 06:00 and re-added at 09:00: the first version closed as deleted
        assert rows(
            "select version_number, valid_from, valid_to, is_deleted, is_current"
            " from marts.dim_devices_history"
            " where device_name = 'Desk 002 (Desk area 2nd floor)' order by valid_from"
        ) == [
            (1, at[0], at[6], True, False),
            (2, at[9], at[10], False, False),  # its floor is renamed at 10:00
            (3, at[10], None, False, True),
        ]
        assert rows(
            "select is_deleted from marts.dim_devices"
            " where device_name = 'Desk 002 (Desk area 2nd floor)'"
        ) == [(False,)]
        # the generator removes a device on day 2: dim_devices keeps it, flagged
        assert rows("select count(*) from marts.dim_devices where is_deleted") == [(1,)]
        # the legacy name of the overlap never shows: v1 governs while both deliver
        assert rows(
            "select count(*) from intermediate.int_zones_versions"
            " where zone_name = 'Cafeteria (legacy)'"
        ) == [(0,)]
        assert rows(
            "select count(*) from marts.dim_zones_history where zone_name like 'Cafeteria%'"
        ) == [(1,)]


def _ids(export: Path, folder: str) -> dict[str, str]:
    """name -> id from the first v1 snapshot of an entity."""
    path = next(p for p in sorted(export.rglob(f"v1/*/{folder}/**/*.parquet")))
    return {row["name"]: row["id"] for row in pq.read_table(path).to_pylist()}


def test_a_move_cuts_the_facts_and_every_change_builds_incrementally(tmp_path: Path) -> None:
    """Hourly deliveries bring a missing legacy snapshot hour, the legacy exporter disagreeing
    with v1 during the overlap, a device moved to another floor at 08:00 (a v1 snapshot), a
    re-delivered spaces snapshot renaming a floor and moving another to another building, a
    re-delivered devices snapshot moving another device in the past (facts long built), and
    a device dropped from one snapshot and back in the next: the moved device's runs are cut
    at the move and each side rolls up to its own floor, and every incremental model equals a
    `--full-refresh` build."""
    from .test_incremental import all_incremental_facts, deliver, incremental_models

    generated = make_pipeline(tmp_path / "generated")
    export, bucket = generated.export, tmp_path / "bucket"
    pipeline = Pipeline(bucket, tmp_path / "landing", tmp_path / "warehouse.duckdb", tmp_path / "t")
    floors = _ids(export, "spaces")
    moved, move_at = "Desk 001 (Desk area 1st floor)", START + timedelta(days=1, hours=8)

    def move(rows: Rows, _family: str) -> Rows:
        return [{**r, "spaceId": floors["2nd floor"]} if r["name"] == moved else r for r in rows]

    assert edit_snapshots(export, ("devices",), move, move_at, family="v1")

    # arriving with the second delivery: the legacy devices snapshot of day 0 15:00 never
    # came, and the legacy exporter names a zone otherwise while v1 governs (day 1)
    missing = START + timedelta(hours=15)
    (gone,) = export.rglob(f"{missing:%Y_%m_%d_%H}_device.parquet")
    gone.unlink()
    assert edit_snapshots(
        export, ("zone",), _rename("Cafeteria", "Cafeteria (legacy)"), START + timedelta(days=1)
    )

    hourly = ("build", "--selector", "hourly")
    day1 = START + timedelta(days=1)
    # each delivery brings only the windows since the last one (an earlier file re-copied
    # would undo the edits of re-delivered objects below)
    for since, until in (
        (None, START + timedelta(hours=12)),
        (START + timedelta(hours=12), day1 + timedelta(hours=6)),
        (day1 + timedelta(hours=6), day1 + timedelta(hours=10)),
    ):
        assert deliver(export, bucket, until, since) > 0
        assert pipeline.load().returncode == 0
        pipeline.dbt(*hourly)

    # the spaces snapshot of day 1 re-delivered: 2nd floor renamed, 3rd floor to the parking
    def rename_and_move(rows: Rows, _family: str) -> Rows:
        renamed = _rename("2nd floor", "Second floor")(rows, "v1")
        return [
            {**r, "parentId": floors["Parking"]} if r["name"] == "3rd floor" else r for r in renamed
        ]

    assert deliver(export, bucket, day1 + timedelta(hours=14), day1 + timedelta(hours=10)) > 0
    assert edit_snapshots(bucket, ("spaces",), rename_and_move, family="v1") == 1
    # and the devices snapshot of day 1 01:00 re-delivered: a desk on the 3rd floor from 01:00
    # until the next snapshot (08:00), facts long built (only the placement signature tells)
    early = "Desk 006 (Desk area 1st floor)"

    def early_move(rows: Rows, _family: str) -> Rows:
        return [{**r, "spaceId": floors["3rd floor"]} if r["name"] == early else r for r in rows]

    assert (
        edit_snapshots(
            bucket, ("devices",), early_move, day1 + timedelta(hours=1), day1 + timedelta(hours=2)
        )
        == 1
    )
    assert pipeline.load().returncode == 0
    pipeline.dbt(*hourly)

    # a device missing from the v1 snapshot of day 2 00:00, listed again at 09:00
    assert (
        deliver(export, bucket, START + timedelta(days=2, hours=10), day1 + timedelta(hours=14)) > 0
    )
    dropped = edit_snapshots(
        bucket,
        ("devices",),
        lambda rows, _f: [r for r in rows if r["name"] != "Desk 002 (Desk area 2nd floor)"],
        START + timedelta(days=2),
        START + timedelta(days=2, hours=1),
        family="v1",
    )
    assert dropped == 1
    assert pipeline.load().returncode == 0
    pipeline.dbt(*hourly)

    models = {
        name: relation
        for name, relation in incremental_models(pipeline.target).items()
        if not name.startswith(("stg_sitewise__", "stg_iot_core__"))
    }
    full = Pipeline(bucket, pipeline.landing, tmp_path / "full.duckdb", tmp_path / "t-full")
    full.dbt(*hourly, "--full-refresh")
    incremental, expected = (
        all_incremental_facts(pipeline.database, models),
        all_incremental_facts(full.database, models),
    )
    for name in models:
        assert incremental[name], name
        assert incremental[name] == expected[name], name

    at = move_at.replace(tzinfo=None)
    with duckdb.connect(str(pipeline.database), read_only=True) as con:
        sides = con.sql(
            "select i.valid_from < ? as before, s.space_name, count(*), bool_or(i.valid_from = ?)"
            " from marts.fct_occupancy_intervals i join marts.dim_devices d using (device_id)"
            " left join marts.dim_spaces s on i.space_id = s.space_id"
            " where d.device_name = ? group by all order by 1 desc",
            params=[at, at, moved],
        ).fetchall()
        assert [(s[0], s[1]) for s in sides] == [(True, "1st floor"), (False, "Second floor")]
        assert sides[1][3], "a piece starts at the move"
        assert (
            con.sql(
                "select count(*) from marts.fct_occupancy_intervals i"
                " join marts.dim_devices d using (device_id)"
                " join marts.dim_spaces s on i.space_id = s.space_id"
                " where d.device_name = ? and s.space_name = '3rd floor'",
                params=[early],
            ).fetchone()[0]
            > 0
        ), "the past move reached the facts"
        assert con.sql(ROLLUP_MISMATCHES).fetchone()[0] == 0
        assert (
            con.sql(
                "select count(*) from marts.dim_devices_history"
                " where device_name = 'Desk 002 (Desk area 2nd floor)' and is_deleted"
            ).fetchone()[0]
            == 1
        )
        # the missing hour deleted nothing; the legacy zone name never showed
        assert (
            con.sql(
                "select count(*) from intermediate.int_devices_versions where valid_to = ?",
                params=[missing.replace(tzinfo=None)],
            ).fetchone()[0]
            == 0
        )
        assert (
            con.sql(
                "select count(*) from marts.dim_zones_history where zone_name like '%(legacy)'"
            ).fetchone()[0]
            == 0
        )
