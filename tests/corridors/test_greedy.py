"""The greedy baseline: what it does and where it loses."""

from __future__ import annotations

import pytest

from corridor.corridors import plan_greedy, plan_milp

from .builders import ambulance, corridor, need, scenario, truck


def test_greedy_loads_wounded_earliest_deadline_first_whatever_the_severity() -> None:
    # one ambulance trip (2 stretchers) can be in time: the greedy takes the
    # 2 moderate cases due first; the MILP takes the 2 critical ones
    s = scenario(
        [corridor(windows=[(0, 1, 1)])],
        [ambulance()],
        [need(wounded=[("moderate", 2, 10), ("critical", 2, 20)])],
    )
    greedy = plan_greedy(s)
    assert greedy.movements[0].stretcher_cases == {"moderate": 2}
    assert greedy.objective.wounded_cost == pytest.approx(2 * 100)
    assert plan_milp(s).objective.wounded_cost == pytest.approx(2 * 15)


def test_greedy_reloaded_keeps_its_trips_and_loads_them_optimally() -> None:
    s = scenario(
        [corridor(windows=[(0, 1, 1)])],
        [ambulance()],
        [need(wounded=[("moderate", 2, 10), ("critical", 2, 20)])],
    )
    reloaded = plan_greedy(s, reload=True)
    assert reloaded.method == "greedy-reloaded"
    assert reloaded.movements[0].stretcher_cases == {"critical": 2}


def test_greedy_feeds_the_largest_deficit_first() -> None:
    s = scenario(
        [corridor(kind="aid-in", windows=[(0, 1, 1)])],
        [truck()],
        [need("small", food=[(4, 10)]), need("big", food=[(20, 10)])],
    )
    plan = plan_greedy(s)
    loads = {x.district: x.amount for x in plan.movements[0].loads}
    assert loads == {"big": pytest.approx(10.0)}


def test_greedy_fills_the_window_with_ambulances_before_trucks() -> None:
    s = scenario(
        [corridor(windows=[(0, 1, 2)])],
        [truck(count=2), ambulance(count=2)],
        [need(food=[(20, 10)], wounded=[("moderate", 4, 60)])],
    )
    plan = plan_greedy(s)
    assert [(m.vehicle, m.count) for m in plan.movements] == [("ambulance", 2)]
