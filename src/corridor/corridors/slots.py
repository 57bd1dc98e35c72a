"""The departure slots of a scenario and the fleet's availability over time.

Both planners, the plan checker and the closure scoring work on the same
expansion: every open window becomes one or more departure :class:`Slot` s
(one every ``scenario.slot``), and a :class:`FleetLedger` tracks how many
vehicles of each type are out at every moment a departure or a seizure can
happen.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt

from corridor.corridors.scenario import Scenario

__all__ = ["FleetLedger", "Slot", "Timeline", "Trip", "timeline"]

_EPS = 1e-9


@dataclass(frozen=True)
class Slot:
    """One departure time through one corridor window (hours from start)."""

    index: int
    corridor: int
    window: int
    departure: float
    risk: float
    food_arrival: float
    people_arrival: float


@dataclass(frozen=True)
class Trip:
    """``count`` vehicles of type ``vehicle`` leaving in slot ``slot``."""

    slot: int
    vehicle: int
    count: int


@dataclass(frozen=True)
class Timeline:
    """Slots, window capacities and fleet availability of one scenario."""

    scenario: Scenario
    slots: tuple[Slot, ...]
    capacity: dict[tuple[int, int], int]
    points: npt.NDArray[np.float64]
    available: npt.NDArray[np.int64]  # [vehicle, point]
    spans: npt.NDArray[np.float64]  # [vehicle, corridor] hours busy, inf one-way
    usable: npt.NDArray[np.bool_]  # [vehicle, corridor]
    end: float  # hours from start to the end of the horizon

    def covered(self, vehicle: int, slot: Slot) -> tuple[int, int]:
        """Index range of the points at which a trip in ``slot`` is still out."""
        span = self.spans[vehicle, slot.corridor]
        lo = int(np.searchsorted(self.points, slot.departure - _EPS, "left"))
        if math.isinf(span):
            return lo, len(self.points)
        hi = int(np.searchsorted(self.points, slot.departure + span - _EPS, "left"))
        return lo, max(hi, lo + 1)


def timeline(scenario: Scenario) -> Timeline:
    """Expand ``scenario`` into departure slots within its horizon."""
    end = scenario.hours(scenario.end)
    step = scenario.slot
    fleet = scenario.fleet
    usable = np.array(
        [[v.usable_on(c) for c in scenario.corridors] for v in fleet], dtype=bool
    ).reshape(len(fleet), len(scenario.corridors))
    raw: list[tuple[float, int, int, float, float, float]] = []
    capacity: dict[tuple[int, int], int] = {}
    for ci, corridor in enumerate(scenario.corridors):
        if not usable[:, ci].any():
            continue
        transit = corridor.transit.total_seconds() / 3600
        for wi, window in enumerate(corridor.windows):
            cap = corridor.window_capacity(window)
            if cap <= 0:
                continue
            capacity[(ci, wi)] = cap
            risk = corridor.window_risk(window)
            moment = max(window.start, scenario.start)
            while moment < window.end and moment < scenario.end:
                departure = scenario.hours(moment)
                raw.append(
                    (
                        departure,
                        ci,
                        wi,
                        risk,
                        departure + transit,
                        departure + 2 * transit,
                    )
                )
                moment += step
    raw.sort(key=lambda r: (r[0], r[1]))
    slots = tuple(
        Slot(i, ci, wi, dep, risk, food, people)
        for i, (dep, ci, wi, risk, food, people) in enumerate(raw)
    )
    times = {s.departure for s in slots}
    for vehicle in fleet:
        times.update(scenario.hours(z.at) for z in vehicle.seizures)
    points = np.array(sorted(times) or [0.0], dtype=np.float64)
    available = np.zeros((len(fleet), len(points)), dtype=np.int64)
    for vi, vehicle in enumerate(fleet):
        available[vi] = vehicle.count
        for seizure in vehicle.seizures:
            at = scenario.hours(seizure.at)
            first = int(np.searchsorted(points, at - _EPS, "left"))
            available[vi, first:] -= seizure.count
    np.maximum(available, 0, out=available)
    spans = np.zeros((len(fleet), len(scenario.corridors)), dtype=np.float64)
    for vi, vehicle in enumerate(fleet):
        for ci, corridor in enumerate(scenario.corridors):
            if vehicle.one_way:
                spans[vi, ci] = math.inf
            else:
                busy = 2 * corridor.transit + vehicle.turnaround
                spans[vi, ci] = max(busy, timedelta(minutes=1)).total_seconds() / 3600
    return Timeline(scenario, slots, capacity, points, available, spans, usable, end)


class FleetLedger:
    """Vehicles out at every point; answers how many more can leave in a slot."""

    def __init__(self, line: Timeline) -> None:
        self.line = line
        self.used = np.zeros_like(line.available)
        self.window_used: dict[tuple[int, int], int] = {}

    def room(self, vehicle: int, slot: Slot) -> int:
        """How many vehicles of this type can still leave in ``slot``."""
        if not self.line.usable[vehicle, slot.corridor]:
            return 0
        lo, hi = self.line.covered(vehicle, slot)
        free = self.line.available[vehicle, lo:hi] - self.used[vehicle, lo:hi]
        fleet = int(free.min()) if len(free) else 0
        key = (slot.corridor, slot.window)
        window = self.line.capacity[key] - self.window_used.get(key, 0)
        return max(min(fleet, window), 0)

    def book(self, vehicle: int, slot: Slot, count: int) -> None:
        lo, hi = self.line.covered(vehicle, slot)
        self.used[vehicle, lo:hi] += count
        key = (slot.corridor, slot.window)
        self.window_used[key] = self.window_used.get(key, 0) + count

    def violations(self) -> list[str]:
        """Where booked trips exceed the fleet or a window's capacity."""
        problems = []
        over = np.argwhere(self.used > self.line.available)
        for vi, pi in over[:5]:
            problems.append(
                f"fleet {self.line.scenario.fleet[vi].id!r} over by "
                f"{self.used[vi, pi] - self.line.available[vi, pi]} "
                f"at hour {self.line.points[pi]:g}"
            )
        for key, used in self.window_used.items():
            if used > self.line.capacity[key]:
                corridor = self.line.scenario.corridors[key[0]].id
                problems.append(
                    f"corridor {corridor!r} window {key[1]} carries {used} vehicles, "
                    f"capacity {self.line.capacity[key]}"
                )
        return problems


def last_at_or_before(values: list[float], limit: float) -> int:
    """Index of the last value <= ``limit`` in a sorted list, or -1."""
    return bisect.bisect_right(values, limit + _EPS) - 1
