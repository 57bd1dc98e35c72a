"""The benchmark's instance families, on the small sizes."""

from __future__ import annotations

import pytest

from corridor.corridors import plan_greedy, plan_milp, timeline
from corridor.corridors.instances import (
    FAMILIES,
    STRESS,
    Family,
    make_instance,
    stress_instance,
)

from .builders import violations


def test_small_family_has_the_sizes_of_the_issue() -> None:
    s = make_instance(FAMILIES["small"], seed=3)
    assert len(s.corridors) == 2
    assert all(len(c.windows) == 7 * 24 for c in s.corridors)
    assert sum(v.count for v in s.fleet) == 20
    assert len(s.needs) == 5
    assert sum(n.wounded_count() for n in s.needs) == 50


def test_instances_are_seeded() -> None:
    assert make_instance(FAMILIES["small"], 1) == make_instance(FAMILIES["small"], 1)
    assert make_instance(FAMILIES["small"], 1) != make_instance(FAMILIES["small"], 2)


def test_milp_is_optimal_feasible_and_no_worse_than_greedy_on_small() -> None:
    s = make_instance(FAMILIES["small"], seed=0)
    line = timeline(s)
    best = plan_milp(s, line=line, time_limit=30)
    greedy = plan_greedy(s, line=line)
    assert best.status == "optimal"
    assert best.gap is not None and best.gap <= 1e-4
    assert violations(line, best) == []
    assert violations(line, greedy) == []
    assert best.objective.total <= greedy.objective.total + 1e-6


@pytest.mark.parametrize("case", STRESS)
def test_stress_cases_plan_within_their_constraints(case: str) -> None:
    s = stress_instance(case, seed=0)
    line = timeline(s)
    best = plan_milp(s, line=line, time_limit=30)
    greedy = plan_greedy(s, line=line)
    assert violations(line, best) == []
    assert violations(line, greedy) == []
    assert best.objective.total <= greedy.objective.total + 1e-6


def test_unknown_stress_case_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown stress case 'flood'"):
        stress_instance("flood")


@pytest.mark.parametrize("seed", [0, 2, 4])
def test_loading_the_milp_trips_scores_what_the_solver_found(seed: int) -> None:
    # the MIP's own objective and the score of its trips loaded by assemble()
    # agree: the model and the loading rules describe the same problem
    tiny = Family("tiny", 3, 3, 12, 4, 20, (1, 3))
    s = make_instance(tiny, seed)
    plan = plan_milp(s, time_limit=30)
    assert plan.solver_objective is not None
    assert plan.objective.total == pytest.approx(plan.solver_objective, rel=1e-6)
    assert plan.objective.total <= plan_greedy(s).objective.total + 1e-6


def test_a_looser_gap_still_gives_a_plan_between_bound_and_incumbent() -> None:
    tiny = Family("tiny", 3, 3, 12, 4, 20, (1, 3))
    plan = plan_milp(make_instance(tiny, 1), time_limit=30, gap=1e-2)
    assert plan.bound is not None and plan.solver_objective is not None
    assert plan.bound - 1e-6 <= plan.objective.total <= plan.solver_objective + 1e-6
    assert plan.gap is not None and plan.gap <= 1e-2
