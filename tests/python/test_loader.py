"""The loader against a real S3 HTTP endpoint (moto's server on 127.0.0.1), with faults."""

from __future__ import annotations

import decimal
import hashlib
import itertools
import json
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.haltian.paths import parse_key
from iot_facts.loader import manifest
from iot_facts.loader.cli import main
from iot_facts.loader.safety import UnsafeKeyError, local_path
from iot_facts.local_s3 import LOCAL_CREDENTIALS, LocalS3

from .s3_proxy import FaultProxy, fault_proxy

_bucket_numbers = itertools.count()
ORG = "0a0a0a0a-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("loader-export")
    write_export(
        ExportSpec(
            out=out,
            seed=5,
            days=1,
            devices=10,
            legacy_days=(0, 1),
            v1_days=(0, 1),
            measurement_types=("occupancy_status", "co2"),
        )
    )
    return out


@pytest.fixture(scope="module")
def s3() -> Iterator[LocalS3]:
    with LocalS3() as server:
        yield server


@pytest.fixture
def proxy(s3: LocalS3) -> Iterator[FaultProxy]:
    with fault_proxy(s3.endpoint_url) as running:
        yield running


@pytest.fixture(autouse=True)
def local_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in LOCAL_CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(key, raising=False)


def new_bucket(s3: LocalS3, export: Path | None = None) -> str:
    name = f"exports-{next(_bucket_numbers)}"
    if export is None:
        s3.client().create_bucket(Bucket=name)  # type: ignore[attr-defined]
    else:
        s3.upload_tree(export, name)
    return name


@pytest.fixture(params=[1, 2], ids=["threads", "processes"])
def processes(request: pytest.FixtureRequest) -> int:
    """Staging in this process's threads, or in worker processes (each with its own client)."""
    return request.param


def load(bucket: str, dest: Path, endpoint: str, *extra: str, processes: int = 1) -> int:
    quiet = [] if "--json" in extra else ["--quiet"]
    return main(
        [
            "--source",
            f"s3://{bucket}/",
            "--dest",
            str(dest),
            "--endpoint-url",
            endpoint,
            "--workers",
            "4",
            "--processes",
            str(processes),
            *quiet,
            *extra,
        ]
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_full_then_incremental_sync(
    s3: LocalS3,
    proxy: FaultProxy,
    export: Path,
    tmp_path: Path,
    processes: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bucket = new_bucket(s3, export)
    sources = sorted(p for p in export.rglob("*.parquet"))
    assert load(bucket, tmp_path, proxy.endpoint_url, "--json", processes=processes) == 0
    assert json.loads(capsys.readouterr().out)["processes"] == processes
    for source in sources:
        staged = tmp_path / source.relative_to(export)
        assert sha(staged) == sha(source)
    rows = manifest.load(tmp_path)
    assert len(rows) == len(sources)
    assert {r.family for r in rows.values()} == {"legacy", "v1"}
    assert any(r.status == "empty" for r in rows.values()), "zero-row files are recorded"
    assert len(proxy.object_gets()) == len(sources)

    proxy.reset()
    assert load(bucket, tmp_path, proxy.endpoint_url, processes=processes) == 0
    assert proxy.object_gets() == [], "a re-run with nothing new makes no GET requests"
    again = manifest.load(tmp_path)
    # only last_listed_at moves, for every row, to the same later time
    assert len({r.last_listed_at for r in again.values()}) == 1
    assert all(again[k].last_listed_at > rows[k].last_listed_at for k in rows)
    assert {k: replace(r, last_listed_at=None) for k, r in again.items()} == {
        k: replace(r, last_listed_at=None) for k, r in rows.items()
    }

    # a new object and a changed object are fetched, nothing else
    client = s3.client()
    changed = sources[0].relative_to(export).as_posix()
    replacement = next(p for p in sources if sha(p) != sha(sources[0]))
    client.put_object(Bucket=bucket, Key=changed, Body=replacement.read_bytes())  # type: ignore[attr-defined]
    added = changed.replace(".parquet", "").rsplit("_", 1)[0] + "_extra.parquet"
    client.put_object(Bucket=bucket, Key=added, Body=sources[2].read_bytes())  # type: ignore[attr-defined]
    proxy.reset()
    assert load(bucket, tmp_path, proxy.endpoint_url, "--json", processes=processes) in (0, 1)
    assert sorted(p.split("/", 2)[2] for p in proxy.object_gets()) == sorted([changed, added])
    assert sha(tmp_path / changed) == sha(replacement)


def test_throttling_5xx_dropped_and_garbled_bodies_are_retried(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, processes: int
) -> None:
    bucket = new_bucket(s3, export)
    victims = [p.relative_to(export).as_posix() for p in sorted(export.rglob("*.parquet"))[:6]]
    proxy.plan = {
        victims[0]: ["slowdown", "slowdown", "error"],
        victims[1]: ["drop", "drop"],
        victims[2]: ["error", "drop", "slowdown"],
        victims[3]: ["drop"],
        # full length, wrong bytes: botocore's check of the server's CRC tells, and where
        # the object has no checksum stored, the loader's MD5 of the body against the ETag
        victims[4]: ["garble", "garble"],
        victims[5]: ["garble-unsummed", "garble-unsummed"],
    }
    assert load(bucket, tmp_path, proxy.endpoint_url, processes=processes) == 0
    for source in export.rglob("*.parquet"):
        assert sha(tmp_path / source.relative_to(export)) == sha(source)
    assert not any(proxy.plan.values()), "every planned fault was actually injected"
    assert not list(tmp_path.rglob("*.part"))


def _large_table(rows: int = 100_000) -> pa.Table:
    rng = np.random.default_rng(3)
    return pa.table(
        {
            "deviceId": pa.array(rng.integers(0, 50, rows).astype(str)),
            "ts": pa.array(1_760_000_000_000 + np.arange(rows), pa.timestamp("ms", tz="UTC")),
            "organizationId": pa.array([ORG] * rows),
            "co2": pa.array(rng.normal(600, 50, rows), pa.float32()),
        }
    )


def test_large_objects_come_in_ranged_parts_and_survive_faults(
    s3: LocalS3, proxy: FaultProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    # lower the thresholds so a ~1 MB file comes in ranged GETs of 256 KiB
    monkeypatch.setattr("iot_facts.loader.stores.LARGE_OBJECT", 512 * 1024)
    monkeypatch.setattr("iot_facts.loader.stores.PART", 256 * 1024)
    bucket = new_bucket(s3)
    keys = [
        f"parquet/{ORG}/measurementCO2/2026/10/2026_10_05_0{hour}_measurementCO2.parquet"
        for hour in (0, 1)  # two files: with two processes, one each
    ]
    body = _parquet_bytes(_large_table(), tmp_path, "large.parquet")
    parts = -(-len(body) // (256 * 1024))
    assert len(body) > 512 * 1024 and parts >= 3
    for key in keys:
        _put(s3, bucket, key, body)
    proxy.plan = {key: ["drop", "error"] for key in keys}
    land = tmp_path / "landing"
    assert load(bucket, land, proxy.endpoint_url, processes=processes) == 0
    for key in keys:
        assert (land / key).read_bytes() == body
        gets = [p for p in proxy.object_gets() if p.endswith(key)]
        assert len(gets) == parts + 2, "one GET per part, and the dropped and failed one again"
        assert manifest.load(land)[key].row_count == 100_000
    assert not [r for r in proxy.requests if r[0] == "HEAD"], "IfMatch on every part, no HEAD"


def test_a_large_object_changed_while_downloading_is_not_staged(
    s3: LocalS3, proxy: FaultProxy, tmp_path: Path
) -> None:
    from iot_facts.loader.stores import S3Access, S3Store, TransferError

    bucket = new_bucket(s3)
    key = f"parquet/{ORG}/measurementCO2/2026/10/2026_10_05_00_measurementCO2.parquet"
    body = _parquet_bytes(_large_table(), tmp_path, "large.parquet")
    _put(s3, bucket, key, body)
    store = S3Store(
        S3Access(), bucket, "", proxy.endpoint_url, workers=2, large_object=1, part_size=2**18
    )
    (info,) = list(store.list())
    proxy.plan = {key: ["stall"]}  # the first part waits while the object is replaced
    with ThreadPoolExecutor(1) as pool:
        fetch = pool.submit(store.fetch, info, tmp_path / "part")
        while not proxy.object_gets():
            time.sleep(0.01)
        _put(s3, bucket, key, body[::-1])
        proxy.release.set()
        with pytest.raises(TransferError, match="changed since it was listed"):
            fetch.result(timeout=60)


def test_persistent_failure_leaves_nothing_partial_and_resumes(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, processes: int
) -> None:
    bucket = new_bucket(s3, export)
    victim = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))[5]
    proxy.plan = {victim: ["drop"] * 100}
    assert load(bucket, tmp_path, proxy.endpoint_url, processes=processes) == 3
    assert not (tmp_path / victim).exists()
    assert not list(tmp_path.rglob("*.part")) and not (tmp_path / ".tmp").exists()
    assert victim not in manifest.load(tmp_path)
    proxy.plan = {}
    assert load(bucket, tmp_path, proxy.endpoint_url, processes=processes) == 0
    assert sha(tmp_path / victim) == sha(export / victim)


def test_an_interrupted_process_run_stops_its_workers(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    """Closing the outcome stream early (what an interrupt does) terminates the worker
    processes, even mid-download, rather than letting them stage files no manifest records."""
    from iot_facts.loader.processes import stage_in_processes
    from iot_facts.loader.stores import S3Access, S3Store
    from iot_facts.loader.sync import TMP, Stager

    bucket = new_bucket(s3, export)
    store = S3Store(S3Access(), bucket, "", proxy.endpoint_url, workers=2)
    (tmp_path / TMP).mkdir()
    todo = [(info, parse_key(info.key), local_path(tmp_path, info.key)) for info in store.list()]
    proxy.plan = {"measurementCO2": ["stall"] * len(todo)}  # these GETs hang until released
    outcomes = stage_in_processes(Stager(store, tmp_path, datetime.now(UTC)), todo, 2, 2)
    _, row, problem = next(outcomes)
    assert problem is None and row is not None and (tmp_path / row.local_path).exists()
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    outcomes.close()
    for worker in workers:
        worker.join(timeout=10)
        # the pool's own thread may have reaped it first: then is_alive() cannot tell
        assert not worker.is_alive() or _process_gone(worker.pid)
    staged = [p for p in tmp_path.rglob("*.parquet") if TMP not in p.parts]
    assert not any("measurementCO2" in p.name for p in staged)


def test_process_count_is_one_per_cpu_for_large_runs_unless_chosen() -> None:
    from iot_facts.loader.processes import AUTO_MIN_FILES, process_count

    cpus = min(len(os.sched_getaffinity(0)), 8)
    assert process_count(None, AUTO_MIN_FILES - 1) == 1  # start-up would cost more than it saves
    assert process_count(None, AUTO_MIN_FILES) == cpus
    assert process_count(1, 100_000) == 1
    assert process_count(4, 2) == 2  # never more processes than files
    assert process_count(3, 0) == 1


def _process_gone(pid: int | None) -> bool:
    try:
        os.kill(pid or 0, 0)
    except ProcessLookupError:
        return True
    return False


def _put(s3: LocalS3, bucket: str, key: str, body: bytes) -> None:
    s3.client().put_object(Bucket=bucket, Key=key, Body=body)  # type: ignore[attr-defined]


def _parquet_bytes(table: pa.Table, tmp_path: Path, name: str) -> bytes:
    path = tmp_path / name
    pq.write_table(table, path)
    return path.read_bytes()


def test_corrupt_unknown_empty_and_unsafe_objects(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, processes: int
) -> None:
    bucket = new_bucket(s3, export)
    good = sorted(export.rglob("*measurementCO2.parquet"))[-1]
    corrupt = f"parquet/{ORG}/measurementCO2/2026/10/2026_10_05_07_measurementCO2.parquet"
    _put(s3, bucket, corrupt, good.read_bytes()[: good.stat().st_size // 2])
    unknown = f"parquet/{ORG}/asset/2026/10/2026_10_05_00_asset.parquet"
    _put(s3, bucket, unknown, good.read_bytes())
    unsafe = ["parquet/../../evil.parquet", "/abs/evil.parquet", "parquet/o/x/a b.parquet"]
    for key in unsafe:
        _put(s3, bucket, key, b"x")
    land = tmp_path / "landing"
    assert load(bucket, land, proxy.endpoint_url, processes=processes) == 1
    rows = manifest.load(land)
    assert rows[corrupt].status == "quarantined" and "unreadable" in rows[corrupt].reason
    assert not (land / corrupt).exists()
    assert (land / "_quarantine" / f"{corrupt}.quarantined").exists()
    assert rows[unknown].status == "unknown_entity" and (land / unknown).exists()
    for key in unsafe:
        assert rows[key].status == "refused" and rows[key].local_path is None
    assert not (tmp_path / "evil.parquet").exists() and not Path("/abs/evil.parquet").exists()
    # the quarantined object is not fetched again until it changes
    proxy.reset()
    assert load(bucket, land, proxy.endpoint_url, processes=processes) == 0
    assert proxy.object_gets() == []


def _damaged_index_page(rows: int) -> bytes:
    """A file whose footer is intact but whose deviceId index page points past its dictionary."""
    rng = np.random.default_rng(rows)
    table = pa.table(
        {
            "deviceId": rng.integers(0, 2000, rows).astype(str),
            "measuredAt": pa.array(
                1_760_000_000_000 + np.arange(rows), pa.timestamp("ms", tz="UTC")
            ),
            "co2": rng.normal(600, 80, rows),
        }
    )
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="none")
    data = bytearray(sink.getvalue().to_pybytes())
    column = pq.ParquetFile(pa.BufferReader(bytes(data))).metadata.row_group(0).column(0)
    at = column.data_page_offset + 200  # past the page header, inside the 11-bit indices
    data[at : at + 64] = b"\xff" * 64  # index 2047 and up: 2,000 values in the dictionary
    return bytes(data)


@pytest.mark.parametrize("rows", [1_000, 200_000], ids=["strings-copied", "read-as-dictionary"])
def test_a_damaged_page_behind_an_intact_footer_is_quarantined(
    s3: LocalS3, proxy: FaultProxy, tmp_path: Path, rows: int
) -> None:
    # large files decode their string columns as dictionaries, which does not bounds-check the
    # indices by itself: the full validation after the read must
    bucket = new_bucket(s3)
    key = f"parquet/{ORG}/measurementCO2/2026/10/2026_10_05_07_measurementCO2.parquet"
    _put(s3, bucket, key, _damaged_index_page(rows))
    land = tmp_path / "landing"
    assert load(bucket, land, proxy.endpoint_url) == 1
    row = manifest.load(land)[key]
    assert row.status == "quarantined" and "dictionary" in row.reason.lower()
    assert not (land / key).exists()


def test_wide_decimals_are_normalized_because_duckdb_misreads_them(
    s3: LocalS3, proxy: FaultProxy, tmp_path: Path
) -> None:
    bucket = new_bucket(s3)
    table = pa.table(
        {
            "deviceId": ["d1", "d2"],
            "measuredAt": pa.array(
                [1_760_000_000_000_000, 1_760_000_001_000_000], pa.timestamp("us", tz="UTC")
            ),
            "co2": pa.array(
                [decimal.Decimal("401.1"), decimal.Decimal("-2.25")], pa.decimal256(60, 20)
            ),
        }
    )
    key = (
        f"parquet/v1/{ORG}/measurementCO2/2025/10/"
        "2025_10_09_0800_2025_10_09_0900_measurementCO2.parquet"
    )
    _put(s3, bucket, key, _parquet_bytes(table, tmp_path, "wide.parquet"))
    land = tmp_path / "landing"
    assert load(bucket, land, proxy.endpoint_url) == 0
    values = duckdb.sql(f"select co2 from '{land / key}' order by deviceId").fetchall()
    assert values == [(401.1,), (-2.25,)]
    assert "normalized" in manifest.load(land)[key].reason


def test_selection_dry_run_and_verify(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bucket = new_bucket(s3, export)
    assert load(bucket, tmp_path, proxy.endpoint_url, "--dry-run") == 0
    assert not tmp_path.exists() or not any(tmp_path.iterdir()), "a dry run writes nothing"
    capsys.readouterr()
    assert (
        load(
            bucket,
            tmp_path,
            proxy.endpoint_url,
            "--entities",
            "co2,device",
            "--since",
            "2026-10-05T06:00",
            "--until",
            "2026-10-05T08:00",
            "--json",
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    rows = manifest.load(tmp_path)
    assert rows and summary["fetched"] == len(rows)
    assert {r.entity for r in rows.values()} == {"measurementCO2", "device"}
    assert {r.window_start.hour for r in rows.values()} == {6, 7}
    # --verify finds a damaged staged file and fetches it again
    damaged = next(tmp_path / r.local_path for r in rows.values() if r.status == "ok")
    damaged.write_bytes(b"garbage")
    assert (
        load(
            bucket,
            tmp_path,
            proxy.endpoint_url,
            "--entities",
            "co2,device",
            "--since",
            "2026-10-05T06:00",
            "--until",
            "2026-10-05T08:00",
            "--verify",
        )
        == 0
    )
    pq.read_table(damaged)


def test_credential_bucket_endpoint_and_prefix_errors_are_one_line(
    s3: LocalS3,
    proxy: FaultProxy,
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bucket = new_bucket(s3, export)
    land = tmp_path / "landing"

    def expect_error(*args: str, endpoint: str = proxy.endpoint_url, text: str) -> None:
        capsys.readouterr()
        assert load(*args[:1], land, endpoint, *args[1:]) == 2
        err = capsys.readouterr().err.strip()
        assert text in err and "Traceback" not in err and len(err.splitlines()) == 1, err
        assert not land.exists(), "nothing is written on a usage error"

    expect_error("no-such-bucket", text="bucket does not exist")
    proxy.plan = {f"/{bucket}": ["forbidden"]}
    expect_error(bucket, text="InvalidAccessKeyId")
    expect_error(bucket, endpoint="http://127.0.0.1:9", text="cannot reach the S3 endpoint")
    capsys.readouterr()
    assert (
        main(
            [
                "--source",
                f"s3://{bucket}/nothing-here/",
                "--dest",
                str(land),
                "--endpoint-url",
                proxy.endpoint_url,
            ]
        )
        == 2
    )
    # the message names every layout it looked for
    error = capsys.readouterr().err
    assert "no Haltian, SiteWise or IoT Core export files" in error and not land.exists()
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    expect_error(bucket, text="no AWS credentials found")


def test_endpoint_from_environment_and_secrets_never_logged(
    s3: LocalS3,
    export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bucket = new_bucket(s3, export)
    secret = "sEcReT-value-that-must-not-leak"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3.endpoint_url)
    assert main(["--source", f"s3://{bucket}/", "--dest", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr()
    assert secret not in out.out + out.err
    assert secret.encode() not in manifest.manifest_path(tmp_path).read_bytes()


def test_role_arn_assumes_the_role(
    s3: LocalS3, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = new_bucket(s3, export)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3.endpoint_url)  # moto serves STS on the same port
    assert (
        main(
            [
                "--source",
                f"s3://{bucket}/",
                "--dest",
                str(tmp_path),
                "--quiet",
                "--role-arn",
                "arn:aws:iam::123456789012:role/haltian-export-reader",
                "--region",
                "eu-west-1",
                "--processes",  # each worker process assumes the role itself
                "2",
            ]
        )
        == 0
    )
    assert manifest.load(tmp_path)


def test_local_paths_never_leave_the_landing_directory(tmp_path: Path) -> None:
    assert (
        local_path(tmp_path, "parquet/o/device/2026/10/f.parquet")
        == (tmp_path / "parquet/o/device/2026/10/f.parquet").resolve()
    )
    for key in [
        "../x",
        "a/../../x",
        "/etc/passwd",
        "a//b",
        "a/./b",
        "a\\b",
        "_manifest/x",
        "_quarantine/x",
        "a/b c",
        "a/\x00b",
        "a/ü",
    ]:
        with pytest.raises(UnsafeKeyError):
            local_path(tmp_path, key)
    (tmp_path / "link").symlink_to("/tmp")
    with pytest.raises(UnsafeKeyError):
        local_path(tmp_path, "link/escape.parquet")


def test_keys_parse_to_utc_windows_and_impossible_dates_are_not_exports() -> None:
    legacy = parse_key(
        "downloads/parquet/o/measurementCO2/2026/02/2026_02_28_23_measurementCO2.parquet"
    )
    assert legacy is not None and legacy.family == "legacy"
    assert legacy.window_start == datetime(2026, 2, 28, 23, tzinfo=UTC)
    assert legacy.window_end == datetime(2026, 3, 1, 0, tzinfo=UTC)
    v1 = parse_key("parquet/v1/o/spaces/2026/10/2026_10_05_0815_2026_10_05_0930_spaces.parquet")
    assert v1 is not None and v1.family == "v1"
    assert (v1.window_start, v1.window_end) == (
        datetime(2026, 10, 5, 8, 15, tzinfo=UTC),
        datetime(2026, 10, 5, 9, 30, tzinfo=UTC),
    )
    for impossible in [
        "parquet/o/device/2026/02/2026_02_30_00_device.parquet",
        "parquet/o/device/2026/10/2026_10_01_24_device.parquet",
        "parquet/v1/o/spaces/2026/10/2026_10_05_0860_2026_10_05_0930_spaces.parquet",
    ]:
        assert parse_key(impossible) is None, impossible


def _write_manifest(dest: Path, rows: dict[str, manifest.ManifestRow]) -> Path:
    """Through the loader's own writer: a run that fetched every one of ``rows``."""
    book = manifest.Manifest(dest)
    for row in rows.values():
        book.put(row)
    return book.save(datetime.now(UTC))


def test_manifest_round_trip_keeps_every_field(tmp_path: Path) -> None:
    when = datetime(2026, 10, 5, 8, 15, 1, 123456, tzinfo=UTC)
    before_1970 = datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    cases = [("b/x.parquet", "ok"), ("a/y.parquet", "refused"), ("ä/ö ü.parquet", "empty")]
    cases += [(f"k/{i:02d}.parquet", "ok" if i % 3 else "quarantined") for i in range(13)]
    rows = {
        key: manifest.ManifestRow(
            key=key,
            local_path=None if status in ("refused", "quarantined") else key,
            size=10 + index,
            etag='"abc"',
            last_modified=before_1970 if index % 2 else when,
            staged_at=None if status == "refused" else when,
            last_listed_at=when,
            family="v1",
            entity="spaces" if index % 4 else "",
            dataset="spaces",
            kind="metadata",
            organization_id="o",
            window_start=when,
            window_end=None if index % 5 else when,
            row_count=None if status == "refused" else 2**40 + index,
            schema_fingerprint="f",
            status=status,
            reason=None if status == "ok" else "why: ✓",
            local_size=None if index % 3 else 0,
        )
        for index, (key, status) in enumerate(cases)
    }
    path = _write_manifest(tmp_path, rows)
    assert manifest.load(tmp_path) == rows
    assert pq.read_schema(path).remove_metadata() == manifest.SCHEMA
    # dbt reads it with DuckDB: same values, nulls where the rows have None
    read = duckdb.sql(
        f"select key, reason, window_end, local_size from '{path}' order by key"
    ).fetchall()
    assert read == [
        (r.key, r.reason, r.window_end, r.local_size)
        for r in sorted(rows.values(), key=lambda r: r.key)
    ]


def test_manifest_run_changes_keep_untouched_rows_as_stored(tmp_path: Path) -> None:
    """A run rewrites the stored rows it did not fetch as they were (only the listed ones get a
    new last_listed_at), replaces fetched ones, drops those verify rejected, keeps key order."""
    then = datetime(2026, 10, 5, 8, 0, tzinfo=UTC)
    now = datetime(2026, 10, 5, 9, 0, 0, 1, tzinfo=UTC)

    def row(key: str, etag: str = "e", when: datetime = then) -> manifest.ManifestRow:
        return manifest.ManifestRow(
            key, key, 1, etag, when, when, when, "v1", "spaces", "spaces", "metadata", "o",
            when, None, 1, "f", "ok", None, 1,
        )  # fmt: skip

    stored = {k: row(k) for k in ["a", "b", "c", "d", "e"]}
    _write_manifest(tmp_path, stored)
    book = manifest.Manifest(tmp_path)
    assert book.brief("b") == manifest.Brief("e", 1, "ok", "b") and book.brief("z") is None
    book.listed("a")
    book.listed("c")
    book.put(row("c", etag="new", when=now))  # listed, then fetched because it changed
    book.drop("d")  # verify rejected it and the fetch failed
    book.put(row("bb", when=now))  # new
    book.listed("zz")  # not in the manifest: nothing to do
    assert book.brief("c") == manifest.Brief("new", 1, "ok", "c") and book.brief("d") is None
    book.save(now)
    assert list(manifest.load(tmp_path).items()) == [
        ("a", replace(stored["a"], last_listed_at=now)),
        ("b", stored["b"]),
        ("bb", row("bb", when=now)),
        ("c", row("c", etag="new", when=now)),
        ("e", stored["e"]),
    ]
    manifest.Manifest(tmp_path).save(now)  # nothing listed, nothing changed: same file content
    assert list(manifest.load(tmp_path)) == ["a", "b", "bb", "c", "e"]
    empty = manifest.Manifest(tmp_path / "fresh")
    empty.put(row("x"))
    empty.save(now)
    assert manifest.load(tmp_path / "fresh") == {"x": row("x")}


def test_help_documents_every_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for flag in [
        "--source",
        "--dest",
        "--endpoint-url",
        "--profile",
        "--role-arn",
        "--region",
        "--since",
        "--until",
        "--entities",
        "--workers",
        "--processes",
        "--dry-run",
        "--verify",
        "--quiet",
        "--json",
        "exit codes",
        "examples",
    ]:
        assert flag in text


def test_listing_matches_botocore_on_odd_keys_depths_and_many_pages(s3: LocalS3) -> None:
    """Our listing (XML fast path, folders listed in parallel) yields exactly what one flat
    botocore listing does, under any prefix."""
    from iot_facts.loader.stores import LIST_SPLIT_DEPTH, S3Access, S3Store

    bucket = new_bucket(s3)
    odd = ["a b+c.parquet", "ä/ö ü.parquet", "x&y<z>.parquet", "%41%2F.parquet", "t\tab.parquet"]
    # objects at every depth around the split depth, a folder marker, a double slash
    depths = ["parquet/", "parquet/top.parquet", "parquet/o/readme", "a//b/c", "a/b/c/d/e/f"]
    keys = odd + depths
    keys += [f"parquet/{ORG}/device/2026/10/2026_10_05_{i:04d}_device.parquet" for i in range(1100)]
    keys += [f"parquet/v1/{ORG}/{folder}/2026/10/f.parquet" for folder in ("spaces", "zones")]
    assert any(key.count("/") > LIST_SPLIT_DEPTH for key in keys)
    plain = s3.client()

    def put(key: str) -> None:
        plain.put_object(Bucket=bucket, Key=key, Body=key.encode())  # type: ignore[attr-defined]

    with ThreadPoolExecutor(max_workers=8) as pool:  # moto takes ~30 ms a PUT
        list(pool.map(put, keys))
    listed: dict[str, int] = {}
    for prefix in ["", "parquet/", "parquet", "parquet/v1/", "a/", "nothing-here/"]:
        store = S3Store(S3Access(), bucket, prefix, s3.endpoint_url, workers=4)
        ours = list(store.list())
        expected = []
        for page in plain.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):  # type: ignore[attr-defined]
            expected += [
                (item["Key"], item["Size"], item["ETag"].strip('"'), item["LastModified"])
                for item in page.get("Contents", [])
            ]
        assert [(o.key, o.size, o.etag, o.last_modified) for o in ours] == expected, prefix
        assert {o.key for o in ours} == {k for k in keys if k.startswith(prefix)}, prefix
        listed[prefix] = len(ours)
    # the device folder alone spans two 1,000-key pages; the unmatched prefix lists nothing
    assert listed[""] == len(keys) > 1000 and listed["parquet/"] > 1000
    assert listed["nothing-here/"] == 0
