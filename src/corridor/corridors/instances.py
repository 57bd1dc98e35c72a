"""Synthetic, seeded instance families for the planner benchmark and tests.

Families (as the issue sets them):

* ``small``: 2 corridors, 7 days of hourly windows, 20 vehicles, 5 districts,
  50 wounded;
* ``medium``: 4 corridors, 30 days, 100 vehicles, 20 districts, 500 wounded;
* ``large``: 6 corridors, 60 days, 300 vehicles, 50 districts, 2,000 wounded.

Stress cases share one base (3 corridors, 14 days, 60 vehicles, 10 districts,
200 wounded) and change the windows or the fleet: daily pauses of 3 h or 5 h,
48-hour windows, a cancelled day of pauses, a 48-hour pause in the middle of
round-the-clock operation, and half of every vehicle type seized on day 4.

Every instance is drawn from ``numpy.random.default_rng(seed)``: corridors
alternate ``both`` / ``aid-in`` / ``evacuation-out``, transit 1-3 h, closure
risk 0.05-0.5; the fleet is half trucks (10 t, 8-12 h turnaround), 30% buses
(50 seats, 4 h) and 20% ambulances (2 stretchers, 4 h); districts of
5,000-30,000 people with 0 to half the horizon of food left, 5-20% wishing to
leave; wounded 20% critical (out within 24-72 h), 40% serious (3-10 days),
40% moderate (7-30 days); food stock outside 80% of the food due, half at
the start and half a third of the way in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np

from corridor.corridors.scenario import (
    Corridor,
    CorridorKind,
    FoodNeed,
    Need,
    Scenario,
    Seizure,
    Stock,
    VehicleType,
    Window,
    WoundedNeed,
)

__all__ = ["FAMILIES", "STRESS", "Family", "make_instance", "stress_instance"]

START = datetime(2016, 12, 1)
_KINDS: tuple[CorridorKind, ...] = ("both", "aid-in", "evacuation-out")


@dataclass(frozen=True)
class Family:
    """The size of one family of instances."""

    name: str
    corridors: int
    days: int
    vehicles: int
    districts: int
    wounded: int
    capacity: tuple[int, int] = (2, 6)  # vehicles per hourly window, drawn


FAMILIES = {
    "small": Family("small", 2, 7, 20, 5, 50),
    "medium": Family("medium", 4, 30, 100, 20, 500, (3, 8)),
    "large": Family("large", 6, 60, 300, 50, 2000, (5, 12)),
}
STRESS_BASE = Family("stress", 3, 14, 60, 10, 200, (4, 10))
STRESS = (
    "windows-3h",
    "windows-5h",
    "windows-48h",
    "cancelled-window",
    "pause-mid-operation",
    "seized-vehicles",
)


def make_instance(family: Family, seed: int = 0) -> Scenario:
    """An instance of ``family`` with hourly windows round the clock."""
    rng = np.random.default_rng(seed)
    hours = family.days * 24
    corridors = []
    for i in range(family.corridors):
        cap = int(rng.integers(family.capacity[0], family.capacity[1] + 1))
        corridors.append(
            Corridor(
                id=f"c{i + 1}",
                origin="outside",
                destination="inside",
                kind=_KINDS[i % 3],
                windows=tuple(
                    Window(START + timedelta(hours=h), START + timedelta(hours=h + 1))
                    for h in range(hours)
                ),
                capacity=cap,
                transit=timedelta(hours=int(rng.integers(1, 4))),
                risk=round(float(rng.uniform(0.05, 0.5)), 3),
            )
        )
    return Scenario(
        name=f"{family.name}-{seed}",
        start=START,
        horizon=timedelta(days=family.days),
        corridors=tuple(corridors),
        fleet=_fleet(rng, family.vehicles),
        needs=(needs := _needs(rng, family)),
        stock=_stock(needs, family.days),
    )


def stress_instance(case: str, seed: int = 0, *, disrupted: bool = True) -> Scenario:
    """One of :data:`STRESS`, on the stress base.

    ``disrupted=False`` gives the same instance as it was planned before the
    disruption: no window cancelled, no pause, no vehicle seized.
    """
    if case not in STRESS:
        raise ValueError(f"unknown stress case {case!r}; known: {', '.join(STRESS)}")
    base = make_instance(STRESS_BASE, seed)
    days = STRESS_BASE.days
    rng = np.random.default_rng(seed + 1000)

    def daily(length: int, skip: set[int] | None = None) -> tuple[Window, ...]:
        return tuple(
            Window(
                START + timedelta(days=d, hours=10),
                START + timedelta(days=d, hours=10 + length),
                cancelled=disrupted and d in (skip or set()),
            )
            for d in range(days)
        )

    corridors = []
    for corridor in base.corridors:
        per_hour = corridor.capacity
        if case == "windows-3h":
            new = replace(corridor, windows=daily(3), capacity=3 * per_hour)
        elif case in ("windows-5h", "seized-vehicles"):
            new = replace(corridor, windows=daily(5), capacity=5 * per_hour)
        elif case == "cancelled-window":
            new = replace(corridor, windows=daily(3, {1, 2}), capacity=3 * per_hour)
        elif case == "windows-48h":
            windows = tuple(
                Window(START + timedelta(days=d), START + timedelta(days=d + 2))
                for d in range(0, days, 7)
            )
            new = replace(corridor, windows=windows, capacity=10 * per_hour)
        else:  # pause-mid-operation: round the clock, 48 h pause from day 5
            windows = tuple(
                Window(
                    START + timedelta(days=d),
                    START + timedelta(days=d + 1),
                    cancelled=disrupted and d in (5, 6),
                )
                for d in range(days)
            )
            new = replace(corridor, windows=windows, capacity=12 * per_hour)
        corridors.append(new)
    fleet = base.fleet
    if case == "seized-vehicles" and disrupted:
        fleet = tuple(
            replace(
                v,
                seizures=(
                    Seizure(
                        START + timedelta(days=3, hours=int(rng.integers(10, 15))),
                        max(v.count // 2, 1),
                    ),
                ),
            )
            for v in fleet
        )
    return replace(base, name=f"{case}-{seed}", corridors=tuple(corridors), fleet=fleet)


def _fleet(rng: np.random.Generator, total: int) -> tuple[VehicleType, ...]:
    trucks = total // 2
    buses = (total * 3) // 10
    ambulances = total - trucks - buses
    return (
        VehicleType(
            "truck",
            trucks,
            tonnes=10,
            turnaround=timedelta(hours=int(rng.integers(8, 13))),
        ),
        VehicleType("bus", buses, seats=50, turnaround=timedelta(hours=4)),
        VehicleType(
            "ambulance", ambulances, stretchers=2, turnaround=timedelta(hours=4)
        ),
    )


def _needs(rng: np.random.Generator, family: Family) -> tuple[Need, ...]:
    end = START + timedelta(days=family.days)
    shares = rng.dirichlet(np.ones(family.districts))
    severity = rng.choice(3, size=family.wounded, p=[0.2, 0.4, 0.4])
    district = rng.choice(family.districts, size=family.wounded, p=shares)
    ranges = {0: (24, 72), 1: (72, 240), 2: (168, 720)}
    names = ("critical", "serious", "moderate")
    needs = []
    for k in range(family.districts):
        population = int(rng.integers(5_000, 30_001))
        days_left = float(rng.uniform(0, family.days / 2))
        depletion = START + timedelta(days=round(days_left, 1))
        groups: dict[tuple[int, int], int] = {}
        for s, d in zip(severity, district, strict=True):
            if d != k:
                continue
            lo, hi = ranges[int(s)]
            by = int(rng.integers(lo, hi + 1))
            by = min(by, family.days * 24)
            key = (int(s), by // 12 * 12 or 12)
            groups[key] = groups.get(key, 0) + 1
        wounded = tuple(
            WoundedNeed(names[s], n, START + timedelta(hours=by))
            for (s, by), n in sorted(groups.items())
        )
        food = Need("", population, depletion).food_items(end)
        needs.append(
            Need(
                district=f"d{k + 1}",
                population=population,
                depletion=depletion,
                food=tuple(FoodNeed(f.tonnes, f.by) for f in food),
                wounded=wounded,
                leaving=int(population * rng.uniform(0.05, 0.2)),
            )
        )
    return tuple(needs)


def _stock(needs: tuple[Need, ...], days: int) -> tuple[Stock, ...]:
    end = START + timedelta(days=days)
    due = sum(f.tonnes for n in needs for f in n.food_items(end))
    half = round(0.4 * due, 1)
    return (
        Stock("first", half, START),
        Stock("second", half, START + timedelta(days=days / 3)),
    )
