"""Benchmark datasets: generated v1 exports of a given size, split into history + one new hour.

The export is written once per size by the project's own generator (the same code path as the
demo and the tests) and cached under the work directory. The loader's source directory is then
assembled from hard links: every file whose window starts before the cut (the history), and
later the files of the hour after the cut (the new delivery of an hourly run).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from iot_facts.generator.events import RATES
from iot_facts.generator.org import build_organization
from iot_facts.generator.writer import ExportSpec, write_export
from iot_facts.haltian.paths import parse_key

START = datetime(2025, 1, 6, tzinfo=UTC)  # a Monday
SEED = 2026
# Occupancy drives the size; the environment comes along at its own (proportional) rates.
MEASUREMENTS = ("occupancy_status", "ambient_temperature", "co2")


@dataclass(frozen=True)
class Size:
    """A benchmark size: about ``events`` occupancy events over ``days`` of history."""

    label: str
    events: int
    devices: int
    scale: float
    days: int

    @property
    def cut(self) -> datetime:
        """End of the history; the hour after it is the incremental delivery."""
        return START + timedelta(days=self.days)

    def export_spec(self, out: Path) -> ExportSpec:
        # One day more than the history, v1 exporter only (legacy's hourly entity snapshots
        # would add tens of thousands of tiny files that say nothing about the interval models).
        return ExportSpec(
            out=out,
            seed=SEED,
            start=START,
            days=self.days + 1,
            devices=self.devices,
            scale=self.scale,
            legacy_days=None,
            v1_days=(0, self.days + 1),
            measurement_types=MEASUREMENTS,
        )


def parse_size(label: str) -> int:
    """'1M' -> 1_000_000, '250k' -> 250_000, '5000' -> 5000."""
    factors = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}
    suffix = label[-1].lower()
    if suffix in factors:
        return int(float(label[:-1]) * factors[suffix])
    return int(label)


def occupancy_events_per_day(devices: int, scale: float) -> float:
    """Expected occupancy events per day for an organization of ``devices`` at ``scale``."""
    org = build_organization(SEED, devices, START, START + timedelta(days=1))
    reporting = sum("occupancy_status" in d.measurement_types() for d in org.devices)
    return reporting * RATES["occupancy_status"][0] * scale


def plan(label: str, devices: int, scale: float) -> Size:
    events = parse_size(label)
    days = max(1, round(events / occupancy_events_per_day(devices, scale)))
    return Size(label=label, events=events, devices=devices, scale=scale, days=days)


def ensure_export(size: Size, directory: Path) -> tuple[Path, bool]:
    """Generate the export for ``size`` unless a complete one with the same spec exists.

    Returns the export root and whether it was generated now.
    """
    stamp = directory / "export.json"
    spec = size.export_spec(directory / "export")
    wanted = json.dumps({k: str(v) for k, v in asdict(spec).items()}, sort_keys=True)
    if stamp.exists() and stamp.read_text() == wanted:
        return spec.out, False
    shutil.rmtree(spec.out, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    write_export(spec)
    stamp.write_text(wanted)  # written last: an interrupted generation is redone
    return spec.out, True


def link_files(export: Path, source: Path, start: datetime | None, end: datetime) -> int:
    """Hard-link export files whose window starts in [start, end) into ``source``."""
    linked = 0
    for path in export.rglob("*.parquet"):
        key = path.relative_to(export).as_posix()
        parsed = parse_key(key)
        if parsed is None:
            raise ValueError(f"not an export file: {key}")
        if parsed.window_start >= end or (start is not None and parsed.window_start < start):
            continue
        target = source / key
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.link(path, target)
            linked += 1
    return linked
