"""The loader's speed tricks, in one place: each changes how fast, never what, the loader does.

``fast_listing(client)``: ListObjectsV2 pages parsed by the C XML parser.
    botocore parses response XML shape by shape in pure Python, about half a millisecond per
    listed object: 5 of the 12 s of a no-change re-run of ~10,000 files on moto (profiled,
    bench/README.md, "Listing"). A ``before-parse`` handler (a documented botocore event) reads
    the ``<Contents>`` elements with ``xml.etree`` instead, hands them over as ``FAST_CONTENTS``
    and strips them from the body, so botocore still parses and checks everything else (errors,
    truncation, continuation token) as before. No same-server before/after time of the whole
    run was recorded; afterwards a no-change re-run on SeaweedFS took 2.74 s against 4.27 s
    for ``aws s3 sync``. test_loader checks it yields exactly botocore's own listing (odd keys,
    many pages). ``S3Store`` installs it on every client it builds (per client: a botocore
    event handler belongs to a client's session), so tests, benchmarks and worker processes
    list the same way as the command.

``freeze_imports()``: ``gc.freeze()`` once the command's imports are done.
    What is imported by then (botocore's service models, pyarrow, numpy) lives until exit; a
    full collection walks it all (~0.1 s on the benchmark machine), during a run and twice more
    at exit. Freezing takes it out of the collector's walks: a no-change run of 10,080 files on
    SeaweedFS went from 1.41-1.68 s to 1.13-1.29 s (three alternating pairs), ~0.15 s of it at
    exit (bench/README.md, "Start-up and exit"; commit d0d8855). Only the command's entry point
    calls it: ``main`` stays free of it for in-process callers and tests. Tried in the worker
    processes too: no difference in a full small-file sync (bench/README.md, "Tried and left
    out").
"""

from __future__ import annotations

import gc
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

from botocore.compat import unquote_str

FAST_CONTENTS = "FastContents"  # the page key that replaces botocore's "Contents"
_CONTENTS = re.compile(rb"<Contents>.*?</Contents>", re.DOTALL)


def fast_listing(client: Any) -> None:
    """Make ``client``'s ListObjectsV2 pages carry ``FAST_CONTENTS`` instead of ``Contents``."""
    client.meta.events.register("before-parse.s3.ListObjectsV2", _parse_contents)


def freeze_imports() -> None:
    """Exempt everything allocated so far from garbage collection (call after the imports)."""
    gc.freeze()


def _parse_contents(
    response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any
) -> None:
    body = response_dict.get("body")
    if response_dict.get("status_code") != 200 or not isinstance(body, bytes):
        return  # errors and anything unexpected take botocore's own path
    root = ET.fromstring(body)  # noqa: S314 - a response from the configured S3 endpoint
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    # botocore asks for url-encoded keys (EncodingType=url) when the caller did not choose
    decode = unquote_str if root.findtext(f"{ns}EncodingType") == "url" else str
    customized_response_dict[FAST_CONTENTS] = [
        {
            "Key": decode(item.findtext(f"{ns}Key") or ""),
            "Size": int(item.findtext(f"{ns}Size") or 0),
            "ETag": item.findtext(f"{ns}ETag") or "",
            "LastModified": datetime.fromisoformat(item.findtext(f"{ns}LastModified") or ""),
        }
        for item in root.iterfind(f"{ns}Contents")
    ]
    response_dict["body"] = _CONTENTS.sub(b"", body)
