"""The records extraction produces: :class:`Claim` and :class:`Event`.

``INDICATORS`` is the contract every stage shares (DESIGN.md's table):
indicator name -> unit. ``EVENT_TYPES`` is the fixed list of events the
extractor can emit. Both records are frozen dataclasses whose ``start`` and
``end`` are character offsets into the document text, with
``quote == text[start:end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

INDICATORS: dict[str, str] = {
    "people.trapped": "people",
    "people.killed": "people",
    "people.injured": "people",
    "people.displaced": "people",
    "people.evacuated": "people",
    "people.in_need": "people",
    "people.detained": "people",
    "food.stock_duration": "days",
    "aid.delivered": "tonnes",
    "access.days_without_aid": "days",
    "access.corridors": "corridors",
    "access.convoys": "convoys",
    "health.hospitals": "hospitals",
    "health.doctors": "people",
    "territory.control_share": "percent",
    "forces.troops": "people",
    "attacks.count": "attacks",
    "conflict.duration": "days",
}

EVENT_TYPES: tuple[str, ...] = (
    "corridor.announced",
    "corridor.proposed",
    "corridor.opened",
    "corridor.used",
    "corridor.closed",
    "corridor.not_materialised",
    "convoy.entered",
    "convoy.blocked",
    "hospital.hit",
    "hospital.destroyed",
    "evacuation.started",
    "evacuation.completed",
    "evacuation.paused",
    "ceasefire.declared",
    "ceasefire.collapsed",
    "pause.declared",
    "pause.cancelled",
)

MODALITIES: tuple[str, ...] = (
    "asserted",
    "estimated",
    "reported",
    "projected",
    "hypothetical",
    "negated",
)


def _json(record: Any, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": kind}
    for key, value in asdict(record).items():
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


@dataclass(frozen=True)
class Claim:
    """One sourced figure: an indicator with a range, place, date and evidence."""

    indicator: str
    low: float | None
    high: float | None
    unit: str
    vague: bool
    modality: str
    area: str | None
    actor: str | None
    attribution: str | None
    as_of: date | None
    start: int
    end: int
    quote: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``"type": "claim"`` and ISO dates."""
        return _json(self, "claim")


@dataclass(frozen=True)
class Event:
    """One dated change of state (a corridor opened, a convoy blocked ...)."""

    event: str
    modality: str
    area: str | None
    actor: str | None
    attribution: str | None
    date: date | None
    count: int | None
    start: int
    end: int
    quote: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``"type": "event"`` and ISO dates."""
        return _json(self, "event")
