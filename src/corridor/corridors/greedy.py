"""The baseline: a greedy planner that fills each open window as it comes.

Slots are taken in time order (corridors in file order at the same time). In
each, while the window has room and vehicles are back:

1. stretcher vehicles for the wounded still waiting whose deadline they can
   meet, loaded earliest deadline first (whatever the severity);
2. trucks for the food still due after they arrive, loaded to the district
   with the largest deficit first, its earliest rations first (within the
   stock outside);
3. seated vehicles (buses, private cars) for people wishing to leave, from
   the district with most people waiting first.

It ignores closure risk and never holds capacity back for a later, more
urgent need: that is what the MILP is measured against. ``reload=True``
keeps its trips but loads them optimally (:func:`~corridor.corridors.plan.
assemble`), to separate what the trip choice costs from what the loading
rule costs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from corridor.corridors.plan import Load, Plan, assemble, loaded_plan
from corridor.corridors.scenario import Scenario
from corridor.corridors.slots import FleetLedger, Slot, Timeline, Trip, timeline

__all__ = ["plan_greedy"]

_EPS = 1e-9


@dataclass
class _Group:
    by: float
    left: float
    district: str
    severity: str


class _Waiting:
    """What is still to move, as the greedy sees it."""

    def __init__(self, scenario: Scenario) -> None:
        self.wounded = sorted(
            (
                _Group(scenario.hours(g.by), float(g.count), need.district, g.severity)
                for need in scenario.needs
                for g in need.wounded
                if g.count > 0
            ),
            key=lambda g: (g.by, g.district, g.severity),
        )
        self.food = {
            need.district: sorted(
                [scenario.hours(f.by), f.tonnes] for f in need.food_items(scenario.end)
            )
            for need in scenario.needs
        }
        self.leaving = {n.district: n.leaving for n in scenario.needs if n.leaving}
        self.stock = [
            (scenario.hours(s.available) if s.available else -math.inf, s.tonnes)
            for s in scenario.stock
        ]
        self.stock_used = 0.0

    def wounded_due(self, arrival: float) -> float:
        return sum(g.left for g in self.wounded if g.by >= arrival - _EPS)

    def take_wounded(self, places: float, arrival: float) -> list[Load]:
        loads = []
        for group in self.wounded:  # earliest deadline first
            if places <= _EPS:
                break
            if group.by < arrival - _EPS or group.left <= 0:
                continue
            take = min(places, group.left)
            group.left -= take
            places -= take
            loads.append(Load(group.district, "wounded", take, group.severity))
        return loads

    def food_due(self, arrival: float) -> dict[str, float]:
        return {
            d: sum(t for by, t in items if by >= arrival - _EPS)
            for d, items in self.food.items()
        }

    def stock_left(self, departure: float) -> float:
        if not self.stock:
            return math.inf
        ready = sum(t for at, t in self.stock if at <= departure + _EPS)
        return max(ready - self.stock_used, 0.0)

    def take_food(self, tonnes: float, arrival: float) -> list[Load]:
        due = self.food_due(arrival)
        loads = []
        for district in sorted(due, key=lambda d: (-due[d], d)):
            if tonnes <= _EPS:
                break
            given = 0.0
            for item in self.food[district]:  # earliest ration first
                if tonnes <= _EPS:
                    break
                if item[0] < arrival - _EPS or item[1] <= _EPS:
                    continue
                take = min(tonnes, item[1])
                item[1] -= take
                tonnes -= take
                given += take
            if given > _EPS:
                loads.append(Load(district, "food", given))
                self.stock_used += given
        return loads

    def take_evacuees(self, seats: int) -> list[Load]:
        loads = []
        for district in sorted(self.leaving, key=lambda d: (-self.leaving[d], d)):
            if seats <= 0:
                break
            take = min(seats, self.leaving[district])
            if take > 0:
                self.leaving[district] -= take
                seats -= take
                loads.append(Load(district, "evacuees", take))
        return loads


def plan_greedy(
    scenario: Scenario, *, line: Timeline | None = None, reload: bool = False
) -> Plan:
    """The earliest-deadline / largest-deficit baseline plan."""
    began = time.perf_counter()
    line = line or timeline(scenario)
    ledger = FleetLedger(line)
    waiting = _Waiting(scenario)
    loaded: list[tuple[Trip, Sequence[Load]]] = []
    order = sorted(range(len(scenario.fleet)), key=lambda v: _rank(scenario, v))
    for slot in line.slots:
        corridor = scenario.corridors[slot.corridor]
        for vi in order:
            vehicle = scenario.fleet[vi]
            if not line.usable[vi, slot.corridor]:
                continue
            if corridor.carries_people and vehicle.stretchers:
                due = waiting.wounded_due(slot.people_arrival)
                k = _send(ledger, vi, slot, due, vehicle.stretchers)
                if k:
                    cargo = waiting.take_wounded(
                        k * vehicle.stretchers, slot.people_arrival
                    )
                    loaded.append((Trip(slot.index, vi, k), cargo))
            elif corridor.carries_food and vehicle.tonnes and not vehicle.one_way:
                want = min(
                    sum(waiting.food_due(slot.food_arrival).values()),
                    waiting.stock_left(slot.departure),
                )
                k = _send(ledger, vi, slot, want, vehicle.tonnes)
                if k:
                    cargo = waiting.take_food(
                        min(k * vehicle.tonnes, want), slot.food_arrival
                    )
                    loaded.append((Trip(slot.index, vi, k), cargo))
            elif corridor.carries_people and vehicle.seats:
                if slot.people_arrival > line.end + _EPS:
                    continue
                left = sum(waiting.leaving.values())
                k = _send(ledger, vi, slot, left, vehicle.seats)
                if k:
                    cargo = waiting.take_evacuees(k * vehicle.seats)
                    loaded.append((Trip(slot.index, vi, k), cargo))
    seconds = time.perf_counter() - began
    if reload:
        trips = [trip for trip, _ in loaded]
        return assemble(line, trips, method="greedy-reloaded", seconds=seconds)
    return loaded_plan(line, loaded, method="greedy", seconds=seconds)


def _rank(scenario: Scenario, vehicle: int) -> int:
    """Stretcher vehicles first, then trucks, then seats."""
    kind = scenario.fleet[vehicle]
    if kind.stretchers:
        return 0
    return 1 if kind.tonnes and not kind.one_way else 2


def _send(
    ledger: FleetLedger, vehicle: int, slot: Slot, amount: float, per_vehicle: float
) -> int:
    if amount <= _EPS:
        return 0
    k = min(ledger.room(vehicle, slot), math.ceil(amount / per_vehicle - _EPS))
    if k <= 0:
        return 0
    ledger.book(vehicle, slot, k)
    return k
