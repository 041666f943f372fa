"""Write a deterministic AWS IoT SiteWise cold-tier export: a wind farm.

One site asset ("Wind farm", with the metric TotalActivePower) and its turbines (asset model
"Wind turbine": ActivePower, WindSpeed, RotorSpeed, NacelleTemperature, Status, BrakeEngaged,
ErrorCode). Raw values every few seconds to a few minutes (jittered), in six-hour files per
series and quality; mostly GOOD, a few BAD and UNCERTAIN points; some points re-sent with a
corrected value and a recordVersion (1, sometimes also 2), in the same file or the next
window's. PT1M and PT1H aggregates of the DOUBLE and INTEGER series are computed exactly from
the raw points of each series, quality and period, counting each point once at its latest
version. Asset metadata and hierarchy as NDJSON. Same spec, same bytes: UUIDs are uuid5 of the
seed, randomness is seeded per series, and the Avro sync markers derive from the key.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fastavro

from iot_facts.sitewise.paths import (
    WINDOW,
    asset_hierarchy_key,
    asset_metadata_key,
    series_key,
)
from iot_facts.sitewise.schemas import AGG_AVRO, RAW_AVRO

_WINDOW = int(WINDOW.total_seconds())
RESOLUTIONS = (("PT1M", 60), ("PT1H", 3600))
VALUE_FIELD = {
    "DOUBLE": "doubleValue",
    "INTEGER": "integerValue",
    "STRING": "stringValue",
    "BOOLEAN": "booleanValue",
}
# (name, data type, unit, seconds between points: low, high)
TURBINE_PROPERTIES = (
    ("ActivePower", "DOUBLE", "kW", 5, 90),
    ("WindSpeed", "DOUBLE", "m/s", 5, 90),
    ("RotorSpeed", "DOUBLE", "RPM", 10, 120),
    ("NacelleTemperature", "DOUBLE", "Celsius", 60, 300),
    ("Status", "STRING", None, 900, 3600),
    ("BrakeEngaged", "BOOLEAN", None, 900, 3600),
    ("ErrorCode", "INTEGER", None, 900, 3600),
)
BAD_RATE, UNCERTAIN_RATE, RESEND_RATE = 0.0004, 0.0008, 0.002
RATED_KW = 3000.0


@dataclass
class SiteWiseSpec:
    out: Path  # the bucket root; files go under out/prefix
    seed: int = 42
    start: datetime = datetime(2026, 10, 5, tzinfo=UTC)
    days: int = 2
    turbines: int = 4
    prefix: str = "sitewise"


@dataclass
class SiteWiseSummary:
    files: dict[str, int] = field(default_factory=dict)  # folder -> files
    records: dict[str, int] = field(default_factory=dict)  # folder -> records / lines
    bytes_written: int = 0


@dataclass(frozen=True)
class Series:
    asset_id: str
    asset_name: str
    model_id: str
    model_name: str
    property_id: str
    name: str
    data_type: str
    unit: str | None
    alias: str | None
    series_id: str
    interval: tuple[int, int]

    @property
    def bucket(self) -> str:
        return series_bucket(self.series_id)


@dataclass
class Point:
    time: int
    nanos: int
    quality: str
    value: object
    version: int | None = None
    window: int = 0  # the window whose file carries it (a re-send may go to the next one)


def series_bucket(series_id: str) -> str:
    """Two lowercase hex digits derived from the time series id (as SiteWise does; its hash
    is not documented, any stable one will do)."""
    return hashlib.sha256(series_id.encode()).hexdigest()[:2]


def _rng(name: str) -> random.Random:
    """A generator seeded by name (str seeds hash with SHA-512: stable across processes), so
    each series' data does not shift when another series changes."""
    return random.Random(name)  # noqa: S311 - sample data, not secrets


class _Ids:
    def __init__(self, seed: int) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"iot-facts/sitewise/{seed}")

    def __call__(self, name: str) -> str:
        return str(uuid.uuid5(self.namespace, name))


@dataclass(frozen=True)
class Farm:
    site_id: str
    site_model_id: str
    turbine_model_id: str
    hierarchy_id: str
    turbine_ids: tuple[str, ...]
    series: tuple[Series, ...]  # the turbines' properties, then the site's metric

    @property
    def metric(self) -> Series:
        return self.series[-1]


def build_farm(spec: SiteWiseSpec) -> Farm:
    ids = _Ids(spec.seed)
    site_id, site_model, turbine_model = ids("asset/site"), ids("model/site"), ids("model/turbine")
    turbine_ids = tuple(ids(f"asset/turbine/{n}") for n in range(1, spec.turbines + 1))
    series = []
    for number, asset_id in enumerate(turbine_ids, start=1):
        for name, kind, unit, low, high in TURBINE_PROPERTIES:
            property_id = ids(f"property/turbine/{name}")
            series.append(
                Series(
                    asset_id,
                    f"Turbine {number:02d}",
                    turbine_model,
                    "Wind turbine",
                    property_id,
                    name,
                    kind,
                    unit,
                    f"/windfarm/north-sea-1/turbine/{number}/{name}",
                    f"{asset_id}_{property_id}",  # a property without a stream alias
                    (low, high),
                )
            )
    series.append(
        Series(
            site_id,
            "Wind farm",
            site_model,
            "Wind farm",
            ids("property/site/TotalActivePower"),
            "TotalActivePower",
            "DOUBLE",
            "kW",
            None,
            ids("series/site/TotalActivePower"),  # a metric's series id: one UUID
            (60, 60),
        )
    )
    return Farm(
        site_id, site_model, turbine_model, ids("hierarchy/turbines"), turbine_ids, tuple(series)
    )


def _turbine_points(spec: SiteWiseSpec, farm: Farm, number: int) -> dict[str, list[Point]]:
    """One turbine's points by property name: a wind speed random walk with a daily cycle,
    power from a power curve, rare faults (power 0, brake on, an error code)."""
    rng = _rng(f"{spec.seed}/turbine/{number}")
    begin = int(spec.start.timestamp())
    end = begin + spec.days * 86400
    faults = []
    for _ in range(spec.days):
        if rng.random() < 0.5:
            at = rng.randrange(begin, end)
            faults.append((at, at + rng.randrange(1800, 7200), rng.choice((101, 205, 317))))

    def fault_at(t: int) -> int:
        return next((code for low, high, code in faults if low <= t < high), 0)

    wind = 8.0 + rng.random() * 2

    def wind_at(t: int) -> float:
        nonlocal wind
        daily = 2.0 * math.sin((t % 86400) / 86400 * 2 * math.pi - math.pi / 2)
        wind = min(24.0, max(0.5, wind + rng.gauss(0, 0.15) + (9 + daily - wind) * 0.01))
        return wind

    def power(speed: float) -> float:
        if speed < 3 or speed >= 25:
            return 0.0
        return RATED_KW * min(1.0, ((speed - 3) / 9) ** 3)

    points: dict[str, list[Point]] = {}
    for name, _, _, low, high in TURBINE_PROPERTIES:
        own = _rng(f"{spec.seed}/turbine/{number}/{name}")
        series_points = []
        t = begin + own.randrange(0, high)
        previous: object = None
        while t < end:
            code = fault_at(t)
            speed = wind_at(t)
            value: object
            if name == "ActivePower":
                value = 0.0 if code else round(power(speed) * own.uniform(0.97, 1.0), 2)
            elif name == "WindSpeed":
                value = round(speed, 2)
            elif name == "RotorSpeed":
                value = 0.0 if code or speed < 3 else round(min(16.0, 6 + speed * 0.8), 2)
            elif name == "NacelleTemperature":
                value = round(28 + power(speed) / RATED_KW * 25 + own.gauss(0, 0.5), 2)
            elif name == "Status":
                value = "FAULT" if code else ("RUNNING" if speed >= 3 else "IDLE")
            elif name == "BrakeEngaged":
                value = bool(code) or speed < 1
            else:
                value = code
            # state series: mostly repeats of the state; keep one point an hour or so
            state = name in ("Status", "BrakeEngaged", "ErrorCode")
            if state and value == previous and own.random() < 0.6:
                t += own.randrange(low, high)
                continue
            previous = value
            series_points.append(Point(t, own.randrange(0, 1000) * 1_000_000, "GOOD", value))
            t += own.randrange(low, high + 1)
        points[name] = series_points
    return points


def _qualities_and_resends(spec: SiteWiseSpec, series: Series, points: list[Point]) -> list[Point]:
    """Mark a few points BAD or UNCERTAIN; re-send a few GOOD ones with a higher version."""
    rng = _rng(f"{spec.seed}/quality/{series.series_id}")
    end = int(spec.start.timestamp()) + spec.days * 86400
    extra = []
    for point in points:
        point.window = point.time - point.time % _WINDOW
        roll = rng.random()
        if roll < BAD_RATE:
            point.quality = "BAD"
        elif roll < BAD_RATE + UNCERTAIN_RATE:
            point.quality = "UNCERTAIN"
        elif roll < BAD_RATE + UNCERTAIN_RATE + RESEND_RATE and series.data_type == "DOUBLE":
            for version in range(1, rng.choice((2, 2, 3))):
                corrected = round(float(point.value) * rng.uniform(0.95, 1.05), 2)  # type: ignore[arg-type]
                # to the next window's file, unless that window starts after the export ends
                to_next = rng.random() < 0.5 and point.window + _WINDOW < end
                later = point.window + (_WINDOW if to_next else 0)
                extra.append(Point(point.time, point.nanos, "GOOD", corrected, version, later))
    return points + extra


def _aggregates(series: Series, points: list[Point]) -> dict[tuple[int, str], list[dict]]:
    """Aggregate records by (window, quality): statistics over each point's latest version."""
    latest: dict[tuple[int, int, str], Point] = {}
    for point in points:
        key = (point.time, point.nanos, point.quality)
        held = latest.get(key)
        if held is None or (point.version or 0) > (held.version or 0):
            latest[key] = point
    by_period: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    for point in latest.values():
        for resolution, seconds in RESOLUTIONS:
            start = point.time - point.time % seconds
            by_period[(resolution, start, point.quality)].append(float(point.value))  # type: ignore[arg-type]
    files: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for (resolution, start, quality), values in sorted(
        by_period.items(), key=lambda i: (i[0][1], i[0][0], i[0][2])
    ):
        files[(start - start % _WINDOW, quality)].append(
            {
                "seriesId": series.series_id,
                "timeInSeconds": start,
                "offsetInNanos": 0,
                "quality": quality,
                "resolution": resolution,
                "count": float(len(values)),
                "average": sum(values) / len(values),
                "min": min(values),
                "max": max(values),
                "sum": sum(values),
                "recordVersion": None,
            }
        )
    return files


def _raw_record(series: Series, point: Point) -> dict[str, object]:
    record: dict[str, object] = {
        "seriesId": series.series_id,
        "timeInSeconds": point.time,
        "offsetInNanos": point.nanos,
        "quality": point.quality,
        "doubleValue": None,
        "stringValue": None,
        "integerValue": None,
        "booleanValue": None,
        "jsonValue": None,
        "recordVersion": point.version,
    }
    record[VALUE_FIELD[series.data_type]] = point.value
    return record


def avro_bytes(schema: dict[str, object], records: list[dict[str, object]], key: str) -> bytes:
    """Snappy-compressed Avro; the sync marker derives from the key, so output is stable."""
    buffer = io.BytesIO()
    marker = hashlib.sha256(key.encode()).digest()[:16]
    fastavro.writer(
        buffer,
        fastavro.parse_schema(schema),
        records,
        codec="snappy",
        sync_marker=marker,
        sync_interval=64_000,
    )
    return buffer.getvalue()


def _series_files(spec: SiteWiseSpec, farm: Farm) -> Iterator[tuple[str, str, bytes, int]]:
    """(folder, key, content, records) of every raw and agg file."""
    by_series: dict[str, list[Point]] = {}
    for number in range(1, spec.turbines + 1):
        turbine = _turbine_points(spec, farm, number)
        for series in farm.series:
            if series.asset_id == farm.turbine_ids[number - 1]:
                by_series[series.series_id] = turbine[series.name]
    by_series[farm.metric.series_id] = _metric_points(spec, farm, by_series)
    for series in farm.series:
        points = _qualities_and_resends(spec, series, by_series[series.series_id])
        raw: dict[tuple[int, str], list[Point]] = defaultdict(list)
        for point in points:
            raw[(point.window, point.quality)].append(point)
        for (window, quality), held in sorted(raw.items()):
            held.sort(key=lambda p: (p.time, p.nanos, p.version or 0))
            key = series_key(spec.prefix, "raw", series.series_id, series.bucket, window, quality)
            records = [_raw_record(series, p) for p in held]
            yield "raw", key, avro_bytes(RAW_AVRO, records, key), len(records)
        if series.data_type not in ("DOUBLE", "INTEGER"):
            continue
        for (window, quality), records in sorted(_aggregates(series, points).items()):
            key = series_key(spec.prefix, "agg", series.series_id, series.bucket, window, quality)
            yield "agg", key, avro_bytes(AGG_AVRO, records, key), len(records)


def _metric_points(
    spec: SiteWiseSpec, farm: Farm, by_series: dict[str, list[Point]]
) -> list[Point]:
    """TotalActivePower every minute: the sum of each turbine's latest ActivePower."""
    powers = [s for s in farm.series if s.name == "ActivePower"]
    begin = int(spec.start.timestamp())
    cursors = [0] * len(powers)
    latest = [0.0] * len(powers)
    points = []
    for t in range(begin, begin + spec.days * 86400, 60):
        for index, series in enumerate(powers):
            values = by_series[series.series_id]
            while cursors[index] < len(values) and values[cursors[index]].time <= t:
                latest[index] = float(values[cursors[index]].value)  # type: ignore[arg-type]
                cursors[index] += 1
        points.append(Point(t, 0, "GOOD", round(sum(latest), 2)))
    return points


def _metadata_files(spec: SiteWiseSpec, farm: Farm) -> Iterator[tuple[str, str, bytes, int]]:
    created = int((spec.start - timedelta(days=90)).timestamp())
    by_asset: dict[str, list[Series]] = defaultdict(list)
    for series in farm.series:
        by_asset[series.asset_id].append(series)
    for asset_id, properties in sorted(by_asset.items()):
        lines = [
            {
                "assetId": asset_id,
                "assetName": s.asset_name,
                "assetModelId": s.model_id,
                "assetModelName": s.model_name,
                "assetPropertyId": s.property_id,
                "assetPropertyName": s.name,
                "assetPropertyDataType": s.data_type,
                "assetPropertyUnit": s.unit,
                "assetPropertyAlias": s.alias,
                "timeSeriesId": s.series_id,
                "timeSeriesBucket": s.bucket,
                "assetArn": f"arn:aws:iotsitewise:eu-west-1:123456789012:asset/{asset_id}",
                "assetCompositeModelDescription": None,
                "assetCompositeModelName": None,
                "assetCompositeModelType": None,
                "assetCreationDate": created,
                "assetLastUpdateDate": created + 86400 * 30,
                "assetStatusErrorCode": None,
                "assetStatusErrorMessage": None,
                "assetStatusState": "ACTIVE",
            }
            for s in properties
        ]
        yield (
            "asset_metadata",
            asset_metadata_key(spec.prefix, asset_id),
            _ndjson(lines),
            len(lines),
        )
    children = [
        {
            "sourceAssetId": farm.site_id,
            "targetAssetId": turbine,
            "hierarchyId": farm.hierarchy_id,
            "associationType": "CHILD",
        }
        for turbine in farm.turbine_ids
    ]
    key = asset_hierarchy_key(spec.prefix, farm.site_id, farm.hierarchy_id)
    yield "asset_hierarchy_metadata", key, _ndjson(children), len(children)


def _ndjson(lines: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines).encode()


def write_sitewise_export(spec: SiteWiseSpec) -> SiteWiseSummary:
    """Write the export under ``spec.out`` (keys relative to it); returns what was written."""
    summary = SiteWiseSummary()
    farm = build_farm(spec)
    for folder, key, content, records in (*_metadata_files(spec, farm), *_series_files(spec, farm)):
        path = spec.out / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        summary.files[folder] = summary.files.get(folder, 0) + 1
        summary.records[folder] = summary.records.get(folder, 0) + records
        summary.bytes_written += len(content)
    return summary
