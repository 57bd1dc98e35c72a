"""The scenario model: corridors, fleet, needs and stock, as plain dataclasses.

A :class:`Scenario` is everything a planner needs, with no database behind it:

* :class:`Corridor` -- a route from one place to another, of a ``kind``
  (``aid-in``, ``evacuation-out`` or ``both``), open only in its
  :class:`Window` s, with a capacity per window in vehicles, a transit time
  and a risk of closure (0-1);
* :class:`VehicleType` -- how many vehicles of one kind, what each carries
  (tonnes of food, seats, stretchers), their turnaround, and any seizures;
* :class:`Need` -- one district's needs: daily food rations from its projected
  depletion date (or explicit :class:`FoodNeed` overrides), wounded by severity
  with the time by which they must be out (:class:`WoundedNeed`), and people
  wishing to leave;
* :class:`Stock` -- food waiting outside, from a date;
* :class:`Weights` -- the priority of each unit of unmet need.

Time conventions: vehicles start outside and depart only at slot starts within
an open window (windows longer than ``slot`` offer one departure every
``slot``); food arrives at departure + transit; people reach safety at
departure + 2 x transit (vehicles go in empty and come back out); a vehicle is
busy for 2 x transit + its turnaround (one-way vehicles, such as private cars
leaving, are used once).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from corridor.errors import CorridorError, InputError

__all__ = [
    "DEFAULT_WOUNDED_DEADLINES",
    "FOOD_KG_PER_PERSON_DAY",
    "KINDS",
    "SEVERITIES",
    "Corridor",
    "CorridorKind",
    "FoodNeed",
    "Need",
    "PlanError",
    "Scenario",
    "ScenarioError",
    "Seizure",
    "Stock",
    "VehicleType",
    "Weights",
    "Window",
    "WoundedNeed",
    "district_needs",
]

FOOD_KG_PER_PERSON_DAY = 0.52
"""WFP planning weight of a 2,100 kcal ration (15.7 kg a month)."""
SEVERITIES = ("critical", "serious", "moderate")
"""Wounded severity classes, most urgent first."""
DEFAULT_WOUNDED_DEADLINES = {
    "critical": timedelta(hours=24),
    "serious": timedelta(hours=72),
    "moderate": timedelta(days=7),
}
"""By default a wounded person must be out this long after the figure's date."""
CorridorKind = Literal["aid-in", "evacuation-out", "both"]
KINDS: tuple[CorridorKind, ...] = ("aid-in", "evacuation-out", "both")


class ScenarioError(InputError):
    """A scenario file or field is unusable: ``source`` names file and field."""


class PlanError(CorridorError):
    """A plan cannot be made or scored (solver failure, inconsistent plan)."""


@dataclass(frozen=True)
class Window:
    """A period when a corridor is open; ``capacity`` None uses the corridor's."""

    start: datetime
    end: datetime
    capacity: int | None = None
    cancelled: bool = False
    risk: float | None = None

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class Corridor:
    """A route through the front line, usable only in its windows."""

    id: str
    origin: str
    destination: str
    kind: CorridorKind
    windows: tuple[Window, ...]
    capacity: int
    transit: timedelta = timedelta(hours=1)
    risk: float = 0.0

    @property
    def carries_food(self) -> bool:
        return self.kind in ("aid-in", "both")

    @property
    def carries_people(self) -> bool:
        return self.kind in ("evacuation-out", "both")

    def window_capacity(self, window: Window) -> int:
        if window.cancelled:
            return 0
        return self.capacity if window.capacity is None else window.capacity

    def window_risk(self, window: Window) -> float:
        return self.risk if window.risk is None else window.risk


@dataclass(frozen=True)
class Seizure:
    """``count`` vehicles of a type taken out of the fleet from ``at`` on."""

    at: datetime
    count: int


@dataclass(frozen=True)
class VehicleType:
    """``count`` vehicles that each carry tonnes of food, seats, stretchers."""

    id: str
    count: int
    tonnes: float = 0.0
    seats: int = 0
    stretchers: int = 0
    turnaround: timedelta = timedelta(0)
    one_way: bool = False
    seizures: tuple[Seizure, ...] = ()

    def usable_on(self, corridor: Corridor) -> bool:
        """Whether a trip of this type through ``corridor`` can carry anything."""
        food = corridor.carries_food and self.tonnes > 0 and not self.one_way
        people = corridor.carries_people and (self.seats > 0 or self.stretchers > 0)
        return food or people

    def available(self, at: datetime) -> int:
        """Vehicles in the fleet at ``at`` (after seizures)."""
        lost = sum(s.count for s in self.seizures if s.at <= at)
        return max(self.count - lost, 0)


@dataclass(frozen=True)
class FoodNeed:
    """``tonnes`` of food that must arrive by ``by``."""

    tonnes: float
    by: datetime


@dataclass(frozen=True)
class WoundedNeed:
    """``count`` wounded of a severity who must be out by ``by``."""

    severity: str
    count: int
    by: datetime


@dataclass(frozen=True)
class Need:
    """One district's needs.

    ``food`` None means daily rations for ``population`` from ``depletion``
    (the projected date food runs out) to the end of the horizon; an explicit
    tuple overrides that.
    """

    district: str
    population: int = 0
    depletion: datetime | None = None
    food: tuple[FoodNeed, ...] | None = None
    wounded: tuple[WoundedNeed, ...] = ()
    leaving: int = 0

    def food_items(self, end: datetime) -> tuple[FoodNeed, ...]:
        """Food that must arrive by ``end``: one ration a day from depletion."""
        if self.food is not None:
            return tuple(f for f in self.food if f.by <= end)
        if self.depletion is None or self.population <= 0:
            return ()
        daily = self.population * FOOD_KG_PER_PERSON_DAY / 1000
        items = []
        day = self.depletion
        while day <= end:
            items.append(FoodNeed(daily, day))
            day += timedelta(days=1)
        return tuple(items)

    def wounded_count(self, severity: str | None = None) -> int:
        return sum(
            w.count for w in self.wounded if severity is None or w.severity == severity
        )


@dataclass(frozen=True)
class Stock:
    """Food waiting outside, usable by departures from ``available`` on."""

    id: str
    tonnes: float
    available: datetime | None = None


@dataclass(frozen=True)
class Weights:
    """The priority of one unit of unmet need (and of one unit of risk).

    Per person for the wounded (by severity) and evacuees, per tonne of food
    short by its deadline, per vehicle trip x closure risk for risk exposure,
    per person-day that someone wishing to leave is still inside (``waiting``,
    small: it only makes the plan move people early rather than late).
    With the defaults an ambulance (2 stretchers) of critical cases is worth
    200, a 10-tonne truck of food before its deadline 100, a 50-seat bus 50.
    """

    critical: float = 100.0
    serious: float = 40.0
    moderate: float = 15.0
    food: float = 10.0
    evacuee: float = 1.0
    risk: float = 10.0
    waiting: float = 0.05

    def wounded(self, severity: str) -> float:
        value: float = getattr(self, severity)
        return value


@dataclass(frozen=True)
class Scenario:
    """Everything one plan is made from."""

    name: str
    start: datetime
    horizon: timedelta
    corridors: tuple[Corridor, ...]
    fleet: tuple[VehicleType, ...]
    needs: tuple[Need, ...]
    stock: tuple[Stock, ...] = ()
    weights: Weights = field(default_factory=Weights)
    slot: timedelta = timedelta(hours=1)

    @property
    def end(self) -> datetime:
        return self.start + self.horizon

    def with_horizon(self, horizon: timedelta | None) -> Scenario:
        """The same scenario planned over another horizon (None keeps it)."""
        if horizon is None:
            return self
        if horizon <= timedelta(0):
            raise PlanError(f"horizon must be positive, got {horizon}")
        return replace(self, horizon=horizon)

    def hours(self, at: datetime) -> float:
        """Hours from the scenario start to ``at``."""
        return (at - self.start).total_seconds() / 3600

    def totals(self) -> dict[str, float]:
        """The need over the horizon: food tonnes, wounded by severity, leaving."""
        out: dict[str, float] = {
            "food_tonnes": sum(
                f.tonnes for n in self.needs for f in n.food_items(self.end)
            ),
            "leaving": float(sum(n.leaving for n in self.needs)),
        }
        for severity in SEVERITIES:
            out[f"wounded_{severity}"] = float(
                sum(n.wounded_count(severity) for n in self.needs)
            )
        return out


def district_needs(
    district: str,
    *,
    population: int,
    as_of: datetime,
    food_days_left: float | None = None,
    depletion: datetime | None = None,
    wounded: Mapping[str, int] | None = None,
    leaving: int = 0,
    deadlines: Mapping[str, timedelta] | None = None,
) -> Need:
    """A district's :class:`Need` from plain numbers of the situation picture.

    ``depletion`` (the projected date food runs out) wins over
    ``food_days_left`` (counted from ``as_of``); with neither, the district
    needs no food in the horizon. ``wounded`` maps severity to a count; each
    severity must be out by ``as_of`` + its deadline
    (:data:`DEFAULT_WOUNDED_DEADLINES` unless given).
    """
    if population < 0 or leaving < 0:
        raise PlanError(f"district {district!r}: counts must be >= 0")
    if depletion is None and food_days_left is not None:
        if not math.isfinite(food_days_left) or food_days_left < 0:
            raise PlanError(
                f"district {district!r}: food_days_left must be >= 0, "
                f"got {food_days_left!r}"
            )
        depletion = as_of + timedelta(days=food_days_left)
    limits = {**DEFAULT_WOUNDED_DEADLINES, **(deadlines or {})}
    groups = []
    for severity, count in (wounded or {}).items():
        if severity not in SEVERITIES:
            raise PlanError(
                f"district {district!r}: severity must be one of "
                f"{', '.join(SEVERITIES)}, got {severity!r}"
            )
        if count < 0:
            raise PlanError(f"district {district!r}: wounded must be >= 0")
        if count:
            groups.append(WoundedNeed(severity, int(count), as_of + limits[severity]))
    return Need(
        district=district,
        population=population,
        depletion=depletion,
        wounded=tuple(groups),
        leaving=leaving,
    )
