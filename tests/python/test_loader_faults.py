"""Loader faults of issue #14: concurrent runs, interrupts, killed parents, odd keys and
SSE-KMS ETags, against moto's S3 server behind the fault-injecting proxy."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from iot_facts.loader import manifest
from iot_facts.loader.lock import landing_lock
from iot_facts.local_s3 import LocalS3

from . import test_loader as base
from .s3_proxy import FaultProxy
from .test_loader import load, new_bucket

# test_loader's fixtures, found by pytest under these names
s3, proxy, export = base.s3, base.proxy, base.export
processes, local_credentials = base.processes, base.local_credentials

RESERVED = ("_manifest", "_quarantine", ".tmp")


def _staged_on_disk(land: Path) -> set[str]:
    """Every file in the landing directory outside the loader's own directories."""
    return {
        p.relative_to(land).as_posix()
        for p in land.rglob("*")
        if p.is_file() and p.relative_to(land).parts[0] not in RESERVED
    }


def _recorded(land: Path) -> set[str]:
    return {r.local_path for r in manifest.load(land).values() if r.local_path}


# --- item 4: one loader at a time ------------------------------------------------------------


def test_a_second_loader_waits_for_the_lock_then_names_its_holder(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bucket = new_bucket(s3, export)
    with landing_lock(tmp_path):
        began = time.monotonic()
        assert load(bucket, tmp_path, proxy.endpoint_url, "--lock-timeout", "1") == 2
        assert 1 <= time.monotonic() - began < 10
    err = capsys.readouterr().err
    assert f"pid {os.getpid()}" in err and "locked" in err
    assert not manifest.manifest_path(tmp_path).exists(), "nothing written without the lock"
    with landing_lock(tmp_path, shared=True), landing_lock(tmp_path, 0, shared=True):
        pass  # readers share it


def test_two_loaders_at_once_both_succeed_and_record_everything(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    victim = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))[0]
    proxy.plan = {victim: ["stall"]}  # the first loader is mid-run when the second starts
    codes: list[int] = []
    first = threading.Thread(
        target=lambda: codes.append(load(bucket, tmp_path, proxy.endpoint_url))
    )
    first.start()
    while not proxy.object_gets():
        time.sleep(0.01)
    time.sleep(0.5)
    second = threading.Thread(
        target=lambda: codes.append(load(bucket, tmp_path, proxy.endpoint_url))
    )
    second.start()
    time.sleep(1)
    proxy.release.set()
    first.join(60)
    second.join(60)
    assert codes == [0, 0]
    assert _staged_on_disk(tmp_path) == _recorded(tmp_path)
    assert len(_recorded(tmp_path)) == len(list(export.rglob("*.parquet")))


# --- items 5 and 6: interrupted and killed runs ----------------------------------------------


def _start_loader(bucket: str, land: Path, endpoint: str, processes: int) -> subprocess.Popen[str]:
    """The loader's command in a process of its own, so it can be interrupted or killed."""
    # A shell without job control starts background commands with SIGINT ignored, and a child
    # inherits that (the loader then rightly leaves Ctrl-C alone): give it Python's default.
    command = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "from iot_facts.loader.cli import console; raise SystemExit(console())"
    )
    arguments = ["--source", f"s3://{bucket}/", "--dest", str(land), "--endpoint-url", endpoint]
    arguments += ["--workers", "4", "--processes", str(processes), "--quiet"]
    return subprocess.Popen(
        [sys.executable, "-c", command, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_staged(land: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(_staged_on_disk(land)) < count:
        assert time.monotonic() < deadline, "the loader staged nothing"
        time.sleep(0.05)


def test_an_interrupt_records_every_file_it_staged(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, processes: int
) -> None:
    bucket = new_bucket(s3, export)
    # three objects hang until released: the run is interrupted with files in flight
    keys = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))
    proxy.plan = {key: ["stall"] for key in keys[::100]}
    land = tmp_path / "landing"
    loader = _start_loader(bucket, land, proxy.endpoint_url, processes)
    _wait_for_staged(land, 20)
    time.sleep(1)  # the stalled downloads are in flight; everything else is done
    loader.send_signal(signal.SIGINT)
    time.sleep(0.5)
    proxy.release.set()  # what was in flight finishes after the interrupt
    _, err = loader.communicate(timeout=60)
    assert loader.returncode == 130, err
    assert "finished files are recorded" in err
    on_disk = _staged_on_disk(land)
    assert 20 <= len(on_disk) < len(keys)
    assert on_disk == _recorded(land)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent can reap it


def test_workers_die_with_a_killed_loader_and_the_next_run_adopts_its_files(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    keys = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))
    proxy.plan = {key: ["stall"] for key in keys[::100]}
    land = tmp_path / "landing"
    loader = _start_loader(bucket, land, proxy.endpoint_url, processes=2)
    _wait_for_staged(land, 20)
    time.sleep(1)
    children = _children(loader.pid)
    assert len(children) >= 2, "two worker processes (and the resource tracker)"
    loader.kill()
    loader.wait(10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)], "workers outlived their parent"
    proxy.release.set()
    time.sleep(1)  # a surviving worker would place the stalled files now

    # the next run re-validates and records what the killed run placed, without fetching it
    left_behind = _staged_on_disk(land)
    assert left_behind and not manifest.manifest_path(land).exists()
    (land / ".tmp" / "orphan.part").parent.mkdir(exist_ok=True)
    (land / ".tmp" / "orphan.part").write_bytes(b"left by a killed run")
    proxy.reset()
    assert load(bucket, land, proxy.endpoint_url) == 0
    fetched = {path.split("/", 2)[2] for path in proxy.object_gets()}
    assert not fetched & left_behind, "files on disk were fetched again"
    assert fetched | left_behind == set(keys)
    assert _staged_on_disk(land) == _recorded(land) == set(keys)
    assert not (land / ".tmp").exists(), "the killed run's temporary files are gone"


def test_an_adopted_file_is_staged_after_everything_already_recorded(
    s3: LocalS3, export: Path, tmp_path: Path
) -> None:
    """A killed run's file, adopted by a later run, must count as newly staged: dbt's
    incremental models read the files staged after their high-water mark, and a filtered run in
    between may already have recorded later files (its file time would fall below the mark)."""
    bucket = new_bucket(s3, export)
    keys = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))
    left, rest = keys[0], keys[1:]
    land = tmp_path / "landing"
    # the killed run placed one file (an hour ago) and recorded nothing
    (land / left).parent.mkdir(parents=True)
    (land / left).write_bytes((export / left).read_bytes())
    hour_ago = time.time() - 3600
    os.utime(land / left, (hour_ago, hour_ago))
    # a run limited to the other files records them first
    s3.client().delete_object(Bucket=bucket, Key=left)  # type: ignore[attr-defined]
    assert load(bucket, land, s3.endpoint_url) == 0
    mark = max(r.staged_at for r in manifest.load(land).values() if r.local_path in rest)
    # the next run finds the file listed again, and adopts it
    s3.client().upload_file(str(export / left), bucket, left)  # type: ignore[attr-defined]
    assert load(bucket, land, s3.endpoint_url) == 0
    adopted = manifest.load(land)[left]
    assert adopted.status == "ok" and adopted.staged_at > mark


def test_a_file_on_disk_that_does_not_validate_is_fetched_again(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    keys = sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))
    good, damaged, short = keys[:3]
    for key in keys[:3]:
        (tmp_path / key).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / good).write_bytes((export / good).read_bytes())
    body = (export / damaged).read_bytes()
    (tmp_path / damaged).write_bytes(bytes(len(body)))  # right size, not Parquet
    (tmp_path / short).write_bytes((export / short).read_bytes()[:-1])
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    fetched = {path.split("/", 2)[2] for path in proxy.object_gets()}
    assert good not in fetched and {damaged, short} <= fetched
    assert (tmp_path / damaged).read_bytes() == body
    assert manifest.load(tmp_path)[good].status in ("ok", "empty")


# --- item 7: odd keys ------------------------------------------------------------------------


def _keys(export: Path) -> list[str]:
    return sorted(p.relative_to(export).as_posix() for p in export.rglob("*.parquet"))


def test_a_key_below_another_key_is_refused_and_the_file_is_staged(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    client = s3.client()
    real = _keys(export)[0]
    junk = f"{real}/x.parquet"  # would need the real file to be a directory
    # fresh: both listed in one run, fetched in any order
    client.put_object(Bucket=bucket, Key=junk, Body=(export / real).read_bytes())  # type: ignore[attr-defined]
    fresh = tmp_path / "fresh"
    assert load(bucket, fresh, proxy.endpoint_url) == 1
    rows = manifest.load(fresh)
    assert rows[real].status == "ok" and (fresh / real).is_file()
    assert rows[junk].status == "refused" and real in rows[junk].reason
    # an earlier run staged the junk key, as a directory where the file belongs
    client.delete_object(Bucket=bucket, Key=real)  # type: ignore[attr-defined]
    land = tmp_path / "landing"
    assert load(bucket, land, proxy.endpoint_url) == 0 and (land / junk).is_file()
    client.put_object(Bucket=bucket, Key=real, Body=(export / real).read_bytes())  # type: ignore[attr-defined]
    assert load(bucket, land, proxy.endpoint_url) == 1
    rows = manifest.load(land)
    assert rows[real].status == "ok" and (land / real).read_bytes() == (export / real).read_bytes()
    assert rows[junk].status == "refused" and rows[junk].local_path is None
    assert _staged_on_disk(land) == _recorded(land)
    proxy.reset()
    assert load(bucket, land, proxy.endpoint_url) == 0  # refused once, like other bad keys
    assert proxy.object_gets() == []


def test_a_name_longer_than_the_filesystem_allows_is_refused(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX")
    long_file = f"parquet/{base.ORG}/device/2026/10/{'a' * name_max}.parquet"
    long_folder = f"parquet/{'b' * (name_max + 1)}/x.parquet"
    for key in (long_file, long_folder):
        s3.client().put_object(Bucket=bucket, Key=key, Body=b"x")  # type: ignore[attr-defined]
    assert load(bucket, tmp_path, proxy.endpoint_url) == 1
    rows = manifest.load(tmp_path)
    for key in (long_file, long_folder):
        assert rows[key].status == "refused" and str(name_max) in rows[key].reason
    assert len(_recorded(tmp_path)) == len(_keys(export))


def test_keys_deleted_upstream_are_kept_and_marked_by_unfiltered_runs(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bucket = new_bucket(s3, export)
    client = s3.client()
    keys = _keys(export)
    gone = [k for k in keys if "measurementCO2" in k][:2]
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    for key in gone:
        client.delete_object(Bucket=bucket, Key=key)  # type: ignore[attr-defined]
    # a filtered run sees only part of the bucket: it may not call anything deleted
    assert load(bucket, tmp_path, proxy.endpoint_url, "--entities", "device") == 0
    assert all(r.deleted_at is None for r in manifest.load(tmp_path).values())
    capsys.readouterr()
    assert load(bucket, tmp_path, proxy.endpoint_url, "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert sorted(summary["deleted_upstream"]) == sorted(gone)
    rows = manifest.load(tmp_path)
    marked = {k for k, r in rows.items() if r.deleted_at is not None}
    assert marked == set(gone) and all((tmp_path / k).is_file() for k in gone)  # history kept
    first_noticed = rows[gone[0]].deleted_at
    # the human report names the keys; a later run keeps the first time it was noticed
    client.delete_object(Bucket=bucket, Key=keys[-1])  # type: ignore[attr-defined]
    main_args = ["--source", f"s3://{bucket}/", "--dest", str(tmp_path)]
    assert base.main([*main_args, "--endpoint-url", proxy.endpoint_url]) == 0
    err = capsys.readouterr().err
    assert "deleted upstream" in err and keys[-1] in err
    assert manifest.load(tmp_path)[gone[0]].deleted_at == first_noticed
    # a key that comes back is no longer marked
    client.put_object(Bucket=bucket, Key=gone[0], Body=(export / gone[0]).read_bytes())  # type: ignore[attr-defined]
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    rows = manifest.load(tmp_path)
    assert rows[gone[0]].deleted_at is None and rows[gone[1]].deleted_at == first_noticed


def test_a_manifest_without_deleted_at_reads_as_nothing_deleted(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3, export)
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    path = manifest.manifest_path(tmp_path)
    pq.write_table(pq.read_table(path).drop_columns(["deleted_at"]), path)  # an older loader's
    assert all(r.deleted_at is None for r in manifest.load(tmp_path).values())
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    assert pq.read_schema(path).remove_metadata() == manifest.SCHEMA


# --- item 14: ETags of encrypted objects are not MD5s ----------------------------------------


@pytest.mark.parametrize(
    "encryption",
    [
        {
            "x-amz-server-side-encryption": "aws:kms",
            "x-amz-server-side-encryption-aws-kms-key-id": "k",
        },
        {"x-amz-server-side-encryption-customer-algorithm": "AES256"},
    ],
    ids=["sse-kms", "sse-c"],
)
def test_objects_encrypted_with_kms_or_customer_keys_load(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, encryption: dict[str, str]
) -> None:
    bucket = new_bucket(s3, export)
    keys = _keys(export)
    proxy.encrypted = {key: encryption for key in keys[:3]}
    # a body damaged in flight is still caught: by S3's additional checksum (CRC32 here)
    proxy.plan = {keys[1]: ["garble"]}
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    assert not any(proxy.plan.values())
    rows = manifest.load(tmp_path)
    for key in keys[:3]:
        assert (tmp_path / key).read_bytes() == (export / key).read_bytes()
        assert rows[key].etag != hashlib.md5((export / key).read_bytes()).hexdigest()


# --- item 11: unknown folders are named -------------------------------------------------------


def test_unknown_folders_are_named_in_the_report(
    s3: LocalS3, proxy: FaultProxy, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bucket = new_bucket(s3, export)
    body = (export / _keys(export)[0]).read_bytes()
    folders = [f"gadget{i:02d}" for i in range(12)]
    for name in folders:
        key = f"parquet/{base.ORG}/{name}/2026/10/2026_10_05_00_{name}.parquet"
        s3.client().put_object(Bucket=bucket, Key=key, Body=body)  # type: ignore[attr-defined]
    capsys.readouterr()
    assert load(bucket, tmp_path, proxy.endpoint_url) == 0
    err = capsys.readouterr().err
    assert "12 unknown folders" in err and "and 2 more" in err
    assert all(name in err for name in folders[:10])
