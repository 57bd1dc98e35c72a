"""When food runs out: a Monte Carlo projection over the claim ranges.

A pure library over plain inputs (no database): the situation stage turns
claims into a :class:`ProjectionInputs`, :func:`project` draws every uncertain
quantity many times at once with numpy and returns a :class:`Projection`
(P10/P50/P90 of the depletion date and of the days left, the curve behind them,
and the medical evacuation need when wounded counts exist).

Sampling rules (one :class:`Range` per uncertain quantity, drawn independently):

* a point value (``low == high``) is fixed;
* a closed range ``[low, high]`` draws uniformly between its ends;
* an open-ended range (``high`` None, "more than 50,000") draws uniformly in
  ``[low, low x OPEN_ENDED_FACTOR]`` (1.5);
* a range with only a top (``low`` None, "up to 300,000") draws uniformly in
  ``[high x ONLY_HIGH_FACTOR, high]`` (0.5).

The food model, in tonnes, from the date of the stock figure (day 0):

* food on hand at day 0 = stated duration (days) x people the stock covers x
  0.52 kg; the people covered are the figure's own ``people`` ("for 145,000
  people") or else the population draw. 0.52 kg of a dry ration is the WFP
  planning weight for the Sphere standard of 2,100 kcal a person a day (so
  about 4,040 kcal/kg): this is where the kcal standard enters;
* consumption = population draw x 0.52 kg a day, constant over time;
* each delivery adds its tonnes on its date (trucks x tonnes per truck, 10 t
  unless stated); the stock never goes below zero, so a delivery that arrives
  after the food ran out restarts the stock from what it brings;
* the depletion time ``T`` (days, fractional) is when the stock reaches zero:
  if the stock is empty at ``as_of`` it is the start of that empty stretch (in
  the past, days left 0); otherwise it is the first time after ``as_of`` that
  the stock reaches zero, counting deliveries dated after ``as_of`` as planned
  arrivals. A delivery that arrives exactly as the last ration is eaten closes
  the gap. The depletion *date* is the calendar day during which food runs
  out: stock date + floor(T) days; days left = max(T - days from stock date to
  as_of, 0).

Medical evacuation (only when a wounded count exists): everyone wounded needs
evacuation, given as P10/P50/P90 of the wounded range; the need is marked
urgent when the functioning-hospital figure is zero at its top (no source
claims any hospital works), and not when hospital figures are missing.

The loop runs over the few deliveries, never over the draws: each step is one
numpy operation on all draws.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from corridor.errors import ProjectionError

__all__ = [
    "DEFAULT_TONNES_PER_TRUCK",
    "FOOD_KG_PER_PERSON_DAY",
    "KCAL_PER_PERSON_DAY",
    "MAX_TONNES_PER_TRUCK",
    "ONLY_HIGH_FACTOR",
    "OPEN_ENDED_FACTOR",
    "Delivery",
    "MedicalNeed",
    "Projection",
    "ProjectionError",
    "ProjectionInputs",
    "Range",
    "StockFigure",
    "project",
]

KCAL_PER_PERSON_DAY = 2_100
"""Sphere food security standard: energy a person needs a day."""
FOOD_KG_PER_PERSON_DAY = 0.52
"""WFP planning weight of a ration that supplies 2,100 kcal (15.7 kg a month)."""
DEFAULT_TONNES_PER_TRUCK = 10.0
"""Typical food payload of a truck when the report gives none (WFP logistics)."""
MAX_TONNES_PER_TRUCK = 15.0
"""About the most food a truck carries (Madaya convoy); more is a misreading."""
OPEN_ENDED_FACTOR = 1.5
"""An open-ended range "more than X" draws up to X times this."""
ONLY_HIGH_FACTOR = 0.5
"""A range with only a top "up to X" draws down to X times this."""
MAX_CURVE_DAYS = 3_650
"""The fraction-out curve stops after this many days from ``as_of``."""

_Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Range:
    """One uncertain quantity from claims: ``high`` None means open-ended.

    ``source`` names where it came from (claim ids or a short description) for
    the report's footnotes.
    """

    low: float | None
    high: float | None
    source: str = ""

    def __post_init__(self) -> None:
        where = f"range {self.source!r}" if self.source else "range"
        if self.low is None and self.high is None:
            raise ProjectionError(f"{where}: expected a low or a high, got neither")
        for name, value in (("low", self.low), ("high", self.high)):
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ProjectionError(
                    f"{where}: {name} must be a finite number >= 0, got {value!r}"
                )
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ProjectionError(
                f"{where}: low must not exceed high, got low={self.low:g}, "
                f"high={self.high:g}"
            )

    def bounds(self) -> tuple[float, float]:
        """The interval draws come from, after the open-ended rules."""
        if self.high is None:
            assert self.low is not None
            return self.low, self.low * OPEN_ENDED_FACTOR
        if self.low is None:
            return self.high * ONLY_HIGH_FACTOR, self.high
        return self.low, self.high

    def describe(self, unit: str = "") -> str:
        """Human-readable, for the assumptions: "250,000-300,000 people [c12]"."""
        low, high = self.bounds()
        unit = f" {unit}" if unit else ""
        if self.low is None:
            text = f"up to {high:,.6g}{unit} (drawn from {low:,.6g})"
        elif self.high is None:
            text = f"more than {low:,.6g}{unit} (drawn up to {high:,.6g})"
        elif low == high:
            text = f"{low:,.6g}{unit} (fixed)"
        else:
            text = f"{low:,.6g}-{high:,.6g}{unit}"
        return f"{text} [{self.source}]" if self.source else text


@dataclass(frozen=True)
class StockFigure:
    """ "Food for one month" said on a date: ``days`` of food for ``people``.

    ``people`` None means the stock covers the whole population.
    """

    as_of: date
    days: Range
    people: Range | None = None


@dataclass(frozen=True)
class Delivery:
    """Aid that entered after the stock figure: tonnes, or trucks x load."""

    on: date
    tonnes: Range | None = None
    trucks: Range | None = None
    tonnes_per_truck: float = DEFAULT_TONNES_PER_TRUCK

    def __post_init__(self) -> None:
        if (self.tonnes is None) == (self.trucks is None):
            raise ProjectionError(
                f"delivery on {self.on}: expected either tonnes or trucks, got "
                f"{'both' if self.tonnes is not None else 'neither'}"
            )
        if not 0 < self.tonnes_per_truck <= MAX_TONNES_PER_TRUCK:
            raise ProjectionError(
                f"delivery on {self.on}: tonnes per truck must be above 0 and at "
                f"most {MAX_TONNES_PER_TRUCK:g}, got {self.tonnes_per_truck!r}"
            )


@dataclass(frozen=True)
class ProjectionInputs:
    """Everything the projection needs about one area, as plain values."""

    area: str
    as_of: date
    population: Range
    stocks: Sequence[StockFigure]
    deliveries: Sequence[Delivery] = ()
    wounded: Range | None = None
    hospitals: Range | None = None


@dataclass(frozen=True)
class MedicalNeed:
    """People who need medical evacuation: the wounded range, in percentiles."""

    p10: int
    p50: int
    p90: int
    urgent: bool
    """True when the hospital figure is 0 at its top: no hospital functions."""
    hospitals: Range | None


@dataclass(frozen=True)
class Projection:
    """The answer: when food runs out, how sure we are, and why.

    P10 is the early (pessimistic) end: one draw in ten runs out sooner.
    ``days`` and ``fraction_out`` are the curve behind the percentiles:
    ``fraction_out[i]`` is the share of draws out of food ``days[i]`` days
    after ``as_of`` (``fraction_out[0]`` is ``probability_out_by_as_of``, the
    share of draws with no food left on ``as_of``). ``stock_as_of`` is the date
    of the stock figure used; ``daily_need_tonnes`` is the median population
    draw x 0.52 kg.
    """

    area: str
    as_of: date
    draws: int
    seed: int
    stock_as_of: date
    p10: date
    p50: date
    p90: date
    days_left_p10: float
    days_left_p50: float
    days_left_p90: float
    probability_out_by_as_of: float
    daily_need_tonnes: float
    medical_evacuation: MedicalNeed | None
    assumptions: list[str]
    days: list[int] = field(repr=False)
    fraction_out: list[float] = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, ranges as low/high/source."""

        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, Range):
                return {"low": value.low, "high": value.high, "source": value.source}
            if isinstance(value, MedicalNeed):
                return {k: plain(v) for k, v in vars(value).items()}
            return value

        return {k: plain(v) for k, v in vars(self).items()}


def project(
    inputs: ProjectionInputs, draws: int = 100_000, seed: int = 2016
) -> Projection:
    """Project when food runs out in ``inputs.area``, as seen on ``inputs.as_of``.

    Raises :class:`ProjectionError` when no stock figure is dated on or before
    ``as_of`` or the population could be zero.
    """
    if draws < 1:
        raise ProjectionError(f"draws must be at least 1, got {draws}")
    stock = _latest_stock(inputs)
    if inputs.population.bounds()[0] <= 0:
        raise ProjectionError(
            f"{inputs.area}: population must be above 0, got "
            f"{inputs.population.describe()}"
        )
    rng = np.random.default_rng(seed)
    kg = FOOD_KG_PER_PERSON_DAY / 1000  # tonnes a person a day

    population = _draw(rng, inputs.population, draws)
    covered = population if stock.people is None else _draw(rng, stock.people, draws)
    on_hand = _draw(rng, stock.days, draws) * covered * kg
    eaten = population * kg  # tonnes a day
    deliveries = sorted(
        (d for d in inputs.deliveries if d.on > stock.as_of), key=lambda d: d.on
    )
    arrivals = [((d.on - stock.as_of).days, _tonnes(rng, d, draws)) for d in deliveries]
    now = (inputs.as_of - stock.as_of).days

    runout = _runout(on_hand, eaten, arrivals, now)
    days_left = np.maximum(runout - now, 0.0)

    t10, t50, t90 = (float(t) for t in np.percentile(runout, [10, 50, 90]))
    left10, left50, left90 = (float(d) for d in np.percentile(days_left, [10, 50, 90]))
    days, fraction = _curve(days_left)
    medical = _medical(rng, inputs, draws)
    return Projection(
        area=inputs.area,
        as_of=inputs.as_of,
        draws=draws,
        seed=seed,
        stock_as_of=stock.as_of,
        p10=_date_of(stock.as_of, t10, inputs.area),
        p50=_date_of(stock.as_of, t50, inputs.area),
        p90=_date_of(stock.as_of, t90, inputs.area),
        days_left_p10=left10,
        days_left_p50=left50,
        days_left_p90=left90,
        probability_out_by_as_of=float(np.mean(days_left <= 0)),
        daily_need_tonnes=float(np.median(eaten)),
        medical_evacuation=medical,
        assumptions=_assumptions(inputs, stock, deliveries, medical),
        days=days,
        fraction_out=fraction,
    )


def _latest_stock(inputs: ProjectionInputs) -> StockFigure:
    known = [s for s in inputs.stocks if s.as_of <= inputs.as_of]
    if not known:
        later = sorted(s.as_of.isoformat() for s in inputs.stocks)
        got = f"only figures dated {', '.join(later)}" if later else "none"
        raise ProjectionError(
            f"{inputs.area}: expected a food stock figure (food.stock_duration) "
            f"dated on or before {inputs.as_of.isoformat()}, got {got}"
        )
    return max(known, key=lambda s: s.as_of)


def _draw(rng: np.random.Generator, quantity: Range, n: int) -> _Array:
    low, high = quantity.bounds()
    if low == high:
        return np.full(n, low, dtype=np.float64)
    return rng.uniform(low, high, n)


def _tonnes(rng: np.random.Generator, delivery: Delivery, n: int) -> _Array:
    if delivery.tonnes is not None:
        return _draw(rng, delivery.tonnes, n)
    assert delivery.trucks is not None
    return _draw(rng, delivery.trucks, n) * delivery.tonnes_per_truck


def _runout(
    on_hand: _Array, eaten: _Array, arrivals: list[tuple[int, _Array]], now: int
) -> _Array:
    """Depletion time per draw, in days from the stock date.

    ``arrivals`` are (day, tonnes) in date order, all after day 0.
    """
    level = on_hand.copy()  # tonnes at day `t`
    empty_since = np.zeros_like(level)  # start of the empty stretch, where level 0
    t = 0.0
    # Up to as_of: the stock empties, deliveries refill it, never below zero.
    for day, tonnes in (a for a in arrivals if a[0] <= now):
        before = level - eaten * (day - t)
        emptied = (before <= 0) & (level > 0)
        empty_since = np.where(emptied, t + level / eaten, empty_since)
        level = np.maximum(before, 0.0) + tonnes
        t = day
    before = level - eaten * (now - t)
    out_now = before <= 0
    emptied = out_now & (level > 0)
    empty_since = np.where(emptied, t + level / eaten, empty_since)

    # After as_of: the first time the stock reaches zero, planned arrivals count.
    runout = np.where(out_now, empty_since, np.inf)
    done = out_now.copy()
    level = np.maximum(before, 0.0)
    t = float(now)
    for day, tonnes in (a for a in arrivals if a[0] > now):
        before = level - eaten * (day - t)
        hits = ~done & (before < 0)
        runout = np.where(hits, t + level / eaten, runout)
        done |= hits
        level = before + tonnes
        t = day
    runout = np.where(done, runout, t + level / eaten)
    return runout


def _curve(days_left: _Array) -> tuple[list[int], list[float]]:
    last = min(math.ceil(float(days_left.max())), MAX_CURVE_DAYS)
    days = np.arange(last + 1)
    ordered = np.sort(days_left)
    out = np.searchsorted(ordered, days, side="right") / len(ordered)
    return days.tolist(), out.tolist()


def _date_of(start: date, offset: float, area: str) -> date:
    try:
        return start + timedelta(days=math.floor(offset))
    except OverflowError:
        raise ProjectionError(
            f"{area}: food would last {offset:,.0f} days from {start}, "
            "past any calendar date; check the stock and population ranges"
        ) from None


def _medical(
    rng: np.random.Generator, inputs: ProjectionInputs, n: int
) -> MedicalNeed | None:
    if inputs.wounded is None:
        return None
    wounded = _draw(rng, inputs.wounded, n)
    p10, p50, p90 = (round(float(w)) for w in np.percentile(wounded, [10, 50, 90]))
    hospitals = inputs.hospitals
    urgent = hospitals is not None and hospitals.bounds()[1] == 0
    return MedicalNeed(p10=p10, p50=p50, p90=p90, urgent=urgent, hospitals=hospitals)


def _assumptions(
    inputs: ProjectionInputs,
    stock: StockFigure,
    deliveries: list[Delivery],
    medical: MedicalNeed | None,
) -> list[str]:
    kcal_per_kg = KCAL_PER_PERSON_DAY / FOOD_KG_PER_PERSON_DAY
    lines = [
        f"Food need: {KCAL_PER_PERSON_DAY:,} kcal a person a day (Sphere food "
        f"security standard), taken as {FOOD_KG_PER_PERSON_DAY} kg of food a person "
        f"a day (WFP ration weight, about {kcal_per_kg:,.0f} kcal/kg).",
        "Sampling: every range is drawn independently and uniformly; a point "
        "value is fixed; an open-ended range 'more than X' is drawn in "
        f"[X, {OPEN_ENDED_FACTOR:g} X]; a range with only a top 'up to X' in "
        f"[{ONLY_HIGH_FACTOR:g} X, X].",
        f"Population: {inputs.population.describe('people')}; constant over the "
        "projection (no arrivals, departures or deaths are modelled).",
        f"Stock: {stock.days.describe('days')} of food said on "
        f"{stock.as_of.isoformat()}, for "
        + (
            "the whole population"
            if stock.people is None
            else stock.people.describe("people")
        )
        + "; food on hand = days x people covered x "
        f"{FOOD_KG_PER_PERSON_DAY} kg, shared equally, with no losses, spoilage "
        "or food from markets and gardens.",
    ]
    earlier = [s for s in inputs.stocks if s.as_of < stock.as_of]
    if earlier:
        lines.append(
            f"Stock figures: the latest on or before {inputs.as_of.isoformat()} is "
            f"used; {len(earlier)} earlier figure(s) are older snapshots and ignored."
        )
    lines.append(
        "Deliveries: each adds its tonnes on its date; trucks carry the stated "
        f"load or {DEFAULT_TONNES_PER_TRUCK:g} t; deliveries dated on or before the "
        "stock figure are taken as already counted in it; deliveries after as_of "
        "count as planned arrivals."
    )
    for d in deliveries:
        lines.append(f"Delivery on {d.on.isoformat()}: {_load(d)}.")
    skipped = len(inputs.deliveries) - len(deliveries)
    if skipped:
        lines.append(
            f"{skipped} delivery(ies) dated on or before {stock.as_of.isoformat()} "
            "ignored (counted in the stock figure)."
        )
    lines.append(
        "Depletion: food runs out when the stock reaches zero (never below: a late "
        "delivery restarts it); the date is the day it runs out, stock date + "
        "floor(days); days left = time from as_of to then, 0 if already out; "
        "P10 is the early end."
    )
    if medical is not None:
        assert inputs.wounded is not None
        if inputs.hospitals is None:
            state = "hospital figures unknown, so not marked urgent"
        elif medical.urgent:
            state = "no functioning hospital, so all are urgent"
        else:
            state = (
                f"functioning hospitals {inputs.hospitals.describe()}, so not "
                "marked urgent"
            )
        lines.append(
            "Medical evacuation: everyone wounded "
            f"({inputs.wounded.describe('people')}) needs evacuation; {state}."
        )
    return lines


def _load(delivery: Delivery) -> str:
    if delivery.tonnes is not None:
        return delivery.tonnes.describe("t")
    assert delivery.trucks is not None
    return f"{delivery.trucks.describe('trucks')} x {delivery.tonnes_per_truck:g} t"
