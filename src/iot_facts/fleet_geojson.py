"""Write where the fleet is as GeoJSON: each vehicle's latest position (a Point) and its track
over the last day before the watermark (a LineString), from the built warehouse.

    python scripts/export_fleet_geojson.py --out target/fleet.geojson
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from iot_facts import settings

LATEST = """
    select thing_name, reported_at::varchar, latitude, longitude, speed_kmh, heading,
        is_ignition_on, age_seconds
    from marts.fct_vehicle_latest_positions order by thing_name
"""
TRACKS = """
    select thing_name, list(
        [longitude, latitude] order by reported_at, shadow_version
    ) as coordinates
    from intermediate.int_breadcrumbs_bounded
    where latitude is not null and reported_at >= watermark - interval 1 day
    group by thing_name
    having count(*) > 1
    order by thing_name
"""


def feature_collection(database: Path) -> dict[str, object]:
    """The fleet's latest positions and last-day tracks as a GeoJSON FeatureCollection."""
    with duckdb.connect(str(database), read_only=True) as con:
        latest = con.sql(LATEST).fetchall()
        tracks = con.sql(TRACKS).fetchall()
    features: list[dict[str, object]] = []
    for thing, at, lat, lon, speed, heading, ignition, age in latest:
        features.append(
            {
                "type": "Feature",
                # GeoJSON orders coordinates longitude first
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "thing_name": thing,
                    "kind": "latest_position",
                    "reported_at": at,
                    "speed_kmh": speed,
                    "heading": heading,
                    "is_ignition_on": ignition,
                    "age_seconds": age,
                },
            }
        )
    for thing, coordinates in tracks:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coordinates},
                "properties": {"thing_name": thing, "kind": "track_last_day"},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="export_fleet_geojson.py", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--out", type=Path, required=True, help="GeoJSON file to write")
    parser.add_argument(
        "--database",
        type=Path,
        default=settings.duckdb_path(),
        help="the warehouse (default: IOT_DUCKDB_PATH)",
    )
    args = parser.parse_args(argv)
    collection = feature_collection(args.database)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection))
    features: list[dict[str, dict[str, str]]] = collection["features"]  # type: ignore[assignment]
    points = sum(1 for f in features if f["geometry"]["type"] == "Point")
    print(f"wrote {points} positions and {len(features) - points} tracks to {args.out}")
    return 0
