"""A synthetic office-like organization: spaces, zones, devices, groups and how they change.

Everything is derived from a seed, so the same arguments always give the same organization.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

ZERO_UUID = "00000000-0000-0000-0000-000000000000"
GROUP_MODEL = "com.haltian.device-group"

# Device kinds: the model id written to the export and the measurement types each kind reports.
# Model ids are synthetic stand-ins in Haltian's naming style.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "desk": (
        "com.haltian.device.tsar02",
        (
            "occupancy_status",
            "occupancy_seconds",
            "battery_percentage",
            "battery_voltage",
            "boot_count",
            "system_temperature",
        ),
    ),
    "meeting_room": (
        "com.haltian.device.tspr04",
        (
            "occupancy_status",
            "occupants_count",
            "occupancy_seconds",
            "battery_percentage",
            "battery_voltage",
            "boot_count",
        ),
    ),
    "environment": (
        "com.haltian.device.tsen01",
        (
            "ambient_temperature",
            "co2",
            "tvoc",
            "humidity",
            "ambient_light",
            "barometric_pressure",
            "battery_percentage",
            "battery_voltage",
            "boot_count",
        ),
    ),
    "entry_counter": (
        "com.haltian.device.tsic01",
        ("directional_movement", "occupants_count", "battery_percentage", "boot_count"),
    ),
    "tag": (
        "com.haltian.device.nano01",
        (
            "position",
            "position_zone",
            "battery_percentage",
            "movement_detections",
            "device_orientation",
        ),
    ),
    "parking": (
        "com.haltian.device.tsds01",
        (
            "distance",
            "occupancy_status",
            "echo",
            "solar_panel_voltage",
            "harvester_storage_voltage",
            "battery_percentage",
        ),
    ),
    "door": (
        "com.haltian.device.tsmg01",
        ("magnetic_state", "magnetic_state_changes", "battery_percentage", "boot_count"),
    ),
    "gateway": (
        "com.haltian.device.gw01",
        ("rss", "device_role", "diagnostics_interval", "usb_voltage", "boot_count"),
    ),
    "machine": (
        "com.haltian.device.tsvb01",
        (
            "vibration",
            "electrical_resistance",
            "battery_current",
            "system_temperature",
            "battery_voltage",
        ),
    ),
}
# Share of devices per kind (the remainder after rounding goes to desks).
KIND_SHARES = {
    "meeting_room": 0.14,
    "environment": 0.15,
    "entry_counter": 0.06,
    "tag": 0.12,
    "parking": 0.08,
    "door": 0.05,
    "gateway": 0.03,
    "machine": 0.03,
}
GROUP_MEASUREMENTS = ("occupants_count", "directional_movement", "occupancy_status")
ROOM_NAMES = (
    "Taika",
    "Kide",
    "Revontuli",
    "Aurora",
    "Tunturi",
    "Myrsky",
    "Lumi",
    "Sisu",
    "Kuura",
    "Halla",
    "Ilma",
    "Tuli",
    "Vesi",
    "Maa",
    "Kaamos",
    "Ruska",
)


@dataclass(frozen=True)
class Space:
    id: str
    name: str
    type: str  # location | building | floor
    parent_id: str | None
    lon: float
    lat: float
    north: float


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    type: str
    space_id: str
    polygon: str  # GeoJSON Polygon string, [lon, lat], closed ring


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    kind: str  # a KINDS key, or "group"
    model: str
    space_id: str | None
    zone_id: str | None
    keywords: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # for groups
    serial: int = 0

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    def measurement_types(self) -> tuple[str, ...]:
        return GROUP_MEASUREMENTS if self.is_group else KINDS[self.kind][1]


@dataclass
class Organization:
    id: str
    name: str
    created_at: datetime
    spaces: list[Space]
    zones: list[Zone]
    devices: list[Device]
    # Changes applied to the metadata over time: (when, description, function of the state).
    changes: list[tuple[datetime, str]] = field(default_factory=list)
    removed_device: str | None = None
    renamed_device: str | None = None
    moved_device: str | None = None
    added_zone: Zone | None = None

    def snapshot(self, at: datetime) -> tuple[list[Space], list[Zone], list[Device]]:
        """The metadata as it was at ``at`` (full snapshot semantics)."""
        zones = list(self.zones)
        devices = list(self.devices)
        for when, what in self.changes:
            if at < when:
                continue
            if what == "rename" and self.renamed_device:
                devices = [
                    replace(d, name=d.name + " (renamed)") if d.id == self.renamed_device else d
                    for d in devices
                ]
            elif what == "move" and self.moved_device:
                floors = [s for s in self.spaces if s.type == "floor"]
                devices = [
                    replace(d, space_id=floors[-1].id, zone_id=None)
                    if d.id == self.moved_device
                    else d
                    for d in devices
                ]
            elif what == "add_zone" and self.added_zone:
                zones.append(self.added_zone)
            elif what == "remove" and self.removed_device:
                devices = [d for d in devices if d.id != self.removed_device]
        return list(self.spaces), zones, devices

    def device_active_until(self, device_id: str) -> datetime | None:
        """When a device disappears from the organization (it stops reporting then)."""
        if device_id != self.removed_device:
            return None
        return next(when for when, what in self.changes if what == "remove")


def _square(lon: float, lat: float, half: float) -> str:
    ring = [
        [round(lon - half, 6), round(lat - half / 2, 6)],
        [round(lon + half, 6), round(lat - half / 2, 6)],
        [round(lon + half, 6), round(lat + half / 2, 6)],
        [round(lon - half, 6), round(lat + half / 2, 6)],
        [round(lon - half, 6), round(lat - half / 2, 6)],
    ]
    return json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":"))


def build_organization(seed: int, n_devices: int, start: datetime, end: datetime) -> Organization:
    """Build the organization for ``[start, end)`` with about ``n_devices`` physical devices."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not security
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"iot-facts-sample/{seed}")

    def uid(name: str) -> str:
        return str(uuid.uuid5(namespace, name))

    spaces: list[Space] = []
    sites = [
        (
            "Oulu HQ",
            25.4686,
            65.0592,
            [
                ("Main building", ["1st floor", "2nd floor", "3rd floor"]),
                ("Parking", ["Outdoor parking"]),
            ],
        ),
        ("Helsinki office", 24.9316, 60.1699, [("Kamppi tower", ["5th floor", "6th floor"])]),
    ]
    for loc_name, lon, lat, buildings in sites:
        loc = Space(uid(loc_name), loc_name, "location", None, lon, lat, 0.0)
        spaces.append(loc)
        for b_index, (b_name, floors) in enumerate(buildings):
            b_lon, b_lat = lon + 0.002 * b_index, lat + 0.001 * b_index
            building = Space(
                uid(f"{loc_name}/{b_name}"),
                b_name,
                "building",
                loc.id,
                b_lon,
                b_lat,
                round(rng.uniform(0, 359), 1),
            )
            spaces.append(building)
            for floor_name in floors:
                spaces.append(
                    Space(
                        uid(f"{loc_name}/{b_name}/{floor_name}"),
                        floor_name,
                        "floor",
                        building.id,
                        b_lon,
                        b_lat,
                        building.north,
                    )
                )
    floors = [s for s in spaces if s.type == "floor"]
    office_floors = [f for f in floors if "parking" not in f.name.lower()]
    parking_floor = next(f for f in floors if "parking" in f.name.lower())

    counts = {kind: max(1, round(n_devices * share)) for kind, share in KIND_SHARES.items()}
    counts["desk"] = max(1, n_devices - sum(counts.values()))

    zones: list[Zone] = []
    rooms: list[Zone] = []
    for i in range(counts["meeting_room"]):
        floor = office_floors[i % len(office_floors)]
        name = f"Meeting room {ROOM_NAMES[i % len(ROOM_NAMES)]}" + (
            f" {i // len(ROOM_NAMES) + 1}" if i >= len(ROOM_NAMES) else ""
        )
        zone = Zone(
            uid(f"zone/{name}"),
            name,
            "meeting_room",
            floor.id,
            _square(floor.lon + 0.0001 * i, floor.lat, 0.00004),
        )
        zones.append(zone)
        rooms.append(zone)
    desk_areas = []
    for floor in office_floors:
        zone = Zone(
            uid(f"zone/desks/{floor.id}"),
            f"Desk area {floor.name}",
            "desk_area",
            floor.id,
            _square(floor.lon - 0.0003, floor.lat, 0.0001),
        )
        zones.append(zone)
        desk_areas.append(zone)
    cafeteria = Zone(
        uid("zone/cafeteria"),
        "Cafeteria",
        "cafeteria",
        office_floors[0].id,
        _square(office_floors[0].lon + 0.0005, office_floors[0].lat, 0.00015),
    )
    zones.append(cafeteria)
    parking_zone = Zone(
        uid("zone/parking"),
        "Parking slots",
        "parking",
        parking_floor.id,
        _square(parking_floor.lon, parking_floor.lat, 0.0003),
    )
    zones.append(parking_zone)

    devices: list[Device] = []
    serial = 0
    for kind in KINDS:
        model = KINDS[kind][0]
        for i in range(counts.get(kind, 0)):
            serial += 1
            if kind == "meeting_room":
                zone = rooms[i % len(rooms)]
            elif kind == "desk":
                zone = desk_areas[i % len(desk_areas)]
            elif kind == "entry_counter":
                zone = cafeteria
            elif kind == "parking":
                zone = parking_zone
            elif kind == "environment":
                zone = rooms[i % len(rooms)] if i % 2 == 0 else desk_areas[i % len(desk_areas)]
            else:
                zone = None
            space_id = zone.space_id if zone else office_floors[i % len(office_floors)].id
            label = zone.name if zone else next(s.name for s in spaces if s.id == space_id)
            name = f"{kind.replace('_', ' ').title()} {i + 1:03d} ({label})"
            keywords = (kind.replace("_", "-"), *([zone.name] if zone else []))
            devices.append(
                Device(
                    uid(f"device/{kind}/{i}"),
                    name,
                    kind,
                    model,
                    space_id,
                    zone.id if zone else None,
                    keywords,
                    serial=serial,
                )
            )

    # Device groups: the cafeteria entrance counters, and each floor's desks.
    groups: list[Device] = []
    counters = [d.id for d in devices if d.kind == "entry_counter"]
    if counters:
        groups.append(
            Device(
                uid("group/cafeteria"),
                "Cafeteria occupancy",
                "group",
                GROUP_MODEL,
                cafeteria.space_id,
                cafeteria.id,
                ("group",),
                tuple(counters),
            )
        )
    for area in desk_areas[:2]:
        members = tuple(d.id for d in devices if d.kind == "desk" and d.zone_id == area.id)
        if members:
            groups.append(
                Device(
                    uid(f"group/{area.id}"),
                    f"{area.name} group",
                    "group",
                    GROUP_MODEL,
                    area.space_id,
                    area.id,
                    ("group",),
                    members,
                )
            )
    devices.extend(groups)

    org = Organization(
        uid("organization"), "Haltian Demo Org", start - timedelta(days=400), spaces, zones, devices
    )
    span = end - start

    def at(fraction: float) -> datetime:
        hours = int(span.total_seconds() // 3600 * fraction)
        return start + timedelta(hours=hours)

    physical = [d for d in devices if not d.is_group]
    org.renamed_device = next((d.id for d in physical if d.kind == "meeting_room"), None)
    org.moved_device = next((d.id for d in physical if d.kind == "tag"), None)
    org.removed_device = next((d.id for d in reversed(physical) if d.kind == "desk"), None)
    org.added_zone = Zone(
        uid("zone/pop-up"),
        "Pop-up room",
        "meeting_room",
        office_floors[-1].id,
        _square(office_floors[-1].lon, office_floors[-1].lat + 0.0002, 0.00003),
    )
    org.changes = [
        (at(0.35), "rename"),
        (at(0.45), "move"),
        (at(0.6), "add_zone"),
        (at(0.8), "remove"),
    ]
    return org
