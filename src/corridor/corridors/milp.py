"""The plan as a mixed-integer program, solved with HiGHS (highspy).

Variables (aggregated, never per vehicle, so 60 days of hourly windows stay
tractable):

* ``x[s, v]`` integer: vehicles of type ``v`` leaving in slot ``s``;
* ``food[s]``, ``seats[s]``, ``stretcher[s, severity]`` continuous: what
  those vehicles carry (bounded by tonnes, seats and stretchers of ``x``);
* per food deadline ``b``: ``served[b]`` (at most the tonnes due by then) and
  ``carry[b]`` (food that arrived and is not yet eaten); the same per severity
  for the wounded; one ``evacuated`` for people wishing to leave.

Constraints: window capacity (vehicles per window, over all its slots); fleet
and turnaround as a rolling availability: at every departure or seizure time,
the vehicles of a type still out (left less than 2 x transit + turnaround
ago, or ever for one-way vehicles) do not exceed the fleet left after
seizures; deadlines as a running balance, ``carry[b] = carry[b-1] + arrived in
(D[b-1], D[b]] - served[b] >= 0``, which is exact for nested deadlines; food
departing before each stock date within the stock available by then.

Objective: minimise weighted unmet wounded + food short by its deadline +
evacuees left + person-days waiting inside (a small weight, so people leave
early rather than late) + risk weight x trips x closure risk. A fixed variable carries
the constant (total need x weight), so the gap HiGHS reports and stops on is
the gap of the printed objective.
"""

from __future__ import annotations

import bisect
import os
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, replace

import highspy
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from corridor.corridors.plan import Plan, assemble
from corridor.corridors.scenario import SEVERITIES, PlanError, Scenario
from corridor.corridors.slots import Timeline, Trip, timeline

__all__ = ["MilpSize", "plan_milp"]

_EPS = 1e-9
_STATUS = {
    highspy.HighsModelStatus.kOptimal: "optimal",
    highspy.HighsModelStatus.kTimeLimit: "time limit",
    highspy.HighsModelStatus.kInfeasible: "infeasible",
    highspy.HighsModelStatus.kUnbounded: "unbounded",
    highspy.HighsModelStatus.kInterrupt: "interrupted",
}


@dataclass(frozen=True)
class MilpSize:
    """How big the program was: variables, integers, rows, non-zeros."""

    variables: int
    integers: int
    rows: int
    nonzeros: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class _Builder:
    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.row_lo: list[float] = []
        self.row_hi: list[float] = []

    def var(self, cost: float, lo: float, hi: float, integer: bool = False) -> int:
        self.cost.append(cost)
        self.lower.append(lo)
        self.upper.append(hi)
        self.integer.append(1 if integer else 0)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lo: float, hi: float) -> None:
        index = len(self.row_lo)
        for col, val in terms:
            self.rows.append(index)
            self.cols.append(col)
            self.vals.append(val)
        self.row_lo.append(lo)
        self.row_hi.append(hi)


def plan_milp(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    gap: float = 1e-4,
    line: Timeline | None = None,
) -> Plan:
    """Solve the plan as a MIP; the Plan carries status, gap, bound, seconds."""
    began = time.perf_counter()
    line = line or timeline(scenario)
    model, x_vars = _build(line)
    size = MilpSize(
        len(model.cost), sum(model.integer), len(model.row_lo), len(model.vals)
    )
    solved = _solve_staged(model, time_limit, gap, began)
    status = solved.status
    if solved.x is None:
        raise PlanError(f"plan {scenario.name!r}: HiGHS found no solution ({status})")
    values = solved.x
    trips = [
        Trip(si, vi, round(values[col]))
        for (si, vi), col in x_vars.items()
        if values[col] > 0.5
    ]
    bound = solved.bound
    plan = assemble(
        line,
        trips,
        method="milp",
        status=status,
        bound=None if bound is None else float(bound),
        seconds=time.perf_counter() - began,
    )
    objective = plan.objective.total
    solver_gap = (
        0.0
        if bound is None or objective <= _EPS
        else max(objective - float(bound), 0.0) / abs(objective)
    )
    return replace(
        plan,
        gap=solver_gap,
        size=size.as_dict(),
        solver_objective=float(np.dot(model.cost, values)),
    )


@dataclass(frozen=True)
class _Solved:
    status: str
    x: npt.NDArray[np.float64] | None
    bound: float | None


def _solve(model: _Builder, time_limit: float, gap: float) -> _Solved:
    """Run HiGHS on the model (column-wise matrix) with a time limit and gap."""
    matrix = sp.csc_array(
        (model.vals, (model.rows, model.cols)),
        shape=(len(model.row_lo), len(model.cost)),
    )
    lp = highspy.HighsLp()
    lp.num_col_ = len(model.cost)
    lp.num_row_ = len(model.row_lo)
    lp.col_cost_ = np.array(model.cost)
    lp.col_lower_ = np.array(model.lower)
    lp.col_upper_ = np.array(model.upper)
    lp.row_lower_ = np.array(model.row_lo)
    lp.row_upper_ = np.array(model.row_hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
        for flag in model.integer
    ]
    solver = _new_solver()
    solver.setOptionValue("output_flag", False)
    solver.passModel(lp)
    solver.setOptionValue("time_limit", max(float(time_limit), 0.1))
    solver.setOptionValue("mip_rel_gap", float(gap))
    # measured: symmetry detection costs more than it saves on these models
    solver.setOptionValue("mip_detect_symmetry", False)
    solver.run()
    model_status = solver.getModelStatus()
    status = _STATUS.get(model_status, solver.modelStatusToString(model_status))
    info = solver.getInfo()
    if info.primal_solution_status != 2:  # 2 = feasible
        return _Solved(status, None, None)
    values = np.array(solver.getSolution().col_value, dtype=np.float64)
    # a model without integers is solved as an LP: its optimum is the bound
    bound = float(
        info.mip_dual_bound if any(model.integer) else info.objective_function_value
    )
    return _Solved(status, values, bound if np.isfinite(bound) else None)


def _solve_staged(
    model: _Builder, time_limit: float, gap: float, began: float
) -> _Solved:
    """LP bound, then a restricted MIP, then (only if needed) the full MIP.

    1. The LP relaxation gives a lower bound on the objective.
    2. The MIP restricted to the integer variables that are not zero in the LP
       optimum (the others fixed at zero) is small and gives a feasible plan.
    3. If that plan is within ``gap`` of the LP bound it is proven optimal to
       that tolerance and we stop; otherwise the full MIP runs in the time
       left, and the better of the two plans is kept.

    Measured on the benchmark families, step 3 is rarely needed: the LP
    relaxation of this model is very tight, and HiGHS spends most of a full
    solve looking for an incumbent that step 2 finds in a fraction of it.
    """
    relaxed = _Builder()
    relaxed.__dict__.update(model.__dict__)
    relaxed.integer = [0] * len(model.integer)
    lp = _solve(relaxed, time_limit, gap)
    if lp.x is None or lp.bound is None or not any(model.integer):
        return lp if not any(model.integer) else _solve(model, time_limit, gap)
    lower = lp.bound
    values = lp.x
    restricted = _Builder()
    restricted.__dict__.update(model.__dict__)
    restricted.upper = [
        0.0 if flag and abs(v) <= 1e-6 else hi
        for flag, v, hi in zip(model.integer, values, model.upper, strict=True)
    ]
    left = time_limit - (time.perf_counter() - began)
    first = _solve(restricted, max(left, 0.1), gap)
    best = first if first.x is not None else None
    if best is not None:
        upper = float(np.dot(model.cost, best.x))  # type: ignore[arg-type]
        if upper - lower <= gap * max(abs(upper), 1e-9):
            return _Solved("optimal", best.x, lower)
    left = time_limit - (time.perf_counter() - began)
    if left <= 0.1 and best is not None:
        return _Solved("time limit", best.x, lower)
    full = _solve(model, max(left, 0.1), gap)
    found = [c for c in (best, full) if c is not None and c.x is not None]
    if not found:
        return full
    chosen = min(found, key=lambda c: float(np.dot(model.cost, c.x)))  # type: ignore[arg-type]
    bound = lower if full.bound is None else max(lower, full.bound)
    status = full.status if full.x is not None else "time limit"
    return _Solved(status, chosen.x, bound)


def _new_solver() -> highspy.Highs:
    """A HiGHS instance, without the banner it writes to fd 1 the first time.

    HiGHS prints its banner from C++ before any option can silence it, which
    would corrupt ``--json`` output; library code never prints.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _build(line: Timeline) -> tuple[_Builder, dict[tuple[int, int], int]]:
    scenario = line.scenario
    weights = scenario.weights
    fleet = scenario.fleet
    model = _Builder()
    constant = 0.0

    # demand side: food deadlines, wounded deadlines per severity, evacuees
    food_due: dict[float, float] = defaultdict(float)
    for need in scenario.needs:
        for item in need.food_items(scenario.end):
            food_due[scenario.hours(item.by)] += item.tonnes
    food_deadlines = sorted(food_due)
    wounded_due: dict[str, dict[float, float]] = {
        s: defaultdict(float) for s in SEVERITIES
    }
    for need in scenario.needs:
        for group in need.wounded:
            wounded_due[group.severity][scenario.hours(group.by)] += group.count
    wounded_deadlines = {s: sorted(d) for s, d in wounded_due.items() if d}
    leaving = sum(n.leaving for n in scenario.needs)
    constant += weights.food * sum(food_due.values())
    constant += sum(
        weights.wounded(s) * sum(d.values()) for s, d in wounded_due.items()
    )
    constant += (weights.evacuee + weights.waiting * line.end / 24) * leaving

    # supply side, per slot
    x_vars: dict[tuple[int, int], int] = {}
    window_terms: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)
    food_in: dict[int, list[tuple[int, float]]] = defaultdict(list)
    food_vars: list[tuple[float, int]] = []  # (departure, column)
    wounded_in: dict[str, dict[int, list[tuple[int, float]]]] = {
        s: defaultdict(list) for s in wounded_deadlines
    }
    seat_terms: list[tuple[int, float]] = []
    top = line.available.max(axis=1) if line.available.size else np.zeros(0)
    for slot in line.slots:
        corridor = scenario.corridors[slot.corridor]
        cap = line.capacity[(slot.corridor, slot.window)]
        tonnes: list[tuple[int, float]] = []
        seats: list[tuple[int, float]] = []
        stretchers: list[tuple[int, float]] = []
        for vi, vehicle in enumerate(fleet):
            if not line.usable[vi, slot.corridor] or top[vi] <= 0:
                continue
            col = model.var(
                weights.risk * slot.risk, 0, min(cap, int(top[vi])), integer=True
            )
            x_vars[(slot.index, vi)] = col
            window_terms[(slot.corridor, slot.window)].append((col, 1.0))
            if corridor.carries_food and vehicle.tonnes and not vehicle.one_way:
                tonnes.append((col, -vehicle.tonnes))
            if corridor.carries_people and vehicle.seats:
                seats.append((col, -float(vehicle.seats)))
            if corridor.carries_people and vehicle.stretchers:
                stretchers.append((col, -float(vehicle.stretchers)))
        b = bisect.bisect_left(food_deadlines, slot.food_arrival - _EPS)
        if tonnes and b < len(food_deadlines):
            food = model.var(0.0, 0.0, np.inf)
            model.row([(food, 1.0), *tonnes], -np.inf, 0.0)
            food_in[b].append((food, -1.0))
            food_vars.append((slot.departure, food))
        if seats and leaving and slot.people_arrival <= line.end + _EPS:
            early = (line.end - slot.people_arrival) / 24
            seat = model.var(-weights.evacuee - weights.waiting * early, 0.0, np.inf)
            model.row([(seat, 1.0), *seats], -np.inf, 0.0)
            seat_terms.append((seat, 1.0))
        if stretchers:
            cases = []
            for severity, deadlines in wounded_deadlines.items():
                k = bisect.bisect_left(deadlines, slot.people_arrival - _EPS)
                if k < len(deadlines):
                    col = model.var(0.0, 0.0, np.inf)
                    cases.append((col, 1.0))
                    wounded_in[severity][k].append((col, -1.0))
            if cases:
                model.row([*cases, *stretchers], -np.inf, 0.0)

    for key, terms in window_terms.items():
        model.row(terms, -np.inf, float(line.capacity[key]))

    # fleet and turnaround: vehicles out at each point within what is left
    fleet_rows: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)
    for (si, vi), col in x_vars.items():
        lo, hi = line.covered(vi, line.slots[si])
        for p in range(lo, hi):
            fleet_rows[(vi, p)].append((col, 1.0))
    for (vi, p), terms in fleet_rows.items():
        model.row(terms, -np.inf, float(line.available[vi, p]))

    # deadlines as running balances
    _balance(model, food_deadlines, food_due, food_in, weights.food)
    for severity, deadlines in wounded_deadlines.items():
        _balance(
            model,
            deadlines,
            wounded_due[severity],
            wounded_in[severity],
            weights.wounded(severity),
        )
    if seat_terms:
        model.row(seat_terms, -np.inf, float(leaving))

    # stock outside
    if scenario.stock and food_vars:
        dates = sorted(
            {scenario.hours(s.available) for s in scenario.stock if s.available}
        )
        for at in dates:
            ready = sum(
                s.tonnes
                for s in scenario.stock
                if s.available is None or scenario.hours(s.available) < at - _EPS
            )
            terms = [(col, 1.0) for dep, col in food_vars if dep < at - _EPS]
            if terms:
                model.row(terms, -np.inf, ready)
        total = sum(s.tonnes for s in scenario.stock)
        model.row([(col, 1.0) for _, col in food_vars], -np.inf, total)

    model.var(constant, 1.0, 1.0)  # the constant, so gaps are of the real objective
    return model, x_vars


def _balance(
    model: _Builder,
    deadlines: list[float],
    due: dict[float, float],
    arrivals: dict[int, list[tuple[int, float]]],
    weight: float,
) -> None:
    previous: int | None = None
    for b, deadline in enumerate(deadlines):
        served = model.var(-weight, 0.0, due[deadline])
        carry = model.var(0.0, 0.0, np.inf)
        terms = [(carry, 1.0), (served, 1.0), *arrivals.get(b, [])]
        if previous is not None:
            terms.append((previous, -1.0))
        model.row(terms, 0.0, 0.0)
        previous = carry
