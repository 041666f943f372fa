"""The macro fixture tests: integration_tests/ (iot_facts installed as a local package) builds.

Every fixture model calls one macro on hand-written inputs and is compared with a hand-written
expected-rows seed (generic test fixture_equals). The build runs into a temporary DuckDB file
and target directory, so it never touches the session warehouse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from iot_facts.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent
FIXTURES = PROJECT_ROOT / "integration_tests"

# Documented behaviour the macro does not have (yet): each a warn-severity fixture test. When a
# macro is fixed, its test passes, this test fails, and the test is made an error again.
KNOWN_DISCREPANCIES: set[str] = set()


def _dbt(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "dbt"), *args],
        cwd=FIXTURES,
        env=env,
        capture_output=True,
        text=True,
    )


def _differences(database: Path, tests: list[str]) -> str:
    """The rows each failing fixture test stored (store_failures), for the failure message."""
    lines = []
    with duckdb.connect(str(database), read_only=True) as con:
        for test in tests:
            try:
                rows = con.sql(f'select * from main_dbt_test__audit."{test}"').fetchall()
            except duckdb.Error:
                rows = []
            lines.append(test)
            lines.extend(f"    {row}" for row in rows[:20])
    return "\n".join(lines)


@pytest.mark.slow
def test_macro_fixtures_build(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(FIXTURES),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "IOT_FIXTURES_DUCKDB_PATH": str(tmp_path / "fixtures.duckdb"),
    }
    deps = _dbt(env, "deps")
    assert deps.returncode == 0, deps.stdout[-3000:] + deps.stderr[-2000:]

    build = _dbt(env, "build")
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[2]: r["status"] for r in results}
    failed = sorted(name for name, status in statuses.items() if status in ("fail", "error"))
    assert build.returncode == 0 and not failed, (
        f"dbt build in integration_tests/ failed: {failed}\n"
        + _differences(tmp_path / "fixtures.duckdb", failed)
        + "\n"
        + build.stdout[-4000:]
    )

    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    tested = {
        node["attached_node"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node["name"].startswith("fixture_")
    }
    models = {
        key
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] != "iot_facts"
    }
    assert models and models <= tested, f"models without a fixture test: {models - tested}"
    warned = {name for name, status in statuses.items() if status == "warn"}
    assert warned == KNOWN_DISCREPANCIES, (
        f"fixed (make them errors again): {sorted(KNOWN_DISCREPANCIES - warned)}; "
        f"new warnings: {sorted(warned - KNOWN_DISCREPANCIES)}\n"
        + _differences(tmp_path / "fixtures.duckdb", sorted(warned ^ KNOWN_DISCREPANCIES))
    )
