"""Score plans over sampled corridor closures.

Each sample closes every corridor window independently with its closure risk
(the window's, else the corridor's), from one seeded generator: the trips
planned through a closed window do not happen. The surviving trips are
loaded again (cargo is decided at departure, when the closure is known) and
the weighted unmet need is recorded. The same samples score every plan given
(common random numbers), so the comparison between plans is paired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from corridor.corridors.plan import Plan, assemble
from corridor.corridors.scenario import PlanError, Scenario
from corridor.corridors.slots import FleetLedger, Timeline, Trip, timeline

__all__ = ["ClosureScore", "disrupt", "score_closures"]


@dataclass(frozen=True)
class ClosureScore:
    """One plan's weighted unmet need over the sampled closures."""

    method: str
    samples: int
    planned_unmet: float
    expected_unmet: float
    p90_unmet: float
    worst_unmet: float
    expected_wounded_unmet: float
    expected_evacuated: float
    expected_food_delivered: float

    def to_dict(self) -> dict[str, float | int | str]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def score_closures(
    scenario: Scenario,
    plans: Mapping[str, Plan],
    *,
    samples: int = 200,
    seed: int = 0,
    line: Timeline | None = None,
) -> dict[str, ClosureScore]:
    """Expected and P90 weighted unmet need of each plan over ``samples`` draws."""
    if samples < 1:
        raise PlanError(f"samples must be at least 1, got {samples}")
    line = line or timeline(scenario)
    keys = sorted(line.capacity)
    risks = np.array(
        [
            scenario.corridors[c].window_risk(scenario.corridors[c].windows[w])
            for c, w in keys
        ]
    )
    rng = np.random.default_rng(seed)
    closed = rng.random((samples, len(keys))) < risks
    index = {key: i for i, key in enumerate(keys)}
    scores = {}
    for name, plan in plans.items():
        where = np.array(
            [
                index[(line.slots[t.slot].corridor, line.slots[t.slot].window)]
                for t in plan.trips
            ],
            dtype=np.int64,
        )
        unmet = np.zeros(samples)
        wounded = np.zeros(samples)
        evacuated = np.zeros(samples)
        food = np.zeros(samples)
        for n in range(samples):
            keep = ~closed[n, where] if len(where) else np.zeros(0, dtype=bool)
            trips = [t for t, k in zip(plan.trips, keep, strict=True) if k]
            objective = assemble(line, trips, method=plan.method).objective
            unmet[n] = objective.unmet
            wounded[n] = sum(objective.wounded_unmet.values())
            evacuated[n] = objective.evacuated
            food[n] = objective.food_delivered
        scores[name] = ClosureScore(
            method=plan.method,
            samples=samples,
            planned_unmet=plan.objective.unmet,
            expected_unmet=float(unmet.mean()),
            p90_unmet=float(np.percentile(unmet, 90)),
            worst_unmet=float(unmet.max()),
            expected_wounded_unmet=float(wounded.mean()),
            expected_evacuated=float(evacuated.mean()),
            expected_food_delivered=float(food.mean()),
        )
    return scores


def disrupt(plan: Plan, planned: Timeline, actual: Scenario) -> Plan:
    """What is left of ``plan`` when ``actual`` happens instead.

    ``actual`` is the planned scenario with windows cancelled or vehicles
    seized (corridors and windows keep their order). Trips in windows that did
    not open are dropped; the rest go in time order while the fleet left and
    the window capacity allow; the survivors are loaded again.
    """
    line = timeline(actual)
    twins = {(s.corridor, s.window, round(s.departure, 6)): s for s in line.slots}
    ledger = FleetLedger(line)
    kept = []
    for trip in sorted(plan.trips, key=lambda t: planned.slots[t.slot].departure):
        slot = planned.slots[trip.slot]
        twin = twins.get((slot.corridor, slot.window, round(slot.departure, 6)))
        if twin is None:
            continue
        count = min(trip.count, ledger.room(trip.vehicle, twin))
        if count > 0:
            ledger.book(trip.vehicle, twin, count)
            kept.append(Trip(twin.index, trip.vehicle, count))
    return assemble(line, kept, method=f"{plan.method}, disrupted")
