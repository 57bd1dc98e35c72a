"""Corridor planning: the HiGHS MILP against the greedy baseline.

Instance families (``corridor.corridors.instances``, seeded):

- small: 2 corridors, 7 days of hourly windows, 20 vehicles, 5 districts,
  50 wounded;
- medium: 4 corridors, 30 days, 100 vehicles, 20 districts, 500 wounded;
- large: 6 corridors, 60 days, 300 vehicles, 50 districts, 2,000 wounded;
- stress (3 corridors, 14 days, 60 vehicles, 10 districts, 200 wounded):
  daily 3-hour and 5-hour pauses, 48-hour windows, a cancelled pause,
  a 48-hour pause in mid-operation, half of the fleet seized on day 4.

For each: solve time, status, optimality gap, the objective and its terms,
the greedy baseline's objective on the same instance (its own loading rule)
and how much lower the MILP's is, and the greedy's trips loaded optimally
(g-reload: what the trip choice alone costs); then both plans scored over
sampled corridor closures (expected and P90 weighted unmet need).
The disruption cases are also run as surprises: planned as if the windows
would open and the fleet stay whole, then the disruption happens (trips in
cancelled windows and beyond the fleet left are dropped, the rest reloaded).
Targets: medium proven optimal in under 10 s; large within 1% in 60 s; the
MILP at least 20% better than greedy on the stress cases.

Usage: python benchmarks/plan.py [--only small,medium] [--closures 200]
[--seed 0] [--time-limit 60]
"""

from __future__ import annotations

import argparse
import time

from corridor.corridors import (
    Plan,
    disrupt,
    plan_greedy,
    plan_milp,
    score_closures,
    timeline,
)
from corridor.corridors.instances import (
    FAMILIES,
    STRESS,
    make_instance,
    stress_instance,
)

GAP = 1e-4  # HiGHS's default relative gap, for every family (large's target is 1%)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated instance names")
    parser.add_argument("--closures", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    names = [*FAMILIES, *STRESS]
    if args.only:
        names = [n for n in names if n in args.only.split(",")]

    header = (
        f"{'instance':<20} {'slots':>6} {'ints':>6} {'status':>10} {'time s':>7} "
        f"{'gap':>7} {'MILP obj':>10} {'wounded':>8} {'food':>8} {'evac':>8} "
        f"{'waiting':>8} {'risk':>7} {'greedy':>10} {'g/MILP':>6} {'better':>7} "
        f"{'g-reload':>10}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, tuple[Plan, Plan, float]] = {}
    for name in names:
        scenario = (
            make_instance(FAMILIES[name], args.seed)
            if name in FAMILIES
            else stress_instance(name, args.seed)
        )
        line = timeline(scenario)
        began = time.perf_counter()
        best = plan_milp(
            scenario,
            line=line,
            time_limit=args.time_limit,
            gap=GAP,
        )
        greedy = plan_greedy(scenario, line=line)
        reloaded = plan_greedy(scenario, line=line, reload=True)
        o = best.objective
        better = (greedy.objective.total - o.total) / greedy.objective.total
        results[name] = (best, greedy, time.perf_counter() - began)
        print(
            f"{name:<20} {len(line.slots):>6} {best.size.get('integers', 0):>6} "
            f"{best.status:>10} {best.seconds:>7.2f} {best.gap or 0:>7.3%} "
            f"{o.total:>10,.0f} {o.wounded_cost:>8,.0f} {o.food_cost:>8,.0f} "
            f"{o.evacuee_cost:>8,.0f} {o.waiting_cost:>8,.0f} {o.risk_cost:>7,.0f} "
            f"{greedy.objective.total:>10,.0f} "
            f"{greedy.objective.total / max(o.total, 1e-9):>6.3f} {better:>7.1%} "
            f"{reloaded.objective.total:>10,.0f}",
            flush=True,
        )

    print()
    print("targets")
    if "medium" in results:
        best = results["medium"][0]
        ok = best.status == "optimal" and best.seconds < 10
        print(
            f"  medium proven optimal in < 10 s: {best.status}, "
            f"{best.seconds:.2f} s -> {'met' if ok else 'MISSED'}"
        )
    if "large" in results:
        best = results["large"][0]
        ok = (best.gap or 0) <= 0.01 and best.seconds <= 60
        print(
            f"  large within 1% in 60 s: gap {best.gap or 0:.3%}, "
            f"{best.seconds:.2f} s -> {'met' if ok else 'MISSED'}"
        )
    for name in STRESS:
        if name in results:
            best, greedy, _ = results[name]
            better = (greedy.objective.total - best.objective.total) / (
                greedy.objective.total
            )
            verdict = "met" if better >= 0.2 else "MISSED"
            print(
                f"  {name}: MILP {better:.1%} better than greedy (>= 20%) -> {verdict}"
            )

    surprises(names, args.seed, args.time_limit)
    if args.closures <= 0:
        return
    print()
    print(
        f"closures: {args.closures} sampled scenarios per instance (seed {args.seed})"
    )
    header = (
        f"{'instance':<20} {'MILP E':>10} {'MILP P90':>10} {'greedy E':>10} "
        f"{'greedy P90':>10} {'E better':>8} {'score s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, (best, greedy, _) in results.items():
        scenario = (
            make_instance(FAMILIES[name], args.seed)
            if name in FAMILIES
            else stress_instance(name, args.seed)
        )
        began = time.perf_counter()
        scores = score_closures(
            scenario,
            {"milp": best, "greedy": greedy},
            samples=args.closures,
            seed=args.seed,
        )
        m, g = scores["milp"], scores["greedy"]
        print(
            f"{name:<20} {m.expected_unmet:>10,.0f} {m.p90_unmet:>10,.0f} "
            f"{g.expected_unmet:>10,.0f} {g.p90_unmet:>10,.0f} "
            f"{(g.expected_unmet - m.expected_unmet) / g.expected_unmet:>8.1%} "
            f"{time.perf_counter() - began:>7.2f}",
            flush=True,
        )


def surprises(names: list[str], seed: int, time_limit: float) -> None:
    cases = [
        n
        for n in ("cancelled-window", "pause-mid-operation", "seized-vehicles")
        if n in names
    ]
    if not cases:
        return
    print()
    print("surprises: planned without knowing, then disrupted")
    header = (
        f"{'instance':<20} {'MILP':>10} {'greedy':>10} {'better':>7} "
        f"{'MILP replan':>12} {'greedy replan':>13}"
    )
    print(header)
    print("-" * len(header))
    for name in cases:
        before = stress_instance(name, seed, disrupted=False)
        after = stress_instance(name, seed)
        line = timeline(before)
        best = disrupt(plan_milp(before, line=line, time_limit=time_limit), line, after)
        greedy = disrupt(plan_greedy(before, line=line), line, after)
        m, g = best.objective.total, greedy.objective.total
        print(
            f"{name:<20} {m:>10,.0f} {g:>10,.0f} {(g - m) / g:>7.1%} "
            f"{plan_milp(after, time_limit=time_limit).objective.total:>12,.0f} "
            f"{plan_greedy(after).objective.total:>13,.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
