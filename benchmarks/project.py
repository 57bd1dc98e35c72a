"""Projection speed: 100,000 numpy draws against a per-draw pure-Python loop.

Builds an east-Aleppo-like input (250,000-300,000 people; UN food for 145,000
people for one month said on 2016-07-21; two convoys), then:

- corridor: ``corridor.situation.projection.project`` with 100,000 draws, best
  of 5 runs (target: under 0.2 s);
- baseline: the same model written as a plain Python loop, one draw at a time
  (``random`` for the draws), timed on 2,000 draws and scaled up to 100,000.

Prints both times, the target and the ratios, and the P10/P50/P90 that
corridor projects. Usage: python benchmarks/project.py [--draws 100000]
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable
from datetime import date

from corridor.situation.projection import (
    FOOD_KG_PER_PERSON_DAY,
    Delivery,
    ProjectionInputs,
    Range,
    StockFigure,
    project,
)

TARGET_SECONDS = 0.2
BASELINE_DRAWS = 2_000

INPUTS = ProjectionInputs(
    area="east Aleppo",
    as_of=date(2016, 8, 1),
    population=Range(250_000, 300_000, "AFP; Reuters"),
    stocks=[
        StockFigure(
            date(2016, 7, 21), Range(30, 30, "one month"), Range(145_000, 145_000)
        ),
    ],
    deliveries=[
        Delivery(date(2016, 7, 28), trucks=Range(20, 30)),
        Delivery(date(2016, 8, 10), tonnes=Range(300, None)),
    ],
    wounded=Range(400, 400),
    hospitals=Range(0, 0),
)


def naive(inputs: ProjectionInputs, draws: int, seed: int) -> list[float]:
    """The same model, one draw at a time: days left for each draw."""
    rng = random.Random(seed)
    kg = FOOD_KG_PER_PERSON_DAY / 1000
    stock = max(
        (s for s in inputs.stocks if s.as_of <= inputs.as_of), key=lambda s: s.as_of
    )
    now = (inputs.as_of - stock.as_of).days
    arrivals = sorted(
        (d for d in inputs.deliveries if d.on > stock.as_of), key=lambda d: d.on
    )

    def draw(r: Range) -> float:
        low, high = r.bounds()
        return low if low == high else rng.uniform(low, high)

    left = []
    for _ in range(draws):
        population = draw(inputs.population)
        covered = population if stock.people is None else draw(stock.people)
        level = draw(stock.days) * covered * kg
        eaten = population * kg
        loads = [
            draw(d.tonnes)
            if d.tonnes is not None
            else draw(d.trucks) * d.tonnes_per_truck  # type: ignore[arg-type]
            for d in arrivals
        ]
        days = [(d.on - stock.as_of).days for d in arrivals]
        t, empty_since = 0.0, 0.0
        for day, tonnes in zip(days, loads, strict=True):
            if day > now:
                break
            before = level - eaten * (day - t)
            if before <= 0 < level:
                empty_since = t + level / eaten
            level, t = max(before, 0.0) + tonnes, day
        before = level - eaten * (now - t)
        if before <= 0:
            runout = empty_since if level <= 0 else t + level / eaten
        else:
            level, t = before, now
            for day, tonnes in zip(days, loads, strict=True):
                if day <= now:
                    continue
                before = level - eaten * (day - t)
                if before < 0:
                    break
                level, t = before + tonnes, day
            runout = t + level / eaten
        left.append(max(runout - now, 0.0))
    return left


def best_of(runs: int, func: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()

    took = best_of(5, project, INPUTS, args.draws, args.seed)
    sample = best_of(3, naive, INPUTS, BASELINE_DRAWS, args.seed)
    naive_took = sample * args.draws / BASELINE_DRAWS

    result = project(INPUTS, args.draws, args.seed)
    check = sorted(naive(INPUTS, BASELINE_DRAWS, args.seed))
    naive_p50 = check[math.ceil(len(check) / 2) - 1]

    print(
        f"{INPUTS.area}, as of {INPUTS.as_of}, {args.draws:,} draws, seed {args.seed}"
    )
    print(
        f"corridor (numpy):       {took:8.4f} s  (best of 5; target "
        f"{TARGET_SECONDS} s, {took / TARGET_SECONDS:.2f} of target)"
    )
    print(
        f"baseline (pure Python): {naive_took:8.4f} s  ({BASELINE_DRAWS:,} draws "
        f"in {sample:.4f} s, scaled x{args.draws / BASELINE_DRAWS:g})"
    )
    print(f"speed-up corridor/baseline: {naive_took / took:.0f}x")
    print(f"depletion date P10 {result.p10}  P50 {result.p50}  P90 {result.p90}")
    print(
        f"days left      P10 {result.days_left_p10:.1f}  "
        f"P50 {result.days_left_p50:.1f}  P90 {result.days_left_p90:.1f}  "
        f"(baseline P50 on {BASELINE_DRAWS:,} draws: {naive_p50:.1f})"
    )
    print(
        f"out of food by as_of: {result.probability_out_by_as_of:.1%}; "
        f"daily need {result.daily_need_tonnes:.0f} t"
    )


if __name__ == "__main__":
    main()
