"""Disagreements, listed side by side and never averaged away.

Figures conflict when two independent sources give ranges for the same area
and indicator, about the same moment, that do not overlap. "The same moment"
is within ``SAME_TIME_DAYS`` of each other (a day for running totals such as
people evacuated, which grow by the day; three days for states such as people
trapped): 10,000 evacuated on the 15th and 35,000 on the 22nd are a series,
31,500 fled and more than 50,000 fled on the same day are a dispute. A hedged
figure ("about 30,000") is read with a tolerance of ``HEDGE_TOLERANCE`` either
side, so "about 30,000" and "31,500" are not a conflict but "27,000" and
"31,500" are.

Events conflict when, for the same area within a window, one source says a
corridor opened or was used and another that it did not materialise (or
denies that it opened), or one says a convoy entered and another that it was
blocked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from corridor.situation.estimates import Estimate, Evidence

HEDGE_TOLERANCE = 0.05
RUNNING_TOTALS = frozenset(
    {
        "people.killed",
        "people.injured",
        "people.displaced",
        "people.evacuated",
        "people.detained",
        "aid.delivered",
        "access.convoys",
        "attacks.count",
        "access.days_without_aid",
        "conflict.duration",
    }
)
SAME_TIME_DAYS = {"running total": 1, "state": 3}


def same_time_days(indicator: str) -> int:
    """How many days apart two figures may be and still describe one moment."""
    return SAME_TIME_DAYS["running total" if indicator in RUNNING_TOTALS else "state"]


@dataclass(frozen=True)
class Conflict:
    kind: str
    """``figures`` or ``events``."""
    area: str
    subject: str
    """The indicator, or the events in dispute (``corridor.opened``)."""
    start: dt.date | None
    end: dt.date | None
    reason: str
    sides: list[dict[str, Any]]
    """Each side: source, figure or event, date, quote, document."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "area": self.area,
            "subject": self.subject,
            "window": [_iso(self.start), _iso(self.end)],
            "reason": self.reason,
            "sides": self.sides,
        }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _widened(item: Evidence) -> tuple[float, float]:
    low, high = item.interval
    if item.modality == "estimated" or item.vague:
        return low * (1 - HEDGE_TOLERANCE), high * (1 + HEDGE_TOLERANCE)
    return low, high


def _close(a: Evidence, b: Evidence, days: int) -> bool:
    if a.on is None or b.on is None:
        return a.on is None and b.on is None
    return abs((a.on - b.on).days) <= days


def figure_conflict(estimate: Estimate) -> Conflict | None:
    """The estimate's figures that some other source's figure contradicts."""
    days = same_time_days(estimate.indicator)
    # Every pair is compared, so each item's widened range is worked out once.
    items = [(e, *_widened(e)) for e in estimate.evidence]
    disputed: dict[str, Evidence] = {}
    for i, (first, first_low, first_high) in enumerate(items):
        for second, second_low, second_high in items[i + 1 :]:
            if (
                (first_low > second_high or second_low > first_high)
                and first.source_key != second.source_key
                and _close(first, second, days)
            ):
                disputed.setdefault(first.claim_id, first)
                disputed.setdefault(second.claim_id, second)
    if not disputed:
        return None
    sides = sorted(disputed.values(), key=lambda e: (e.interval, e.source))
    sources = {e.source_key for e in sides}
    return Conflict(
        kind="figures",
        area=estimate.area,
        subject=estimate.indicator,
        start=estimate.start,
        end=estimate.end,
        reason=f"{len(sources)} sources give figures for the same time (within "
        f"{days} day{'s' if days > 1 else ''}) that do not overlap",
        sides=[e.to_json() for e in sides],
    )


POSITIVE = {
    "corridor": ("corridor.opened", "corridor.used"),
    "convoy": ("convoy.entered",),
}
NEGATIVE = {"corridor": ("corridor.not_materialised",), "convoy": ("convoy.blocked",)}


def event_conflicts(
    events: Sequence[dict[str, Any]], window_days: int
) -> list[Conflict]:
    """Contradicting events per area, subject (corridor, convoy) and window.

    ``events`` are dicts with at least ``event``, ``modality``, ``area``,
    ``on`` (date or None), ``source`` and ``source_key``.
    """
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        subject = event["event"].split(".")[0]
        if subject in POSITIVE and event["modality"] in (
            "asserted",
            "reported",
            "estimated",
            "negated",
        ):
            grouped[(event["area"] or "(no area)", subject)].append(event)
    out = []
    for (area, subject), items in sorted(grouped.items()):
        for window in _windows(items, window_days):
            yes = [e for e in window if _says_it_happened(e, subject)]
            no = [e for e in window if _says_it_did_not(e, subject)]
            if not yes or not no:
                continue
            if {e["source_key"] for e in yes} == {e["source_key"] for e in no} and len(
                {e["source_key"] for e in yes}
            ) == 1:
                continue  # one source telling a story over time, not a dispute
            dates = [e["on"] for e in window if e["on"] is not None]
            out.append(
                Conflict(
                    kind="events",
                    area=area,
                    subject=f"{subject}: {'/'.join(POSITIVE[subject])} against "
                    f"{'/'.join(NEGATIVE[subject])}",
                    start=min(dates) if dates else None,
                    end=max(dates) if dates else None,
                    reason=f"{len(yes)} report(s) say it happened, "
                    f"{len(no)} that it did not",
                    sides=[_side(e) for e in yes + no],
                )
            )
    return out


def _says_it_happened(event: dict[str, Any], subject: str) -> bool:
    return event["event"] in POSITIVE[subject] and event["modality"] != "negated"


def _says_it_did_not(event: dict[str, Any], subject: str) -> bool:
    if event["event"] in NEGATIVE[subject]:
        return event["modality"] != "negated"
    return event["event"] in POSITIVE[subject] and event["modality"] == "negated"


def _side(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": event["source"],
        "event": event["event"],
        "modality": event["modality"],
        "on": _iso(event["on"]),
        "quote": event["quote"],
        "document": event["document_id"],
    }


def _windows(items: Iterable[dict[str, Any]], days: int) -> list[list[dict[str, Any]]]:
    dated = sorted((e for e in items if e["on"] is not None), key=lambda e: e["on"])
    groups: list[list[dict[str, Any]]] = []
    for item in dated:
        if groups and (item["on"] - groups[-1][0]["on"]).days < days:
            groups[-1].append(item)
        else:
            groups.append([item])
    undated = [e for e in items if e["on"] is None]
    return groups + ([undated] if undated else [])
