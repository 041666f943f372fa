"""The SiteWise cold tier: generator, key parser, and the loader against moto's S3 server."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from pathlib import Path

import fastavro
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from iot_facts.generator.sitewise import SiteWiseSpec, avro_bytes, write_sitewise_export
from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.loader import manifest
from iot_facts.loader.cli import main
from iot_facts.local_s3 import LocalS3
from iot_facts.sitewise.paths import parse_sitewise_key
from iot_facts.sitewise.schemas import AGG_PARQUET, RAW_AVRO, RAW_PARQUET

from . import test_loader as base

_buckets = itertools.count()
A, P = "7020c8e2-e6db-40fa-9845-ed0dddd4c77d", "95e63da7-d34e-43e1-bc6f-1b490154b07a"
DIRS = "startYear=2021/startMonth=1/startDay=2/seriesBucket=a2"


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both formats in one bucket: a small Haltian export, a one-day SiteWise export."""
    out = tmp_path_factory.mktemp("sitewise-export")
    write_export(
        ExportSpec(
            out=out,
            seed=5,
            days=1,
            devices=5,
            legacy_days=None,
            v1_days=(0, 1),
            measurement_types=("co2",),
        )
    )
    write_sitewise_export(SiteWiseSpec(out=out, seed=5, days=1, turbines=2))
    return out


# the local S3 server and the standard-chain credentials of the Haltian loader tests
s3, local_credentials = base.s3, base.local_credentials


def bucket_with(s3: LocalS3, export: Path | None = None) -> str:
    name = f"sitewise-{next(_buckets)}"
    if export is None:
        s3.client().create_bucket(Bucket=name)  # type: ignore[attr-defined]
    else:
        s3.upload_tree(export, name)
    return name


def put(s3: LocalS3, bucket: str, key: str, body: bytes) -> None:
    s3.client().put_object(Bucket=bucket, Key=key, Body=body)  # type: ignore[attr-defined]


def load(s3: LocalS3, bucket: str, dest: Path, *extra: str) -> int:
    return main(
        [
            "--source",
            f"s3://{bucket}/",
            "--dest",
            str(dest),
            "--endpoint-url",
            s3.endpoint_url,
            "--workers",
            "4",
            "--processes",
            "1",
            "--quiet",
            *extra,
        ]
    )


# ---------------------------------------------------------------- generator


def test_generator_is_deterministic_and_follows_the_layout(tmp_path: Path) -> None:
    spec = {"seed": 9, "days": 1, "turbines": 2}
    write_sitewise_export(SiteWiseSpec(out=tmp_path / "a", **spec))  # type: ignore[arg-type]
    write_sitewise_export(SiteWiseSpec(out=tmp_path / "b", **spec))  # type: ignore[arg-type]
    first = tree(tmp_path / "a")
    assert first == tree(tmp_path / "b"), "same spec, same bytes"
    keys = list(first)
    parsed = [parse_sitewise_key(k) for k in keys]
    assert all(p is not None and p.known for p in parsed), "every generated key parses"
    assert {p.folder for p in parsed if p} == {
        "raw",
        "agg",
        "asset_metadata",
        "asset_hierarchy_metadata",
    }
    assert {p.quality for p in parsed if p and p.quality} == {"GOOD", "BAD", "UNCERTAIN"}
    assert all(p.prefix == "sitewise" for p in parsed if p)
    # the metric's series id is one UUID, the turbines' assetId_propertyId
    series = {p.series_id for p in parsed if p and p.series_id}
    assert any("_" not in s for s in series) and any(s.count("_") == 1 for s in series)

    root = tmp_path / "a"
    metadata = [
        json.loads(line)
        for p in root.rglob("asset_*.ndjson")
        for line in p.read_text().splitlines()
    ]
    buckets = {m["timeSeriesId"]: m["timeSeriesBucket"] for m in metadata}
    for p in parsed:
        if p and p.series_id:
            assert buckets[p.series_id] == p.series_bucket, "seriesBucket = timeSeriesBucket"

    # records: quality of the file name; re-sends with a higher recordVersion; exact aggregates
    raw: dict[tuple[str, str], dict[int, tuple[int, float]]] = defaultdict(dict)
    versions = []
    for p in root.rglob("raw_*.avro"):
        key = parse_sitewise_key(p.relative_to(root).as_posix())
        assert key is not None
        with p.open("rb") as handle:
            reader = fastavro.reader(handle)
            assert reader.codec == "snappy"
            for r in reader:
                assert (r["seriesId"], r["quality"]) == (key.series_id, key.quality)
                versions.append(r["recordVersion"])
                if r["doubleValue"] is None and r["integerValue"] is None:
                    continue
                value = r["doubleValue"] if r["doubleValue"] is not None else r["integerValue"]
                t = r["timeInSeconds"] * 10**9 + r["offsetInNanos"]
                held = raw[(r["seriesId"], r["quality"])].get(t)
                if held is None or (r["recordVersion"] or 0) > held[0]:
                    raw[(r["seriesId"], r["quality"])][t] = (r["recordVersion"] or 0, value)
    assert versions.count(None) > 0.95 * len(versions)
    assert {1, 2} <= set(versions), "some points re-sent, some twice"
    checked = 0
    for p in root.rglob("agg_*.avro"):
        with p.open("rb") as handle:
            for r in fastavro.reader(handle):
                step = {"PT1M": 60, "PT1H": 3600}[r["resolution"]] * 10**9
                start = r["timeInSeconds"] * 10**9
                values = [
                    v
                    for t, (_, v) in raw[(r["seriesId"], r["quality"])].items()
                    if start <= t < start + step
                ]
                assert r["count"] == len(values)
                assert r["sum"] == pytest.approx(sum(values))
                assert (r["min"], r["max"]) == (min(values), max(values))
                checked += 1
    assert checked > 1000


# ---------------------------------------------------------------- key parser


@pytest.mark.parametrize(
    ("key", "series_id", "prefix"),
    [
        (f"keyPrefix/raw/{DIRS}/raw_{A}_{P}_1609577700_GOOD.avro", f"{A}_{P}", "keyPrefix"),
        (f"raw/{DIRS}/raw_{A}_1609577700_BAD.avro", A, ""),
        (f"a/b/agg/{DIRS}/agg_{A}_{P}_1609577700_UNCERTAIN.avro", f"{A}_{P}", "a/b"),
        (f"raw/x/agg/{DIRS}/agg_{A}_1609577700_GOOD.avro", A, "raw/x"),
    ],
)
def test_parser_reads_file_names_from_the_right(key: str, series_id: str, prefix: str) -> None:
    parsed = parse_sitewise_key(key)
    assert parsed is not None and parsed.known, parsed
    assert (parsed.series_id, parsed.prefix, parsed.series_bucket) == (series_id, prefix, "a2")
    assert parsed.window_start is not None and parsed.window_start.timestamp() == 1609577700
    assert parsed.staged_key == key + ".parquet"


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (f"raw/{DIRS}/raw_{A}_1609577700_G.avro", "quality 'G'"),
        (f"raw/{DIRS}/raw_{A}_{P}_1609577700_good.avro", "quality 'good'"),
        (
            f"raw/{DIRS.replace('startDay=2', 'startDay=3')}/raw_{A}_1609577700_GOOD.avro",
            "disagree with the start epoch",
        ),
        (
            f"raw/{DIRS.replace('startMonth=1', 'startMonth=01')}/raw_{A}_1609577700_GOOD.avro",
            "zero-padded",
        ),
        (f"raw/{DIRS.replace('a2', 'A2')}/raw_{A}_1609577700_GOOD.avro", "seriesBucket=A2"),
        (f"raw/{DIRS}/agg_{A}_1609577700_GOOD.avro", "does not start with raw_"),
        (f"raw/{DIRS}/raw_{A}_16095777x0_GOOD.avro", "not a number"),
        ("asset_metadata/35901915.ndjson", "asset_{assetId}"),
    ],
)
def test_parser_rejects_keys_that_break_the_layout(key: str, problem: str) -> None:
    parsed = parse_sitewise_key(key)
    assert parsed is not None and not parsed.known
    assert problem in (parsed.problem or "")
    assert parsed.dataset is None and parsed.kind == "unknown"


def test_parser_ignores_other_keys() -> None:
    assert parse_sitewise_key("parquet/org/device/2026/10/2026_10_05_00_device.parquet") is None
    assert parse_sitewise_key(f"raw/{DIRS}/raw_{A}_1609577700_GOOD.parquet") is None


# ---------------------------------------------------------------- loader


def test_load_both_formats_from_one_bucket(s3: LocalS3, export: Path, tmp_path: Path) -> None:
    bucket = bucket_with(s3, export)
    assert load(s3, bucket, tmp_path) == 0
    rows = manifest.load(tmp_path)
    sources = tree(export)
    assert set(rows) == set(sources)
    by_format = defaultdict(int)
    for row in rows.values():
        by_format[row.format] += 1
        assert row.status in ("ok", "empty"), (row.key, row.status, row.reason)
    assert set(by_format) == {"haltian", "sitewise"}
    for key, row in rows.items():
        if row.format != "sitewise":
            assert row.family is not None and row.local_path == key
            continue
        parsed = parse_sitewise_key(key)
        assert parsed is not None
        assert row.local_path == key + ".parquet"
        assert (row.family, row.organization_id, row.entity) == (None, None, parsed.folder)
        assert row.dataset == parsed.dataset and row.kind == parsed.kind
        assert (row.quality, row.series_id) == (parsed.quality, parsed.series_id)
        staged = tmp_path / row.local_path
        assert row.local_size == staged.stat().st_size
        table = pq.read_table(staged)
        assert table.schema.equals(
            {"raw": RAW_PARQUET, "agg": AGG_PARQUET}.get(parsed.folder, table.schema)
        )
        if parsed.folder in ("raw", "agg"):
            with (export / key).open("rb") as handle:
                records = list(fastavro.reader(handle))
            assert row.row_count == len(records) == table.num_rows
            assert table.column("timeInSeconds").to_pylist() == [
                r["timeInSeconds"] for r in records
            ], "records in file order"
            assert row.window_start is not None and row.window_end is not None
            assert int(row.window_start.timestamp()) == int(key.rsplit("_", 2)[1])
            assert (row.window_end - row.window_start).total_seconds() == 6 * 3600
        else:
            lines = (export / key).read_text().splitlines()
            assert row.row_count == len(lines) == table.num_rows
            assert row.window_start is None
    assert not list(tmp_path.rglob("*.avro")) and not list(tmp_path.rglob("*.ndjson"))
    # nothing new: nothing fetched
    assert load(s3, bucket, tmp_path) == 0
    assert manifest.load(tmp_path).keys() == rows.keys()


@pytest.mark.parametrize("fmt", ["sitewise", "haltian"])
def test_format_restricts_the_layout(s3: LocalS3, export: Path, tmp_path: Path, fmt: str) -> None:
    bucket = bucket_with(s3, export)
    assert load(s3, bucket, tmp_path, "--format", fmt) == 0
    rows = manifest.load(tmp_path).values()
    other = [r for r in rows if r.format != fmt]
    assert other and all(r.status == "unknown_entity" and r.format is None for r in other)
    assert all(r.status in ("ok", "empty") for r in rows if r.format == fmt)
    if fmt == "haltian":  # SiteWise files staged as they are: not converted, not decoded
        assert all(r.local_path == r.key and r.row_count is None for r in other)
        # a later auto run converts them
        assert load(s3, bucket, tmp_path) == 0
        again = manifest.load(tmp_path).values()
        assert all(r.status in ("ok", "empty") for r in again)
        assert {r.format for r in again} == {"haltian", "sitewise"}


def _raw_key(quality: str = "GOOD", series: str = f"{A}_{P}") -> str:
    return f"cold/raw/{DIRS}/raw_{series}_1609577700_{quality}.avro"


def _raw_records(n: int = 5000) -> list[dict[str, object]]:
    return [
        {
            "seriesId": f"{A}_{P}",
            "timeInSeconds": 1609577700 + i,
            "offsetInNanos": 0,
            "quality": "GOOD",
            "doubleValue": i * 0.37,
            "stringValue": None,
            "integerValue": None,
            "booleanValue": None,
            "jsonValue": None,
            "recordVersion": None,
        }
        for i in range(n)
    ]


def test_damaged_avro_is_quarantined_and_nothing_partial_staged(
    s3: LocalS3, tmp_path: Path
) -> None:
    bucket = bucket_with(s3)
    good = avro_bytes(RAW_AVRO, _raw_records(), "x")
    truncated = good[: len(good) - 100]
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x04  # inside a Snappy block
    crc = bytearray(good)
    crc[-17] ^= 0x01  # the last block's CRC: fastavro itself does not check it
    keys = {"GOOD": truncated, "BAD": bytes(flipped), "UNCERTAIN": bytes(crc)}
    for quality, body in keys.items():
        put(s3, bucket, _raw_key(quality), body)
    put(s3, bucket, _raw_key("GOOD", A), good)
    assert load(s3, bucket, tmp_path) == 1
    rows = manifest.load(tmp_path)
    for quality, body in keys.items():
        row = rows[_raw_key(quality)]
        assert row.status == "quarantined" and "unreadable Avro" in (row.reason or ""), row
        assert row.local_path is None
        assert not (tmp_path / (_raw_key(quality) + ".parquet")).exists()
        assert (tmp_path / "_quarantine" / f"{_raw_key(quality)}.quarantined").read_bytes() == body
    assert "CRC" in (rows[_raw_key("UNCERTAIN")].reason or "")
    assert rows[_raw_key("GOOD", A)].status == "ok"
    assert rows[_raw_key("GOOD", A)].reason is not None  # its seriesId disagrees with the name
    assert not (tmp_path / ".tmp").exists(), "no temporary file left behind"


def test_avro_without_record_version_is_staged_with_a_null_column(
    s3: LocalS3, tmp_path: Path
) -> None:
    schema = {
        **RAW_AVRO,
        "fields": [
            f
            for f in RAW_AVRO["fields"]  # type: ignore[attr-defined]
            if f["name"] != "recordVersion"
        ],
    }
    records = [{k: v for k, v in r.items() if k != "recordVersion"} for r in _raw_records(10)]
    bucket = bucket_with(s3)
    put(s3, bucket, _raw_key(), avro_bytes(schema, records, "y"))
    assert load(s3, bucket, tmp_path) == 0
    row = manifest.load(tmp_path)[_raw_key()]
    assert row.status == "ok" and row.row_count == 10
    assert "recordVersion" in (row.reason or "")
    table = pq.read_table(tmp_path / row.local_path)  # type: ignore[operator]
    assert table.schema.equals(RAW_PARQUET)
    assert table.column("recordVersion").null_count == 10


def test_agg_statistics_as_numeric_text_are_accepted_and_booleans_quarantined(
    s3: LocalS3, tmp_path: Path
) -> None:
    # the AWS page types max as boolean and sum as string
    schema = {
        "type": "record",
        "name": "agg",
        "fields": [
            {"name": "seriesId", "type": "string"},
            {"name": "timeInSeconds", "type": "long"},
            {"name": "offsetInNanos", "type": "long"},
            {"name": "quality", "type": "string"},
            {"name": "resolution", "type": "string"},
            {"name": "count", "type": "double"},
            {"name": "max", "type": ["null", "boolean"]},
            {"name": "sum", "type": ["null", "string"]},
        ],
    }
    base = {
        "seriesId": A,
        "timeInSeconds": 1609577700,
        "offsetInNanos": 0,
        "quality": "GOOD",
        "resolution": "PT1M",
        "count": 2.0,
    }
    text = f"cold/agg/{DIRS}/agg_{A}_1609577700_GOOD.avro"
    boolean = f"cold/agg/{DIRS}/agg_{A}_1609577700_BAD.avro"
    bucket = bucket_with(s3)
    put(s3, bucket, text, avro_bytes(schema, [{**base, "max": None, "sum": "496.0"}], "a"))
    put(
        s3,
        bucket,
        boolean,
        avro_bytes(schema, [{**base, "quality": "BAD", "max": True, "sum": None}], "b"),
    )
    assert load(s3, bucket, tmp_path) == 1
    rows = manifest.load(tmp_path)
    assert rows[text].status == "ok"
    table = pq.read_table(tmp_path / rows[text].local_path)  # type: ignore[operator]
    assert table.schema.equals(AGG_PARQUET)
    assert table.column("sum").to_pylist() == [496.0]
    assert rows[boolean].status == "quarantined"
    assert "max is not numeric" in (rows[boolean].reason or "")


def _metadata_line(name: str) -> dict[str, object]:
    return {
        "assetId": A,
        "assetName": name,
        "assetModelId": P,
        "assetModelName": "Wind turbine",
        "assetPropertyId": P,
        "assetPropertyName": "ActivePower",
        "assetPropertyDataType": "DOUBLE",
        "timeSeriesId": f"{A}_{P}",
        "timeSeriesBucket": "a2",
        "assetCreationDate": 1619466323,
        "assetLastUpdateDate": 1623859856,
        "assetStatusState": "ACTIVE",
    }


def test_malformed_ndjson_line_quarantines_the_file(s3: LocalS3, tmp_path: Path) -> None:
    key = f"cold/asset_metadata/asset_{A}.ndjson"
    body = json.dumps(_metadata_line("T1")) + "\n" + '{"assetId": "x",\n'
    bucket = bucket_with(s3)
    put(s3, bucket, key, body.encode())
    assert load(s3, bucket, tmp_path) == 1
    row = manifest.load(tmp_path)[key]
    assert row.status == "quarantined" and (row.reason or "").startswith("line 2: "), row.reason
    assert not (tmp_path / f"{key}.parquet").exists()


def test_reexported_asset_metadata_replaces_the_staged_parquet(s3: LocalS3, tmp_path: Path) -> None:
    key = f"cold/asset_metadata/asset_{A}.ndjson"
    hierarchy = f"cold/asset_hierarchy_metadata/{A}_{P}.ndjson"
    bucket = bucket_with(s3)
    put(s3, bucket, key, (json.dumps(_metadata_line("Turbine 1")) + "\n").encode())
    put(
        s3,
        bucket,
        hierarchy,
        json.dumps(
            {"sourceAssetId": A, "targetAssetId": P, "hierarchyId": P, "associationType": "CHILD"}
        ).encode(),
    )
    assert load(s3, bucket, tmp_path) == 0
    first = manifest.load(tmp_path)[key]
    staged = tmp_path / f"{key}.parquet"
    assert pq.read_table(staged).column("assetName").to_pylist() == ["Turbine 1"]
    renamed = [_metadata_line("Turbine 1 (north)"), _metadata_line("Turbine 1 (north)")]
    put(s3, bucket, key, "".join(json.dumps(line) + "\n" for line in renamed).encode())
    assert load(s3, bucket, tmp_path) == 0
    row = manifest.load(tmp_path)[key]
    assert row.etag != first.etag and row.row_count == 2
    table = pq.read_table(staged)
    assert table.column("assetName").to_pylist() == ["Turbine 1 (north)"] * 2
    assert table.column("assetArn").null_count == 2, "a field missing from a line is null"
    assert table.schema.field("assetCreationDate").type == "int64"
    assert row.local_size == staged.stat().st_size
    assert not list(staged.parent.glob("*.part"))


def test_empty_avro_is_empty(s3: LocalS3, tmp_path: Path) -> None:
    bucket = bucket_with(s3)
    put(s3, bucket, _raw_key(), avro_bytes(RAW_AVRO, [], "z"))
    assert load(s3, bucket, tmp_path) == 0
    row = manifest.load(tmp_path)[_raw_key()]
    assert (row.status, row.row_count) == ("empty", 0)
    assert pq.read_table(tmp_path / row.local_path).schema.equals(RAW_PARQUET)  # type: ignore[operator]


def test_old_manifest_reads_new_columns_as_null(tmp_path: Path) -> None:
    old = manifest.SCHEMA.remove(manifest.SCHEMA.get_field_index("format"))
    for name in ("quality", "series_id"):
        old = old.remove(old.get_field_index(name))
    path = manifest.manifest_path(tmp_path)
    path.parent.mkdir(parents=True)
    row = {name: [None] for name in old.names} | {
        "key": ["k"],
        "size": [1],
        "etag": ["e"],
        "status": ["ok"],
    }
    pq.write_table(pa.table(row, schema=old), path)
    (loaded,) = manifest.load(tmp_path).values()
    assert (loaded.format, loaded.quality, loaded.series_id) == (None, None, None)
