"""Write a Haltian export tree (legacy and v1 exporters) exactly as the reference describes it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.generator import events as ev
from iot_facts.generator.org import ZERO_UUID, Device, Organization, build_organization
from iot_facts.haltian import paths
from iot_facts.haltian.catalog import Family, Folder, entity_folders, measurement_folders

COMPRESSION = {Family.LEGACY: "snappy", Family.V1: "zstd"}


@dataclass
class ExportSpec:
    """What to generate. Days are counted from ``start``; exporter ranges are half-open."""

    out: Path
    seed: int = 42
    start: datetime = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday
    days: int = 7
    devices: int = 100
    scale: float = 1.0
    legacy_days: tuple[int, int] | None = (0, 5)  # None: the legacy exporter is off
    v1_days: tuple[int, int] | None = (3, 7)  # None: the v1 exporter is off
    duplicate_rate: float = 0.003
    late_rate: float = 0.002
    shuffle_rate: float = 0.02
    measurement_types: tuple[str, ...] | None = None  # None: all


@dataclass
class ExportSummary:
    files: dict[str, int] = field(default_factory=dict)  # family -> files written
    empty_files: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # "family/folder" -> rows written
    bytes_written: int = 0
    organization_id: str = ""

    def add(self, family: Family, folder_name: str, rows: int, size: int) -> None:
        self.files[str(family)] = self.files.get(str(family), 0) + 1
        if rows == 0:
            self.empty_files[str(family)] = self.empty_files.get(str(family), 0) + 1
        key = f"{family}/{folder_name}"
        self.rows[key] = self.rows.get(key, 0) + rows
        self.bytes_written += size


def to_arrow(values: Iterable[object] | np.ndarray, arrow_type: pa.DataType) -> pa.Array:
    """Convert canonical values to the physical type an exporter writes."""
    if pa.types.is_decimal(arrow_type):
        return pa.array(values, type=pa.float64()).cast(arrow_type)
    if arrow_type == pa.int8():
        return pa.array(np.asarray(values, dtype=np.int8))
    if pa.types.is_timestamp(arrow_type) and isinstance(values, np.ndarray):
        factor = 1000 if arrow_type.unit == "us" else 1
        return pa.array(values.astype(np.int64) * factor, type=arrow_type)
    return pa.array(values, type=arrow_type)


def _write(table: pa.Table, path: Path, family: Family, metadata: dict[str, str] | None) -> int:
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression=COMPRESSION[family])
    return path.stat().st_size


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _footer(folder: Folder, org_id: str, rows: int, **extra: str) -> dict[str, str]:
    return {
        "queryName": folder.name,
        "queryType": "metadata" if folder.kind == "metadata" else "measurements",
        "organizationId": org_id,
        "schemaVersion": "v1",
        "rowCount": str(rows),
        "queryDescription": f"{folder.dataset} export",
        **extra,
    }


def _family_hours(spec: ExportSpec, days: tuple[int, int] | None) -> range:
    if days is None:
        return range(0)
    return range(days[0] * 24, min(days[1], spec.days) * 24)


# --- entities -------------------------------------------------------------------------------


def _entity_rows(org: Organization, at: datetime) -> dict[str, list[dict[str, object]]]:
    """Canonical rows of every entity table in the snapshot taken at ``at``."""
    spaces, zones, devices = org.snapshot(at)
    created = org.created_at
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)

    def changed_at(device: Device) -> datetime | None:
        for when, what in org.changes:
            target = {"rename": org.renamed_device, "move": org.moved_device}.get(what)
            if target == device.id and at >= when:
                return when
        return None

    def device_row(d: Device) -> dict[str, object]:
        return {
            "device_id": d.id,
            "device_name": d.name,
            "model_type": d.model,
            "external_id": None,
            "tuid": f"TSN{d.serial:08d}" if not d.is_group else None,
            "order_id": f"PO-{2026000 + d.serial % 7}",
            "giai": None,
            "installation_status": "installed",
            "manufactured_at": created - timedelta(days=30 + d.serial % 20),
            "shipped_at": created - timedelta(days=10),
            "warranty_at": created + timedelta(days=730),
            "created_at": created + timedelta(hours=d.serial),
            "updated_at": changed_at(d),
            "last_seen_at": day,
            "wirepas_node_id": 1000 + d.serial * 7,
            "wirepas_network_id": 4321,
            "imei": None,
            "iccid": None,
            "ble_mac": f"c4:3d:1a:00:{d.serial // 256:02x}:{d.serial % 256:02x}",
            "ble_mac_2": None,
            "lan_mac": None,
            "wifi_mac": None,
            "customer_label_id": f"L-{d.serial:04d}",
            "vendor_serial": f"VS{d.serial:06d}",
            "space_id": d.space_id,
            "fixed_position_global": None,
            "wirepas_stack_version": "5.4.0",
        }

    groups = [d for d in devices if d.is_group]
    note_devices = [d for d in devices if not d.is_group][:3]
    return {
        "organizations": [
            {
                "organization_id": org.id,
                "organization_name": org.name,
                "external_id": None,
                "created_at": created,
                "updated_at": None,
            }
        ],
        "devices": [device_row(d) for d in devices],
        "device_groups": [
            {
                **device_row(g),
                "device_group_id": g.id,
                "device_group_name": g.name,
                "last_occupancy_reset_at": day + timedelta(hours=1),
            }
            for g in groups
        ],
        "device_group_devices": [
            {"device_group_id": g.id, "device_id": m}
            for g in groups
            for m in g.members
            if any(d.id == m for d in devices)
        ],
        "device_keywords": [
            {"device_id": d.id, "keyword": k, "created_at": created, "updated_at": None}
            for d in devices
            for k in d.keywords
        ],
        "device_notes": [
            {
                "device_id": d.id,
                "note": f"Installed by facility team, ticket {d.serial}",
                "created_at": created + timedelta(days=1),
                "updated_at": None,
            }
            for d in note_devices
        ],
        "spaces": [
            {
                "space_id": s.id,
                "space_name": s.name,
                "parent_space_id": s.parent_id,
                "space_type": s.type,
                "position_global": json.dumps(
                    {"type": "Point", "coordinates": [s.lon, s.lat]}, separators=(",", ":")
                ),
                "north_vector_deg": s.north,
                "created_at": created,
                "updated_at": None,
            }
            for s in spaces
        ],
        "zones": [
            {
                "zone_id": z.id,
                "space_id": z.space_id,
                "zone_name": z.name,
                "zone_type": z.type,
                "polygon_global": z.polygon,
                "created_at": created,
                "updated_at": None,
            }
            for z in zones
        ],
        "space_keywords": [
            {"space_id": s.id, "keyword": s.type, "created_at": created, "updated_at": None}
            for s in spaces
        ],
        "zone_keywords": [
            {
                "zone_id": z.id,
                "keyword": z.type.replace("_", "-"),
                "created_at": created,
                "updated_at": None,
            }
            for z in zones
        ],
    }


def _entity_table(folder: Folder, rows: list[dict[str, object]], org_id: str) -> pa.Table:
    arrays = []
    for column in folder.columns:
        if column.canonical == "organization_id" and folder.dataset != "organizations":
            values: list[object] = [org_id] * len(rows)
        else:
            values = [r.get(column.canonical) for r in rows]
        if column.canonical == "parent_space_id" and folder.family is Family.LEGACY:
            values = [v or ZERO_UUID for v in values]  # legacy (Jan 2026) marks roots this way
        arrays.append(to_arrow(values, column.arrow_type))
    return pa.Table.from_arrays(arrays, schema=folder.schema())


def write_entities(spec: ExportSpec, org: Organization, summary: ExportSummary) -> None:
    for family, days in ((Family.LEGACY, spec.legacy_days), (Family.V1, spec.v1_days)):
        last_hash: dict[str, str] = {}
        for hour in _family_hours(spec, days):
            start = spec.start + timedelta(hours=hour)
            end = start + timedelta(hours=1)
            rows = _entity_rows(org, start)
            for folder in entity_folders(family):
                table = _entity_table(folder, rows[folder.dataset], org.id)
                if family is Family.LEGACY:
                    key, meta = paths.legacy_key(org.id, folder.name, start), None
                else:
                    sink = pa.BufferOutputStream()
                    pq.write_table(table, sink)
                    digest = hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()
                    if last_hash.get(folder.name) == digest:
                        continue  # v1 skips a metadata snapshot whose content did not change
                    last_hash[folder.name] = digest
                    key = paths.v1_key(org.id, folder.name, start, end)
                    meta = _footer(
                        folder,
                        org.id,
                        table.num_rows,
                        snapshotAt=_iso(start),
                        contentHash=digest,
                        exportedAt=_iso(end + timedelta(minutes=5)),
                    )
                size = _write(table, spec.out / key, family, meta)
                summary.add(family, folder.name, table.num_rows, size)


# --- measurements ---------------------------------------------------------------------------


def _file_hours(events: ev.Events, spec: ExportSpec, rng: np.random.Generator) -> np.ndarray:
    """Hour index of the file each event lands in: its own hour, rarely the next (late)."""
    start_ms = int(spec.start.timestamp() * 1000)
    hours = (events.ts_ms - start_ms) // ev.MS_PER_HOUR
    late = rng.random(len(hours)) < spec.late_rate
    return hours + late.astype(hours.dtype)


def _measurement_table(
    folder: Folder,
    events: ev.Events,
    rows: np.ndarray,
    org_id: str,
    rng: np.random.Generator,
    spec: ExportSpec,
) -> pa.Table:
    rows = np.concatenate([rows, rows[rng.random(len(rows)) < spec.duplicate_rate]])
    if len(rows) > 1:  # exporters do not promise order: swap a few rows out of place
        swap = np.flatnonzero(rng.random(len(rows)) < spec.shuffle_rate)
        rows[swap] = rows[rng.permutation(swap)]
    device_ids = np.array([d.id for d in events.devices], dtype=object)
    arrays = []
    for column in folder.columns:
        if column.canonical == "device_id":
            arrays.append(pa.array(device_ids[events.device_index[rows]], type=pa.string()))
        elif column.canonical == "measured_at":
            arrays.append(to_arrow(events.ts_ms[rows], column.arrow_type))
        elif column.canonical == "organization_id":
            arrays.append(pa.array([org_id] * len(rows), type=pa.string()))
        else:
            arrays.append(to_arrow(events.values[column.canonical][rows], column.arrow_type))
    return pa.Table.from_arrays(arrays, schema=folder.schema())


def write_measurements(
    spec: ExportSpec,
    org: Organization,
    summary: ExportSummary,
    progress: Callable[[str], None] | None = None,
) -> None:
    folders_by_type: dict[str, dict[Family, Folder]] = {}
    for family in Family:
        for folder in measurement_folders(family):
            folders_by_type.setdefault(folder.dataset, {})[family] = folder
    # Every measurement type of the catalog (a type without an event model fails loudly).
    wanted = spec.measurement_types or tuple(folders_by_type)
    for index, measurement_type in enumerate(sorted(wanted)):
        if progress:
            progress(f"[{index + 1}/{len(wanted)}] {measurement_type}")
        rng = np.random.default_rng([spec.seed, index])
        events = ev.generate(org, measurement_type, spec.start, spec.days * 24, rng, spec.scale)
        file_hour = _file_hours(events, spec, rng)
        order = np.argsort(file_hour, kind="stable")
        bounds = np.searchsorted(file_hour[order], np.arange(spec.days * 24 + 1))
        for family, days in ((Family.LEGACY, spec.legacy_days), (Family.V1, spec.v1_days)):
            folder = folders_by_type.get(measurement_type, {}).get(family)
            if folder is None:
                continue
            file_rng = np.random.default_rng([spec.seed, index, 1 if family is Family.V1 else 0])
            for hour in _family_hours(spec, days):
                rows = order[bounds[hour] : bounds[hour + 1]]
                if family is Family.V1 and len(rows) == 0:
                    continue  # v1 writes a measurement file only when there is data
                table = _measurement_table(folder, events, rows, org.id, file_rng, spec)
                start = spec.start + timedelta(hours=hour)
                end = start + timedelta(hours=1)
                if family is Family.LEGACY:
                    key, meta = paths.legacy_key(org.id, folder.name, start), None
                else:
                    key = paths.v1_key(org.id, folder.name, start, end)
                    meta = _footer(
                        folder,
                        org.id,
                        table.num_rows,
                        intervalStart=_iso(start),
                        intervalEnd=_iso(end),
                        exportedAt=_iso(end + timedelta(minutes=5)),
                    )
                size = _write(table, spec.out / key, family, meta)
                summary.add(family, folder.name, table.num_rows, size)


def write_export(spec: ExportSpec, progress: Callable[[str], None] | None = None) -> ExportSummary:
    """Generate the organization and write both exporters' files under ``spec.out``."""
    end = spec.start + timedelta(days=spec.days)
    org = build_organization(spec.seed, spec.devices, spec.start, end)
    summary = ExportSummary(organization_id=org.id)
    write_entities(spec, org, summary)
    write_measurements(spec, org, summary, progress)
    return summary
