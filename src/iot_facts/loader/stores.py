"""Where export objects come from: an S3 bucket (boto3) or a local directory laid out the same."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import boto3
import botocore.exceptions as bce
from botocore.config import Config
from botocore.credentials import RefreshableCredentials
from botocore.session import get_session

from iot_facts.loader.speedups import FAST_CONTENTS, fast_listing

_PLAIN_MD5 = re.compile(r"[0-9a-f]{32}")
LIST_SPLIT_DEPTH = 3  # folder levels below the prefix discovered before listing in parallel
LARGE_OBJECT = 16 * 1024 * 1024  # above this, parallel ranged GETs are faster than one GET
PART = 8 * 1024 * 1024  # bytes per ranged GET (s3transfer's and aws s3 sync's default)
CHUNK = 1024 * 1024  # bytes read from a response body at a time
_STREAM_ERRORS = (  # a body that broke or arrived damaged: fetched again
    bce.IncompleteReadError,
    bce.FlexibleChecksumError,  # botocore's check of the server's x-amz-checksum-* header
    bce.ResponseStreamingError,
    bce.ReadTimeoutError,
    bce.ConnectionClosedError,
    bce.EndpointConnectionError,
    ConnectionError,
)


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    etag: str
    last_modified: datetime


class TransferError(RuntimeError):
    """A download that could not be completed intact after retries."""


class Store(Protocol):
    description: str

    def list(self) -> Iterator[ObjectInfo]: ...

    def fetch(self, info: ObjectInfo, target: Path) -> None:
        """Write the object's full body to ``target`` or raise."""
        ...


class LocalStore:
    """A directory laid out like the bucket (for tests, benchmarks and pre-synced copies)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.description = str(self.root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"source directory {self.root} does not exist")

    def list(self) -> Iterator[ObjectInfo]:
        for dirpath, _dirnames, filenames in os.walk(self.root):
            for name in filenames:
                path = Path(dirpath) / name
                stat = path.stat()
                yield ObjectInfo(
                    key=path.relative_to(self.root).as_posix(),
                    size=stat.st_size,
                    etag=f"{stat.st_size:x}-{stat.st_mtime_ns:x}",  # cheap change detector
                    last_modified=datetime.fromtimestamp(stat.st_mtime, UTC),
                )

    def fetch(self, info: ObjectInfo, target: Path) -> None:
        shutil.copyfile(self.root / info.key, target)


@dataclass(frozen=True)
class S3Access:
    """How to reach AWS: the standard credential chain, optionally a profile (SSO included) and
    an assumed role. A recipe, not credentials, so worker processes build their own sessions
    and nothing secret is ever pickled."""

    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    region: str | None = None

    def session(self) -> boto3.session.Session:
        base = boto3.session.Session(profile_name=self.profile, region_name=self.region)
        if not self.role_arn:
            return base
        sts = base.client("sts")

        def refresh() -> dict[str, str]:
            params = {"RoleArn": self.role_arn, "RoleSessionName": "iot-facts-loader"}
            if self.external_id:
                params["ExternalId"] = self.external_id
            creds = sts.assume_role(**params)["Credentials"]
            return {
                "access_key": creds["AccessKeyId"],
                "secret_key": creds["SecretAccessKey"],
                "token": creds["SessionToken"],
                "expiry_time": creds["Expiration"].isoformat(),
            }

        botocore_session = get_session()
        botocore_session._credentials = RefreshableCredentials.create_from_metadata(  # noqa: SLF001
            metadata=refresh(), refresh_using=refresh, method="sts-assume-role"
        )
        return boto3.session.Session(
            botocore_session=botocore_session, region_name=self.region or base.region_name
        )


class S3Store:
    """An S3 bucket and prefix, read with one thread-safe boto3 client. Pickles as its
    constructor arguments: a worker process unpickling it connects anew."""

    def __init__(
        self,
        access: S3Access,
        bucket: str,
        prefix: str,
        endpoint_url: str | None,
        workers: int,
        attempts: int = 8,
        large_object: int | None = None,
        part_size: int | None = None,
    ) -> None:
        self.large_object = large_object or LARGE_OBJECT
        self.part_size = part_size or PART
        self._arguments = (
            access, bucket, prefix, endpoint_url, workers, attempts, self.large_object,
            self.part_size,
        )  # fmt: skip
        self.bucket = bucket
        self.prefix = prefix
        self.description = f"s3://{bucket}/{prefix}"
        self.attempts = attempts
        self.list_workers = max(1, workers)
        config = Config(
            retries={"mode": "adaptive", "max_attempts": attempts},
            max_pool_connections=max(10, workers * 2),
            connect_timeout=10,
            read_timeout=60,
        )
        self.client = access.session().client("s3", endpoint_url=endpoint_url, config=config)
        fast_listing(self.client)  # C XML parser for listings (speedups.py)
        # threads created on demand; ranged GETs of large objects, never waited on by each other
        self._parts = ThreadPoolExecutor(max_workers=max(2, workers), thread_name_prefix="part")

    def __reduce__(self) -> tuple[type[S3Store], tuple[Any, ...]]:
        return S3Store, self._arguments

    def check_access(self) -> None:
        """Fail fast (credentials, bucket, endpoint) before anything is written. A one-key
        listing rather than HEAD: HEAD responses carry no error code, listing is what the
        loader needs permission for anyway."""
        self.client.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix, MaxKeys=1)

    def list(self) -> Iterator[ObjectInfo]:
        """Every object under the prefix, in key order. One listing is a sequence of 1,000-key
        pages, one round trip each; years of hourly files are hundreds of pages. So the folders
        down to LIST_SPLIT_DEPTH levels below the prefix (``parquet/{org}/{folder}/`` or
        ``parquet/v1/{org}/``) are found with delimiter listings, and listed in parallel. Objects
        found on the way down are included, so the result equals one flat listing."""
        found: list[ObjectInfo] = []
        with ThreadPoolExecutor(max_workers=self.list_workers) as pool:
            level = [self.prefix]
            for _ in range(LIST_SPLIT_DEPTH):
                below: list[str] = []
                for objects, folders in pool.map(self._list_level, level):
                    found += objects
                    below += folders
                level = below
                if not level:
                    break
            for objects in pool.map(self._list_all, level):
                found += objects
        found.sort(key=lambda info: info.key)
        yield from found

    def _list_level(self, prefix: str) -> tuple[list[ObjectInfo], list[str]]:
        """The objects directly under ``prefix`` and its sub-folders (delimiter ``/``)."""
        objects: list[ObjectInfo] = []
        folders: list[str] = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/"):
            objects += _objects(page)
            folders += [common["Prefix"] for common in page.get("CommonPrefixes", [])]
        return objects, folders

    def _list_all(self, prefix: str) -> list[ObjectInfo]:
        paginator = self.client.get_paginator("list_objects_v2")
        return [
            info
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix)
            for info in _objects(page)
        ]

    def fetch(self, info: ObjectInfo, target: Path) -> None:
        try:
            with target.open("wb") as handle:
                if info.size > self.large_object:
                    self._get_in_parts(info, handle.fileno())
                else:
                    self._retried(info, partial(self._get_whole, info, handle.fileno()))
        except bce.ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("PreconditionFailed", "412"):
                raise
            raise TransferError(
                f"{info.key}: changed since it was listed; fetched next run"
            ) from error

    def _retried(self, info: ObjectInfo, get: Callable[[], None]) -> None:
        """Run ``get`` again when the body breaks mid-stream: botocore retries failed requests
        (throttling, 5xx, connection errors), not bodies cut after the headers arrived."""
        for attempt in range(1, self.attempts + 1):
            try:
                get()
                return
            except _STREAM_ERRORS as error:
                if attempt == self.attempts:
                    raise TransferError(f"{info.key}: {error}") from error
                time.sleep(min(2.0, 0.05 * 2**attempt))

    def _get_whole(self, info: ObjectInfo, fd: int) -> None:
        os.ftruncate(fd, 0)  # nothing of an earlier, broken attempt stays
        # ChecksumMode: botocore checks the body against S3's additional checksum, if stored
        response = self.client.get_object(
            Bucket=self.bucket, Key=info.key, IfMatch=info.etag, ChecksumMode="ENABLED"
        )
        digest = hashlib.md5(usedforsecurity=False) if _etag_is_md5(info, response) else None
        _receive(response, fd, 0, info.size, digest)
        if digest is not None and digest.hexdigest() != info.etag:
            # A single-part upload's ETag is the body's MD5: a mismatch is a corrupted transfer.
            raise ConnectionError(f"MD5 of the received body does not match ETag {info.etag}")

    def _get_in_parts(self, info: ObjectInfo, fd: int) -> None:
        """Parallel ranged GETs written in place. Each carries IfMatch, so every byte comes
        from the listed version without a HEAD (a changed object fails with 412 and is fetched
        next run). The pool is shared by all files: a few large files keep it full."""
        os.ftruncate(fd, info.size)
        starts = range(0, info.size, self.part_size)
        parts = [(start, min(start + self.part_size, info.size)) for start in starts]
        futures = [
            self._parts.submit(self._retried, info, partial(self._get_part, info, fd, *part))
            for part in parts
        ]
        try:
            for future in futures:
                future.result()
        finally:
            for future in futures:  # on a failure: drop the parts not yet started
                future.cancel()
            wait(futures)  # none may write to fd once it is closed

    def _get_part(self, info: ObjectInfo, fd: int, start: int, end: int) -> None:
        response = self.client.get_object(
            Bucket=self.bucket, Key=info.key, IfMatch=info.etag, Range=f"bytes={start}-{end - 1}"
        )
        _receive(response, fd, start, end)


_SSE_WITHOUT_MD5_ETAG = ("aws:kms", "aws:kms:dsse")


def _etag_is_md5(info: ObjectInfo, response: dict[str, Any]) -> bool:
    """Whether the ETag is the body's MD5: for single-part uploads, unless the object is
    encrypted with SSE-KMS or SSE-C, whose ETags are not (only the size, and S3's additional
    checksum where one is stored, can tell a damaged body then). SSE-S3 keeps MD5 ETags."""
    if not _PLAIN_MD5.fullmatch(info.etag):
        return False  # a multipart upload: the MD5 of the parts' MD5s
    if response.get("SSECustomerAlgorithm"):
        return False
    return response.get("ServerSideEncryption") not in _SSE_WITHOUT_MD5_ETAG


def _receive(
    response: dict[str, Any], fd: int, start: int, end: int, digest: Any | None = None
) -> None:
    """Write a GET's body to ``fd`` from ``start`` on; it must end exactly at ``end``."""
    offset = start
    for chunk in response["Body"].iter_chunks(CHUNK):
        if digest is not None:
            digest.update(chunk)
        view = memoryview(chunk)
        while view:  # pwrite may write less than it was given
            written = os.pwrite(fd, view, offset)
            offset += written
            view = view[written:]
    if offset != end:
        raise bce.IncompleteReadError(actual_bytes=offset - start, expected_bytes=end - start)


def _objects(page: dict[str, Any]) -> list[ObjectInfo]:
    contents = page[FAST_CONTENTS] if FAST_CONTENTS in page else page.get("Contents", [])
    return [
        ObjectInfo(
            key=item["Key"],
            size=int(item["Size"]),
            etag=item["ETag"].strip('"'),
            last_modified=item["LastModified"].astimezone(UTC),
        )
        for item in contents
    ]


def parse_s3_url(url: str) -> tuple[str, str]:
    """Split ``s3://bucket/prefix`` into bucket and prefix."""
    rest = url.removeprefix("s3://")
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise ValueError(f"not an s3:// URL with a bucket: {url!r}")
    return bucket, prefix
