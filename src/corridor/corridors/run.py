"""One call for ``corridor plan``: the MILP, the greedy baseline, closures.

The CLI parses its options, calls :func:`plan_scenario` and prints
:meth:`PlanResult.summary` or :meth:`PlanResult.to_dict` (one JSON object).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from corridor.corridors.greedy import plan_greedy
from corridor.corridors.milp import plan_milp
from corridor.corridors.plan import Plan, summary
from corridor.corridors.scenario import Scenario
from corridor.corridors.scoring import ClosureScore, score_closures
from corridor.corridors.slots import timeline

__all__ = ["PlanResult", "plan_scenario"]


@dataclass(frozen=True)
class PlanResult:
    """The MILP plan, the greedy plan on the same scenario, closure scores."""

    milp: Plan
    greedy: Plan
    closures: dict[str, ClosureScore] = field(default_factory=dict)

    @property
    def improvement(self) -> float:
        """How much lower the MILP's objective is than the greedy's (0-1)."""
        base = self.greedy.objective.total
        return 0.0 if base <= 0 else (base - self.milp.objective.total) / base

    def summary(self) -> str:
        lines = [
            summary(self.milp),
            f"greedy baseline: objective {self.greedy.objective.total:,.1f} "
            f"(the MILP is {self.improvement:.1%} lower)",
        ]
        for name, score in self.closures.items():
            lines.append(
                f"closures ({score.samples} samples) {name}: expected unmet "
                f"{score.expected_unmet:,.1f}, P90 {score.p90_unmet:,.1f}"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.milp.to_dict(),
            "greedy": {
                "objective": self.greedy.objective.to_dict(),
                "seconds": round(self.greedy.seconds, 3),
                "movements": len(self.greedy.movements),
            },
            "improvement": round(self.improvement, 6),
            "closures": {k: v.to_dict() for k, v in self.closures.items()},
        }


def plan_scenario(
    scenario: Scenario,
    *,
    horizon: timedelta | None = None,
    time_limit: float = 60.0,
    gap: float = 1e-4,
    closures: int = 0,
    seed: int = 0,
) -> PlanResult:
    """Plan ``scenario`` (over ``horizon`` if given) with both planners.

    ``closures`` > 0 also scores both plans over that many sampled corridor
    closures (seeded with ``seed``).
    """
    scenario = scenario.with_horizon(horizon)
    line = timeline(scenario)
    best = plan_milp(scenario, time_limit=time_limit, gap=gap, line=line)
    greedy = plan_greedy(scenario, line=line)
    scores = (
        score_closures(
            scenario,
            {"milp": best, "greedy": greedy},
            samples=closures,
            seed=seed,
            line=line,
        )
        if closures > 0
        else {}
    )
    return PlanResult(best, greedy, scores)
