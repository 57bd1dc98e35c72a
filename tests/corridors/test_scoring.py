"""Plans scored over sampled corridor closures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corridor.corridors import (
    PlanError,
    Scenario,
    Seizure,
    Trip,
    VehicleType,
    assemble,
    disrupt,
    plan_greedy,
    plan_milp,
    score_closures,
    timeline,
)

from .builders import ambulance, at, bus, corridor, need, scenario


def evacuation(risk: float) -> Scenario:
    return scenario(
        [corridor(kind="evacuation-out", windows=[(0, 1, 2), (24, 25, 2)], risk=risk)],
        [ambulance(), bus()],
        [need(wounded=[("critical", 2, 48)], leaving=50)],
    )


def test_score_without_risk_equals_the_planned_unmet_need() -> None:
    s = evacuation(0.0)
    plan = plan_milp(s)
    score = score_closures(s, {"milp": plan}, samples=20)
    assert score["milp"].expected_unmet == pytest.approx(plan.objective.unmet)
    assert score["milp"].p90_unmet == pytest.approx(plan.objective.unmet)


def test_score_with_certain_closure_leaves_all_need_unmet() -> None:
    s = evacuation(1.0)
    plan = plan_greedy(s)
    score = score_closures(s, {"greedy": plan}, samples=10)
    # 2 critical x 100 + 50 evacuees x 1 + 50 x 3 days waiting x 0.05
    assert score["greedy"].expected_unmet == pytest.approx(200 + 50 + 7.5)
    assert score["greedy"].expected_evacuated == 0


def test_score_is_seeded_and_shares_its_samples_between_plans() -> None:
    s = evacuation(0.5)
    plan = plan_milp(s)
    once = score_closures(s, {"a": plan, "b": plan}, samples=50, seed=7)
    again = score_closures(s, {"a": plan}, samples=50, seed=7)
    assert once["a"] == again["a"]
    assert once["a"].expected_unmet == once["b"].expected_unmet
    assert once["a"].p90_unmet >= once["a"].expected_unmet


def test_score_reloads_the_surviving_trips() -> None:
    # an ambulance in each of two windows; 2 critical and 2 moderate due by
    # 48 h. The plan puts the critical cases in the later trip (the latest
    # stretcher by their deadline); when that window closes (risk 1), the
    # surviving first trip is loaded again with the critical cases, and only
    # the 2 moderate (2 x 15) stay behind.
    base = evacuation(0.0)
    road = base.corridors[0]
    first, second = road.windows
    road = replace(road, windows=(first, replace(second, risk=1.0)))
    s = replace(
        base,
        corridors=(road,),
        needs=(need(wounded=[("critical", 2, 48), ("moderate", 2, 48)]),),
    )
    line = timeline(s)
    trips = [Trip(slot.index, 0, 1) for slot in line.slots]
    plan = assemble(line, trips, method="manual")
    late = plan.movements[-1]
    assert late.stretcher_cases == {"critical": 2}
    score = score_closures(s, {"manual": plan}, samples=5, line=line)
    assert score["manual"].expected_unmet == pytest.approx(2 * 15)


def test_score_needs_at_least_one_sample() -> None:
    s = evacuation(0.1)
    with pytest.raises(PlanError, match="samples must be at least 1"):
        score_closures(s, {}, samples=0)


def test_disrupt_drops_trips_in_windows_that_did_not_open() -> None:
    before = scenario(
        [corridor(kind="evacuation-out", windows=[(0, 1, 1), (24, 25, 1)])],
        [bus()],
        [need(leaving=100)],
    )
    road = before.corridors[0]
    cancelled = replace(road.windows[1], cancelled=True)
    after = replace(
        before, corridors=(replace(road, windows=(road.windows[0], cancelled)),)
    )
    line = timeline(before)
    plan = plan_milp(before, line=line)
    assert plan.objective.evacuated == 100
    left = disrupt(plan, line, after)
    assert left.objective.evacuated == 50
    assert left.method == "milp, disrupted"


def test_disrupt_drops_trips_beyond_the_fleet_left_after_a_seizure() -> None:
    buses = VehicleType("bus", 2, seats=50)
    before = scenario(
        [corridor(kind="evacuation-out", windows=[(0, 1, 2), (10, 11, 2)])],
        [buses],
        [need(leaving=200)],
    )
    seized = replace(buses, seizures=(Seizure(at(5), 1),))
    after = replace(before, fleet=(seized,))
    line = timeline(before)
    left = disrupt(plan_milp(before, line=line), line, after)
    assert left.objective.evacuated == 150
