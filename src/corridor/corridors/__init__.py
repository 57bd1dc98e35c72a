"""Corridors: needs -> plan (MILP and greedy baseline) -> closure scoring.

Read a scenario (:func:`load_scenario`), plan it (:func:`plan_scenario` for
both planners at once, or :func:`plan_milp`, :func:`plan_greedy`), print it
(:meth:`PlanResult.summary`, :meth:`PlanResult.to_dict`) and score plans over
sampled corridor closures (:func:`score_closures`). The schema of a scenario
file is in ``docs/scenarios.md``.
"""

from corridor.corridors.greedy import plan_greedy
from corridor.corridors.loader import (
    dump_scenario,
    format_duration,
    load_scenario,
    parse_duration,
    scenario_from_dict,
)
from corridor.corridors.milp import MilpSize, plan_milp
from corridor.corridors.plan import (
    Load,
    Movement,
    Objective,
    Plan,
    assemble,
    loaded_plan,
    summary,
)
from corridor.corridors.run import PlanResult, plan_scenario
from corridor.corridors.scenario import (
    DEFAULT_WOUNDED_DEADLINES,
    FOOD_KG_PER_PERSON_DAY,
    KINDS,
    SEVERITIES,
    Corridor,
    CorridorKind,
    FoodNeed,
    Need,
    PlanError,
    Scenario,
    ScenarioError,
    Seizure,
    Stock,
    VehicleType,
    Weights,
    Window,
    WoundedNeed,
    district_needs,
)
from corridor.corridors.scoring import ClosureScore, disrupt, score_closures
from corridor.corridors.slots import FleetLedger, Slot, Timeline, Trip, timeline

__all__ = [
    "DEFAULT_WOUNDED_DEADLINES",
    "FOOD_KG_PER_PERSON_DAY",
    "KINDS",
    "SEVERITIES",
    "ClosureScore",
    "Corridor",
    "CorridorKind",
    "FleetLedger",
    "FoodNeed",
    "Load",
    "MilpSize",
    "Movement",
    "Need",
    "Objective",
    "Plan",
    "PlanError",
    "PlanResult",
    "Scenario",
    "ScenarioError",
    "Seizure",
    "Slot",
    "Stock",
    "Timeline",
    "Trip",
    "VehicleType",
    "Weights",
    "Window",
    "WoundedNeed",
    "assemble",
    "disrupt",
    "district_needs",
    "dump_scenario",
    "format_duration",
    "load_scenario",
    "loaded_plan",
    "parse_duration",
    "plan_greedy",
    "plan_milp",
    "plan_scenario",
    "scenario_from_dict",
    "score_closures",
    "summary",
    "timeline",
]
