"""Compliance: a stored plan checked against what reports and witnesses saw.

Planned movements are grouped by corridor and day. For each group, the
current events of documents about the corridor's area on that day are read:
"opened", "used", "evacuation started/completed" and "convoy entered" confirm
it; "closed", "not materialised", "convoy blocked", "evacuation paused",
"pause cancelled", or a confirming event stated as negated, contradict it.
A group is ``confirmed``, ``contradicted`` (an alert, evidence quoted) or
``unobserved``. Figures count too: a claim that no convoy got in
(``access.convoys`` 0) or that no corridor exists (``access.corridors`` 0)
on that day contradicts the movements planned for it. A corridor has
``materialised`` when any of its days was confirmed, ``not materialised``
when days were observed and none confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from corridor.corridors.records import stored_plan
from corridor.situation.picture import canonical_area, contains
from corridor.situation.sources import source_of
from corridor.store import evidence
from corridor.store.engine import Store

CONFIRMS = frozenset(
    {
        "corridor.opened",
        "corridor.used",
        "evacuation.started",
        "evacuation.completed",
        "convoy.entered",
    }
)
CONTRADICTS = frozenset(
    {
        "corridor.closed",
        "corridor.not_materialised",
        "convoy.blocked",
        "evacuation.paused",
        "pause.cancelled",
    }
)
FACTUAL = frozenset({"asserted", "reported", "estimated"})
ZERO_MEANS_CLOSED = frozenset({"access.convoys", "access.corridors"})


@dataclass
class Observation:
    corridor: str
    day: dt.date
    vehicles: dict[str, int]
    evacuees: int
    stretcher_cases: int
    food_tonnes: float
    status: str = "unobserved"
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "corridor": self.corridor,
            "day": self.day.isoformat(),
            "status": self.status,
            "vehicles": self.vehicles,
            "evacuees": self.evacuees,
            "stretcher_cases": self.stretcher_cases,
            "food_tonnes": round(self.food_tonnes, 3),
            "evidence": self.evidence,
        }


@dataclass
class Compliance:
    plan_id: str
    scenario: str
    observations: list[Observation]
    corridors: dict[str, str]

    @property
    def alerts(self) -> list[Observation]:
        return [o for o in self.observations if o.status == "contradicted"]

    def to_json(self) -> dict[str, Any]:
        counts: dict[str, int] = defaultdict(int)
        for o in self.observations:
            counts[o.status] += 1
        return {
            "plan": self.plan_id,
            "scenario": self.scenario,
            "corridors": self.corridors,
            "days": dict(counts),
            "alerts": len(self.alerts),
            "observations": [o.to_json() for o in self.observations],
        }


def _area(scenario: dict[str, Any], corridor: dict[str, Any]) -> str | None:
    named = scenario.get("area") or str(corridor.get("from", "")).replace("-", " ")
    return canonical_area(named) if named else None


def verify_plan(store: Store, plan: str) -> Compliance:
    """Check the stored plan whose id starts with ``plan`` against the evidence."""
    row = stored_plan(store, plan)
    scenario = row["scenario"]
    corridors = {c["id"]: c for c in scenario.get("corridors", [])}
    groups: dict[tuple[str, dt.date], Observation] = {}
    for movement in row["body"]["plan"]["movements"]:
        day = dt.datetime.fromisoformat(movement["departure"]).date()
        key = (movement["corridor"], day)
        group = groups.setdefault(
            key, Observation(movement["corridor"], day, {}, 0, 0, 0.0)
        )
        group.vehicles[movement["vehicle"]] = (
            group.vehicles.get(movement["vehicle"], 0) + movement["count"]
        )
        group.evacuees += movement["evacuees"]
        group.stretcher_cases += sum(movement["stretcher_cases"].values())
        group.food_tonnes += movement["food_tonnes"]
    with store.read() as conn:
        events = list(evidence.events(conn))
        zeros = [
            c
            for c in evidence.claims(conn)
            if c["indicator"] in ZERO_MEANS_CLOSED
            and c["high"] == 0
            and c["modality"] in FACTUAL
        ]
    for (corridor_id, day), group in groups.items():
        area = _area(scenario, corridors.get(corridor_id, {}))
        for event in events:
            if not _same_day(event, day) or not _inside(area, event["area"]):
                continue
            verdict = _verdict(event)
            if verdict is None:
                continue
            _key, label = source_of(
                event["attribution"],
                event["publisher"],
                event["kind"],
                event["document_id"],
            )
            if event["kind"] == "witness" and event.get("signature"):
                label += f" (signature {event['signature']})"
            group.evidence.append(
                {
                    "says": verdict,
                    "event": event["event"],
                    "modality": event["modality"],
                    "source": label,
                    "quote": event["quote"],
                    "document": event["document_id"],
                }
            )
        for claim in zeros:
            food_only = claim["indicator"] == "access.convoys"
            if food_only and not group.food_tonnes:
                continue
            on = claim["as_of"] or claim["published"]
            if on != day or not _inside(area, claim["area"]):
                continue
            _key, label = source_of(
                claim["attribution"],
                claim["publisher"],
                claim["kind"],
                claim["document_id"],
            )
            group.evidence.append(
                {
                    "says": "contradicts",
                    "event": f"{claim['indicator']} = 0",
                    "modality": claim["modality"],
                    "source": label,
                    "quote": claim["quote"],
                    "document": claim["document_id"],
                }
            )
        says = {e["says"] for e in group.evidence}
        group.status = (
            "contradicted"
            if "contradicts" in says
            else "confirmed"
            if "confirms" in says
            else "unobserved"
        )
    observations = sorted(groups.values(), key=lambda o: (o.day, o.corridor))
    status = {}
    for corridor_id in corridors:
        mine = [o for o in observations if o.corridor == corridor_id]
        if any(o.status == "confirmed" for o in mine):
            status[corridor_id] = "materialised"
        elif any(o.status == "contradicted" for o in mine):
            status[corridor_id] = "not materialised"
        else:
            status[corridor_id] = "unobserved" if mine else "not used by the plan"
    return Compliance(row["id"], row["scenario_name"], observations, status)


def _same_day(event: dict[str, Any], day: dt.date) -> bool:
    if event["date"] is not None:
        return bool(event["date"] == day)
    published = event["published"]
    return published is not None and published in (day, day + dt.timedelta(days=1))


def _inside(area: str | None, event_area: str | None) -> bool:
    if area is None or event_area is None:
        return True  # a report without a place speaks for the scenario's area
    named = canonical_area(event_area)
    return named is not None and (contains(area, named) or contains(named, area))


def _verdict(event: dict[str, Any]) -> str | None:
    kind, modality = event["event"], event["modality"]
    if kind in CONFIRMS:
        if modality in FACTUAL:
            return "confirms"
        return "contradicts" if modality == "negated" else None
    if kind in CONTRADICTS and modality in FACTUAL:
        return "contradicts"
    return None
