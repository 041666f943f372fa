"""Generate the staging layer's boilerplate from the export catalog (the seeds) and the manifest.

Writes ``models/staging/haltian/``: ``_haltian__sources.yml`` (one source table per folder and
exporter, 61 tables, every column documented), one ``stg_haltian__*.sql`` per measurement type and
entity (each a single macro call), and ``_haltian__models.yml`` (descriptions and tests). Adding a
measurement type is a seed row plus ``python -m iot_facts.dbt_codegen``. The loader manifest's
columns are defined once, by ``iot_facts.loader.manifest.ManifestRow``: its dbt source
(``models/staging/loader/_loader__sources.yml``) and the typed empty manifest the staging model
falls back on (``macros/loader/loader_manifest_columns.sql``) are generated from it. ``--check``
fails when a committed file is stale (run by the test suite).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa

from iot_facts.haltian.catalog import Family, Folder, folders, read_seed
from iot_facts.loader import manifest
from iot_facts.settings import PROJECT_ROOT

STAGING = PROJECT_ROOT / "models" / "staging" / "haltian"
_LANDING = "{{ env_var('IOT_LANDING_DIR', 'data/landing') }}"
_GLOBS = {
    Family.LEGACY: "{landing_dir}/**/parquet/*/{name}/*/*/*.parquet",
    Family.V1: "{landing_dir}/**/parquet/v1/*/{name}/*/*/*.parquet",
}
_FAMILY_TEXT = {
    Family.LEGACY: (
        "Legacy Haltian exporter: parquet/{org}/{folder}/YYYY/MM/YYYY_MM_DD_HH_{folder}.parquet, "
        "one file per hour (empty files included), singular entity folders, `ts`, int8 flags, "
        "float values, millisecond timestamps."
    ),
    Family.V1: (
        "v1 Haltian exporter: parquet/v1/{org}/{folder}/YYYY/MM/{start}_{end}_{folder}.parquet, "
        "plural entity folders, `measuredAt`, booleans, decimal128(38,20) values, footer "
        "metadata; metadata snapshots are skipped when unchanged."
    ),
}


def _descriptions() -> dict[tuple[str, str], str]:
    result: dict[tuple[str, str], str] = {}
    for row in read_seed("measurement_types.csv"):
        unit = f" ({row['unit']})" if row["unit"] else ""
        result[(row["measurement_type"], row["value_name"])] = row["description"] + unit
    for row in read_seed("entity_columns.csv"):
        result[(row["entity"], row["column_name"])] = row["description"]
    return result


_COMMON = {
    "device_id": "Device or device group UUID",
    "measured_at": "Event time, UTC",
    "organization_id": "Organization UUID (legacy files only; v1 removed it)",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _table(folder: Folder, descriptions: dict[tuple[str, str], str]) -> list[str]:
    what = "measurement events" if folder.kind == "measurement" else "entity snapshots"
    lines = [
        f"      - name: {folder.name}",
        f"        description: {_quote(f'{folder.dataset} {what} ({folder.family} exporter).')}",
    ]
    if folder.family is Family.LEGACY:  # v1: one query for the whole exporter (render_sources)
        lines += [
            "        config:",
            "          loaded_at_query: >-",
            *_loaded_at_query(folder.family, folder.name, indent=12),
        ]
    lines.append("        columns:")
    for column in folder.columns:
        text = descriptions.get((folder.dataset, column.canonical)) or _COMMON.get(
            column.canonical, column.canonical
        )
        described = f"{text} -> {column.canonical} ({column.arrow_type})."
        lines += [
            f"          - name: {column.raw}",
            f"            description: {_quote(described)}",
        ]
    lines.append("          - name: filename")
    lines.append('            description: "Absolute path of the file the row was read from."')
    lines.append("          - name: file_row_number")
    lines.append('            description: "Position of the row in its file (0-based)."')
    return lines


# The loader manifest as a relation on either engine (source YAML cannot call the project's
# dispatched macros, but it can read target.type).
_MANIFEST = f"{_LANDING}/_manifest/manifest.parquet"
_MANIFEST_READER = (
    "{% if target.type == 'duckdb' %}read_parquet('" + _MANIFEST + "')"
    "{% else %}parquet.`" + _MANIFEST + "`{% endif %}"
)


def _loaded_at_query(family: Family, folder: str | None, indent: int) -> list[str]:
    pad = " " * indent
    where = (
        f"where (family = '{family}' and entity = '{folder}' or family = '{Family.V1}')"
        if folder
        else f"where family = '{family}'"
    )
    return [
        f"{pad}select cast(max(window_end) as timestamp)",
        f"{pad}from {_MANIFEST_READER}",
        f"{pad}{where}",
        f"{pad}and status in ('ok', 'empty')",
    ]


# Freshness. v1 skips empty windows and unchanged snapshots, so a quiet measurement type or an
# unchanged entity is not late: every v1 folder takes the whole exporter's watermark. Legacy
# writes every window of every folder (empty files included): its own watermark per folder, or
# v1's, which supersedes legacy (a legacy exporter retired after the switch is not stale).
_FRESHNESS = [
    "        warn_after: {count: 3, period: hour}",
    "        error_after: {count: 25, period: hour}",
]


def render_sources() -> str:
    descriptions = _descriptions()
    out = [
        "# GENERATED by `python -m iot_facts.dbt_codegen` from seeds/*.csv: do not edit by hand.",
        "# Files are read from the loader's landing directory (IOT_LANDING_DIR); freshness is",
        "# the latest delivered export window in the loader manifest, never row timestamps:",
        "# per folder for legacy (or v1's, which supersedes it), per exporter for v1.",
        "sources:",
    ]
    for family in Family:
        out += [
            f"  - name: haltian_{family}",
            f"    description: {_quote(_FAMILY_TEXT[family])}",
            "    config:",
            "      freshness:",
            *_FRESHNESS,
            *(
                ["      loaded_at_query: >-", *_loaded_at_query(family, None, indent=8)]
                if family is Family.V1
                else []
            ),
            "      meta:",
            f'        landing_dir: "{_LANDING}"',
            "        external_location: >-",
            f"          read_parquet('{_GLOBS[family]}', union_by_name = true,",
            "          filename = true, file_row_number = true, hive_partitioning = false)",
            "    tables:",
        ]
        for (fam, _name), folder in sorted(folders().items()):
            if fam is family:
                out += _table(folder, descriptions)
    return "\n".join(out) + "\n"


def _model_sql(kind: str, name: str) -> str:
    seed = "entity_columns" if kind == "entity" else "measurement_types"
    call = {
        "measurement": "stage_haltian_measurement",
        "measurement_rows": "stage_haltian_measurement_rows",
        "entity": "stage_haltian_entity",
    }[kind]
    # The rows tables type, check and rank every file row once, incrementally (only newly
    # staged files are read); the measurement staging models are views of their kept rows.
    config = (
        "{{ config(\n"
        "    materialized='incremental',\n"
        "    incremental_strategy='haltian_rows',\n"
        f"    measurement_type='{name}',\n"
        "    on_schema_change='fail',\n"
        ") }}\n"
        if kind == "measurement_rows"
        else ""
    )
    return (
        f"-- GENERATED by `python -m iot_facts.dbt_codegen`; the logic lives in macros/haltian/.\n"
        f"-- depends_on: {{{{ ref('{seed}') }}}}\n"
        # Staging reads only the files the manifest snapshot of this run lists (see
        # haltian_family_files); the ref is made inside a loop dbt does not render at parse time.
        "-- depends_on: {{ ref('stg_loader__manifest_files') }}\n"
        f"{config}"
        f"{{{{ {call}('{name}') }}}}\n"
    )


def _test(
    name: str,
    arguments: dict[str, object] | None = None,
    severity: str | None = None,
    indent: int = 8,
) -> list[str]:
    pad = " " * indent
    if not arguments and not severity:
        return [f"{pad}- {name}"]
    lines = [f"{pad}- {name}:"]
    if arguments:
        lines.append(f"{pad}    arguments:")
        for key, value in arguments.items():
            lines.append(f"{pad}      {key}: {value}")
    if severity:
        lines += [f"{pad}    config:", f"{pad}      severity: {severity}"]
    return lines


# Referential integrity inside the export: (entity, column) -> (staging model, field). Warnings,
# not errors: a gap in a raw export (a device deleted before the first delivered snapshot) is a
# data-quality signal to look at, not a reason to stop the pipeline.
RELATIONSHIPS = {
    ("measurements", "device_id"): ("stg_haltian__devices", "device_id"),
    ("devices", "space_id"): ("stg_haltian__spaces", "space_id"),
    ("device_groups", "device_group_id"): ("stg_haltian__devices", "device_id"),
    ("device_group_devices", "device_group_id"): ("stg_haltian__device_groups", "device_group_id"),
    ("device_group_devices", "device_id"): ("stg_haltian__devices", "device_id"),
    ("device_keywords", "device_id"): ("stg_haltian__devices", "device_id"),
    ("device_notes", "device_id"): ("stg_haltian__devices", "device_id"),
    ("spaces", "parent_space_id"): ("stg_haltian__spaces", "space_id"),
    ("zones", "space_id"): ("stg_haltian__spaces", "space_id"),
    ("space_keywords", "space_id"): ("stg_haltian__spaces", "space_id"),
    ("zone_keywords", "zone_id"): ("stg_haltian__zones", "zone_id"),
}


def _relationship(dataset: str, column: str) -> list[list[str]]:
    target = RELATIONSHIPS.get((dataset, column))
    if target is None:
        return []
    model, field = target
    return [
        _test(
            "relationships", {"to": f"ref('{model}')", "field": field}, severity="warn", indent=10
        )
    ]


def _column(name: str, description: str, tests: list[list[str]] | None = None) -> list[str]:
    lines = [f"      - name: {name}", f"        description: {_quote(description)}"]
    if tests:
        lines.append("        data_tests:")
        for test in tests:
            lines += test
    return lines


_EXPORTER = _column(
    "exporter",
    "Exporter family the row came from: legacy or v1.",
    [
        _test("not_null", indent=10),
        _test("accepted_values", {"values": "['legacy', 'v1']"}, indent=10),
    ],
)
_SOURCE_FILE = _column(
    "source_file",
    "Path of the export file, relative to the landing directory (= the S3 key).",
    [_test("not_null", indent=10)],
)


def measurement_types() -> dict[str, list[dict[str, str]]]:
    by_type: dict[str, list[dict[str, str]]] = {}
    for row in read_seed("measurement_types.csv"):
        by_type.setdefault(row["measurement_type"], []).append(row)
    return by_type


def entities() -> dict[str, list[dict[str, str]]]:
    by_entity: dict[str, list[dict[str, str]]] = {}
    for row in read_seed("entity_columns.csv"):
        by_entity.setdefault(row["entity"], []).append(row)
    return by_entity


def _measurement_model(name: str, rows: list[dict[str, str]]) -> list[str]:
    keys = ["device_id", "measured_at"] + [r["value_name"] for r in rows if r["is_key"] == "true"]
    families = " and ".join(f for f in ("legacy", "v1") if any(r[f"{f}_column"] for r in rows))
    kinds = ", ".join(sorted({r["value_kind"] for r in rows}))
    out = [
        f"  - name: stg_haltian__{name}_measurements",
        "    description: >-",
        f"      {rows[0]['folder']} events ({kinds}) from the {families} exporter(s), typed and",
        "      de-duplicated. Grain: one row per " + ", ".join(keys) + ". Where both exporters",
        "      delivered the same event, the v1 row is kept, then the one from the file with the",
        "      latest window end; dropped copies are in stg_haltian__measurement_duplicates and",
        "      invalid rows in stg_haltian__measurement_rejects. A view of the kept rows of",
        f"      stg_haltian__{name}_measurement_rows, where the typing and ranking happen once.",
        "    data_tests:",
        *_test("primary_key", {"columns": "[" + ", ".join(keys) + "]"}, indent=6),
        "    columns:",
        *_column(
            "device_id",
            "Device or device group UUID.",
            [_test("not_null", indent=10), *_relationship("measurements", "device_id")],
        ),
        *_column(
            "measured_at", "Event time, UTC, millisecond precision.", [_test("not_null", indent=10)]
        ),
        *_column(
            "organization_id",
            "Organization UUID (from the row, else the S3 path).",
            [_test("not_null", indent=10)],
        ),
    ]
    for row in rows:
        unit = f" Unit: {row['unit']}." if row["unit"] else ""
        tests = [] if row["is_nullable"] == "true" else [_test("not_null", indent=10)]
        out += _column(
            row["value_name"],
            f"{row['description']} ({row['value_kind']}, {row['data_type']}; legacy "
            f"`{row['legacy_column'] or '-'}`, v1 `{row['v1_column'] or '-'}`).{unit}",
            tests,
        )
    return out + _EXPORTER + _SOURCE_FILE


def _measurement_rows_model(name: str, rows: list[dict[str, str]]) -> list[str]:
    keys = ["device_id", "measured_at"] + [r["value_name"] for r in rows if r["is_key"] == "true"]
    out = [
        f"  - name: stg_haltian__{name}_measurement_rows",
        "    description: >-",
        f"      Every row of the {rows[0]['folder']} export files of both exporters, typed to the",
        "      canonical columns, checked and ranked: the one place staging reads these files.",
        "      Grain: one row per source_file, source_row_number. Incremental (strategy",
        "      haltian_rows): a run reads only the files staged since the last one and re-ranks",
        "      the events they touch, so it equals a full build; stg_haltian__"
        + f"{name}_measurements",
        "      is its kept rows, the rejects and duplicates records the rest.",
        "    data_tests:",
        *_test("primary_key", {"columns": "[source_file, source_row_number]"}, indent=6),
        "    columns:",
        *_column("exporter", "Exporter family the row came from: legacy or v1."),
        *_column("exporter_preference", "0 for v1, 1 for legacy: v1 wins between copies."),
        *_column(
            "source_file",
            "Path of the export file, relative to the landing directory (= the S3 key).",
        ),
        *_column("source_row_number", "Row number inside the file (0-based)."),
        *_column("file_window_end", "End of the file's export window, from the manifest."),
        *_column("organization_id", "Organization UUID (from the row, else the manifest)."),
        *_column("device_id", "Device or device group UUID (null on some rejected rows)."),
        *_column("measured_at", "Event time, UTC (null on some rejected rows)."),
    ]
    for row in rows:
        out += _column(row["value_name"], f"{row['description']} (typed; null when absent).")
    return [
        *out,
        *_column("reject_reason", "Why the row is invalid; null for a valid row."),
        *_column("raw_record", "The rejected row's raw values as JSON; null for a valid row."),
        *_column(
            "duplicate_rank",
            "Rank among the valid copies of the event ("
            + ", ".join(keys)
            + "): 1 is kept. Null on rejected rows.",
        ),
        *_column("kept_source_file", "source_file of the event's kept copy (valid rows)."),
        *_column("is_conflict", "The copy's values differ from the kept copy's (valid rows)."),
        *_column(
            "loaded_through_at",
            "The manifest's high-water mark (latest staged_at) when the row was written.",
        ),
    ]


def _entity_model(name: str, rows: list[dict[str, str]]) -> list[str]:
    keys = [r["column_name"] for r in rows if r["is_key"] == "true"]
    folders_text = " / ".join(
        f"`{r}`" for r in (rows[0]["legacy_folder"], rows[0]["v1_folder"]) if r
    )
    out = [
        f"  - name: stg_haltian__{name}",
        "    description: >-",
        f"      Every snapshot of the {folders_text} export tables (each file is a full",
        "      snapshot of the entity at its window start). Grain: one row per "
        + ", ".join(keys)
        + ", exporter, snapshot_at. Join to the",
        "      latest_snapshot() macro for the current state.",
        "    data_tests:",
        *_test(
            "primary_key",
            {"columns": "[" + ", ".join([*keys, "exporter", "snapshot_at"]) + "]"},
            indent=6,
        ),
        "    columns:",
    ]
    for row in rows:
        tests = [_test("not_null", indent=10)] if row["is_key"] == "true" else []
        tests += _relationship(name, row["column_name"])
        out += _column(row["column_name"], row["description"] + ".", tests)
    if name != "organizations":
        out += _column(
            "organization_id",
            "Organization UUID (from the row, else the S3 path).",
            [_test("not_null", indent=10)],
        )
    out += _column(
        "snapshot_at",
        "Start of the export window of the snapshot file (UTC).",
        [_test("not_null", indent=10)],
    )
    return out + _EXPORTER + _SOURCE_FILE


CURRENT_MODELS = (
    "spaces",
    "zones",
    "devices",
    "device_groups",
    "device_group_devices",
    "device_keywords",
)
# The versions the hourly job needs: placements (devices, keywords) and roll-ups (spaces, zones).
HOURLY_VERSIONED_MODELS = ("spaces", "zones", "devices", "device_keywords")
# Never compared for a new version; also generated as the macro entity_version_noise_columns.
VERSION_NOISE_COLUMNS = ("created_at", "updated_at", "last_seen_at", "last_occupancy_reset_at")
# Entities with SCD2 history from their snapshot series (int_<entity>_versions, #19).
VERSIONED_MODELS = (
    "organizations",
    "spaces",
    "zones",
    "devices",
    "device_groups",
    "device_group_devices",
    "device_keywords",
    "device_notes",
    "space_keywords",
    "zone_keywords",
)
CURRENT_YML = PROJECT_ROOT / "models" / "intermediate" / "entities" / "_entities__models.yml"


def render_current_yml() -> str:
    """Docs and tests of the int_<entity>_current models (the latest snapshot of an entity)."""
    out = [
        "# GENERATED by `python -m iot_facts.dbt_codegen` from seeds/entity_columns.csv.",
        "models:",
    ]
    by_entity = entities()
    for name in CURRENT_MODELS:
        rows = by_entity[name]
        keys = [r["column_name"] for r in rows if r["is_key"] == "true"]
        out += [
            f"  - name: int_{name}_current",
            "    description: >-",
            f"      The current snapshot of {name} (macro latest_snapshot: v1's latest file while",
            "      the v1 exporter is delivering, else the newest snapshot). Grain: one row per "
            + ", ".join(keys)
            + ".",
            "    data_tests:",
            *_test("primary_key", {"columns": "[" + ", ".join(keys) + "]"}, indent=6),
            "    columns:",
        ]
        for row in rows:
            out += _column(row["column_name"], row["description"] + ".")
        if name != "organizations":
            out += _column("organization_id", "Organization UUID (from the row, else the S3 path).")
        out += _column("snapshot_at", "Window start of the snapshot file the row comes from (UTC).")
        out += _column("exporter", "Exporter family of that snapshot (legacy or v1).")
        out += _column("source_file", "Snapshot file, relative to the landing directory.")
    for name in VERSIONED_MODELS:
        out += _versions_model(name, by_entity[name])
    return "\n".join(out) + "\n"


def _versions_model(name: str, rows: list[dict[str, str]]) -> list[str]:
    """Docs and tests of int_<entity>_versions (macro entity_versions)."""
    keys = [r["column_name"] for r in rows if r["is_key"] == "true"]
    out = [
        f"  - name: int_{name}_versions",
        # read by several models each run: once, not per reader over every snapshot file;
        # only the ones placements and roll-ups read are rebuilt by the hourly job
        "    config: {materialized: table"
        + ("}" if name in HOURLY_VERSIONED_MODELS else ", tags: [nightly]}"),
        "    description: >-",
        f"      The history of {name} (SCD2) from the series of full snapshots (macro",
        "      entity_versions): a version lasts while consecutive snapshots that count show the",
        "      same values; noise columns (created_at, updated_at, last_seen_at,",
        "      last_occupancy_reset_at) never open a version, and a missing export window never",
        "      closes one. Grain: one row per " + ", ".join(keys) + " and version.",
        "    data_tests:",
        *_test("primary_key", {"columns": "[" + ", ".join([*keys, "valid_from"]) + "]"}, indent=6),
        *_test("intervals_do_not_overlap", {"partition_by": "[" + ", ".join(keys) + "]"}, indent=6),
        *_test(
            "expression_is_true",
            {"expression": '"valid_to is null or valid_to > valid_from"'},
            indent=6,
        ),
        "    columns:",
    ]
    for row in rows:
        note = (
            " As of the version's last snapshot (not compared)."
            if row["column_name"] in VERSION_NOISE_COLUMNS and row["is_key"] != "true"
            else ""
        )
        out += _column(row["column_name"], row["description"] + "." + note)
    if name != "organizations":
        out += _column("organization_id", "Organization UUID (from the row, else the S3 path).")
    out += _column("exporter", "Exporter family of the version's last snapshot (legacy or v1).")
    out += _column("version_number", "1, 2, ... per " + ", ".join(keys) + " in time order.")
    out += _column(
        "valid_from",
        "Window start of the first snapshot showing this version (UTC).",
        [_test("not_null", indent=10)],
    )
    out += _column(
        "valid_to",
        "Window start of the first later snapshot that differs or no longer contains it (UTC);"
        " null while current.",
    )
    out += _column("is_current", "The latest snapshot shows this version (valid_to is null).")
    out += _column(
        "is_deleted",
        "The version closed because a delivered snapshot no longer contained it (a deletion).",
    )
    return out


def render_models_yml() -> str:
    out = [
        "# GENERATED by `python -m iot_facts.dbt_codegen` from seeds/*.csv: do not edit by hand.",
        "models:",
    ]
    for name, rows in measurement_types().items():
        out += _measurement_rows_model(name, rows)
        out += _measurement_model(name, rows)
    for name, rows in entities().items():
        out += _entity_model(name, rows)
    return "\n".join(out) + "\n"


RECONCILED = PROJECT_ROOT / "models" / "intermediate" / "audit" / "int_export_rows_reconciled.sql"


def render_reconciliation() -> str:
    """Per dataset and exporter: file rows = staged + duplicate + rejected rows."""
    models = [(name, f"stg_haltian__{name}_measurements") for name in measurement_types()]
    models += [(name, f"stg_haltian__{name}") for name in entities()]
    staged = "\n\n    union all\n\n".join(
        f"    select '{name}' as dataset, exporter, count(*) as n_rows\n"
        f"    from {{{{ ref('{model}') }}}}\n    group by all"
        for name, model in models
    )
    return f"""-- GENERATED by `python -m iot_facts.dbt_codegen` (one branch per staged dataset).
with

manifest_files as (
    select * from {{{{ ref('stg_loader__manifest_files') }}}}
),

duplicates as (
    select * from {{{{ ref('stg_haltian__measurement_duplicates') }}}}
),

rejects as (
    select * from {{{{ ref('stg_haltian__measurement_rejects') }}}}
),

staged as (
{staged}
),

delivered as (
    select
        dataset,
        kind,
        family as exporter,
        sum(row_count) as file_rows,
        count(*) as files
    from manifest_files
    where
        family is not null
        and kind in ('measurement', 'metadata')
        and status in ('ok', 'empty')
    group by all
),

dropped as (
    select measurement_type as dataset, exporter, count(*) as duplicate_rows
    from duplicates
    group by all
),

rejected as (
    select measurement_type as dataset, exporter, count(*) as rejected_rows
    from rejects
    group by all
),

final as (
    select
        delivered.dataset,
        delivered.kind,
        delivered.exporter,
        delivered.files,
        delivered.file_rows,
        coalesce(staged.n_rows, 0) as staged_rows,
        coalesce(dropped.duplicate_rows, 0) as duplicate_rows,
        coalesce(rejected.rejected_rows, 0) as rejected_rows,
        delivered.file_rows - coalesce(staged.n_rows, 0) - coalesce(dropped.duplicate_rows, 0)
        - coalesce(rejected.rejected_rows, 0) as unaccounted_rows
    from delivered
    left join staged using (dataset, exporter)
    left join dropped using (dataset, exporter)
    left join rejected using (dataset, exporter)
)

select * from final
"""


TYPE_ACTIVITY = (
    PROJECT_ROOT / "models" / "intermediate" / "activity" / "int_device_type_activity_daily.sql"
)
SAMPLES = PROJECT_ROOT / "models" / "intermediate" / "intervals" / "int_sampled_values_unioned.sql"
COUNTERS = PROJECT_ROOT / "models" / "intermediate" / "intervals" / "int_counter_values_unioned.sql"
_HEADER = "-- GENERATED by `python -m iot_facts.dbt_codegen` from seeds/measurement_types.csv.\n"


def _union(branches: list[str]) -> str:
    return "\n\n    union all\n\n".join(branches)


_TYPE_ACTIVITY_CONFIG = """\
-- depends_on: {{ ref('stg_loader__manifest_files') }}
{{ config(
    materialized='incremental',
    incremental_strategy='scope_rebuild',
    rebuild_scope='measurement_day_scope',
    rebuild_key='measurement_type',
    rebuild_from='activity_date',
    on_schema_change='fail',
    partition_by=(none if target.type == 'duckdb' else ['activity_date']),
) }}

"""


def render_type_activity() -> str:
    """Per device, measurement type, UTC day and exporter: the staged events. Incremental: a run
    recounts each type from the first day its changed files can touch (measurement_day_scope)."""
    branches = [
        "    select\n        device_id,\n"
        f"        '{name}' as measurement_type,\n"
        "        measured_at,\n        exporter\n"
        f"    from {{{{ ref('stg_haltian__{name}_measurements') }}}}\n"
        "    {%- if is_incremental() %}\n"
        "        where measured_at >= (\n"
        "                select scope.recompute_from from scope\n"
        f"                where scope.measurement_type = '{name}'\n"
        "            )\n"
        "    {%- endif %}"
        for name in measurement_types()
    ]
    return (
        _HEADER + _TYPE_ACTIVITY_CONFIG + "with\n\n{% if is_incremental() -%}\n"
        "    scope as (\n"
        "        -- types without a changed file are not listed: none of their rows is read\n"
        "        {{ iot_facts.measurement_day_scope() | indent(8) }}\n"
        "    ),\n\n{% endif -%}\n"
        "events as (\n"
        + _union(branches)
        + "\n),\n\nfinal as (\n    select\n        device_id,\n        measurement_type,\n"
        "        cast(date_trunc('day', measured_at) as date) as activity_date,\n"
        "        exporter,\n"
        "        count(*) as events,\n"
        "        min(measured_at) as first_measured_at,\n"
        "        max(measured_at) as last_measured_at,\n"
        "        {{ iot_facts.manifest_loaded_through() }} as loaded_through_at\n"
        "    from events\n    group by all\n)\n\nselect * from final\n"
    )


def _values_union(treatment: str, extra: str, columns: tuple[str, ...] = ()) -> str:
    extra_columns = "".join(f",\n        {column}" for column in columns)
    branches = []
    for name, rows in measurement_types().items():
        for row in rows:
            if row["interval_treatment"] != treatment:
                continue
            branches.append(
                f"    select\n        device_id,\n        measured_at,\n"
                f"        '{name}' as measurement_type,\n"
                f"        '{row['value_name']}' as metric,\n        '{row['unit']}' as unit,\n"
                f"        '{row['domain']}' as domain,\n"
                f"        cast({row['value_name']} as double) as metric_value"
                f"{extra_columns}\n"
                f"    from {{{{ ref('stg_haltian__{name}_measurements') }}}}"
            )
    return (
        _HEADER
        + f"-- {extra}\nwith\n\nvalues_unioned as (\n"
        + _union(branches)
        + ("\n)\n\nselect * from values_unioned\n")
    )


# Seed columns that are not text (dbt_project.yml seeds: +column_types); empty cells are null.
_SEED_BOOLEANS = {"is_key", "is_nullable"}
_SEED_NUMBERS = {"min_value", "max_value"}


def _jinja_value(column: str, text: str) -> str:
    if text == "":
        return "none"
    if column in _SEED_BOOLEANS:
        return {"true": "true", "false": "false"}[text.lower()]
    if column in _SEED_NUMBERS:
        return repr(float(text))
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


NOISE_MACRO = PROJECT_ROOT / "macros" / "history" / "entity_version_noise_columns.sql"


def render_noise_macro() -> str:
    """VERSION_NOISE_COLUMNS as the macro entity_versions reads, so the docs of the versions
    models and the comparison cannot disagree."""
    columns = ", ".join(f"'{c}'" for c in VERSION_NOISE_COLUMNS)
    return "\n".join(
        [
            "{#- GENERATED by `python -m iot_facts.dbt_codegen` (VERSION_NOISE_COLUMNS). -#}",
            "{% macro entity_version_noise_columns() -%}",
            "    {#- Entity columns that change without the entity changing, so they never",
            "        open a new version (entity_versions): the row's own timestamps, and the",
            "        device's last contact and a group's last occupancy reset. -#}",
            f"    {{{{ return([{columns}]) }}}}",
            "{%- endmacro %}",
            "",
        ]
    )


def render_catalog_macro() -> str:
    """The two catalog seeds as Jinja data: the staging macros read the catalog at parse time,
    with no warehouse, so `dbt compile`, `dbt ls` and sqlfluff work before `dbt seed`."""
    out = [
        "{#- GENERATED by `python -m iot_facts.dbt_codegen` from seeds/*.csv: do not edit by"
        " hand. -#}",
        "{% macro catalog_seed_rows(seed_name) -%}",
        "    {#- The rows of a catalog seed (measurement_types, entity_columns) as dicts, typed as",
        "        dbt loads them (booleans, numbers, none for empty cells), in file order. Long",
        "        because it is data: one line per seed row. -#}",
        "    {%- set seeds = {",
    ]
    for seed in ("measurement_types", "entity_columns"):
        out.append(f"        '{seed}': [")
        for row in read_seed(f"{seed}.csv"):
            items = ", ".join(f"'{k}': {_jinja_value(k, v)}" for k, v in row.items())
            out.append(f"            {{{items}}},")
        out.append("        ],")
    out += ["    } -%}", "    {{ return(seeds[seed_name]) }}", "{%- endmacro %}", ""]
    return "\n".join(out)


LOADER_SOURCES = PROJECT_ROOT / "models" / "staging" / "loader" / "_loader__sources.yml"
LOADER_COLUMNS_MACRO = PROJECT_ROOT / "macros" / "loader" / "loader_manifest_columns.sql"
_MANIFEST_HEADER = "GENERATED by `python -m iot_facts.dbt_codegen` from ManifestRow in"
_MANIFEST_ORIGIN = "src/iot_facts/loader/manifest.py: do not edit by hand."


def render_loader_sources() -> str:
    """The loader source: the manifest Parquet file, one documented column per ManifestRow field."""
    out = [
        f"# {_MANIFEST_HEADER}",
        f"# {_MANIFEST_ORIGIN}",
        "sources:",
        "  - name: loader",
        "    description: >-",
        "      Written by scripts/load_exports.py: the record of which export files were",
        "      delivered (empty files included), quarantined, refused or unknown. The only",
        "      source of coverage: watermarks and freshness come from it.",
        "    config:",
        "      meta:",
        f'        landing_dir: "{_LANDING}"',
        "        external_location: \"read_parquet('{landing_dir}/_manifest/manifest.parquet')\"",
        "    tables:",
        "      - name: manifest",
        "        description: One row per S3 object the loader has ever listed.",
        "        columns:",
    ]
    for name in manifest.SCHEMA.names:
        out += [
            f"          - name: {name}",
            f"            description: {_quote(manifest.DESCRIPTIONS[name])}",
        ]
    return "\n".join(out) + "\n"


# Types both engines read (type_timestamptz: DuckDB timestamptz, Spark timestamp).
_SQL_TYPES = {
    pa.string(): "string",
    pa.int64(): "bigint",
    pa.timestamp("us", tz="UTC"): "{{ iot_facts.type_timestamptz() }}",
}


def render_loader_columns_macro() -> str:
    """A zero-row select of every manifest column, typed: the manifest stg_loader__manifest_files
    reads before the loader's first run, and the columns an older manifest lacks."""
    casts = [
        f"        cast(null as {_SQL_TYPES[f.type]}) as {f.name}"
        + ("," if i < len(manifest.SCHEMA) - 1 else "")
        for i, f in enumerate(manifest.SCHEMA)
    ]
    return "\n".join(
        [
            f"{{#- {_MANIFEST_HEADER}",
            f"    {_MANIFEST_ORIGIN} -#}}",
            "{% macro loader_manifest_columns() -%}",
            "    {#- Every column of the loader manifest, typed, no rows. -#}",
            "    select",
            *casts,
            "    where false",
            "{%- endmacro %}",
            "",
        ]
    )


def render() -> dict[Path, str]:
    files = {
        PROJECT_ROOT / "macros" / "haltian" / "catalog_seed_rows.sql": render_catalog_macro(),
        STAGING / "_haltian__sources.yml": render_sources(),
        STAGING / "_haltian__models.yml": render_models_yml(),
        RECONCILED: render_reconciliation(),
        CURRENT_YML: render_current_yml(),
        NOISE_MACRO: render_noise_macro(),
        TYPE_ACTIVITY: render_type_activity(),
        SAMPLES: _values_union(
            "interpolate",
            "Every sampled metric (interval_treatment = interpolate), long format.",
            # the staged row's file: the incremental facts find new samples by it
            columns=("source_file",),
        ),
        COUNTERS: _values_union(
            "counter_increase", "Every cumulative counter metric, long format."
        ),
        LOADER_SOURCES: render_loader_sources(),
        LOADER_COLUMNS_MACRO: render_loader_columns_macro(),
    }
    for name in measurement_types():
        files[STAGING / f"stg_haltian__{name}_measurements.sql"] = _model_sql("measurement", name)
        files[STAGING / f"stg_haltian__{name}_measurement_rows.sql"] = _model_sql(
            "measurement_rows", name
        )
    for name in entities():
        files[STAGING / f"stg_haltian__{name}.sql"] = _model_sql("entity", name)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in render().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    if stale:
        names = ", ".join(str(p.relative_to(PROJECT_ROOT)) for p in stale)
        print(
            f"stale generated files: {names}; run `python -m iot_facts.dbt_codegen`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
