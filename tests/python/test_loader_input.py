"""The loader's checks of what a file holds: column types against the catalog, required columns.

Files are written into a local directory laid out like the bucket and loaded by the real loader.
"""

from __future__ import annotations

import decimal
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import setuptools

from iot_facts.loader import manifest
from iot_facts.loader.cli import main
from iot_facts.settings import PROJECT_ROOT

from .conftest import make_pipeline

ORG = "0a0a0a0a-0000-4000-8000-000000000001"
LEGACY_CO2 = f"parquet/{ORG}/measurementCO2/2026/10/2026_10_05_07_measurementCO2.parquet"
LEGACY_COUNT = (
    f"parquet/{ORG}/measurementOccupantsCount/2026/10/2026_10_05_07_measurementOccupantsCount"
    ".parquet"
)
V1_CO2 = (
    f"parquet/v1/{ORG}/measurementCO2/2026/10/2026_10_05_0700_2026_10_05_0800_measurementCO2"
    ".parquet"
)
TIMES = [
    datetime(2026, 10, 5, 7, 0, 0, 123_000, tzinfo=UTC),
    datetime(2026, 10, 5, 7, 30, 1, tzinfo=UTC),
]
EPOCH_MS = [int(t.timestamp() * 1000) for t in TIMES]
MS = pa.timestamp("ms", tz="UTC")
US = pa.timestamp("us", tz="UTC")


def _put(source: Path, key: str, table: pa.Table) -> None:
    path = source / key
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def _legacy_co2(ts: pa.Array, co2: pa.Array | None = None) -> pa.Table:
    return pa.table(
        {
            "deviceId": ["d1", "d2"],
            "ts": ts,
            "organizationId": [ORG, ORG],
            "co2": co2 if co2 is not None else pa.array([401.5, 650.25], pa.float32()),
        }
    )


def _load(source: Path, land: Path) -> int:
    return main(["--source", str(source), "--dest", str(land), "--quiet", "--processes", "1"])


@pytest.mark.parametrize(
    ("scale", "unit"),
    [(1, "milliseconds"), (1000, "microseconds"), (1_000_000, "nanoseconds")],
)
def test_integer_epoch_time_column_is_converted_by_magnitude(
    tmp_path: Path, scale: int, unit: str
) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    _put(source, LEGACY_CO2, _legacy_co2(pa.array([v * scale for v in EPOCH_MS], pa.int64())))
    assert _load(source, land) == 0
    row = manifest.load(land)[LEGACY_CO2]
    assert row.status == "ok"
    assert "converted to catalog types" in row.reason
    assert f"ts int64 -> timestamp[ms, tz=UTC] (epoch {unit})" in row.reason
    staged = pq.read_table(land / LEGACY_CO2)
    assert staged.schema.field("ts").type == MS
    assert staged.column("ts").to_pylist() == TIMES
    assert staged.column("co2").to_pylist() == [401.5, 650.25]  # other columns untouched


def test_v1_epoch_seconds_and_lossless_numbers_are_converted(tmp_path: Path) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    seconds = [1_791_190_800, 1_791_190_860]
    table = pa.table(
        {
            "deviceId": ["d1", "d2"],
            "measuredAt": pa.array(seconds, pa.int64()),
            "co2": pa.array([401.5, 650.25], pa.float64()),  # catalog: decimal128(38;20)
        }
    ).replace_schema_metadata({"queryName": "measurementCO2"})
    _put(source, V1_CO2, table)
    count = pa.table(
        {
            "deviceId": ["d1"],
            "ts": pa.array([EPOCH_MS[0]], MS),
            "organizationId": [ORG],
            "occupantsCount": pa.array([7], pa.int64()),  # catalog: int32
        }
    )
    _put(source, LEGACY_COUNT, count)
    assert _load(source, land) == 0
    rows = manifest.load(land)
    assert rows[V1_CO2].status == "ok" and rows[LEGACY_COUNT].status == "ok"
    v1 = pq.read_table(land / V1_CO2)
    assert v1.schema.field("measuredAt").type == US
    assert [t.timestamp() for t in v1.column("measuredAt").to_pylist()] == seconds
    assert v1.column("co2").to_pylist() == [decimal.Decimal("401.5"), decimal.Decimal("650.25")]
    assert v1.schema.metadata[b"queryName"] == b"measurementCO2"  # the footer survives
    assert "co2 double -> decimal128(38, 20) (exact)" in rows[V1_CO2].reason
    staged = pq.read_table(land / LEGACY_COUNT)
    assert staged.schema.field("occupantsCount").type == pa.int32()
    assert staged.column("occupantsCount").to_pylist() == [7]


@pytest.mark.parametrize(
    ("column", "values", "found", "expected"),
    [
        ("ts", pa.array([True, False]), "bool", "timestamp[ms, tz=UTC]"),
        # milliseconds and seconds in one column: no unit fits both
        ("ts", pa.array([EPOCH_MS[0], EPOCH_MS[1] // 1000]), "int64", "timestamp[ms, tz=UTC]"),
        ("co2", pa.array([401.1, 650.2], pa.float64()), "double", "float"),
    ],
    ids=["bool-time", "mixed-epoch-units", "inexact-number"],
)
def test_a_column_that_cannot_be_converted_is_quarantined_with_the_types(
    tmp_path: Path, column: str, values: pa.Array, found: str, expected: str
) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    table = _legacy_co2(pa.array(EPOCH_MS, MS))
    table = table.set_column(table.schema.get_field_index(column), column, values)
    _put(source, LEGACY_CO2, table)
    assert _load(source, land) == 1
    row = manifest.load(land)[LEGACY_CO2]
    assert row.status == "quarantined"
    assert f"type drift: column {column} is {found}, catalog expects {expected}" in row.reason
    assert not (land / LEGACY_CO2).exists()
    assert (land / "_quarantine" / f"{LEGACY_CO2}.quarantined").exists()


def test_text_is_parsed_when_every_value_parses_else_left_for_staging(tmp_path: Path) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    parsed = _legacy_co2(
        pa.array(["2026-10-05T07:00:00.123Z", "2026-10-05T09:30:01+02:00"]),
        pa.array(["401.5", "650.25"]),
    )
    _put(source, LEGACY_CO2, parsed)
    other = LEGACY_CO2.replace("_07_measurementCO2", "_08_measurementCO2")
    _put(source, other, _legacy_co2(pa.array(EPOCH_MS, MS), pa.array(["401.5", "high"])))
    assert _load(source, land) == 0
    rows = manifest.load(land)
    staged = pq.read_table(land / LEGACY_CO2)
    assert staged.schema.field("ts").type == MS and staged.column("ts").to_pylist() == TIMES
    assert staged.column("co2").to_pylist() == [401.5, 650.25]
    assert rows[LEGACY_CO2].status == "ok"
    # one unparseable value: staging rejects that row with its value, the file is not lost
    assert rows[other].status == "ok"
    assert "left for staging to type row by row: co2 is string" in rows[other].reason
    assert pq.read_table(land / other).column("co2").to_pylist() == ["401.5", "high"]


@pytest.mark.parametrize("rewrite", ["converted", "wide-decimal"])
def test_verify_accepts_a_rewritten_file(tmp_path: Path, rewrite: str) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    if rewrite == "converted":
        key, table = LEGACY_CO2, _legacy_co2(pa.array(EPOCH_MS, pa.int64()))
    else:
        key = V1_CO2
        table = pa.table(
            {
                "deviceId": ["d1"],
                "measuredAt": pa.array([EPOCH_MS[0] * 1000], US),
                "co2": pa.array([decimal.Decimal("401.1")], pa.decimal256(60, 20)),
            }
        )
    _put(source, key, table)
    assert _load(source, land) == 0
    staged_at = manifest.load(land)[key].staged_at
    assert main(["--source", str(source), "--dest", str(land), "--json", "--verify"]) == 0
    assert manifest.load(land)[key].staged_at == staged_at  # not fetched again


@pytest.mark.parametrize(
    ("drop", "missing"),
    [("deviceId", "deviceId"), ("ts", "ts"), ("co2", "co2")],
)
def test_a_file_missing_a_required_column_is_staged_with_a_warning(
    tmp_path: Path, drop: str, missing: str
) -> None:
    source, land = tmp_path / "export", tmp_path / "landing"
    _put(source, LEGACY_CO2, _legacy_co2(pa.array(EPOCH_MS, MS)).drop_columns([drop]))
    # a nullable column missing (organizationId), or a required one under the other exporter's
    # name (staging reads both), is no reason to warn
    renamed = LEGACY_CO2.replace("_07_measurementCO2", "_08_measurementCO2")
    _put(
        source,
        renamed,
        _legacy_co2(pa.array(EPOCH_MS, MS))
        .drop_columns(["organizationId"])
        .rename_columns(["deviceId", "measuredAt", "co2"]),
    )
    result = subprocess.run(
        [sys.executable, "scripts/load_exports.py", "--source", str(source), "--dest", str(land)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "required columns" in line]
    assert warnings == [
        f"WARNING {LEGACY_CO2}: required columns missing: {missing} "
        "(dbt rejects every row of this file); columns missing vs catalog: "
        f"{missing}"
    ]
    rows = manifest.load(land)
    assert rows[LEGACY_CO2].status == "ok"
    assert f"required columns missing: {missing}" in rows[LEGACY_CO2].reason
    assert "required" not in (rows[renamed].reason or "")


def _copy_project(to: Path) -> Path:
    """What a build of the package reads, without build leftovers of the checkout."""
    to.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        if (PROJECT_ROOT / name).exists():
            shutil.copy(PROJECT_ROOT / name, to / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("src", "seeds"):
        shutil.copytree(PROJECT_ROOT / name, to / name, ignore=skip)
    return to


def test_console_scripts_work_from_an_installed_wheel(tmp_path: Path) -> None:
    # requirements.txt pins setuptools >= 77 (SPDX license); an older venv is a setup error
    assert int(setuptools.__version__.split(".")[0]) >= 77, "run `make venv`"
    project = _copy_project(tmp_path / "project")
    built = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation"),
            *("--no-index", "-w", str(tmp_path / "wheels"), str(project)),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "project.license" not in built.stdout + built.stderr  # no deprecation warning
    (wheel,) = (tmp_path / "wheels").glob("iot_facts-*.whl")
    # a fresh venv holding only the wheel; the dependencies come from this interpreter's
    # site-packages through a .pth file (offline, and nothing of the checkout on the path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install"),
            *("--no-deps", "--no-index", str(wheel)),
        ],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(f"{Path(pa.__file__).parents[1]}\n")
    work = tmp_path / "work"  # the working directory of a user, far from any checkout
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "IOT_LANDING_DIR", "IOT_DUCKDB_PATH")
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / command[0]), *command[1:]],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )

    where = run("python", "-c", "import iot_facts; print(iot_facts.__file__)")
    assert where.stdout.startswith(site), where.stdout + where.stderr
    for command in ("iot-load-exports", "iot-generate-export"):
        result = run(command, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"usage: {command} "), result.stdout[:200]
        assert f"  {command} --" in result.stdout  # the examples name the command too
    generated = run(
        "iot-generate-export", "--out", "export", "--days", "1", "--devices", "3",
        "--measurements", "co2", "--legacy-days", "0-1", "--v1-days", "0-1",
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr
    loaded = run("iot-load-exports", "--source", "export", "--quiet")
    assert loaded.returncode == 0, loaded.stderr
    # the default landing directory is under the working directory, not site-packages
    rows = manifest.load(work / "data" / "landing")
    assert rows and {r.status for r in rows.values()} <= {"ok", "empty"}


def _with_integer_times(path: Path, column: str, per_ms: int) -> list[datetime]:
    """Rewrite an export file with its time column as int64 epoch values; return the times."""
    table = pq.read_table(path)
    times = table.column(column).to_pylist()
    epoch = pc.multiply(table.column(column).cast(MS).cast(pa.int64()), per_ms)
    index = table.schema.get_field_index(column)
    pq.write_table(table.set_column(index, column, epoch), path)
    return [t.replace(microsecond=t.microsecond // 1000 * 1000) for t in times]


@pytest.mark.slow
def test_dbt_builds_over_files_with_integer_epoch_times(tmp_path: Path) -> None:
    pipeline = make_pipeline(
        tmp_path, days=2, devices=6, legacy_days=(0, 1), v1_days=(1, 2), measurement_types=("co2",)
    )
    parquet = pipeline.export / "parquet"
    files = {
        "legacy": max(
            parquet.glob("*/measurementCO2/*/*/*.parquet"), key=lambda p: p.stat().st_size
        ),
        "v1": max(
            parquet.glob("v1/*/measurementCO2/*/*/*.parquet"), key=lambda p: p.stat().st_size
        ),
    }
    times = {
        "legacy": _with_integer_times(files["legacy"], "ts", 1),  # milliseconds
        "v1": _with_integer_times(files["v1"], "measuredAt", 1000),  # microseconds
    }
    result = pipeline.load()
    assert result.returncode == 0, result.stderr
    pipeline.dbt("build", "--select", "+int_export_rows_reconciled")
    con = duckdb.connect(str(pipeline.database), read_only=True)
    with con:
        con.execute("set TimeZone = 'UTC'")
        for family, path in files.items():
            key = path.relative_to(pipeline.export).as_posix()
            staged = con.sql(
                "select measured_at from staging.stg_haltian__co2_measurements "
                "where source_file like ?",
                params=[f"%{key}"],
            ).fetchall()
            assert staged, family
            expected = {t.replace(tzinfo=None) for t in times[family]}
            assert {row[0] for row in staged} <= expected, family
        rejects = con.sql("select count(*) from staging.stg_haltian__measurement_rejects")
        assert rejects.fetchone() == (0,)
        unaccounted = con.sql(
            "select sum(unaccounted_rows) from intermediate.int_export_rows_reconciled"
        )
        assert unaccounted.fetchone() == (0,)
