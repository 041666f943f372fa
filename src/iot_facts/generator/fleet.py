"""Seeded simulation of a delivery fleet around Helsinki: what each vehicle's tracker reports.

Vehicles drive legs on a road grid (500 m blocks, with diagonal avenues so that every compass
heading occurs) between delivery stops, in one day shift (Europe/Helsinki time) and parked at the
depot overnight. A tracker reports about once a minute while the ignition is on, once when it
turns on or off, and nothing while parked, except that a refrigerated truck's cold-chain unit
keeps reporting every five minutes during the shift's stops. Planted for the downstream
analytics: some vehicles speed above 90 km/h for 1-3 minutes once a day, and the first
refrigerated truck's temperature rises above 8 °C for 14-20 minutes once in the export.
"""

from __future__ import annotations

import math
import random
from collections.abc import Generator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
CITY_LAT, CITY_LON = 60.1699, 24.9384
BLOCK_M = 500.0
GRID = 12  # nodes either side of the centre: a 12 x 12 km area
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(CITY_LAT))
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
SETPOINT_C = 3.5  # the reefers' set temperature
EXCURSION_C = 8.0  # the cold-chain limit the excursion breaks
STREETS = (
    "Mannerheimintie",
    "Aleksanterinkatu",
    "Hämeentie",
    "Mechelininkatu",
    "Runeberginkatu",
    "Fredrikinkatu",
    "Mäkelänkatu",
    "Itämerenkatu",
    "Sörnäisten rantatie",
    "Tehtaankatu",
    "Helsinginkatu",
    "Kaisaniemenkatu",
)


@dataclass(frozen=True)
class Vehicle:
    """One thing in the registry, with the reporting quirks of its tracker firmware."""

    number: int
    thing_name: str
    refrigerated: bool
    depot: tuple[int, int]
    speeds: bool  # plans one speeding episode a day
    excursion: bool  # the one cold-chain excursion of the export
    latlon_fields: bool = False  # reports "latitude"/"longitude" instead of "location"
    reports_speed: bool = True
    millis_metadata: bool = False  # its metadata timestamps are epoch milliseconds
    new_thing: bool = False  # its shadow is created by the first event (previous is null)


@dataclass(frozen=True)
class Reading:
    """What the tracker sends at one instant (before the shadow service merges it)."""

    thing_name: str
    at: int  # epoch seconds
    lat: float
    lon: float
    speed_kmh: int
    heading: str
    ignition: bool
    temperature: float | None  # refrigerated trucks only
    address: str | None  # reverse-geocoded by the tracker when the ignition goes off


@dataclass(frozen=True)
class Episode:
    thing_name: str
    kind: str  # speeding | cold_chain
    start: int  # epoch seconds of the first and last report inside the episode
    end: int


def build_fleet(vehicles: int, seed: int) -> list[Vehicle]:
    """Vehicles ``iotfleet_1..n``; the quirks sit on fixed numbers so the default fleet has all."""
    rng = random.Random(f"{seed}:fleet")  # noqa: S311  # sample data, not secrets
    fleet = []
    for n in range(1, vehicles + 1):
        fleet.append(
            Vehicle(
                number=n,
                thing_name=f"iotfleet_{n}",
                refrigerated=n % 4 == 1 or n % 8 == 6,
                depot=(rng.randint(-GRID // 2, GRID // 2), rng.randint(-GRID // 2, GRID // 2)),
                speeds=n % 3 == 2 or vehicles == 1,
                excursion=n == 1,
                latlon_fields=n == 3,
                reports_speed=n != 4,
                millis_metadata=n == 6,
                new_thing=n == 7,
            )
        )
    return fleet


def to_lat_lon(x_m: float, y_m: float) -> tuple[float, float]:
    return CITY_LAT + y_m / M_PER_DEG_LAT, CITY_LON + x_m / M_PER_DEG_LON


def compass(dx: float, dy: float) -> str:
    bearing = math.degrees(math.atan2(dx, dy)) % 360  # clockwise from north
    return COMPASS[round(bearing / 45) % 8]


def address(node: tuple[int, int], rng: random.Random) -> str:
    street = STREETS[(node[0] * 7 + node[1] * 3) % len(STREETS)]
    postcode = f"00{100 + (abs(node[0]) * 13 + abs(node[1]) * 10) % 900}"
    return f"{street} {rng.randint(1, 60)}, {postcode} Helsinki, Finland"


def _route(
    start: tuple[int, int], goal: tuple[int, int], rng: random.Random
) -> list[tuple[int, int]]:
    """Grid nodes from start to goal: diagonal avenues where both axes still differ, sometimes."""
    nodes = [start]
    x, y = start
    while (x, y) != goal:
        dx = (goal[0] > x) - (goal[0] < x)
        dy = (goal[1] > y) - (goal[1] < y)
        if dx and dy and rng.random() < 0.6:  # not an avenue here: one axis at a time
            if rng.random() < 0.5:
                dx = 0
            else:
                dy = 0
        x, y = x + dx, y + dy
        nodes.append((x, y))
    return nodes


def _destination(here: tuple[int, int], rng: random.Random, far: bool) -> tuple[int, int]:
    reach = 12 if far else 5
    while True:
        goal = (
            max(-GRID, min(GRID, here[0] + rng.randint(-reach, reach))),
            max(-GRID, min(GRID, here[1] + rng.randint(-reach, reach))),
        )
        if abs(goal[0] - here[0]) + abs(goal[1] - here[1]) >= (16 if far else 3):
            return goal


class _Tracker:
    """One vehicle's state through the simulation; ``report`` makes a Reading of it."""

    def __init__(self, vehicle: Vehicle, rng: random.Random) -> None:
        self.vehicle = vehicle
        self.rng = rng
        self.x = vehicle.depot[0] * BLOCK_M
        self.y = vehicle.depot[1] * BLOCK_M
        self.heading = "N"
        self.excursion: tuple[int, int] | None = None  # [start, end) epoch seconds

    def temperature(self, at: int, door_open_since: int | None) -> float | None:
        if not self.vehicle.refrigerated:
            return None
        value = SETPOINT_C + self.rng.gauss(0, 0.25)
        if door_open_since is not None:  # doors open at a stop warm the box a little
            value += min(2.0, (at - door_open_since) / 600)
        if self.excursion:
            start, end = self.excursion
            if start - 300 <= at < start:  # the unit fails: the box warms towards the limit
                value += (EXCURSION_C + 0.6 - value) * (at - start + 300) / 300
            elif start <= at < end:
                value = EXCURSION_C + 0.6 + 2.5 * math.sin(math.pi * (at - start) / (end - start))
                value += self.rng.gauss(0, 0.15)
            elif end <= at < end + 600:  # repaired: cooling back down to the set point
                value += (EXCURSION_C - 0.5 - value) * (1 - (at - end) / 600)
        return round(value, 1)

    def report(
        self,
        at: int,
        speed: float,
        ignition: bool,
        door_open_since: int | None = None,
        where: str | None = None,
    ) -> Reading:
        noise = 4.0 if speed > 0 else 2.5  # GPS noise in metres
        lat, lon = to_lat_lon(self.x + self.rng.gauss(0, noise), self.y + self.rng.gauss(0, noise))
        return Reading(
            thing_name=self.vehicle.thing_name,
            at=at,
            lat=round(lat, 7),
            lon=round(lon, 7),
            speed_kmh=round(speed),
            heading=self.heading,
            ignition=ignition,
            temperature=self.temperature(at, door_open_since),
            address=where,
        )


def simulate(
    vehicle: Vehicle, start: datetime, days: int, seed: int
) -> Generator[Reading, None, None]:
    """The vehicle's readings in time order over ``days`` days from ``start`` (UTC midnight)."""
    rng = random.Random(f"{seed}:{vehicle.thing_name}")  # noqa: S311  # sample data
    tracker = _Tracker(vehicle, rng)
    here = vehicle.depot
    for day in range(days):
        local = (start + timedelta(days=day)).astimezone(HELSINKI).replace(hour=0, minute=0)
        shift_start = int((local + timedelta(minutes=rng.randint(390, 510))).timestamp())
        shift_end = shift_start + rng.randint(13 * 1800, 17 * 1800)
        speeding_leg = rng.randint(2, 5) if vehicle.speeds else -1
        if vehicle.excursion and day == 0:
            begin = shift_start + rng.randint(2 * 3600, 4 * 3600)
            tracker.excursion = (begin, begin + rng.randint(14 * 60, 20 * 60))
        at = shift_start
        leg = 0
        while True:
            homeward = at >= shift_end
            goal = vehicle.depot if homeward else _destination(here, rng, far=leg == speeding_leg)
            if goal == here:
                break
            at = yield from _drive(tracker, at, _route(here, goal, rng), leg == speeding_leg)
            here = goal
            where = address(here, rng)
            yield tracker.report(at, 0, ignition=False, where=where)
            if homeward:
                break
            stop = rng.randint(10 * 60, 35 * 60)
            if vehicle.refrigerated:  # the cold-chain unit reports through the stop
                for t in range(at + 300, at + stop, 300):
                    yield tracker.report(t, 0, ignition=False, door_open_since=at)
            at += stop
            leg += 1


def _drive(
    tracker: _Tracker, at: int, nodes: list[tuple[int, int]], speeding: bool
) -> Generator[Reading, None, int]:
    """Drive along ``nodes``, reporting about once a minute; returns the arrival time."""
    rng = tracker.rng
    yield tracker.report(at, 0, ignition=True)
    points = [(n[0] * BLOCK_M, n[1] * BLOCK_M) for n in nodes]
    segment = 1
    speeding_from = at + rng.randint(60, 120) if speeding else None
    speeding_until = speeding_from + rng.randint(60, 180) if speeding_from else None
    while segment < len(points):
        step = rng.randint(55, 85)
        if speeding_from and speeding_until and speeding_from <= at < speeding_until:
            # trackers report on a change of speed, so a speeding stretch is densely sampled
            step = rng.randint(20, 30)
            speed = rng.uniform(92, 114)
        elif rng.random() < 0.08:  # a red light or a queue
            speed = 0.0
        else:
            speed = rng.uniform(28, 58)
        travel = speed / 3.6 * step
        while travel > 0 and segment < len(points):
            tx, ty = points[segment]
            dx, dy = tx - tracker.x, ty - tracker.y
            left = math.hypot(dx, dy)
            tracker.heading = compass(dx, dy) if left > 0 else tracker.heading
            if left <= travel:
                tracker.x, tracker.y = tx, ty
                travel -= left
                segment += 1
            else:
                tracker.x += dx / left * travel
                tracker.y += dy / left * travel
                travel = 0
        if segment >= len(points):  # arrived during this step: part of it was spent driving
            at += max(5, round(step - travel / max(speed / 3.6, 1e-9)))
            return at
        at += step
        yield tracker.report(at, speed, ignition=True)
    return at


def episodes(readings: list[Reading], limit_kmh: int = 90) -> list[Episode]:
    """The speeding and cold-chain episodes as the reports show them (one thing, time order)."""
    found: list[Episode] = []
    for kind, test in (
        ("speeding", lambda r: r.speed_kmh > limit_kmh),
        ("cold_chain", lambda r: r.temperature is not None and r.temperature > EXCURSION_C),
    ):
        run: list[Reading] = []
        for reading in [*readings, None]:
            if reading is not None and test(reading):
                run.append(reading)
            elif run:
                found.append(Episode(run[0].thing_name, kind, run[0].at, run[-1].at))
                run = []
    return found


def epoch(value: datetime) -> int:
    return int(value.astimezone(UTC).timestamp())
