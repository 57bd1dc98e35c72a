"""MILP and greedy on tiny instances whose optimum is worked out by hand.

Default weights: critical 100, serious 40, moderate 15 a person; food 10 a
tonne short; evacuee 1; risk 10 x trips x closure risk.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from corridor.corridors import Seizure, VehicleType, plan_greedy, plan_milp, timeline

from .builders import (
    ambulance,
    at,
    bus,
    corridor,
    need,
    scenario,
    truck,
    violations,
)


def test_milp_gives_the_only_slot_to_the_critical_ambulance() -> None:
    # one window, one vehicle through it: 2 critical (200) beat 10 t food (100)
    s = scenario(
        [corridor(windows=[(0, 1, 1)])],
        [ambulance(), truck()],
        [need(food=[(10, 24)], wounded=[("critical", 2, 24)])],
    )
    plan = plan_milp(s)
    assert plan.status == "optimal"
    assert plan.objective.total == pytest.approx(100.0)
    assert plan.objective.wounded_moved["critical"] == 2
    assert plan.objective.food_short == pytest.approx(10.0)
    assert [m.vehicle for m in plan.movements] == ["ambulance"]


def test_milp_holds_the_ambulance_back_for_food_due_first() -> None:
    # windows at hour 0 and hour 48 (capacity 1 each): food due by hour 12,
    # 2 moderate wounded due by hour 60. Best: truck at 0 (arrives 1), ambulance
    # at 48 (out by 50): nothing unmet. The greedy sends the ambulance first
    # (the wounded come first) and the food misses its deadline: 10 t x 10.
    s = scenario(
        [corridor(windows=[(0, 1, 1), (48, 49, 1)])],
        [ambulance(), truck()],
        [need(food=[(10, 12)], wounded=[("moderate", 2, 60)])],
    )
    best = plan_milp(s)
    greedy = plan_greedy(s)
    assert best.objective.total == pytest.approx(0.0)
    assert greedy.objective.total == pytest.approx(100.0)
    assert greedy.objective.food_short == pytest.approx(10.0)


def test_milp_respects_turnaround_as_rolling_fleet_availability() -> None:
    # one truck, transit 1 h, turnaround 10 h: busy 12 h a trip. Hourly windows
    # over 24 h: trips at 0 and 12 only, so the third 10 t (due by 14) is short.
    s = scenario(
        [corridor(windows=[(h, h + 1, 5) for h in range(24)])],
        [truck(turnaround=10)],
        [need(food=[(10, 1), (10, 13), (10, 14)])],
        horizon=24,
    )
    line = timeline(s)
    plan = plan_milp(s, line=line)
    assert plan.objective.food_short == pytest.approx(10.0)
    assert plan.objective.total == pytest.approx(100.0)
    assert sum(m.count for m in plan.movements) == 2
    assert violations(line, plan) == []
    assert violations(line, plan_greedy(s, line=line)) == []


def test_milp_uses_no_more_food_than_the_stock_outside() -> None:
    # 15 t of stock, 30 t due: 15 t short whatever the fleet
    s = scenario(
        [corridor(windows=[(0, 1, 5)])],
        [truck(count=3)],
        [need(food=[(30, 5)])],
        stock=[(15, None)],
    )
    plan = plan_milp(s)
    assert plan.objective.food_short == pytest.approx(15.0)
    assert plan_greedy(s).objective.food_short == pytest.approx(15.0)


def test_milp_waits_for_stock_that_arrives_later() -> None:
    # stock reaches the crossing at hour 10: the truck at hour 0 has nothing
    s = scenario(
        [corridor(windows=[(0, 1, 1), (10, 11, 1)])],
        [truck()],
        [need(food=[(10, 20)])],
        stock=[(10, 10)],
    )
    plan = plan_milp(s)
    assert plan.objective.food_short == pytest.approx(0.0)
    assert [m.departure.hour for m in plan.movements] == [16]  # 06:00 + 10 h


def test_milp_shuttles_a_bus_until_everyone_wishing_to_leave_is_out() -> None:
    # one 50-seat bus, busy 2 h a trip, 10-hour horizon: trips at 0, 2, 4, 6
    # carry the 200 people; out by hour 10 at the latest.
    s = scenario(
        [corridor(kind="evacuation-out", windows=[(h, h + 1, 10) for h in range(10)])],
        [bus()],
        [need(leaving=200)],
        horizon=10,
    )
    plan = plan_milp(s)
    assert plan.objective.evacuated == 200
    assert plan.objective.evacuees_unmet == 0
    assert sum(m.count for m in plan.movements) == 4
    # the waiting weight makes them leave as early as they can: out at 2, 4, 6, 8
    assert plan.objective.waiting_days == pytest.approx(50 * (2 + 4 + 6 + 8) / 24)


def test_milp_prefers_the_safer_corridor_and_greedy_does_not() -> None:
    # same windows; risk 0.5 on the first corridor, 0.1 on the second
    s = scenario(
        [
            corridor("risky", windows=[(0, 1, 1)], risk=0.5),
            corridor("safe", windows=[(0, 1, 1)], risk=0.1),
        ],
        [ambulance()],
        [need(wounded=[("critical", 2, 24)])],
    )
    best = plan_milp(s)
    greedy = plan_greedy(s)
    assert [m.corridor for m in best.movements] == ["safe"]
    assert best.objective.total == pytest.approx(1.0)  # 10 x 1 trip x 0.1
    assert [m.corridor for m in greedy.movements] == ["risky"]
    assert greedy.objective.total == pytest.approx(5.0)


def test_aid_in_corridor_carries_no_people() -> None:
    s = scenario(
        [corridor(kind="aid-in", windows=[(0, 1, 5)])],
        [ambulance(), bus()],
        [need(wounded=[("critical", 2, 24)], leaving=10)],
    )
    plan = plan_milp(s)
    assert plan.movements == ()
    assert plan.objective.wounded_unmet["critical"] == 2
    assert plan.objective.evacuees_unmet == 10


def test_seized_vehicles_leave_the_fleet_from_their_date() -> None:
    # two buses, one seized at hour 3; busy 2 h a trip, windows hourly 0-5
    buses = VehicleType(
        "bus", 2, seats=50, seizures=(Seizure(at(3), 1),), turnaround=timedelta(0)
    )
    s = scenario(
        [corridor(kind="evacuation-out", windows=[(h, h + 1, 5) for h in range(6)])],
        [buses],
        [need(leaving=1000)],
        horizon=8,
    )
    line = timeline(s)
    plan = plan_milp(s, line=line)
    # 2 at 0 (back at 2); from hour 3 only one bus is left, and a bus out at
    # hour 3 counts against it, so 1 at 2 and 1 at 4: 4 x 50 = 200
    assert plan.objective.evacuated == 200
    assert violations(line, plan) == []
    greedy = plan_greedy(s, line=line)
    assert violations(line, greedy) == []
    assert greedy.objective.evacuated == 200


def test_milp_objective_equals_the_loaded_plan_and_bounds_hold() -> None:
    s = scenario(
        [corridor(windows=[(h, h + 1, 2) for h in range(0, 48, 6)], risk=0.2)],
        [ambulance(count=2, turnaround=3), truck(count=2, turnaround=5), bus()],
        [
            need("a", food=[(20, 10), (20, 30)], wounded=[("critical", 3, 12)]),
            need("b", food=[(15, 20)], wounded=[("serious", 4, 40)], leaving=120),
        ],
        horizon=48,
    )
    line = timeline(s)
    best = plan_milp(s, line=line)
    greedy = plan_greedy(s, line=line)
    assert best.bound is not None
    assert best.bound <= best.objective.total + 1e-6
    assert best.objective.total <= greedy.objective.total + 1e-6
    assert violations(line, best) == []
    assert violations(line, greedy) == []


def test_milp_with_nothing_to_decide_reports_zero_gap() -> None:
    # the only window opens after the horizon: no trip, the need stays unmet
    s = scenario(
        [corridor(windows=[(100, 101, 1)])],
        [ambulance()],
        [need(wounded=[("critical", 2, 5)])],
        horizon=24,
    )
    plan = plan_milp(s)
    assert plan.movements == ()
    assert plan.objective.total == pytest.approx(200.0)
    assert plan.gap == 0.0
