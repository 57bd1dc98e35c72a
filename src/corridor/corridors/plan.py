"""Plans, their movements, and the objective every planner is judged by.

A :class:`Plan` is a list of :class:`Movement` s (so many vehicles of one type
through one corridor window at one departure time, with their :class:`Load` s:
tonnes of food to a district, evacuees or stretcher cases from a district) and
an :class:`Objective`: unmet need weighted by priority plus risk exposure.

:func:`assemble` turns bare trips into a plan by loading them optimally:

* food: trips in order of arrival, each filling the district items whose
  deadline is earliest and not yet past (earliest-deadline-first is optimal
  when every tonne weighs the same); stock outside is used as it becomes
  available;
* wounded: groups in order of weight (severity), each taking the latest
  stretcher arriving by its deadline, which leaves earlier ones for tighter
  deadlines (the classic greedy for unit jobs with deadlines, optimal);
* evacuees: seats in order of arrival (earliest first, which also keeps the
  person-days of waiting lowest), districts with most people wishing to leave
  first; only seats reaching safety within the horizon count.

Movements that carry nothing are dropped. The MILP, the greedy baseline and
the closure scoring all go through this one function, so their objectives are
computed the same way.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from corridor.corridors.scenario import SEVERITIES, Weights
from corridor.corridors.slots import Timeline, Trip, last_at_or_before

__all__ = [
    "Load",
    "Movement",
    "Objective",
    "Plan",
    "assemble",
    "loaded_plan",
    "summary",
]

_EPS = 1e-9
LoadKind = Literal["food", "evacuees", "wounded"]


@dataclass(frozen=True)
class Load:
    """Part of a movement's cargo for one district (tonnes or people)."""

    district: str
    kind: LoadKind
    amount: float
    severity: str | None = None


@dataclass(frozen=True)
class Movement:
    """``count`` vehicles of one type through one corridor window."""

    vehicle: str
    count: int
    corridor: str
    window: int
    departure: datetime
    loads: tuple[Load, ...] = ()
    risk: float = 0.0

    @property
    def food_tonnes(self) -> float:
        return sum(x.amount for x in self.loads if x.kind == "food")

    @property
    def evacuees(self) -> int:
        return round(sum(x.amount for x in self.loads if x.kind == "evacuees"))

    @property
    def stretcher_cases(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for x in self.loads:
            if x.kind == "wounded" and x.severity:
                out[x.severity] += round(x.amount)
        return dict(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vehicle": self.vehicle,
            "count": self.count,
            "corridor": self.corridor,
            "window": self.window,
            "departure": self.departure.isoformat(timespec="minutes"),
            "risk": self.risk,
            "food_tonnes": round(self.food_tonnes, 3),
            "evacuees": self.evacuees,
            "stretcher_cases": self.stretcher_cases,
            "loads": [
                {"district": x.district, "kind": x.kind, "amount": round(x.amount, 3)}
                | ({"severity": x.severity} if x.severity else {})
                for x in self.loads
            ],
        }


@dataclass(frozen=True)
class Objective:
    """Unmet need and risk, in units and weighted (lower is better)."""

    weights: Weights
    wounded_unmet: dict[str, int]
    food_short: float
    evacuees_unmet: int
    risk_exposure: float
    waiting_days: float = 0.0
    wounded_moved: dict[str, int] = field(default_factory=dict)
    food_delivered: float = 0.0
    evacuated: int = 0

    @property
    def wounded_cost(self) -> float:
        return sum(self.weights.wounded(s) * n for s, n in self.wounded_unmet.items())

    @property
    def food_cost(self) -> float:
        return self.weights.food * self.food_short

    @property
    def evacuee_cost(self) -> float:
        return self.weights.evacuee * self.evacuees_unmet

    @property
    def risk_cost(self) -> float:
        return self.weights.risk * self.risk_exposure

    @property
    def waiting_cost(self) -> float:
        return self.weights.waiting * self.waiting_days

    @property
    def unmet(self) -> float:
        """Weighted unmet need (and waiting), without the risk term."""
        return (
            self.wounded_cost + self.food_cost + self.evacuee_cost + self.waiting_cost
        )

    @property
    def total(self) -> float:
        return self.unmet + self.risk_cost

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": round(self.total, 3),
            "unmet": round(self.unmet, 3),
            "terms": {
                "wounded": round(self.wounded_cost, 3),
                "food": round(self.food_cost, 3),
                "evacuees": round(self.evacuee_cost, 3),
                "waiting": round(self.waiting_cost, 3),
                "risk": round(self.risk_cost, 3),
            },
            "wounded_unmet": self.wounded_unmet,
            "food_short_tonnes": round(self.food_short, 3),
            "evacuees_unmet": self.evacuees_unmet,
            "risk_exposure": round(self.risk_exposure, 3),
            "waiting_person_days": round(self.waiting_days, 3),
            "wounded_moved": self.wounded_moved,
            "food_delivered_tonnes": round(self.food_delivered, 3),
            "evacuated": self.evacuated,
        }


@dataclass(frozen=True)
class Plan:
    """A schedule and how good it is; solver fields are None for the greedy."""

    scenario: str
    method: str
    start: datetime
    horizon: timedelta
    movements: tuple[Movement, ...]
    objective: Objective
    status: str = "done"
    gap: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    trips: tuple[Trip, ...] = ()
    size: dict[str, int] = field(default_factory=dict)
    solver_objective: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "method": self.method,
            "start": self.start.isoformat(timespec="minutes"),
            "horizon_hours": self.horizon.total_seconds() / 3600,
            "status": self.status,
            "gap": self.gap,
            "bound": self.bound,
            "seconds": round(self.seconds, 3),
            "size": self.size,
            "solver_objective": self.solver_objective,
            "objective": self.objective.to_dict(),
            "movements": [m.to_dict() for m in self.movements],
        }


def summary(plan: Plan) -> str:
    """A few lines for a terminal: objective, terms, gap, time, what moves."""
    o = plan.objective
    gap = "n/a" if plan.gap is None else f"{plan.gap:.2%}"
    moved = ", ".join(f"{s} {n}" for s, n in o.wounded_moved.items() if n) or "none"
    return "\n".join(
        [
            f"plan {plan.scenario!r} ({plan.method}): status {plan.status}, "
            f"gap {gap}, {plan.seconds:.2f} s",
            f"objective {o.total:,.1f} = wounded {o.wounded_cost:,.1f} + food "
            f"{o.food_cost:,.1f} + evacuees {o.evacuee_cost:,.1f} + waiting "
            f"{o.waiting_cost:,.1f} + risk {o.risk_cost:,.1f}",
            f"moves: {len(plan.movements)} movements, "
            f"{sum(m.count for m in plan.movements)} vehicle trips; "
            f"food {o.food_delivered:,.1f} t on time (short {o.food_short:,.1f} t); "
            f"evacuees {o.evacuated:,} (left behind {o.evacuees_unmet:,}); "
            f"stretcher cases {moved}",
        ]
    )


def assemble(
    line: Timeline,
    trips: Iterable[Trip],
    *,
    method: str,
    status: str = "done",
    gap: float | None = None,
    bound: float | None = None,
    seconds: float = 0.0,
) -> Plan:
    """Load ``trips`` optimally and score them (see the module docstring)."""
    merged: dict[tuple[int, int], int] = defaultdict(int)
    for trip in trips:
        if trip.count > 0:
            merged[(trip.slot, trip.vehicle)] += trip.count
    order = sorted(merged.items())
    loads: list[list[Load]] = [[] for _ in order]
    _load_food(line, order, loads)
    _load_wounded(line, order, loads)
    _load_evacuees(line, order, loads)
    return loaded_plan(
        line,
        [
            (Trip(si, vi, n), cargo)
            for ((si, vi), n), cargo in zip(order, loads, strict=True)
        ],
        method=method,
        status=status,
        gap=gap,
        bound=bound,
        seconds=seconds,
    )


def loaded_plan(
    line: Timeline,
    loaded: Sequence[tuple[Trip, Sequence[Load]]],
    *,
    method: str,
    status: str = "done",
    gap: float | None = None,
    bound: float | None = None,
    seconds: float = 0.0,
) -> Plan:
    """Score trips whose loads are already decided (trips carrying nothing drop).

    The loads must respect capacities and deadlines: the greedy planner's do
    by construction, and :func:`assemble` makes such loads.
    """
    scenario = line.scenario
    movements = []
    kept = []
    exposure = 0.0
    food_done = 0.0
    evacuated = 0
    waiting = 0.0
    moved = dict.fromkeys(SEVERITIES, 0)
    for trip, cargo in loaded:
        if not cargo or trip.count <= 0:
            continue
        slot = line.slots[trip.slot]
        exposure += trip.count * slot.risk
        for load in cargo:
            if load.kind == "food":
                food_done += load.amount
            elif load.kind == "evacuees":
                evacuated += round(load.amount)
                waiting += load.amount * slot.people_arrival / 24
            elif load.severity is not None:
                moved[load.severity] += round(load.amount)
        kept.append(trip)
        movements.append(
            Movement(
                vehicle=scenario.fleet[trip.vehicle].id,
                count=trip.count,
                corridor=scenario.corridors[slot.corridor].id,
                window=slot.window,
                departure=scenario.start + timedelta(hours=slot.departure),
                loads=tuple(cargo),
                risk=slot.risk,
            )
        )
    totals = scenario.totals()
    leaving = round(totals["leaving"])
    waiting += (leaving - evacuated) * line.end / 24
    objective = Objective(
        weights=scenario.weights,
        wounded_unmet={s: round(totals[f"wounded_{s}"]) - moved[s] for s in SEVERITIES},
        food_short=max(totals["food_tonnes"] - food_done, 0.0),
        evacuees_unmet=leaving - evacuated,
        risk_exposure=exposure,
        waiting_days=waiting,
        wounded_moved=moved,
        food_delivered=food_done,
        evacuated=evacuated,
    )
    return Plan(
        scenario=scenario.name,
        method=method,
        start=scenario.start,
        horizon=scenario.horizon,
        movements=tuple(movements),
        objective=objective,
        status=status,
        gap=gap,
        bound=bound,
        seconds=seconds,
        trips=tuple(kept),
    )


def _load_food(
    line: Timeline, order: list[tuple[tuple[int, int], int]], loads: list[list[Load]]
) -> None:
    scenario = line.scenario
    items: list[tuple[float, str, float]] = []
    for need in scenario.needs:
        for food in need.food_items(scenario.end):
            items.append((scenario.hours(food.by), need.district, food.tonnes))
    items.sort()
    stock = sorted(
        (scenario.hours(s.available) if s.available else -1e18, s.tonnes)
        for s in scenario.stock
    )
    limited = bool(scenario.stock)
    carriers = []
    for k, ((si, vi), count) in enumerate(order):
        slot = line.slots[si]
        vehicle = scenario.fleet[vi]
        corridor = scenario.corridors[slot.corridor]
        if corridor.carries_food and vehicle.tonnes > 0 and not vehicle.one_way:
            carriers.append(
                (slot.food_arrival, slot.departure, k, count * vehicle.tonnes)
            )
    carriers.sort()
    heap: list[tuple[float, int, str]] = []
    left = [t for _, _, t in items]
    nxt = 0
    used = 0.0
    for arrival, departure, k, capacity in carriers:
        while nxt < len(items) and items[nxt][0] < arrival - _EPS:
            nxt += 1  # due before this trip can arrive: never reachable again
        while nxt < len(items) and items[nxt][0] >= arrival - _EPS:
            heapq.heappush(heap, (items[nxt][0], nxt, items[nxt][1]))
            nxt += 1
        if limited:
            ready = sum(t for at, t in stock if at <= departure + _EPS)
            capacity = min(capacity, max(ready - used, 0.0))
        given: dict[str, float] = defaultdict(float)
        while capacity > _EPS and heap:
            by, idx, district = heap[0]
            if by < arrival - _EPS:
                heapq.heappop(heap)
                continue
            take = min(capacity, left[idx])
            left[idx] -= take
            capacity -= take
            given[district] += take
            if left[idx] <= _EPS:
                heapq.heappop(heap)
        for district, amount in given.items():
            loads[k].append(Load(district, "food", amount))
            used += amount


def _load_wounded(
    line: Timeline, order: list[tuple[tuple[int, int], int]], loads: list[list[Load]]
) -> None:
    scenario = line.scenario
    carriers = []
    for k, ((si, vi), count) in enumerate(order):
        slot = line.slots[si]
        vehicle = scenario.fleet[vi]
        if scenario.corridors[slot.corridor].carries_people and vehicle.stretchers:
            carriers.append((slot.people_arrival, k, count * vehicle.stretchers))
    carriers.sort()
    arrivals = [a for a, _, _ in carriers]
    room = [c for _, _, c in carriers]
    parent = list(range(len(carriers)))

    def find(i: int) -> int:
        # the latest carrier at or before i with room left, or -1
        root = i
        while root >= 0 and parent[root] != root:
            root = parent[root]
        while i >= 0 and parent[i] != i:
            parent[i], i = root, parent[i]
        return root

    groups = [
        (-scenario.weights.wounded(w.severity), scenario.hours(w.by), n.district, w)
        for n in scenario.needs
        for w in n.wounded
    ]
    groups.sort(key=lambda g: (g[0], g[1], g[2]))
    for _, by, district, group in groups:
        left = group.count
        i = find(last_at_or_before(arrivals, by))
        while left > 0 and i >= 0:
            take = min(left, room[i])
            room[i] -= take
            left -= take
            k = carriers[i][1]
            loads[k].append(Load(district, "wounded", take, group.severity))
            if room[i] == 0:
                parent[i] = i - 1
                i = find(i - 1)


def _load_evacuees(
    line: Timeline, order: list[tuple[tuple[int, int], int]], loads: list[list[Load]]
) -> None:
    scenario = line.scenario
    queue = sorted(
        ((n.leaving, n.district) for n in scenario.needs if n.leaving > 0),
        key=lambda p: (-p[0], p[1]),
    )
    counts = [count for count, _ in queue]
    names = [district for _, district in queue]
    carriers = []
    for k, ((si, vi), count) in enumerate(order):
        slot = line.slots[si]
        vehicle = scenario.fleet[vi]
        corridor = scenario.corridors[slot.corridor]
        arrives = slot.people_arrival <= line.end + _EPS
        if corridor.carries_people and vehicle.seats and arrives:
            carriers.append((slot.people_arrival, k, count * vehicle.seats))
    carriers.sort()
    head = 0
    for _, k, seats in carriers:
        while seats > 0 and head < len(counts):
            take = min(seats, counts[head])
            seats -= take
            counts[head] -= take
            loads[k].append(Load(names[head], "evacuees", take))
            if counts[head] == 0:
                head += 1
