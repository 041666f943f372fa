"""Which export layout an object key belongs to: Haltian (legacy and v1 exporters) or the AWS
IoT SiteWise cold tier. Each key is taken by the first layout that recognizes it, in that order;
``--format`` restricts the run to one layout."""

from __future__ import annotations

from dataclasses import replace

from iot_facts.haltian.paths import ExportKey, parse_key
from iot_facts.sitewise.paths import SiteWiseKey, parse_sitewise_key

FORMATS = ("auto", "haltian", "sitewise")
Parsed = ExportKey | SiteWiseKey


def classify(key: str, fmt: str = "auto") -> Parsed | None:
    """What the key says, by the layouts ``fmt`` allows; None if it is in none of them. A
    SiteWise key that ``fmt`` excludes comes back unknown (staged as it is, not converted)."""
    if fmt != "sitewise" and (haltian := parse_key(key)) is not None:
        return haltian
    sitewise = parse_sitewise_key(key)
    if sitewise is not None and fmt == "haltian" and sitewise.known:
        return replace(sitewise, known=False, problem="SiteWise cold-tier key: --format haltian")
    return sitewise


def format_of(parsed: Parsed | None) -> str | None:
    """The manifest's ``format``: the layout that took the key, null for none."""
    if isinstance(parsed, ExportKey):
        return "haltian"
    if isinstance(parsed, SiteWiseKey) and parsed.known:
        return "sitewise"
    return None


def staged_key(key: str, parsed: Parsed | None) -> str:
    """The landing path (relative) of the object's staged file: SiteWise files are converted to
    Parquet next to where the original would go (``.avro.parquet``, ``.ndjson.parquet``)."""
    return parsed.staged_key if isinstance(parsed, SiteWiseKey) else key
