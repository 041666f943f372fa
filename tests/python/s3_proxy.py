"""A small HTTP proxy on 127.0.0.1 in front of the moto S3 server that injects faults.

It forwards every request unchanged and records (method, path, query). A fault plan maps a key
substring to a list of faults consumed one per matching object GET:
  "slowdown"  -> 503 SlowDown            "error"  -> 500 InternalError
  "drop"      -> the full Content-Length header, half the body, then the connection closes
  "forbidden" -> 403 InvalidAccessKeyId (for any request, e.g. to fake rejected credentials)
  "stall"     -> no answer until ``release`` is set (or a minute passes), then forwarded
  "garble"    -> the whole body, with its middle byte flipped (a transfer corrupted in flight)
  "garble-unsummed" -> the same, without the x-amz-checksum-* headers (objects stored without
                 a checksum: only the ETag's MD5 can tell)

``encrypted`` maps a key to response headers of a server-side encryption (e.g.
``{"x-amz-server-side-encryption": "aws:kms"}``): that object then looks encrypted, with an
ETag that is not its body's MD5 (as SSE-KMS and SSE-C ETags are), in listings and GETs alike;
requests for it reach moto without the If-Match on that fake ETag.
"""

from __future__ import annotations

import hashlib
import html
import http.client
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ERRORS = {
    "slowdown": (503, "SlowDown", "Please reduce your request rate."),
    "error": (500, "InternalError", "We encountered an internal error. Please try again."),
    "forbidden": (403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist."),
}


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.requests: list[tuple[str, str, str]] = []
        self.plan: dict[str, list[str]] = {}
        self.encrypted: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                return

            def _fault(self) -> str | None:
                parts = urlsplit(self.path)
                with proxy.lock:
                    proxy.requests.append((self.command, parts.path, parts.query))
                    for needle, faults in proxy.plan.items():
                        is_object_get = self.command == "GET" and "list-type" not in parts.query
                        if (
                            needle in parts.path
                            and faults
                            and (is_object_get or faults[0] == "forbidden")
                        ):
                            return faults.pop(0)
                return None

            def _forward(self) -> None:
                fault = self._fault()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if fault == "stall":
                    proxy.release.wait(60)
                if fault in ERRORS:
                    status, code, message = ERRORS[fault]
                    payload = (
                        f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code>"
                        f"<Message>{message}</Message></Error>"
                    ).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                upstream = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                encrypted = self._encrypted()
                if encrypted is not None:
                    headers = {k: v for k, v in headers.items() if k.lower() != "if-match"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                if "list-type" in urlsplit(self.path).query:
                    data = self._encrypted_listing(data)
                if fault in ("garble", "garble-unsummed") and data:
                    middle = len(data) // 2
                    data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() in ("transfer-encoding", "connection", "content-length"):
                        continue
                    if encrypted is not None and key.lower() == "etag":
                        value = f'"{_not_md5(urlsplit(self.path).path)}"'
                    if fault == "garble-unsummed" and key.lower().startswith("x-amz-checksum-"):
                        continue
                    self.send_header(key, value)
                for key, value in (encrypted or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                if fault == "drop":
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                upstream.close()

            def _encrypted(self) -> dict[str, str] | None:
                path = urlsplit(self.path).path
                with proxy.lock:
                    return next((h for k, h in proxy.encrypted.items() if path.endswith(k)), None)

            def _encrypted_listing(self, data: bytes) -> bytes:
                with proxy.lock:
                    keys = list(proxy.encrypted)

                def etag(match: re.Match[bytes]) -> bytes:
                    item = match.group(0)
                    key = re.search(rb"<Key>(.*?)</Key>", item)
                    name = html.unescape(key.group(1).decode()) if key else ""
                    if name not in keys:
                        return item
                    fake = f"<ETag>&quot;{_not_md5('/' + name)}&quot;</ETag>".encode()
                    return re.sub(rb"<ETag>.*?</ETag>", fake, item)

                return re.sub(rb"<Contents>.*?</Contents>", etag, data, flags=re.DOTALL)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _forward

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                return  # clients hang up on purpose in the drop tests

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.endpoint_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def object_gets(self) -> list[str]:
        return [p for m, p, q in self.requests if m == "GET" and "list-type" not in q]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.plan.clear()
        self.release.clear()


def _not_md5(path: str) -> str:
    """A stable 32-hex-digit ETag for an object that is not its body's MD5."""
    return hashlib.md5(path.rsplit("/", 1)[-1].encode(), usedforsecurity=False).hexdigest()


@contextmanager
def fault_proxy(upstream: str) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream)
    thread = threading.Thread(target=proxy.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.release.set()
        proxy.server.shutdown()
        proxy.server.server_close()
