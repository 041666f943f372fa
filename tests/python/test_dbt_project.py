"""The whole pipeline on a generated export: dbt build passes, conventions hold, data is right."""

from __future__ import annotations

import copy
import json
import re

import duckdb
import pytest

from iot_facts import conventions
from iot_facts.demo import print_summary
from iot_facts.settings import PROJECT_ROOT

from .conftest import ROLLUP_MISMATCHES, Pipeline


@pytest.fixture(scope="module")
def manifest(built: Pipeline) -> dict:
    return json.loads((built.target / "manifest.json").read_text())


@pytest.fixture(scope="module")
def catalog(built: Pipeline) -> dict:
    return json.loads((built.target / "catalog.json").read_text())


@pytest.fixture(scope="module")
def warehouse(built: Pipeline) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(built.database), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


def test_build_ran_data_and_unit_tests(built: Pipeline) -> None:
    results = json.loads((built.target / "build_results.json").read_text())["results"]
    kinds = {r["unique_id"].split(".")[0] for r in results}
    assert {"model", "seed", "test", "unit_test"} <= kinds
    failed = [
        r["unique_id"]
        for r in results
        if r["unique_id"].split(".")[0] in ("model", "seed", "test", "unit_test")
        and r["status"] not in ("success", "pass", "warn")
    ]
    assert failed == []


def test_project_follows_its_conventions(manifest: dict, catalog: dict) -> None:
    assert conventions.check(manifest, catalog) == []


@pytest.mark.parametrize(
    "break_rule, expected",
    [
        ("rename", "staging models in haltian/ are named stg_haltian__*"),
        ("undescribe_model", "model has no description"),
        ("no_grain", "model description does not state its grain"),
        ("macro_elsewhere", "not in a file named after it"),
        ("undescribe_macro", "macro has no description"),
        ("undescribe_column", "column has no description"),
        ("drop_pk_test", "model has no primary-key test"),
        ("uncontract", "marts enforce a contract"),
        ("undocumented_column", "column is not documented"),
        ("no_group", "model belongs to no group"),
        ("public_staging", "marts are public, other models protected or private"),
        ("protected_mart", "marts are public, other models protected or private"),
        ("this_as_dict", "not format: sql"),
    ],
)
def test_convention_check_fails_when_a_rule_is_broken(
    manifest: dict, catalog: dict, break_rule: str, expected: str
) -> None:
    broken, broken_catalog = copy.deepcopy(manifest), copy.deepcopy(catalog)
    nodes = broken["nodes"]
    staging = next(k for k in nodes if k.endswith(".stg_haltian__co2_measurements"))
    mart = next(k for k in nodes if k.endswith(".dim_spaces"))
    match break_rule:
        case "rename":
            nodes[staging]["name"] = "co2_measurements"
        case "undescribe_model":
            nodes[mart]["description"] = ""
        case "no_grain":
            nodes[mart]["description"] = "Spaces. Grain"
        case "macro_elsewhere":
            macro = next(k for k in broken["macros"] if k.endswith(".events_to_intervals"))
            broken["macros"][macro]["original_file_path"] = "macros/intervals/steps.sql"
        case "undescribe_column":
            nodes[mart]["columns"]["space_name"]["description"] = " "
        case "drop_pk_test":
            for key in [
                k
                for k, n in nodes.items()
                if n["resource_type"] == "test" and n.get("attached_node") == mart
            ]:
                del nodes[key]
        case "uncontract":
            nodes[mart]["config"]["contract"]["enforced"] = False
        case "undocumented_column":
            broken_catalog["nodes"][mart]["columns"]["surprise"] = {"name": "surprise"}
        case "no_group":
            nodes[mart]["group"] = None
        case "public_staging":
            nodes[staging]["access"] = "public"
        case "protected_mart":
            nodes[mart]["access"] = "protected"
        case "this_as_dict":
            given = [g for u in broken["unit_tests"].values() for g in u["given"]]
            next(g for g in given if g["input"] == "this")["format"] = "dict"
        case "undescribe_macro":
            macro = next(k for k in broken["macros"] if k.endswith(".events_to_intervals"))
            broken["macros"][macro]["description"] = ""
    assert any(expected in line for line in conventions.check(broken, broken_catalog))


def test_only_duckdb_is_special_cased_by_target_type() -> None:
    """Models, macros and source YAML compare target.type with 'duckdb' only, so every target
    of the Spark family takes the Spark forms: dbt-databricks dispatches to the spark__ macros,
    but `target.type == 'spark'` gave a databricks target DuckDB's types, source freshness
    query and no partitions."""
    compared = re.compile(r"target\.type\s*[=!]=\s*['\"](\w+)['\"]")
    found = {
        (path.relative_to(PROJECT_ROOT).as_posix(), engine)
        for folder in ("models", "macros")
        for path in sorted((PROJECT_ROOT / folder).rglob("*"))
        if path.suffix in (".sql", ".yml")
        for engine in compared.findall(path.read_text())
    }
    assert len(found) >= 10, found
    assert sorted(f for f in found if f[1] != "duckdb") == []


def test_demo_summary_queries_run(built: Pipeline, capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(built.database)
    out = capsys.readouterr().out
    assert "Meeting room" in out and "floor" in out and "unaccounted" in out


def test_every_delivered_row_is_accounted_for(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.sql("""
        select count(*), sum(file_rows), sum(staged_rows), sum(duplicate_rows),
               sum(unaccounted_rows), count(distinct dataset)
        from intermediate.int_export_rows_reconciled""").fetchone()
    files, file_rows, staged, duplicates, unaccounted, datasets = rows
    assert files > 0
    assert unaccounted == 0 and staged > 0 and duplicates > 0
    assert (
        file_rows
        == staged
        + duplicates
        + warehouse.sql("select count(*) from staging.stg_haltian__measurement_rejects").fetchone()[
            0
        ]
    )
    assert datasets >= 40  # every measurement type and entity with delivered files


def test_overlap_duplicates_prefer_v1(warehouse: duckdb.DuckDBPyConnection) -> None:
    kept = warehouse.sql("""
        select count(*) filter (where kept_source_file like 'parquet/v1/%'),
               count(*) filter (where exporter = 'legacy')
        from staging.stg_haltian__measurement_duplicates""").fetchone()
    assert kept[0] > 0 and kept[1] > 0


def test_occupancy_intervals_cover_first_event_to_watermark(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    bad = warehouse.sql("""
        with events as (
            select device_id, min(measured_at) as first_event
            from staging.stg_haltian__occupancy_status_measurements group by all
        ),
        spans as (
            select device_id, min(valid_from) as first_from, max(valid_to) as last_to,
                   sum(duration_seconds) as seconds
            from marts.fct_occupancy_intervals group by all
        )
        select count(*) from events join spans using (device_id)
        cross join (select watermark from intermediate.int_measurement_watermarks
                    where measurement_type = 'occupancy_status')
        where first_from != first_event or last_to != watermark
           or abs(seconds - date_diff('millisecond', first_event, watermark) / 1000.0) > 1e-6
    """).fetchone()[0]
    assert bad == 0


def test_space_rollup_equals_sum_of_descendant_devices(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    mismatches = warehouse.sql(ROLLUP_MISMATCHES).fetchone()[0]
    assert mismatches == 0
    buildings = warehouse.sql("""
        select count(*) from marts.fct_space_occupancy_hourly join marts.dim_spaces using (space_id)
        where space_type = 'building'""").fetchone()[0]
    assert buildings > 0


def test_marts_are_typed_tables_with_their_contract(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict
) -> None:
    marts = [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == "marts"
    ]
    assert len(marts) >= 10
    for node in marts:
        actual = {
            row[0]: row[1] for row in warehouse.sql(f"describe marts.{node['name']}").fetchall()
        }
        for name, column in node["columns"].items():
            # contracts say string, the portable name (README: Apache Spark); DuckDB's is varchar
            declared = column["data_type"].lower().replace("string", "varchar")
            assert actual[name].lower() == declared, (node["name"], name)


def test_compile_and_ls_work_before_any_seed_or_load(tmp_path) -> None:
    """The catalog reaches the staging macros as data (codegen), not as a warehouse query: on a
    fresh clone `dbt ls` and `dbt compile` work before `dbt seed` and before the loader ran."""
    pipeline = Pipeline(tmp_path / "export", tmp_path / "landing", tmp_path / "w.duckdb", tmp_path)
    pipeline.landing.mkdir()
    assert "stg_haltian__co2_measurements" in pipeline.dbt("ls", "--resource-type", "model").stdout
    pipeline.dbt(
        "compile",
        "--select",
        "stg_haltian__co2_measurement_rows stg_haltian__co2_measurements stg_haltian__spaces"
        " stg_haltian__measurement_duplicates",
    )
    compiled = (
        tmp_path
        / "compiled"
        / "iot_facts"
        / "models"
        / "staging"
        / "haltian"
        / "stg_haltian__co2_measurement_rows.sql"
    ).read_text()
    assert "'missing co2'" in compiled and "outside its physical range [0, 100000]" in compiled
