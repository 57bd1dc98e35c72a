"""Needs from the situation picture, for scenarios that do not state them.

A scenario with an ``area`` and no ``districts`` is planned for one district,
the area itself, with the numbers the store holds as of the scenario's start:
population from the latest window of ``people.trapped`` (its central value),
the projected depletion date from ``corridor project`` (its P50), the wounded
from the latest ``people.injured`` window (all counted as *serious*: due out
within 72 hours, since reports rarely give severities), and everyone inside
counted as wishing to leave. Each of these is written into the assumptions
printed with the plan; a scenario's own districts always win.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from corridor.corridors.scenario import Scenario, district_needs
from corridor.errors import CorridorError
from corridor.situation import build
from corridor.situation.estimates import Estimate
from corridor.situation.inputs import projection_inputs
from corridor.situation.projection import project
from corridor.store.engine import Store


def _latest(estimates: list[Estimate], indicator: str) -> Estimate | None:
    found = [e for e in estimates if e.indicator == indicator and e.central is not None]
    return max(found, key=lambda e: e.end or dt.date.min) if found else None


def with_situation_needs(
    store: Store, scenario: Scenario, area: str
) -> tuple[Scenario, list[str]]:
    """``scenario`` with one district's needs filled from the store, and what
    was assumed."""
    as_of = scenario.start.date()
    picture = build(store, area, as_of)
    name = picture.area or area
    own = [e for e in picture.estimates if e.area == name] or picture.estimates
    notes = [f"needs of {name} from the situation picture as of {as_of}"]
    trapped = _latest(own, "people.trapped")
    population = int(trapped.central or 0) if trapped else 0
    notes.append(
        f"population {population:,} (people.trapped, {trapped.start} to {trapped.end})"
        if trapped
        else "population unknown (no people.trapped figure): 0"
    )
    depletion = None
    try:
        projection = project(projection_inputs(store, name, as_of))
        depletion = dt.datetime.combine(projection.p50, dt.time())
        notes.append(f"food runs out {projection.p50} (projection P50)")
    except CorridorError as exc:
        notes.append(f"no food need: {exc}")
    injured = _latest(own, "people.injured")
    wounded = int(injured.central or 0) if injured else 0
    notes.append(
        f"{wounded:,} wounded counted as serious (due out within 72 h)"
        if injured
        else "no wounded figure"
    )
    notes.append(f"all {population:,} inside counted as wishing to leave")
    need = district_needs(
        name,
        population=population,
        as_of=scenario.start,
        depletion=depletion,
        wounded={"serious": wounded},
        leaving=population,
    )
    return dataclasses.replace(scenario, needs=(need,)), notes
