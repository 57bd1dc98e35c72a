"""The scenario model, needs from plain numbers, and plan output."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from corridor.corridors import (
    PlanError,
    district_needs,
    load_scenario,
    plan_milp,
    plan_scenario,
    summary,
)

from .builders import ambulance, corridor, need, scenario


def test_district_needs_from_days_left() -> None:
    as_of = datetime(2016, 12, 1)
    need_ = district_needs(
        "sukkari",
        population=20_000,
        as_of=as_of,
        food_days_left=3,
        wounded={"critical": 5, "moderate": 7},
        leaving=1_000,
    )
    assert need_.depletion == datetime(2016, 12, 4)
    rations = need_.food_items(datetime(2016, 12, 6))
    assert [r.by.day for r in rations] == [4, 5, 6]
    assert rations[0].tonnes == pytest.approx(20_000 * 0.52 / 1000)
    assert [(w.severity, w.count, w.by) for w in need_.wounded] == [
        ("critical", 5, as_of + timedelta(hours=24)),
        ("moderate", 7, as_of + timedelta(days=7)),
    ]


def test_district_needs_depletion_date_wins_over_days_left() -> None:
    need_ = district_needs(
        "d",
        population=100,
        as_of=datetime(2016, 12, 1),
        food_days_left=30,
        depletion=datetime(2016, 12, 2),
    )
    assert need_.depletion == datetime(2016, 12, 2)


def test_district_needs_refuses_an_unknown_severity() -> None:
    with pytest.raises(PlanError, match="severity must be one of"):
        district_needs(
            "d", population=1, as_of=datetime(2016, 12, 1), wounded={"grave": 1}
        )


def test_with_horizon_extends_the_rations_needed() -> None:
    s = scenario([corridor()], [ambulance()], [])
    s = s.__class__(
        **{
            **s.__dict__,
            "needs": (
                district_needs("d", population=1000, as_of=s.start, food_days_left=0),
            ),
        }
    )
    short = s.with_horizon(timedelta(days=2)).totals()["food_tonnes"]
    long = s.with_horizon(timedelta(days=30)).totals()["food_tonnes"]
    assert short == pytest.approx(3 * 0.52)
    assert long == pytest.approx(31 * 0.52)
    with pytest.raises(PlanError, match="horizon must be positive"):
        s.with_horizon(timedelta(0))


def test_plan_to_dict_is_json_and_summary_names_the_terms() -> None:
    s = scenario(
        [corridor(windows=[(0, 1, 1)], risk=0.2)],
        [ambulance()],
        [need(wounded=[("critical", 2, 24)])],
    )
    plan = plan_milp(s)
    data = json.loads(json.dumps(plan.to_dict()))
    assert data["status"] == "optimal"
    assert data["objective"]["terms"]["risk"] == pytest.approx(2.0)
    assert data["movements"][0]["stretcher_cases"] == {"critical": 2}
    text = summary(plan)
    assert "gap" in text and "objective" in text and "risk" in text


def test_plan_scenario_gives_both_plans_and_closures_as_one_json_object() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "scenarios"
    s = load_scenario(path / "aleppo-evacuation-2016-12.yaml")
    result = plan_scenario(s, horizon=timedelta(days=4), closures=20, seed=1)
    assert result.milp.horizon == timedelta(days=4)
    assert result.milp.objective.total <= result.greedy.objective.total
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"plan", "greedy", "improvement", "closures"}
    assert set(data["closures"]) == {"milp", "greedy"}
    assert "greedy baseline" in result.summary()
