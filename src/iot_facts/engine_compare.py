"""Compare the marts a Spark build wrote with the DuckDB warehouse's, row for row.

Both engines build the same dbt project from the same landing area, so every mart must hold the
same rows. Rows are paired on the model's primary key (its ``primary_key`` test in the dbt
manifest); floats agree within a relative tolerance (summation order differs between engines),
everything else exactly. Spark has no infinite timestamps: the project writes its smallest and
largest timestamps instead (macros ts_neg_infinity / ts_infinity), so DuckDB's are mapped to them.
Spark's tables are read from their Parquet files, so no Spark session is needed.

Usage: python -m iot_facts.engine_compare --duckdb data/warehouse.duckdb \\
    --spark-dir build/spark --manifest target/manifest.json --run-results target/run_results.json
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

# Hashes made by each engine's own hash function, compared only within an engine
# (macro hash_of): they differ across engines by design.
ENGINE_SPECIFIC_COLUMNS = frozenset({"inputs_signature", "placement_signature"})
SPARK_MIN_TIMESTAMP = "timestamp '0001-01-01 00:00:00'"
SPARK_MAX_TIMESTAMP = "timestamp '9999-12-31 23:59:59.999999'"
FLOAT_TYPES = frozenset({"DOUBLE", "FLOAT", "REAL"})


@dataclass(frozen=True)
class Mart:
    name: str
    schema: str
    primary_key: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    mart: str
    duckdb_rows: int
    spark_rows: int
    differing_rows: int
    examples: tuple[str, ...]

    @property
    def equal(self) -> bool:
        return self.differing_rows == 0 and self.duckdb_rows == self.spark_rows


def built_models(run_results_path: Path) -> set[str]:
    """The models a dbt invocation built successfully (its run_results.json)."""
    results = json.loads(run_results_path.read_text())["results"]
    return {r["unique_id"] for r in results if r["status"] == "success"}


def marts(
    manifest_path: Path, only: set[str] | None = None, incremental_only: bool = False
) -> list[Mart]:
    """Every mart table of the manifest (schema marts; with `only`, those unique ids) with its
    primary-key columns; with `incremental_only`, every incremental model of any schema instead
    (what an incremental build must get right)."""
    manifest = json.loads(manifest_path.read_text())
    keys: dict[str, tuple[str, ...]] = {}
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        if node["resource_type"] == "test" and meta.get("name") == "primary_key":
            model = node["attached_node"]
            if model:
                keys[model] = tuple(meta["kwargs"]["columns"])
    found = []
    for unique_id, node in manifest["nodes"].items():
        materialized = node["config"]["materialized"] if node["resource_type"] == "model" else ""
        if (
            (
                materialized == "incremental"
                if incremental_only
                else node["schema"] == "marts" and materialized in ("table", "incremental")
            )
            and node["config"].get("enabled", True)
            and (only is None or unique_id in only)
        ):
            if unique_id not in keys:
                raise ValueError(f"{node['name']} has no primary_key test to pair rows on")
            found.append(Mart(node["name"], node["schema"], keys[unique_id]))
    return sorted(found, key=lambda mart: mart.name)


def spark_table(spark_dir: Path, schema: str, table: str) -> str:
    """A Spark table of the session's warehouse directory as a DuckDB read_parquet: its files,
    and for a partitioned table (partition_by) the partition columns from the folder names."""
    files = str(spark_dir / "warehouse" / f"{schema}.db" / table / "**" / "*.parquet")
    quoted = files.replace("'", "''")
    return f"read_parquet('{quoted}', hive_partitioning = true)"


def _normalized(column: str, data_type: str, side: str) -> str:
    quoted = f'{side}."{column}"'
    if data_type.startswith("TIMESTAMP"):
        value = f"cast({quoted} as timestamp)"
        return (
            f"case when isinf({value}) and {value} < timestamp '2000-01-01' "
            f"then {SPARK_MIN_TIMESTAMP} when isinf({value}) then {SPARK_MAX_TIMESTAMP} "
            f"else {value} end"
        )
    return quoted


def _differs(column: str, data_type: str, tolerance: float) -> str:
    left, right = _normalized(column, data_type, "d"), _normalized(column, data_type, "s")
    if data_type in FLOAT_TYPES:
        return (
            f"not (({left} is null and {right} is null) or {left} = {right} "
            f"or abs({left} - {right}) <= {tolerance} * greatest(abs({left}), abs({right})))"
        )
    return f"{left} is distinct from {right}"


def compare_mart(
    connection: duckdb.DuckDBPyConnection,
    mart: Mart,
    spark_dir: Path,
    tolerance: float = 1e-9,
    ignore: frozenset[str] = frozenset(),
) -> Comparison:
    columns = connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [mart.schema, mart.name],
    ).fetchall()
    if not columns:
        raise ValueError(
            f"{mart.schema}.{mart.name} is not in the DuckDB warehouse "
            "(pass --run-results to compare only what the Spark build built)"
        )
    compared = [(c, t) for c, t in columns if c not in ENGINE_SPECIFIC_COLUMNS | ignore]
    spark = spark_table(spark_dir, mart.schema, mart.name)
    pairing = " and ".join(
        f"{_normalized(k, dict(columns)[k], 'd')} is not distinct from "
        f"{_normalized(k, dict(columns)[k], 's')}"
        for k in mart.primary_key
    )
    differs = " or ".join(_differs(c, t, tolerance) for c, t in compared)
    key_text = " || ' | ' || ".join(
        f'coalesce(cast(coalesce(d."{k}", s."{k}") as varchar), \'null\')' for k in mart.primary_key
    )
    # Names come from the dbt manifest and the warehouse's own catalog, not from users.
    differing = connection.execute(
        f"""
        select
            case when d.present is null then 'only in Spark: '
                when s.present is null then 'only in DuckDB: ' else 'differs: ' end
            || {key_text}
        from (select *, true as present from "{mart.schema}"."{mart.name}") as d
        full outer join (select *, true as present from {spark}) as s on {pairing}
        where d.present is null or s.present is null or {differs}
        """  # noqa: S608
    ).fetchall()
    duckdb_rows = _count(connection, f'"{mart.schema}"."{mart.name}"')
    spark_rows = _count(connection, spark)
    return Comparison(
        mart.name, duckdb_rows, spark_rows, len(differing), tuple(row[0] for row in differing[:5])
    )


def _count(connection: duckdb.DuckDBPyConnection, relation: str) -> int:
    row = connection.execute(f"select count(*) from {relation}").fetchone()  # noqa: S608
    assert row is not None
    return int(row[0])


def compare(
    duckdb_path: Path,
    spark_dir: Path,
    manifest_path: Path,
    only: set[str] | None = None,
    tolerance: float = 1e-9,
    ignore: frozenset[str] = frozenset(),
    incremental_only: bool = False,
) -> list[Comparison]:
    """Compare the marts (or, with `incremental_only`, every incremental model) the manifest
    names; `ignore` leaves columns out, e.g. the load-time bookkeeping of builds whose landing
    areas were loaded at different times."""
    connection = duckdb.connect(str(duckdb_path), read_only=True)
    connection.execute("set TimeZone = 'UTC'")
    try:
        return [
            compare_mart(connection, mart, spark_dir, tolerance, ignore)
            for mart in marts(manifest_path, only, incremental_only)
        ]
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare every mart of a Spark build with the DuckDB warehouse's, row for row."
    )
    parser.add_argument("--duckdb", type=Path, required=True, help="the DuckDB warehouse file")
    parser.add_argument(
        "--spark-dir", type=Path, required=True, help="IOT_SPARK_DIR of the Spark build"
    )
    parser.add_argument(
        "--manifest", type=Path, required=True, help="target/manifest.json of the Spark build"
    )
    parser.add_argument(
        "--run-results",
        type=Path,
        help="run_results.json of the Spark build: compare only the marts it built",
    )
    parser.add_argument("--tolerance", type=float, default=1e-9, help="relative, for floats")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help="leave a column out (repeatable), e.g. loaded_through_at of separate loads",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="compare every incremental model (any schema) instead of the marts",
    )
    args = parser.parse_args(argv)
    only = built_models(args.run_results) if args.run_results else None
    results = compare(
        args.duckdb,
        args.spark_dir,
        args.manifest,
        only,
        args.tolerance,
        frozenset(args.ignore),
        args.incremental,
    )
    width = max(len(r.mart) for r in results)
    print(f"{'mart':<{width}}  {'duckdb rows':>11}  {'spark rows':>10}  differing")
    for r in results:
        print(f"{r.mart:<{width}}  {r.duckdb_rows:>11}  {r.spark_rows:>10}  {r.differing_rows}")
        for example in r.examples:
            print(f"    {example}")
    return 0 if all(r.equal for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
