"""The IoT Core pieces on their own: object keys, event decoding and the sample-export generator."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from iot_facts.generator.iot_core import IotCoreExportSummary, main, write_iot_core_export
from iot_facts.iot_core.decode import (
    MAX_RAW_CHARS,
    PARQUET_SCHEMA,
    DecodeError,
    decode_events,
    to_parquet_table,
)
from iot_facts.iot_core.paths import direct_key, firehose_key, parse_key

FIREHOSE = (
    "iot/iotfleet/firehose/2016/05/20/00/"
    "iotfleet-1-2016-05-20-00-28-53-7a4a43c7-1a8c-4533-93ae-d11cfb4a88ac"
)


# --- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_firehose_keys_plain_and_gzipped(suffix):
    parsed = parse_key(FIREHOSE + suffix)
    assert parsed is not None
    assert parsed.delivery_path == "firehose"
    assert parsed.prefix == "iot/iotfleet/firehose/"
    assert parsed.stream == "iotfleet"
    assert parsed.thing_name is None
    assert parsed.window_start == datetime(2016, 5, 20, 0, tzinfo=UTC)
    assert parsed.window_end == datetime(2016, 5, 20, 1, tzinfo=UTC)
    assert parsed.compressed is (suffix == ".gz")


def test_firehose_stream_with_hyphens_and_digits():
    parsed = parse_key("fh/2026/10/05/13/my-stream-2-17-2026-10-05-13-59-59-abc-DEF-1")
    assert parsed is not None
    assert parsed.stream == "my-stream-2"
    assert parsed.prefix == "fh/"


@pytest.mark.parametrize(
    "key",
    [
        # the hour folder and the name's timestamp disagree (hour, then day)
        "iot/iotfleet/firehose/2016/05/20/01/iotfleet-1-2016-05-20-00-28-53-7a4a43c7",
        "iot/iotfleet/firehose/2016/05/21/00/iotfleet-1-2016-05-20-00-28-53-7a4a43c7",
        "iot/iotfleet/firehose/2016/02/30/00/iotfleet-1-2016-02-30-00-28-53-7a4a43c7",
        "iot/iotfleet/firehose/2016/05/20/00/iotfleet-1-2016-05-20-00-28-53-7a4a43c7.parquet",
        "iot/iotfleet/firehose/2016/05/20/00/iotfleet-2016-05-20-00-28-53-7a4a43c7",
    ],
)
def test_bad_firehose_keys(key):
    assert parse_key(key) is None


@pytest.mark.parametrize(
    ("key", "prefix"),
    [
        ("iot/iotfleet/s3/iotfleet_thc_121/1463704133449", "iot/iotfleet/s3/"),
        ("iot/iotfleet/s3p/thingname=iotfleet_thc_121/1463704133449", "iot/iotfleet/s3p/"),
    ],
)
def test_direct_keys(key, prefix):
    parsed = parse_key(key)
    assert parsed is not None
    assert parsed.delivery_path == "direct"
    assert parsed.prefix == prefix
    assert parsed.thing_name == "iotfleet_thc_121"
    assert parsed.stream is None
    instant = datetime(2016, 5, 20, 0, 28, 53, 449_000, tzinfo=UTC)
    assert parsed.window_start == parsed.window_end == instant
    assert parsed.compressed is False


@pytest.mark.parametrize(
    "key",
    [
        # Haltian, both exporters
        "parquet/org-1/occupancy_status/2026/10/2026_10_05_13_occupancy_status.parquet",
        "downloads/parquet/v1/org-1/co2/2026/10/2026_10_05_1300_2026_10_05_1400_co2.parquet",
        # SiteWise cold tier
        "sitewise/raw/startYear=2026/startMonth=10/startDay=5/seriesBucket=3a/"
        "raw_0a1b_2c3d_1791176400_1.avro",
        "sitewise/asset_metadata/asset_id=0a1b/0a1b.json",
        "sitewise/index/startYear=2026/startMonth=10/startDay=5/seriesBucket=3a/index_0a1b.avro",
        # near misses of the direct layout
        "iot/s3/iotfleet_1/179117292003",  # 12 digits
        "iot/s3/iotfleet_1/1791172920030.json",
        "iot/s3/thing name/1791172920030",
        "iot/s3p/thingname=/1791172920030",
        "1791172920030",
    ],
)
def test_other_keys_are_not_iot_core(key):
    assert parse_key(key) is None


def test_key_builders_round_trip():
    created = datetime(2026, 10, 5, 13, 4, 5, tzinfo=UTC)
    key = firehose_key("p/firehose/", "iotfleet", 1, created, "r-1", gz=True)
    assert key == "p/firehose/2026/10/05/13/iotfleet-1-2026-10-05-13-04-05-r-1.gz"
    assert parse_key(key).compressed
    for hive in (False, True):
        parsed = parse_key(direct_key("p/s3/", "iotfleet_1", 1791172920030, hive=hive))
        assert parsed.thing_name == "iotfleet_1"
        assert parsed.window_start.timestamp() == 1791172920.030


# --- decoding ---------------------------------------------------------------------------------


def test_newline_separated_lines():
    decoded = decode_events(b'{"a":1}\n{"b": 2}\n')
    assert [(e.line_number, e.object_in_line, e.text) for e in decoded.events] == [
        (1, 0, '{"a":1}'),
        (2, 0, '{"b": 2}'),
    ]
    assert decoded.bad_lines == []


def test_concatenated_objects_on_one_line_are_all_kept():
    objects = [json.dumps({"n": n, "s": "}{"}, separators=(",", ":")) for n in range(50)]
    decoded = decode_events(("".join(objects[:25]) + " \t" + "".join(objects[25:])).encode())
    assert [e.text for e in decoded.events] == objects
    assert {e.line_number for e in decoded.events} == {1}
    assert [e.object_in_line for e in decoded.events] == list(range(50))


def test_gzipped_object_detected_by_magic():
    data = gzip.compress(b'{"a":1}\n{"b":2}\n')
    assert len(decode_events(data).events) == 2
    assert len(decode_events(data, gzipped=True).events) == 2


def test_corrupt_or_truncated_gzip_raises():
    data = gzip.compress(b'{"a":1}\n' * 100)
    with pytest.raises(DecodeError):
        decode_events(data[: len(data) // 2])
    with pytest.raises(DecodeError):
        decode_events(data[:10] + b"\x00" * 20 + data[30:])
    with pytest.raises(DecodeError):
        decode_events(b'{"a":1}', gzipped=True)


def test_truncated_line_followed_by_a_good_one():
    decoded = decode_events(b'{"a":1}{"b":\n{"c":3}\n')
    assert [(e.line_number, e.text) for e in decoded.events] == [(1, '{"a":1}'), (2, '{"c":3}')]
    [bad] = decoded.bad_lines
    assert (bad.line_number, bad.object_in_line, bad.raw_text) == (1, 1, '{"b":')
    assert "invalid JSON" in bad.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"not json at all", "invalid JSON"),
        (b"[1, 2]", "array"),
        (b"42", "number"),
        (b'"text"', "string"),
        (b'{"t": NaN}', "NaN"),
        (b"[" * 100_000, "invalid JSON"),
    ],
)
def test_lines_that_are_not_objects_are_bad(line, reason):
    decoded = decode_events(b'{"ok":1}\n' + line + b'\n{"ok":2}')
    assert [e.line_number for e in decoded.events] == [1, 3]
    [bad] = decoded.bad_lines
    assert bad.line_number == 2
    assert reason in bad.reason
    assert bad.raw_text == line.decode()[:MAX_RAW_CHARS]


def test_empty_and_blank_lines_are_ignored():
    decoded = decode_events(b'\n\n{"a":1}\r\n   \n\t\n{"b":2}\n\n')
    assert [(e.line_number, e.text) for e in decoded.events] == [(3, '{"a":1}'), (6, '{"b":2}')]
    assert decoded.bad_lines == []


def test_non_utf8_bytes():
    decoded = decode_events(b'{"a":1}\xff{"b":2}\n{"c":"\xc3\xa4"}\n\xfe\n')
    assert [(e.line_number, e.text) for e in decoded.events] == [(1, '{"a":1}'), (2, '{"c":"ä"}')]
    assert [(b.line_number, b.object_in_line, b.raw_text) for b in decoded.bad_lines] == [
        (1, 1, '\\xff{"b":2}'),
        (3, 0, "\\xfe"),
    ]
    assert all("not UTF-8" in b.reason for b in decoded.bad_lines)


def test_long_bad_line_is_cut():
    [bad] = decode_events(b"x" * (MAX_RAW_CHARS * 3)).bad_lines
    assert len(bad.raw_text) == MAX_RAW_CHARS
    assert "cut to" in bad.reason


def test_parquet_table_schema_and_order():
    table = to_parquet_table(decode_events(b'{"a":1}{"b\n\n[1]\n{"c":3}{"d":4}'))
    assert table.schema == PARQUET_SCHEMA
    assert table.schema.field("line_number").type == pa.int64()
    assert table.schema.field("object_in_line").type == pa.int32()
    assert table.to_pylist() == [
        {"line_number": 1, "object_in_line": 0, "event_json": '{"a":1}', "raw_text": None,
         "parse_error": None},
        {"line_number": 1, "object_in_line": 1, "event_json": None, "raw_text": '{"b',
         "parse_error": table["parse_error"][1].as_py()},
        {"line_number": 3, "object_in_line": 0, "event_json": None, "raw_text": "[1]",
         "parse_error": "JSON array, not an object"},
        {"line_number": 4, "object_in_line": 0, "event_json": '{"c":3}', "raw_text": None,
         "parse_error": None},
        {"line_number": 4, "object_in_line": 1, "event_json": '{"d":4}', "raw_text": None,
         "parse_error": None},
    ]  # fmt: skip
    assert table["parse_error"][1].as_py().startswith("invalid JSON")
    assert to_parquet_table(decode_events(b"")).schema == PARQUET_SCHEMA


# --- generator --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> tuple[Path, IotCoreExportSummary]:
    out = tmp_path_factory.mktemp("iot-core")
    return out, write_iot_core_export(out)


def _objects(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _reported(event: dict) -> dict:
    """The reported state an event says the vehicle is in (either shape)."""
    return event.get("current", event)["state"]["reported"]


@pytest.fixture(scope="module")
def decoded(export) -> dict[str, dict[str, list[str]]]:
    """path (firehose | s3 | s3p) -> key -> event texts; every object must parse and decode."""
    out, summary = export
    by_path: dict[str, dict[str, list[str]]] = {"firehose": {}, "s3": {}, "s3p": {}}
    for key, data in _objects(out).items():
        parsed = parse_key(key)
        assert parsed is not None, key
        result = decode_events(data)
        assert result.bad_lines == [], key
        by_path[parsed.prefix.removeprefix(summary.prefix).strip("/")][key] = [
            e.text for e in result.events
        ]
    return by_path


def _digest(out: Path) -> str:
    sha = hashlib.sha256()
    for key, data in sorted(_objects(out).items()):
        sha.update(key.encode() + b"\0" + data)
    return sha.hexdigest()


def test_generator_is_deterministic(tmp_path):
    write_iot_core_export(tmp_path / "a", seed=5, vehicles=3)
    write_iot_core_export(tmp_path / "b", seed=5, vehicles=3)
    write_iot_core_export(tmp_path / "c", seed=6, vehicles=3)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_default_export_is_small(export):
    _, summary = export
    assert 300 <= sum(summary.objects.values()) <= 2_500
    assert summary.bytes_written < 10_000_000
    assert summary.things == [f"iotfleet_{n}" for n in range(1, 9)]


def test_three_paths_hold_the_same_events(export, decoded):
    _, summary = export
    by_path = {
        path: Counter(
            (event["thingnm"], event.get("current", event)["version"])
            for texts in objects.values()
            for event in map(json.loads, texts)
        )
        for path, objects in decoded.items()
    }
    assert sum(by_path["s3"].values()) == summary.events
    assert by_path["firehose"] == by_path["s3"] == by_path["s3p"]
    assert set(by_path["s3"].values()) == {1}  # versions are unique per thing
    direct = {text for texts in decoded["s3"].values() for text in texts}
    assert {text for texts in decoded["firehose"].values() for text in texts} == direct
    for path in ("s3", "s3p"):  # one event per object, filed under its own thing and time
        for key, [text] in decoded[path].items():
            event, parsed = json.loads(text), parse_key(key)
            assert event["thingnm"] == parsed.thing_name
            assert 0 <= parsed.window_start.timestamp() - event["timestamp"] < 1


def test_firehose_batches_stay_in_their_hour(decoded):
    for key, texts in decoded["firehose"].items():
        parsed = parse_key(key)
        assert parsed.stream == "iotfleet"
        for text in texts:
            at = datetime.fromtimestamp(json.loads(text)["timestamp"], tz=UTC)
            assert parsed.window_start - timedelta(seconds=3) <= at < parsed.window_end, key


def test_no_separator_and_gzipped_batches(export, decoded):
    out, summary = export
    raw = (out / summary.no_separator_key).read_bytes()
    assert b"\n" not in raw
    events = decode_events(raw).events
    assert len(events) > 1
    assert {e.line_number for e in events} == {1}
    direct = {text for texts in decoded["s3"].values() for text in texts}
    assert {e.text for e in events} <= direct
    gz = out / summary.gzipped_key
    assert summary.gzipped_key.endswith(".gz") and parse_key(summary.gzipped_key).compressed
    assert gz.read_bytes()[:2] == b"\x1f\x8b"
    assert len(decode_events(gz.read_bytes()).events) == len(
        decoded["firehose"][summary.gzipped_key]
    )
    plain = gzip.decompress(gz.read_bytes()).decode()
    assert plain.endswith("\n") and plain.count("\n") == len(
        decoded["firehose"][summary.gzipped_key]
    )


def _timelines(decoded) -> dict[str, list[dict]]:
    events = [json.loads(t) for texts in decoded["s3"].values() for t in texts]
    lines: dict[str, list[dict]] = {}
    for event in sorted(events, key=lambda e: (e["thingnm"], e["timestamp"])):
        lines.setdefault(event["thingnm"], []).append(event)
    return lines


def _runs(events: list[dict], test) -> list[tuple[int, int]]:
    """(first, last) timestamps of the runs of consecutive events passing ``test``."""
    runs, current = [], []
    for event in [*events, None]:
        if event is not None and test(_reported(event)):
            current.append(event["timestamp"])
        elif current:
            runs.append((current[0], current[-1]))
            current = []
    return runs


def test_speeding_and_cold_chain_excursion(decoded):
    speeding, cold = [], []
    for events in _timelines(decoded).values():
        speeding += _runs(events, lambda r: "speed" in r and int(r["speed"]) > 90)
        cold += _runs(events, lambda r: r.get("temperature", 0) > 8)
    assert speeding and all(last - first <= 180 for first, last in speeding)
    assert any(last - first >= 30 for first, last in speeding)
    assert len(cold) == 1 and cold[0][1] - cold[0][0] >= 600


def test_event_shapes_and_quirks(decoded):
    timelines = _timelines(decoded)
    for thing, events in timelines.items():
        versions = [e.get("current", e)["version"] for e in events]
        assert versions == list(range(versions[0], versions[0] + len(versions))), thing
        for event in events:
            reported = _reported(event)
            assert reported["heading"] in {"N", "NE", "E", "SE", "S", "SW", "W", "NW"}
            assert isinstance(reported.get("speed", ""), str)
            assert event["thetopic"].startswith(f"$aws/things/{thing}/shadow/update/")
    flat = [e for events in timelines.values() for e in events if "current" not in e]
    assert flat and all(e["thetopic"].endswith("/update/accepted") for e in flat)
    assert all("previous" not in e and "state" in e and "metadata" in e for e in flat)
    assert timelines["iotfleet_7"][0]["previous"] is None  # a new thing's shadow is created
    assert all("latitude" in _reported(e) for e in timelines["iotfleet_3"])
    assert all("speed" not in _reported(e) for e in timelines["iotfleet_4"])
    stamps = {
        thing: events[0].get("current", events[0])["metadata"]["reported"]["heading"]["timestamp"]
        for thing, events in timelines.items()
    }
    assert stamps["iotfleet_6"] > 10**12 > stamps["iotfleet_1"]
    ignition = {_reported(e).get("ignition") for events in timelines.values() for e in events}
    assert ignition >= {"0", "1"}


def test_cli(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--vehicles" in capsys.readouterr().out
    assert main(["--out", str(tmp_path), "--vehicles", "2", "--start", "2026-11-02", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["events"] > 0 and result["objects"]["s3"] == result["events"]
    assert (tmp_path / "iot/iotfleet/firehose/2026/11/02").is_dir()
