"""Parse and build the object keys an AWS IoT Core rule writes to S3, directly or via Firehose.

Firehose: ``{prefix}YYYY/MM/DD/HH/{stream}-{version}-YYYY-MM-DD-HH-MM-SS-{random}[.gz]``; the
fixed part is Firehose's own naming convention, in UTC, and the window is the hour folder.
Direct S3 action, one event per object: ``{prefix}{thingName}/{epochMillis}`` or the Hive style
``{prefix}thingname={thingName}/{epochMillis}``, where the millis are the rule's ``${timestamp()}``;
the window is that instant.

The patterns are anchored at the end and demand the exact digit counts, so Haltian keys (which end
in ``.parquet``) and SiteWise keys (``startYear=`` partitions, ``.avro``/``.json`` files) never
match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

DeliveryPath = Literal["firehose", "direct"]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Firehose stream names are [a-zA-Z0-9_.-]{1,64}. The stream is matched lazily so that a hyphen
# inside the name, or a random part that is a UUID (Firehose's), cannot shift the timestamp.
_FIREHOSE = re.compile(
    r"(?P<prefix>(?:.*/)?)(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<h>\d{2})/"
    r"(?P<stream>[A-Za-z0-9_.-]{1,64}?)-(?P<version>\d+)-"
    r"(?P<ny>\d{4})-(?P<nm>\d{2})-(?P<nd>\d{2})-(?P<nh>\d{2})-(?P<nmin>\d{2})-(?P<ns>\d{2})-"
    r"(?P<random>[A-Za-z0-9-]+?)(?P<gz>\.gz)?"
)
# AWS thing names are [a-zA-Z0-9:_-]{1,128}; 13 digits of epoch millis cover 2001-2286.
_DIRECT = re.compile(
    r"(?P<prefix>(?:.*/)?)(?P<hive>thingname=)?(?P<thing>[A-Za-z0-9_:-]{1,128})/(?P<millis>\d{13})"
)


@dataclass(frozen=True)
class IotCoreKey:
    """What an object key says about the IoT Core export file behind it."""

    key: str
    delivery_path: DeliveryPath
    prefix: str  # the key up to the layout part, e.g. "iot/iotfleet/firehose/" or ".../s3p/"
    stream: str | None  # Firehose delivery stream name; None for direct objects
    thing_name: str | None  # from the key of a direct object; None for Firehose batches
    window_start: datetime  # UTC
    window_end: datetime  # Firehose: hour folder + 1 h (exclusive); direct: == window_start
    compressed: bool  # the key ends in .gz (only Firehose compresses)

    # What the loader records for every layout (iot_facts.loader.layouts): the delivery path is
    # the manifest's entity; both paths are one dataset, so one watermark covers them.
    known = True
    problem = None
    kind = "measurement"
    dataset = "iot_core"

    @property
    def folder(self) -> str:
        return self.delivery_path

    @property
    def staged_key(self) -> str:
        """Where the decoded events are staged: Parquet next to the object's own key."""
        return f"{self.key}.jsonl.parquet"


def parse_key(key: str) -> IotCoreKey | None:
    """Parse a key; None if it is neither a Firehose batch nor a direct-action event object."""
    match = _FIREHOSE.fullmatch(key)
    if match:
        return _firehose(key, match)
    match = _DIRECT.fullmatch(key)
    if match:
        instant = EPOCH + timedelta(milliseconds=int(match["millis"]))  # exact; no float
        return IotCoreKey(
            key=key,
            delivery_path="direct",
            prefix=match["prefix"],
            stream=None,
            thing_name=match["thing"],
            window_start=instant,
            window_end=instant,
            compressed=False,
        )
    return None


def _firehose(key: str, match: re.Match[str]) -> IotCoreKey | None:
    try:
        hour = datetime(
            int(match["y"]), int(match["m"]), int(match["d"]), int(match["h"]), tzinfo=UTC
        )
        named = datetime(
            int(match["ny"]),
            int(match["nm"]),
            int(match["nd"]),
            int(match["nh"]),
            int(match["nmin"]),
            int(match["ns"]),
            tzinfo=UTC,
        )
    except ValueError:  # an impossible date or hour: not a file Firehose writes
        return None
    # Firehose derives both from the same instant; disagreement means the key is not Firehose's.
    if named.replace(minute=0, second=0) != hour:
        return None
    return IotCoreKey(
        key=key,
        delivery_path="firehose",
        prefix=match["prefix"],
        stream=match["stream"],
        thing_name=None,
        window_start=hour,
        window_end=hour + timedelta(hours=1),
        compressed=match["gz"] is not None,
    )


def firehose_key(
    prefix: str, stream: str, version: int, created: datetime, random: str, *, gz: bool = False
) -> str:
    """The key Firehose gives a batch whose first record arrived at ``created`` (UTC)."""
    created = created.astimezone(UTC)
    return (
        f"{prefix}{created:%Y/%m/%d/%H}/{stream}-{version}-{created:%Y-%m-%d-%H-%M-%S}-{random}"
        + (".gz" if gz else "")
    )


def direct_key(prefix: str, thing_name: str, millis: int, *, hive: bool = False) -> str:
    """The key of a direct S3 action with ``${topic(3)}/${timestamp()}`` (or ``thingname=``)."""
    return f"{prefix}{'thingname=' if hive else ''}{thing_name}/{millis:013d}"
