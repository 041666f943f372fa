"""What a user would do instead of the dbt project: occupied seconds per device, two ways.

Run as a separate process by ``bench/run.py`` so that its time and memory are its own:

    python bench/alternatives.py pandas --landing DIR --watermark ISO --out FILE.parquet
    python bench/alternatives.py duckdb --landing DIR --watermark ISO --out FILE.parquet

Both read the v1 occupancy files of the landing directory (the benchmark generates the v1
exporter only; the v1 columns are ``measuredAt`` and ``isOccupied`` where the docs' legacy recipe
says ``ts`` and ``status == 1``). Each prints one JSON line: compute seconds (after imports) and
the number of events and devices.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from datetime import datetime
from pathlib import Path

OCCUPANCY_GLOB = "parquet/v1/*/measurementOccupancyStatus/*/*/*.parquet"


def pandas_recipe(landing: Path, out: Path) -> dict[str, int]:
    """The Haltian docs' recipe, verbatim apart from the v1 column names.

    Sort by device and time, next event time by ``groupby().shift(-1)``, the last event of each
    device held for one hour, occupied durations summed per device.
    """
    import pandas as pd

    files = sorted(str(p) for p in landing.glob(OCCUPANCY_GLOB))
    df = pd.read_parquet(files, columns=["deviceId", "measuredAt", "isOccupied"])
    df = df.sort_values(["deviceId", "measuredAt"])
    df["next_ts"] = df.groupby("deviceId")["measuredAt"].shift(-1)
    df["duration_ms"] = df["next_ts"] - df["measuredAt"]
    df["duration_ms"] = df["duration_ms"].fillna(pd.Timedelta(hours=1))
    occupied_time = df[df["isOccupied"]].groupby("deviceId")["duration_ms"].sum()
    result = pd.DataFrame(
        {
            "device_id": occupied_time.index.astype(str),
            "occupied_seconds": occupied_time.dt.total_seconds().to_numpy(),
        }
    )
    result.to_parquet(out, index=False)
    return {"events": len(df), "devices": len(result)}


# The practical floor for DuckDB: one pass, one window. It reproduces the project's semantics
# on these files: the last event of a device holds until the measurement's watermark (not for
# 1 hour), and events at the same instant are ordered the way staging de-duplicates copies
# within one file (`false` wins), so the kept state is the last one and tied duplicates become
# zero-length intervals (the generated files have no copies across files). It also returns
# the docs' 1-hour fill, to explain the pandas recipe's numbers.
HAND_WRITTEN_QUERY = """
with events as (
    select deviceId as device_id, measuredAt as ts, isOccupied as is_occupied
    from read_parquet($files)
),
durations as (
    select
        device_id,
        is_occupied,
        lead(ts) over w as next_ts,
        ts
    from events
    window w as (partition by device_id order by ts, is_occupied desc)
)
select
    device_id,
    coalesce(sum(epoch_ms(coalesce(next_ts, $watermark)) - epoch_ms(ts))
        filter (where is_occupied), 0) / 1000.0 as occupied_seconds,
    coalesce(sum(coalesce(epoch_ms(next_ts) - epoch_ms(ts), 3600000))
        filter (where is_occupied), 0) / 1000.0 as occupied_seconds_1h_fill,
    count(*) as events
from durations
group by device_id
"""


def duckdb_query(
    landing: Path, out: Path, watermark: datetime, threads: int, memory_limit: str
) -> dict[str, int]:
    import duckdb

    files = sorted(str(p) for p in landing.glob(OCCUPANCY_GLOB))
    con = duckdb.connect(
        config={
            "threads": threads,
            "memory_limit": memory_limit,
            "preserve_insertion_order": False,
        }
    )
    con.execute("set TimeZone = 'UTC'")  # icu loads on first use, not in connect()'s config
    params = {"files": files, "watermark": watermark}
    con.execute(f"create table result as {HAND_WRITTEN_QUERY}", params)
    events, devices = con.execute("select sum(events), count(*) from result").fetchone()
    con.execute(f"copy result to '{out}' (format parquet)")
    return {"events": int(events or 0), "devices": int(devices)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=["pandas", "duckdb"], help="which alternative to run")
    parser.add_argument("--landing", type=Path, required=True, help="the loader's landing dir")
    parser.add_argument(
        "--watermark",
        type=datetime.fromisoformat,
        required=True,
        help="UTC end of the last delivered occupancy window (duckdb only)",
    )
    parser.add_argument("--out", type=Path, required=True, help="Parquet file for the result")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (default 2)")
    parser.add_argument("--memory-limit", default="8GB", help="DuckDB memory_limit (default 8GB)")
    args = parser.parse_args()
    importlib.import_module(args.method)  # import cost is not part of the computation
    began = time.perf_counter()
    if args.method == "pandas":
        counts = pandas_recipe(args.landing, args.out)
    else:
        counts = duckdb_query(
            args.landing, args.out, args.watermark, args.threads, args.memory_limit
        )
    print(json.dumps({"compute_seconds": time.perf_counter() - began, **counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
