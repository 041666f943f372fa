"""Turn tracker readings into what the blog's IoT rule delivers: device shadow update events.

The rule is ``select topic(3) as thingnm, topic() as thetopic, * from
'$aws/things/+/shadow/update/documents'``, so an event is the shadow service's documents message
(``previous`` and ``current`` state, metadata and version, and a ``timestamp`` in epoch seconds)
with the thing name and topic added. A tracker sends only what it measured (the ignition only
when it changes, an address only when it parks); the shadow merges that into the full reported
state and stamps every field it received in ``metadata``.

The flat shape (``state``/``metadata``/``version`` at the top, holding only the fields of that
update) is what the ``update/accepted`` topic carries, and what the blog's Hive view reads; a few
events have it, with that topic, as if a second, older rule still forwarded ``update/accepted``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from iot_facts.generator.fleet import Reading, Vehicle

JsonObject = dict[str, Any]


@dataclass
class Shadow:
    """One thing's device shadow as the service holds it between updates."""

    vehicle: Vehicle
    version: int
    reported: JsonObject = field(default_factory=dict)
    metadata: JsonObject = field(default_factory=dict)
    exists: bool = True

    def delta(self, reading: Reading) -> JsonObject:
        """The fields the tracker sends in this update."""
        vehicle = self.vehicle
        sent: JsonObject = {"thingName": vehicle.thing_name}
        if vehicle.latlon_fields:
            sent["latitude"] = reading.lat
            sent["longitude"] = reading.lon
        else:
            sent["location"] = {"lat": reading.lat, "lon": reading.lon}
        if vehicle.reports_speed:
            sent["speed"] = str(reading.speed_kmh)  # a string, as the blog's trackers send it
        sent["heading"] = reading.heading
        ignition = "1" if reading.ignition else "0"
        if self.reported.get("ignition") != ignition:
            sent["ignition"] = ignition
        if reading.temperature is not None:
            sent["temperature"] = reading.temperature
        if reading.address is not None:
            sent["address"] = reading.address
        return sent

    def stamp(self, sent: JsonObject, at: int) -> JsonObject:
        """Metadata for ``sent``: a timestamp per leaf, mirroring nested objects like AWS does."""
        stamp = at * 1000 if self.vehicle.millis_metadata else at

        def leaves(value: Any) -> Any:
            if isinstance(value, dict):
                return {key: leaves(inner) for key, inner in value.items()}
            return {"timestamp": stamp}

        return leaves(sent)

    def update(self, reading: Reading, *, flat: bool) -> JsonObject:
        """Apply the reading; return the rule's output for it (without thingnm/thetopic)."""
        sent = self.delta(reading)
        sent_metadata = self.stamp(sent, reading.at)
        previous = (
            {
                "state": {"reported": copy.deepcopy(self.reported)},
                "metadata": {"reported": copy.deepcopy(self.metadata)},
                "version": self.version,
            }
            if self.exists
            else None  # the first update creates the shadow: nothing before it
        )
        self.reported.update(copy.deepcopy(sent))
        self.metadata.update(sent_metadata)
        self.version += 1
        self.exists = True
        if flat:
            return {
                "state": {"reported": sent},
                "metadata": {"reported": sent_metadata},
                "version": self.version,
                "timestamp": reading.at,
            }
        return {
            "previous": previous,
            "current": {
                "state": {"reported": copy.deepcopy(self.reported)},
                "metadata": {"reported": copy.deepcopy(self.metadata)},
                "version": self.version,
            },
            "timestamp": reading.at,
        }


def initial_shadow(vehicle: Vehicle, version: int, parked: Reading) -> Shadow:
    """The shadow as the previous evening left it (or an empty one for a brand-new thing)."""
    shadow = Shadow(vehicle, version=0 if vehicle.new_thing else version, exists=False)
    if vehicle.new_thing:
        return shadow
    shadow.reported = shadow.delta(parked)
    shadow.reported["ignition"] = "0"
    shadow.metadata = shadow.stamp(shadow.reported, parked.at)
    shadow.exists = True
    return shadow


def rule_output(thing_name: str, body: JsonObject, *, flat: bool) -> str:
    """The event as the rule serialises it: compact JSON, its own fields first."""
    topic = f"$aws/things/{thing_name}/shadow/update/{'accepted' if flat else 'documents'}"
    return json.dumps(
        {**body, "thingnm": thing_name, "thetopic": topic},
        separators=(",", ":"),
        ensure_ascii=False,
    )
