"""Parse and build AWS IoT SiteWise cold-tier object keys.

``{prefix}/raw/startYear=Y/startMonth=M/startDay=D/seriesBucket=xx/raw_{seriesId}_{start}_{quality}
.avro``, the same under ``agg/`` with ``agg_``, ``{prefix}/asset_metadata/asset_{assetId}.ndjson``
and ``{prefix}/asset_hierarchy_metadata/{parentAssetId}_{hierarchyId}.ndjson``. The key prefix is
whatever precedes the folder (empty, or several segments).

File names are parsed from the right: a time series id is a single UUID (metrics, aliased
properties) or ``{assetId}_{propertyId}``, so it may contain the delimiter itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# The cold tier exports measurements and metrics once every six hours (AWS documentation); the
# file name carries only the window start, so its end is taken as start + 6 h.
WINDOW = timedelta(hours=6)
QUALITIES = ("GOOD", "BAD", "UNCERTAIN")
DATASETS = {
    "raw": "sitewise_raw",
    "agg": "sitewise_agg",
    "asset_metadata": "sitewise_assets",
    "asset_hierarchy_metadata": "sitewise_asset_hierarchy",
}
KINDS = {"raw": "measurement", "agg": "measurement"}  # the others: metadata

# the folder, with what precedes it (the prefix) and what follows (the rest of the key); greedy,
# so a prefix that itself has a segment named raw or agg is taken whole
_FOLDER = re.compile(r"^(?:(.*)/)?(raw|agg|asset_metadata|asset_hierarchy_metadata)/(.+)$")
_SERIES_DIRS = re.compile(
    r"startYear=(?P<y>\d+)/startMonth=(?P<m>\d+)/startDay=(?P<d>\d+)/seriesBucket=(?P<b>[^/]*)/"
    r"(?P<name>[^/]+)$"
)
_BUCKET = re.compile(r"[0-9a-f]{2}")
_ID = re.compile(r"[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)?")  # one id, or assetId_propertyId


@dataclass(frozen=True)
class SiteWiseKey:
    """What a SiteWise cold-tier key says about the file behind it."""

    key: str
    prefix: str  # the keyPrefix of the storage configuration ('' if none)
    folder: str  # raw | agg | asset_metadata | asset_hierarchy_metadata
    known: bool  # the key follows the layout; if not, ``problem`` says why
    series_id: str | None = None  # raw and agg
    quality: str | None = None  # raw and agg: GOOD | BAD | UNCERTAIN
    window_start: datetime | None = None  # raw and agg: the file name's start epoch, UTC
    series_bucket: str | None = None
    problem: str | None = None

    @property
    def dataset(self) -> str | None:
        return DATASETS[self.folder] if self.known else None

    @property
    def kind(self) -> str:
        return KINDS.get(self.folder, "metadata") if self.known else "unknown"

    @property
    def window_end(self) -> datetime | None:
        return self.window_start + WINDOW if self.window_start else None

    @property
    def staged_key(self) -> str:
        """Where the converted Parquet file goes (relative to the landing directory)."""
        return f"{self.key}.parquet" if self.known else self.key


def parse_sitewise_key(key: str) -> SiteWiseKey | None:
    """None if the key has no SiteWise folder with a file of its extension below it; a key
    with ``known=False`` and the reason if it does but breaks the layout (bad quality, date
    folders that disagree with the epoch, ...)."""
    match = _FOLDER.match(key)
    if not match:
        return None
    prefix, folder, rest = match[1] or "", match[2], match[3]
    if folder in ("raw", "agg"):
        if not rest.endswith(".avro"):
            return None
        return _series(key, prefix, folder, rest)
    if not rest.endswith(".ndjson"):
        return None
    problem = None
    stem = rest.removesuffix(".ndjson")
    if "/" in stem:
        problem = f"{folder} files lie directly in the folder"
    elif folder == "asset_metadata" and not (
        stem.startswith("asset_") and _ID.fullmatch(stem[6:]) and "_" not in stem[6:]
    ):
        problem = "asset metadata file name is not asset_{assetId}.ndjson"
    elif folder == "asset_hierarchy_metadata" and not (
        stem.count("_") == 1 and _ID.fullmatch(stem)
    ):
        problem = "asset hierarchy file name is not {parentAssetId}_{hierarchyId}.ndjson"
    return SiteWiseKey(key, prefix, folder, known=problem is None, problem=problem)


def _series(key: str, prefix: str, folder: str, rest: str) -> SiteWiseKey:
    def unknown(problem: str) -> SiteWiseKey:
        return SiteWiseKey(key, prefix, folder, known=False, problem=problem)

    dirs = _SERIES_DIRS.fullmatch(rest)
    if not dirs:
        return unknown(
            f"{folder} files lie under startYear=/startMonth=/startDay=/seriesBucket= folders"
        )
    name = dirs["name"].removesuffix(".avro")
    if not name.startswith(f"{folder}_"):
        return unknown(f"file name does not start with {folder}_")
    # from the right: quality, then start epoch; what remains is the series id
    series_id, _, tail = name[len(folder) + 1 :].rpartition("_")
    series_id, _, epoch = series_id.rpartition("_")
    quality = tail
    if quality not in QUALITIES:
        return unknown(f"quality {quality!r} in the file name is not one of {', '.join(QUALITIES)}")
    if not epoch.isdigit():
        return unknown(f"start epoch {epoch!r} in the file name is not a number")
    if not _ID.fullmatch(series_id):
        return unknown(f"time series id {series_id!r} is not an id or assetId_propertyId")
    bucket = dirs["b"]
    if not _BUCKET.fullmatch(bucket):
        return unknown(f"seriesBucket={bucket} is not two lowercase hexadecimal digits")
    try:
        start = datetime.fromtimestamp(int(epoch), UTC)
    except (OverflowError, ValueError, OSError):
        return unknown(f"start epoch {epoch} is out of range")
    named = (int(dirs["y"]), int(dirs["m"]), int(dirs["d"]))
    if named != (start.year, start.month, start.day):
        return unknown(
            f"startYear/startMonth/startDay folders {named[0]}/{named[1]}/{named[2]} disagree "
            f"with the start epoch {epoch} ({start:%Y-%m-%d} UTC)"
        )
    if any(part.startswith("0") for part in (dirs["m"], dirs["d"])):
        return unknown("startMonth/startDay folders are zero-padded (SiteWise writes 1, not 01)")
    return SiteWiseKey(
        key,
        prefix,
        folder,
        known=True,
        series_id=series_id,
        quality=quality,
        window_start=start,
        series_bucket=bucket,
    )


def series_key(
    prefix: str, folder: str, series_id: str, bucket: str, start: int, quality: str
) -> str:
    """The key of a raw or agg file (``start``: the window start, epoch seconds)."""
    day = datetime.fromtimestamp(start, UTC)
    lead = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    return (
        f"{lead}{folder}/startYear={day.year}/startMonth={day.month}/startDay={day.day}/"
        f"seriesBucket={bucket}/{folder}_{series_id}_{start}_{quality}.avro"
    )


def asset_metadata_key(prefix: str, asset_id: str) -> str:
    lead = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    return f"{lead}asset_metadata/asset_{asset_id}.ndjson"


def asset_hierarchy_key(prefix: str, parent_asset_id: str, hierarchy_id: str) -> str:
    lead = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    return f"{lead}asset_hierarchy_metadata/{parent_asset_id}_{hierarchy_id}.ndjson"
