"""Which export layout an object key belongs to: Haltian (legacy and v1 exporters), the AWS
IoT SiteWise cold tier, or AWS IoT Core events written to S3 directly or through Kinesis
Firehose. Each key is taken by the first layout that recognizes it, in that order; ``--format``
restricts the run to one layout."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from iot_facts.haltian.catalog import folder
from iot_facts.haltian.paths import ExportKey, parse_key
from iot_facts.iot_core import convert as iot_core_convert
from iot_facts.iot_core.paths import IotCoreKey
from iot_facts.iot_core.paths import parse_key as parse_iot_core_key
from iot_facts.loader.validate import Validation
from iot_facts.sitewise import convert as sitewise_convert
from iot_facts.sitewise.paths import SiteWiseKey, parse_sitewise_key

FORMATS = ("auto", "haltian", "sitewise", "iot_core")
Parsed = ExportKey | SiteWiseKey | IotCoreKey
Converted = SiteWiseKey | IotCoreKey  # staged as a Parquet conversion, not as delivered


def classify(key: str, fmt: str = "auto") -> Parsed | None:
    """What the key says, by the layouts ``fmt`` allows; None if it is in none of them. A
    SiteWise key that ``fmt`` excludes comes back unknown (staged as it is, not converted)."""
    if fmt in ("auto", "haltian") and (haltian := parse_key(key)) is not None:
        return haltian
    sitewise = parse_sitewise_key(key)
    if sitewise is not None and fmt not in ("auto", "sitewise") and sitewise.known:
        return replace(sitewise, known=False, problem=f"SiteWise cold-tier key: --format {fmt}")
    if sitewise is not None:
        return sitewise
    if fmt in ("auto", "iot_core"):
        return parse_iot_core_key(key)
    return None


def format_of(parsed: Parsed | None) -> str | None:
    """The manifest's ``format``: the layout that took the key, null for none."""
    if isinstance(parsed, ExportKey):
        return "haltian"
    if isinstance(parsed, SiteWiseKey) and parsed.known:
        return "sitewise"
    if isinstance(parsed, IotCoreKey):
        return "iot_core"
    return None


def dataset_of(parsed: Parsed) -> str | None:
    """The dataset the key's folder holds (``co2``, ``sitewise_raw``), None if unknown."""
    if not isinstance(parsed, ExportKey):
        return parsed.dataset
    known = folder(parsed.family, parsed.folder)
    return known.dataset if known else None


def staged_key(key: str, parsed: Parsed | None) -> str:
    """The landing path (relative) of the object's staged file: SiteWise and IoT Core objects are
    converted to Parquet next to where the original would go (``.avro.parquet``,
    ``.ndjson.parquet``, ``.jsonl.parquet``)."""
    return parsed.staged_key if isinstance(parsed, Converted) else key


def convert(source: Path, parsed: Converted, out: Path) -> Validation:
    """Decode a SiteWise or IoT Core object completely and write its Parquet conversion."""
    if isinstance(parsed, SiteWiseKey):
        return sitewise_convert.convert(source, parsed, out)
    return iot_core_convert.convert(source, parsed, out)
