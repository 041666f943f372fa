"""The sample export matches the documented layout and schemas of both Haltian exporters."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.haltian.catalog import Family, folder
from iot_facts.haltian.paths import parse_key

LEGACY_KEY = re.compile(
    r"^parquet/[0-9a-f-]{36}/(?P<folder>[A-Za-z0-9]+)/\d{4}/\d{2}/"
    r"\d{4}_\d{2}_\d{2}_\d{2}_(?P=folder)\.parquet$"
)
V1_KEY = re.compile(
    r"^parquet/v1/[0-9a-f-]{36}/(?P<folder>[A-Za-z0-9]+)/\d{4}/\d{2}/"
    r"\d{4}_\d{2}_\d{2}_\d{4}_\d{4}_\d{2}_\d{2}_\d{4}_(?P=folder)\.parquet$"
)
# Documented in the reference (sections 1.1 and 1.2), independent of the catalog seeds.
LEGACY_FOLDERS = {
    "organization",
    "device",
    "deviceGroup",
    "deviceGroupDevices",
    "deviceKeyword",
    "space",
    "zone",
    "measurementAmbientTemperature",
    "measurementBatteryPercentage",
    "measurementBatteryVoltage",
    "measurementBootCount",
    "measurementCO2",
    "measurementDirectionalMovement",
    "measurementDistance",
    "measurementOccupancySeconds",
    "measurementOccupancyStatus",
    "measurementOccupantsCount",
    "measurementPosition",
    "measurementPositionZone",
    "measurementTVOC",
}
V1_ENTITY_FOLDERS = {
    "organizations",
    "devices",
    "deviceGroups",
    "deviceGroupDevices",
    "deviceKeywords",
    "deviceNotes",
    "spaces",
    "zones",
    "spaceKeywords",
    "zoneKeywords",
}
FOOTER_KEYS = {
    "queryName",
    "queryType",
    "organizationId",
    "schemaVersion",
    "exportedAt",
    "rowCount",
    "queryDescription",
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    write_export(
        ExportSpec(out=out, seed=3, days=3, devices=40, legacy_days=(0, 2), v1_days=(1, 3))
    )
    return out


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet"))


def test_every_key_follows_one_exporter_layout(export: Path) -> None:
    keys = _files(export)
    legacy = [k for k in keys if LEGACY_KEY.match(k)]
    v1 = [k for k in keys if V1_KEY.match(k)]
    assert legacy and v1
    assert len(legacy) + len(v1) == len(keys), set(keys) - set(legacy) - set(v1)
    assert {LEGACY_KEY.match(k)["folder"] for k in legacy} == LEGACY_FOLDERS
    v1_folders = {V1_KEY.match(k)["folder"] for k in v1}
    assert v1_folders >= V1_ENTITY_FOLDERS
    assert {
        "measurementHumidity",
        "measurementSystemTemperature",
        "measurementRss",
        "measurementMagneticState",
        "measurementVibration",
    } <= v1_folders


def test_legacy_schema_is_the_documented_one(export: Path) -> None:
    key = next(
        k
        for k in _files(export)
        if "/measurementOccupancyStatus/" in k
        and not k.startswith("parquet/v1/")
        and pq.read_metadata(export / k).num_rows
    )
    schema = pq.read_schema(export / key)
    assert schema.field("ts").type == pa.timestamp("ms", tz="UTC")
    assert schema.field("status").type == pa.int8()
    assert "organizationId" in schema.names
    space = next(k for k in _files(export) if "/space/" in k)
    space_schema = pq.read_schema(export / space)
    assert {"parentSpaceId", "createdTs", "updatedTs", "northVector"} <= set(space_schema.names)
    assert space_schema.field("northVector").type == pa.float32()
    distance = next(
        k
        for k in _files(export)
        if "/measurementDistance/" in k and not k.startswith("parquet/v1/")
    )
    assert pq.read_schema(export / distance).field("distance").type == pa.decimal128(10, 0)
    device = next(k for k in _files(export) if re.search(r"/device/\d{4}/", k))
    assert {"model", "bluetoothMac", "installationStatus"} <= set(
        pq.read_schema(export / device).names
    )


def test_v1_schema_and_footer_are_the_documented_ones(export: Path) -> None:
    key = next(
        k
        for k in _files(export)
        if k.startswith("parquet/v1/") and "/measurementOccupancyStatus/" in k
    )
    schema = pq.read_schema(export / key)
    assert schema.field("measuredAt").type.unit in ("ms", "us")
    assert schema.field("isOccupied").type == pa.bool_()
    assert "ts" not in schema.names and "organizationId" not in schema.names
    footer = {k.decode(): v.decode() for k, v in schema.metadata.items()}
    assert FOOTER_KEYS | {"intervalStart", "intervalEnd"} <= set(footer)
    assert footer["queryName"] == "measurementOccupancyStatus"
    assert int(footer["rowCount"]) == pq.read_metadata(export / key).num_rows
    co2 = next(k for k in _files(export) if k.startswith("parquet/v1/") and "/measurementCO2/" in k)
    assert pq.read_schema(export / co2).field("co2").type == pa.decimal128(38, 20)
    spaces = next(k for k in _files(export) if k.startswith("parquet/v1/") and "/spaces/" in k)
    spaces_schema = pq.read_schema(export / spaces)
    assert {"parentId", "createdAt"} <= set(spaces_schema.names)
    meta = {k.decode(): v.decode() for k, v in spaces_schema.metadata.items()}
    assert {"snapshotAt", "contentHash"} <= set(meta)


def test_every_file_matches_the_catalog_schema(export: Path) -> None:
    for key in _files(export):
        parsed = parse_key(key)
        assert parsed is not None and parsed.known, key
        expected = folder(parsed.family, parsed.folder)
        assert pq.read_schema(export / key).remove_metadata() == expected.schema(), key


def test_quirks_of_real_exports_are_present(export: Path) -> None:
    keys = _files(export)
    empty = [k for k in keys if pq.read_metadata(export / k).num_rows == 0]
    assert any(not k.startswith("parquet/v1/") for k in empty), "legacy writes empty hourly files"
    assert not any(k.startswith("parquet/v1/") and "/measurement" in k for k in empty)
    # v1 skips unchanged metadata snapshots; legacy writes one every hour.
    legacy_devices = [k for k in keys if re.search(r"/device/\d{4}/", k)]
    v1_devices = [k for k in keys if "/devices/" in k]
    assert len(v1_devices) < len(legacy_devices) / 4

    # the exporters overlap: the same event appears in both families
    def events(v1: bool, column: str) -> list[tuple[str, int]]:
        table = pa.concat_tables(
            pq.read_table(export / k)
            for k in keys
            if "/measurementOccupancyStatus/" in k and k.startswith("parquet/v1/") == v1
        )
        millis = table.column(column).cast(pa.timestamp("ms", tz="UTC")).cast(pa.int64())
        return list(zip(table.column("deviceId").to_pylist(), millis.to_pylist(), strict=True))

    legacy, v1 = events(False, "ts"), events(True, "measuredAt")
    assert set(legacy) & set(v1)
    # duplicates inside a family and rows out of time order inside files
    assert len(set(legacy)) < len(legacy)
    out_of_order = sum(
        not pq.read_table(export / k).column("ts").to_pandas().is_monotonic_increasing
        for k in keys
        if "/measurementOccupancyStatus/" in k and not k.startswith("parquet/v1/")
    )
    assert out_of_order > 0


def test_generation_is_deterministic(tmp_path: Path) -> None:
    def digest(root: Path) -> str:
        h = hashlib.sha256()
        for key in _files(root):
            h.update(key.encode())
            h.update(pq.read_table(root / key).to_pandas().to_csv().encode())
        return h.hexdigest()

    spec = {"seed": 11, "days": 1, "devices": 12, "legacy_days": (0, 1), "v1_days": (0, 1)}
    write_export(ExportSpec(out=tmp_path / "a", **spec))
    write_export(ExportSpec(out=tmp_path / "b", **spec))
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    write_export(ExportSpec(out=tmp_path / "c", **{**spec, "seed": 12}))
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_only_one_family_can_be_generated(tmp_path: Path) -> None:
    write_export(ExportSpec(out=tmp_path, days=1, devices=10, legacy_days=None, v1_days=(0, 1)))
    assert all(k.startswith("parquet/v1/") for k in _files(tmp_path))
    assert Family.V1  # both families are covered by the module fixture
