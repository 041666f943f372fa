"""Shared fixtures: a generated export, and a warehouse built from it by the real pipeline.

The session warehouse goes through the same code paths as production: generator -> loader ->
dbt build (seeds, models, data tests and unit tests) -> dbt docs generate --static. Set
IOT_TEST_DIR to choose where (default build/test); it is rebuilt on every session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent
# A small export with the same shape as the demo: both exporters, overlapping on day 1.
SMALL_EXPORT = {"seed": 7, "days": 3, "devices": 30, "legacy_days": (0, 2), "v1_days": (1, 3)}


_CONFIG: list[pytest.Config] = []


def pytest_configure(config: pytest.Config) -> None:
    _CONFIG.append(config)


def progress(message: str) -> None:
    """A line on the terminal past pytest's output capture: the suite's dbt builds take
    minutes before the first test reports, and CI logs should show they are moving."""
    if not _CONFIG:
        return
    plugins = _CONFIG[0].pluginmanager
    reporter, capture = plugins.getplugin("terminalreporter"), plugins.getplugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"  .. {message}")


@dataclass(frozen=True)
class Pipeline:
    export: Path
    landing: Path
    database: Path
    target: Path

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "IOT_LANDING_DIR": str(self.landing),
            "IOT_DUCKDB_PATH": str(self.database),
            "DBT_PROFILES_DIR": str(PROJECT_ROOT),
            "DBT_TARGET_PATH": str(self.target),
            # the Spark test runs in a second pytest process beside this one (Makefile)
            "DBT_LOG_PATH": str(self.target / "logs"),
        }

    def dbt(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        began = time.monotonic()
        result = subprocess.run(
            [str(BIN / "dbt"), *args],
            cwd=PROJECT_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
        )
        progress(f"dbt {' '.join(args)[:70]} ({time.monotonic() - began:.0f} s)")
        if check and result.returncode != 0:
            pytest.fail(
                f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
            )
        return result

    def statuses(self) -> dict[str, str]:
        """Status of every node of the last dbt invocation, by node name."""
        run = json.loads((self.target / "run_results.json").read_text())
        return {r["unique_id"].split(".")[2]: r["status"] for r in run["results"]}

    def load(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "scripts/load_exports.py",
                "--source",
                str(self.export),
                "--dest",
                str(self.landing),
                "--quiet",
                *extra,
            ],
            cwd=PROJECT_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
        )


def make_pipeline(root: Path, **spec: object) -> Pipeline:
    """Generate an export under ``root`` and return the pipeline paths (nothing loaded yet)."""
    if root.exists():
        shutil.rmtree(root)
    pipeline = Pipeline(
        root / "export", root / "landing", root / "warehouse.duckdb", root / "target"
    )
    write_export(ExportSpec(out=pipeline.export, **{**SMALL_EXPORT, **spec}))  # type: ignore[arg-type]
    return pipeline


@pytest.fixture(scope="session")
def test_dir() -> Path:
    path = Path(os.environ.get("IOT_TEST_DIR", PROJECT_ROOT / "build" / "test"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


@pytest.fixture(scope="session")
def exported(test_dir: Path) -> Path:
    """The session export (SMALL_EXPORT), generated once: what `built` loads and builds, and
    what the Spark test delivers in steps (it needs no DuckDB build of its own)."""
    export = test_dir / "export"
    _remove(export)
    write_export(ExportSpec(out=export, **SMALL_EXPORT))  # type: ignore[arg-type]
    return export


@pytest.fixture(scope="session")
def built(test_dir: Path, exported: Path) -> Pipeline:
    """The session warehouse: the export loaded, built and documented once."""
    for name in ("landing", "warehouse.duckdb", "target"):
        _remove(test_dir / name)
    pipeline = Pipeline(
        exported,
        test_dir / "landing",
        test_dir / "warehouse.duckdb",
        test_dir / "target",
    )
    result = pipeline.load()
    assert result.returncode == 0, result.stderr
    pipeline.dbt("build")
    # docs generate overwrites run_results.json; keep the build's for the tests
    shutil.copy(pipeline.target / "run_results.json", pipeline.target / "build_results.json")
    pipeline.dbt("docs", "generate", "--static")
    return pipeline


def staging_rows(database: Path, models: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Every row of each staging model but its incremental bookkeeping (loaded_through_at),
    sorted: what an incremental build and a full refresh must agree on."""
    with duckdb.connect(str(database), read_only=True) as con:
        rows = {}
        for model in models:
            columns = [c[0] for c in con.sql(f"describe staging.{model}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c != "loaded_through_at")
            rows[model] = sorted(
                con.sql(f"select {kept} from staging.{model}").fetchall(), key=repr
            )
        return rows


# Space roll-up hours whose occupied seconds differ from the sum over the occupancy
# intervals of every device placed under the space, through the tree as it was that hour.
ROLLUP_MISMATCHES = """
    with device_hours as (
        select i.device_id, i.space_id, i.valid_from, i.valid_to, i.is_occupied
        from marts.fct_occupancy_intervals i
        join marts.dim_devices d using (device_id)
        where not d.is_device_group
    ),
    expected as (
        select b.ancestor_space_id as space_id, hours.hour_start,
               sum(date_diff('millisecond', greatest(dh.valid_from, hours.hour_start),
                   least(dh.valid_to, hours.hour_start + interval 1 hour)))
                   filter (where dh.is_occupied) / 1000.0 as occupied_seconds
        from device_hours as dh
        cross join
            unnest(range(date_trunc('hour', dh.valid_from), dh.valid_to, interval 1 hour))
            as hours(hour_start)
        join marts.bridge_space_ancestors_history b
            on b.descendant_space_id = dh.space_id
            and hours.hour_start >= b.valid_from
            and hours.hour_start < coalesce(b.valid_to, 'infinity')
        group by all
    )
    select count(*)
    from marts.fct_space_occupancy_hourly f
    full join expected e using (space_id, hour_start)
    where abs(coalesce(f.occupied_seconds, 0) - coalesce(e.occupied_seconds, 0)) > 1e-6
"""
