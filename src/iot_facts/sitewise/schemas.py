"""Avro schemas of the cold tier (as the generator writes them) and the fixed Parquet schemas
the loader stages every SiteWise file as (one per folder, whatever the source file's schema)."""

from __future__ import annotations

import pyarrow as pa

_NAMESPACE = "com.amazonaws.iotsitewise.coldtier"


def _nullable(name: str, kind: str) -> dict[str, object]:
    return {"name": name, "type": ["null", kind], "default": None}


_SERIES_HEAD = [
    {"name": "seriesId", "type": "string"},
    {"name": "timeInSeconds", "type": "long"},
    {"name": "offsetInNanos", "type": "long"},
    {"name": "quality", "type": "string"},
]
RAW_AVRO: dict[str, object] = {
    "type": "record",
    "name": "RawData",
    "namespace": _NAMESPACE,
    "fields": [
        *_SERIES_HEAD,
        _nullable("doubleValue", "double"),
        _nullable("stringValue", "string"),
        _nullable("integerValue", "int"),
        _nullable("booleanValue", "boolean"),
        _nullable("jsonValue", "string"),
        _nullable("recordVersion", "long"),
    ],
}
# The AWS page types max as boolean and sum as string, but its example shows doubles, as
# SiteWise writes them; the generator writes doubles and the loader accepts either.
AGG_AVRO: dict[str, object] = {
    "type": "record",
    "name": "AggregatedData",
    "namespace": _NAMESPACE,
    "fields": [
        *_SERIES_HEAD,
        {"name": "resolution", "type": "string"},
        *(_nullable(name, "double") for name in ("count", "average", "min", "max", "sum")),
        _nullable("recordVersion", "long"),
    ],
}

_SERIES_PARQUET = [
    ("seriesId", pa.string()),
    ("timeInSeconds", pa.int64()),
    ("offsetInNanos", pa.int64()),
    ("quality", pa.string()),
]
RAW_PARQUET = pa.schema(
    [
        *_SERIES_PARQUET,
        ("doubleValue", pa.float64()),
        ("stringValue", pa.string()),
        ("integerValue", pa.int64()),
        ("booleanValue", pa.bool_()),
        ("jsonValue", pa.string()),
        ("recordVersion", pa.int64()),
    ]
)
AGG_STATISTICS = ("count", "average", "min", "max", "sum")
AGG_PARQUET = pa.schema(
    [
        *_SERIES_PARQUET,
        ("resolution", pa.string()),
        *((name, pa.float64()) for name in AGG_STATISTICS),
        ("recordVersion", pa.int64()),
    ]
)
ASSET_DATES = ("assetCreationDate", "assetLastUpdateDate")  # epoch seconds
ASSET_FIELDS = (
    "assetId",
    "assetName",
    "assetModelId",
    "assetModelName",
    "assetPropertyId",
    "assetPropertyName",
    "assetPropertyDataType",
    "assetPropertyUnit",
    "assetPropertyAlias",
    "timeSeriesId",
    "timeSeriesBucket",
    "assetArn",
    "assetCompositeModelDescription",
    "assetCompositeModelName",
    "assetCompositeModelType",
    "assetCreationDate",
    "assetLastUpdateDate",
    "assetStatusErrorCode",
    "assetStatusErrorMessage",
    "assetStatusState",
)
ASSETS_PARQUET = pa.schema(
    [(name, pa.int64() if name in ASSET_DATES else pa.string()) for name in ASSET_FIELDS]
)
HIERARCHY_FIELDS = ("sourceAssetId", "targetAssetId", "hierarchyId", "associationType")
HIERARCHY_PARQUET = pa.schema([(name, pa.string()) for name in HIERARCHY_FIELDS])

PARQUET = {
    "raw": RAW_PARQUET,
    "agg": AGG_PARQUET,
    "asset_metadata": ASSETS_PARQUET,
    "asset_hierarchy_metadata": HIERARCHY_PARQUET,
}
