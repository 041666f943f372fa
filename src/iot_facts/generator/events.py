"""Vectorized, seeded event generation for every measurement type.

Events are sparse like real Haltian data: state measurements change more often in office hours
(Europe/Helsinki, weekdays 08-17), samples arrive on a heartbeat, counters are cumulative with
occasional resets, and the pre-bucketed occupancy seconds arrive exactly on the hour.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from iot_facts.generator.org import Device, Organization

HELSINKI = ZoneInfo("Europe/Helsinki")
MS_PER_HOUR = 3_600_000

# Events per device per day at scale 1.0, and whether their timing follows office activity.
RATES: dict[str, tuple[float, bool]] = {
    "occupancy_status": (36, True),
    "occupancy_seconds": (24, False),
    "occupants_count": (30, True),
    "directional_movement": (60, True),
    "position": (24, True),
    "position_zone": (16, True),
    "magnetic_state": (20, True),
    "distance": (24, True),
    "ambient_temperature": (48, False),
    "co2": (48, False),
    "tvoc": (48, False),
    "humidity": (48, False),
    "ambient_light": (24, False),
    "barometric_pressure": (24, False),
    "battery_percentage": (4, False),
    "battery_voltage": (4, False),
    "boot_count": (2, False),
    "movement_detections": (12, False),
    "device_orientation": (12, False),
    "magnetic_state_changes": (12, False),
    "rss": (48, False),
    "device_role": (1, False),
    "diagnostics_interval": (1, False),
    "usb_voltage": (24, False),
    "solar_panel_voltage": (24, False),
    "harvester_storage_voltage": (24, False),
    "echo": (24, False),
    "vibration": (48, False),
    "electrical_resistance": (24, False),
    "battery_current": (24, False),
    "system_temperature": (24, False),
}
BOOT_REASONS = np.array(["power_on", "watchdog", "firmware_update", "manual"], dtype=object)
RSS_MODES = np.array(["normal", "inventory", "low_power_inventory"], dtype=object)


@dataclass
class Events:
    """Events of one measurement type, sorted by (time, device)."""

    measurement_type: str
    device_index: np.ndarray  # int32 index into ``devices``
    ts_ms: np.ndarray  # int64 epoch milliseconds, UTC
    values: dict[str, np.ndarray]  # canonical value name -> values
    devices: list[Device]

    def __len__(self) -> int:
        return len(self.ts_ms)


def activity_profile(start: datetime, hours: int) -> np.ndarray:
    """Office activity in [0, 1] for each UTC hour from ``start`` (local time Europe/Helsinki)."""
    profile = np.empty(hours)
    for h in range(hours):
        local = (start + timedelta(hours=h)).astimezone(HELSINKI)
        if local.weekday() >= 5:
            level = 0.05
        elif 8 <= local.hour < 17:
            level = 0.95 if local.hour not in (11, 12) else 0.7  # lunch dip
        elif local.hour in (7, 17, 18):
            level = 0.3
        else:
            level = 0.02
        profile[h] = level
    return profile


def _cumulative_per_device(dev: np.ndarray, increments: np.ndarray) -> np.ndarray:
    """Running sum of ``increments`` within each device (rows sorted by device, then time)."""
    total = np.cumsum(increments)
    starts = np.r_[0, np.flatnonzero(np.diff(dev)) + 1]
    offsets = np.repeat(total[starts] - increments[starts], np.diff(np.r_[starts, len(dev)]))
    return total - offsets


def _points(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    return np.array(
        [
            json.dumps(
                {"type": "Point", "coordinates": [round(float(x), 6), round(float(y), 6)]},
                separators=(",", ":"),
            )
            for x, y in zip(lons, lats, strict=True)
        ],
        dtype=object,
    )


def generate(
    org: Organization,
    measurement_type: str,
    start: datetime,
    hours: int,
    rng: np.random.Generator,
    scale: float = 1.0,
) -> Events:
    """Generate every event of ``measurement_type`` in ``[start, start + hours)``."""
    devices = [d for d in org.devices if measurement_type in d.measurement_types()]
    profile = activity_profile(start, hours)
    start_ms = int(start.timestamp() * 1000)
    rate, follows_activity = RATES[measurement_type]
    end_ms = np.array(
        [
            int(until.timestamp() * 1000)
            if (until := org.device_active_until(d.id))
            else start_ms + hours * MS_PER_HOUR
            for d in devices
        ]
    )

    if measurement_type == "occupancy_seconds":
        # Pre-bucketed: one row per device per hour, stamped exactly on the hour.
        dev = np.repeat(np.arange(len(devices), dtype=np.int32), hours)
        hour_idx = np.tile(np.arange(hours), len(devices))
        ts = start_ms + hour_idx * MS_PER_HOUR
    else:
        per_device = rng.poisson(rate * scale * hours / 24, size=len(devices))
        dev = np.repeat(np.arange(len(devices), dtype=np.int32), per_device)
        weights = profile + 0.02 if follows_activity else np.ones(hours)
        hour_idx = rng.choice(hours, size=len(dev), p=weights / weights.sum())
        ts = start_ms + hour_idx * MS_PER_HOUR + rng.integers(0, MS_PER_HOUR, size=len(dev))
    keep = ts < end_ms[dev]
    dev, ts, hour_idx = dev[keep], ts[keep], hour_idx[keep]
    order = np.lexsort((ts, dev))  # by device, then time: counters accumulate in this order
    dev, ts, hour_idx = dev[order], ts[order], hour_idx[order]
    n = len(ts)
    p = profile[hour_idx]
    dev_offset = (np.array([d.serial % 17 for d in devices]) / 17.0)[dev] if devices else dev
    days = (ts - start_ms) / (24 * MS_PER_HOUR)
    local_hour = ((ts // MS_PER_HOUR) + 2) % 24  # approximate local hour, for diurnal curves
    diurnal = np.sin((local_hour - 9) / 24 * 2 * np.pi)
    noise = rng.normal(size=n)
    values: dict[str, np.ndarray] = {}

    match measurement_type:
        case "occupancy_status":
            base = np.where([d.kind == "parking" for d in devices], 0.35, 0.0)[dev] if n else p
            values["is_occupied"] = rng.random(n) < base + p * 0.8
        case "occupancy_seconds":
            values["occupancy_seconds"] = np.round(3600 * np.clip(p * rng.random(n) * 1.1, 0, 1))
        case "occupants_count":
            values["occupants_count"] = rng.poisson(p * 5).astype(np.int64)
        case "directional_movement":
            values["entries"] = rng.poisson(p * 2 + 0.1).astype(np.int64)
            values["exits"] = rng.poisson(p * 2 + 0.1).astype(np.int64)
        case "ambient_temperature":
            values["ambient_temperature"] = np.round(
                20.5 + 2 * p + 0.8 * diurnal + 1.5 * dev_offset + 0.2 * noise, 2
            )
        case "co2":
            values["co2"] = np.round(
                np.maximum(400, 420 + 650 * p * rng.random(n) + 150 * dev_offset + 15 * noise)
            )
        case "tvoc":
            values["tvoc"] = np.round(np.maximum(0, 80 + 250 * p + 20 * noise))
        case "humidity":
            values["humidity"] = np.round(np.clip(33 + 6 * diurnal + 2 * noise, 5, 95), 1)
        case "ambient_light":
            values["ambient_light"] = np.round(np.maximum(0, 20 + 480 * p + 30 * noise))
        case "barometric_pressure":
            values["barometric_pressure"] = np.round(1013 + 8 * np.sin(days / 3) + noise, 1)
        case "battery_percentage":
            values["battery_percentage"] = np.round(
                np.clip(98 - 60 * dev_offset - 0.1 * days, 1, 100)
            )
        case "battery_voltage":
            values["battery_voltage"] = np.round(
                3.6 - 0.6 * dev_offset - 0.002 * days + 0.01 * noise, 3
            )
        case "boot_count":
            reboots = (rng.random(n) < 0.15).astype(np.int64)
            count = 3 + (dev % 5) + _cumulative_per_device(dev, reboots)
            if n:  # the first device's counter is reset to zero halfway (factory reset)
                reset = (dev == 0) & (days >= days.max() / 2)
                count = np.where(reset, count - count[reset].min() if reset.any() else count, count)
            values["boot_count"] = count.astype(np.int64)
            values["boot_reason"] = BOOT_REASONS[rng.integers(0, len(BOOT_REASONS), size=n)]
        case "distance" | "echo":
            car = rng.random(n) < 0.3 + 0.5 * p
            values[measurement_type] = np.round(np.where(car, 450, 2600) + 40 * noise)
        case "position":
            floors = [
                s for s in org.spaces if s.type == "floor" and "parking" not in s.name.lower()
            ]
            pick = rng.integers(0, len(floors), size=n)
            lons = np.array([f.lon for f in floors])[pick] + rng.normal(0, 5e-5, n)
            lats = np.array([f.lat for f in floors])[pick] + rng.normal(0, 2e-5, n)
            values["is_static"] = rng.random(n) < 0.6
            values["space_id"] = np.array([f.id for f in floors], dtype=object)[pick]
            values["position_global"] = _points(lons, lats)
        case "position_zone":
            zone_ids = np.array([z.id for z in org.zones], dtype=object)
            values["zone_id"] = zone_ids[rng.integers(0, len(zone_ids), size=n)]
        case "movement_detections" | "magnetic_state_changes":
            steps = rng.poisson(3, size=n).astype(np.int64)
            values[measurement_type] = _cumulative_per_device(dev, steps)
        case "device_orientation":
            values["acc_x"] = np.round(0.02 * noise, 4)
            values["acc_y"] = np.round(0.02 * rng.normal(size=n), 4)
            values["acc_z"] = np.round(1 + 0.02 * rng.normal(size=n), 4)
        case "magnetic_state":
            values["is_open"] = rng.random(n) < 0.15 + 0.5 * p
        case "rss":
            tags = [d.id for d in org.devices if d.kind == "tag"] or [d.id for d in devices]
            values["source_device_id"] = np.array(tags, dtype=object)[
                rng.integers(0, len(tags), size=n)
            ]
            values["rss"] = np.round(-45 - 40 * rng.random(n), 1)
            values["is_static"] = rng.random(n) < 0.7
            values["move_count"] = rng.poisson(2, size=n).astype(np.int64)
            values["mode"] = RSS_MODES[rng.integers(0, len(RSS_MODES), size=n)]
        case "device_role":
            values["device_role"] = np.full(n, "gateway", dtype=object)
        case "diagnostics_interval":
            values["diagnostics_interval"] = np.full(n, 3600, dtype=np.int64)
        case "usb_voltage":
            values["usb_voltage"] = np.round(5.0 + 0.05 * noise, 3)
        case "solar_panel_voltage":
            values["solar_panel_voltage"] = np.round(np.maximum(0, 3.2 * p + 0.1 * noise), 3)
        case "harvester_storage_voltage":
            values["harvester_storage_voltage"] = np.round(2.6 + 0.3 * p + 0.02 * noise, 3)
        case "vibration":
            level = np.round(np.abs(0.3 * noise) * (0.2 + p), 4)
            values["vibration_level"] = level
            values["vibration_total"] = np.round(_cumulative_per_device(dev, level), 4)
        case "electrical_resistance":
            values["electrical_resistance"] = np.round(120 + 5 * noise, 2)
        case "battery_current":
            values["battery_current"] = np.round(np.maximum(0, 4 + 3 * p + 0.5 * noise), 3)
        case "system_temperature":
            values["system_temperature"] = np.round(28 + 4 * p + 0.5 * noise, 2)
        case _:
            raise ValueError(f"no event model for measurement type {measurement_type!r}")

    order = np.lexsort((dev, ts))  # files are written in time order
    return Events(
        measurement_type,
        dev[order],
        ts[order],
        {k: v[order] for k, v in values.items()},
        devices,
    )
