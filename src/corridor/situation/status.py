"""Corridor status: what each source said about the corridors of an area, when.

Events carry no corridor name, so a corridor is known by its area (the
corridors out of East Aleppo). The history lists every corridor event with its
source, date and quote; the status is the latest event stated as fact, and a
history that holds both "opened" and "not materialised" is marked disputed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FACTUAL = frozenset({"asserted", "reported", "estimated"})


@dataclass(frozen=True)
class CorridorHistory:
    area: str
    status: str | None
    """The latest corridor event stated as fact, like ``corridor.not_materialised``."""
    since: dt.date | None
    disputed: bool
    entries: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "status": self.status,
            "since": None if self.since is None else self.since.isoformat(),
            "disputed": self.disputed,
            "history": self.entries,
        }


def corridor_histories(events: Sequence[dict[str, Any]]) -> list[CorridorHistory]:
    """One history per area that has corridor events, oldest event first."""
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event["event"].startswith("corridor."):
            by_area[event["area"] or "(no area)"].append(event)
    out = []
    for area, items in sorted(by_area.items()):
        items.sort(key=lambda e: (e["on"] or dt.date.max, e["event"]))
        factual = [e for e in items if e["modality"] in FACTUAL]
        last = factual[-1] if factual else None
        kinds = {e["event"] for e in factual}
        disputed = bool(kinds & {"corridor.opened", "corridor.used"}) and (
            "corridor.not_materialised" in kinds
        )
        out.append(
            CorridorHistory(
                area=area,
                status=None if last is None else last["event"],
                since=None if last is None else last["on"],
                disputed=disputed,
                entries=[
                    {
                        "on": None if e["on"] is None else e["on"].isoformat(),
                        "event": e["event"],
                        "modality": e["modality"],
                        "count": e.get("count"),
                        "actor": e.get("actor"),
                        "source": e["source"],
                        "quote": e["quote"],
                        "document": e["document_id"],
                    }
                    for e in items
                ],
            )
        )
    return out
