"""A real S3 HTTP endpoint on 127.0.0.1 (moto's server mode) for the demo, tests and benchmarks.

Nothing is mocked inside boto3: clients talk HTTP to the server exactly as they would to AWS.
The server accepts any credentials; the demo passes obviously fake ones to its subprocesses.
"""

from __future__ import annotations

import logging
import socket
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
