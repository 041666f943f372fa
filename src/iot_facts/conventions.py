"""Project conventions, checked against dbt's ``target/manifest.json`` (and ``catalog.json``).

Rules: model names match their layer (``stg_<source>__`` in staging/<source>/, ``int_`` in
intermediate, ``fct_``/``dim_``/``bridge_`` in marts); only staging models call ``source()``;
every model and every column (as built, from the catalog) is described, and every model's
description states its grain (``Grain: <columns>``); every model has a primary-key test
(``primary_key``, or ``unique`` + ``not_null`` on one column); staging models are views and
marts are tables with an enforced contract; every model belongs to a group (an owner), marts
are ``public`` and every other model is ``protected`` or ``private``; every project macro is
described and lives in a file named after it; a unit test's mocked ``this`` is typed SQL
(``format: sql``): `dbt build` in a fresh warehouse runs unit tests before their model exists,
and dict or csv fixtures need the relation to read the column types from.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MART_PREFIXES = ("fct_", "dim_", "bridge_")
# "Grain: device_id, valid_from" (or "grain" mid-sentence) followed by what the grain is.
GRAIN = re.compile(r"\bgrain\b\s*[:=]?\s*[\w(`]", re.IGNORECASE)


def _tests_by_model(manifest: dict) -> dict[str, list[dict]]:
    tests: dict[str, list[dict]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        attached = node.get("attached_node") or next(
            (n for n in node["depends_on"]["nodes"] if n.startswith("model.")), None
        )
        if attached:
            tests.setdefault(attached, []).append(node)
    return tests


def _has_primary_key_test(tests: list[dict]) -> bool:
    unique: set[str] = set()
    not_null: set[str] = set()
    for test in tests:
        name = (test.get("test_metadata") or {}).get("name")
        if name == "primary_key":
            return True
        if name == "unique" and test.get("column_name"):
            unique.add(test["column_name"])
        if name == "not_null" and test.get("column_name"):
            not_null.add(test["column_name"])
    return bool(unique & not_null)


# adapter.dispatch prefixes of the engines the project builds on
_ENGINES = frozenset({"default", "duckdb", "spark"})


def check(manifest: dict, catalog: dict | None = None) -> list[str]:
    """Every violation of the conventions, one line each (empty when all hold)."""
    problems: list[str] = []
    tests = _tests_by_model(manifest)
    project = manifest["metadata"].get("project_name")
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node["resource_type"] != "model" or node["package_name"] != project:
            continue
        name, path = node["name"], Path(node["original_file_path"])
        parts = path.parts  # models/<layer>/<folder>/file.sql
        layer = parts[1] if len(parts) > 2 else ""
        materialized = node["config"].get("materialized")
        if layer == "staging":
            source = parts[2] if len(parts) > 3 else ""
            if not name.startswith((f"stg_{source}__", f"base_{source}__")):
                problems.append(f"{name}: staging models in {source}/ are named stg_{source}__*")
            if materialized not in ("view", "table", "incremental"):
                problems.append(
                    f"{name}: staging models are views, tables or incremental, not {materialized}"
                )
        elif layer == "intermediate":
            if not name.startswith("int_"):
                problems.append(f"{name}: intermediate models are named int_*")
        elif layer == "marts":
            if not name.startswith(MART_PREFIXES):
                problems.append(f"{name}: marts are named {'/'.join(MART_PREFIXES)}*")
            if materialized not in ("table", "incremental"):
                problems.append(f"{name}: marts are tables, not {materialized}")
            if not node["config"].get("contract", {}).get("enforced"):
                problems.append(f"{name}: marts enforce a contract")
        else:
            problems.append(f"{name}: model outside models/{{staging,intermediate,marts}}/")
        if not node.get("group"):
            problems.append(f"{name}: model belongs to no group (no owner)")
        access = node.get("access")
        if (access == "public") != (layer == "marts"):
            problems.append(f"{name}: marts are public, other models protected or private")
        if (
            node["depends_on"].get("nodes")
            and layer != "staging"
            and any(n.startswith("source.") for n in node["depends_on"]["nodes"])
        ):
            problems.append(f"{name}: only staging models may call source()")
        if not (node.get("description") or "").strip():
            problems.append(f"{name}: model has no description")
        elif not GRAIN.search(node["description"]):
            problems.append(f"{name}: model description does not state its grain")
        documented = {c: (v.get("description") or "").strip() for c, v in node["columns"].items()}
        for column, text in documented.items():
            if not text:
                problems.append(f"{name}.{column}: column has no description")
        if catalog is not None and unique_id in catalog.get("nodes", {}):
            for column in catalog["nodes"][unique_id]["columns"]:
                if column.lower() not in {c.lower() for c in documented}:
                    problems.append(f"{name}.{column}: column is not documented")
        if not _has_primary_key_test(tests.get(unique_id, [])):
            problems.append(f"{name}: model has no primary-key test")
    for macro in sorted(manifest.get("macros", {}).values(), key=lambda m: m["name"]):
        if macro["package_name"] != project:
            continue
        # an engine's implementation of a dispatched macro (default__x, spark__x) lives in x's
        # file and is described by x's entry
        engine, _, dispatched = macro["name"].partition("__")
        implements = dispatched if engine in _ENGINES and dispatched else None
        if implements is None and not (macro.get("description") or "").strip():
            problems.append(f"macro {macro['name']}: macro has no description")
        # one macro per file, named after it (a generic test's file drops the test_ prefix)
        stem = Path(macro["original_file_path"]).stem
        if stem not in (macro["name"], macro["name"].removeprefix("test_"), implements):
            problems.append(
                f"macro {macro['name']}: defined in {macro['original_file_path']}, "
                "not in a file named after it"
            )
    for unit_test in sorted(manifest.get("unit_tests", {}).values(), key=lambda u: u["name"]):
        for given in unit_test.get("given", []):
            if given.get("input") == "this" and given.get("format") != "sql":
                problems.append(
                    f"unit test {unit_test['name']}: mocks `this` as {given.get('format')}, "
                    "not format: sql (a fresh warehouse has no relation to type it from)"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0] if argv else "target")
    manifest = json.loads((target / "manifest.json").read_text())
    catalog_path = target / "catalog.json"
    catalog = json.loads(catalog_path.read_text()) if catalog_path.exists() else None
    problems = check(manifest, catalog)
    for line in problems:
        print(line)
    print(f"{len(problems)} convention violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
