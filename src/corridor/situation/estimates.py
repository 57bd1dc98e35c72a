"""Reconciled estimates: claims on one area, indicator and time window, combined.

For each window the estimate keeps the envelope of the credible claims (the
lowest low and the highest high; open-ended when any claim is), a central value
(the median over independent sources of each source's latest figure), the
number of independent sources, the newest date, and every claim behind it.
Figures far apart in time are a series, not a disagreement: a window starts
at its first claim's date and holds the claims of the next ``window_days``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

CREDIBLE = frozenset({"asserted", "estimated", "reported"})
"""Modalities that state a figure as fact; projections, conditionals and
negated figures are kept with their documents but not reconciled."""

DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Evidence:
    """One claim behind an estimate, with where it came from."""

    claim_id: str
    document_id: str
    source: str
    """Who the figure comes from: the originator named, else the publisher."""
    source_key: str
    publisher: str | None
    published: dt.date | None
    on: dt.date | None
    """The date the figure refers to (its as-of date, else publication)."""
    low: float | None
    high: float | None
    vague: bool
    modality: str
    quote: str

    @property
    def interval(self) -> tuple[float, float]:
        """The figure as a closed interval; open ends become 0 or infinity."""
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else float("inf")
        return low, high

    @property
    def point(self) -> float | None:
        """One number for the figure: a closed range's midpoint, else its bound."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "document": self.document_id,
            "source": self.source,
            "publisher": self.publisher,
            "published": _iso(self.published),
            "on": _iso(self.on),
            "low": self.low,
            "high": self.high,
            "vague": self.vague,
            "modality": self.modality,
            "quote": self.quote,
        }


@dataclass
class Estimate:
    area: str
    indicator: str
    unit: str
    start: dt.date | None
    end: dt.date | None
    low: float | None
    high: float | None
    central: float | None
    sources: list[str]
    newest: dt.date | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def source_count(self) -> int:
        return len(self.sources)

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "indicator": self.indicator,
            "unit": self.unit,
            "window": [_iso(self.start), _iso(self.end)],
            "low": self.low,
            "high": self.high,
            "central": self.central,
            "independent_sources": self.source_count,
            "sources": self.sources,
            "newest": _iso(self.newest),
            "claims": [e.to_json() for e in self.evidence],
        }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def windows(items: Sequence[Evidence], days: int) -> list[list[Evidence]]:
    """Split evidence (any order) into consecutive windows of ``days`` days.

    Undated evidence forms a window of its own, after the dated ones.
    """
    dated = sorted(
        (e for e in items if e.on is not None), key=lambda e: e.on or dt.date.min
    )
    groups: list[list[Evidence]] = []
    for item in dated:
        assert item.on is not None
        first = groups[-1][0].on if groups else None
        if first is not None and (item.on - first).days < days:
            groups[-1].append(item)
        else:
            groups.append([item])
    undated = [e for e in items if e.on is None]
    if undated:
        groups.append(undated)
    return groups


def combine(
    area: str, indicator: str, unit: str, items: Sequence[Evidence]
) -> Estimate:
    """One estimate from the evidence of one window."""
    lows = [e.low for e in items if e.low is not None]
    highs = [e.high for e in items if e.high is not None]
    open_ended = any(e.high is None and e.low is not None for e in items)
    latest: dict[str, Evidence] = {}
    labels: dict[str, str] = {}
    for item in sorted(items, key=lambda e: (e.on or dt.date.min, e.claim_id)):
        latest[item.source_key] = item
        labels.setdefault(item.source_key, item.source)
    points = [p for e in latest.values() if (p := e.point) is not None]
    dates = [e.on for e in items if e.on is not None]
    return Estimate(
        area=area,
        indicator=indicator,
        unit=unit,
        start=min(dates) if dates else None,
        end=max(dates) if dates else None,
        low=min(lows) if lows else None,
        high=None if open_ended or not highs else max(highs),
        central=statistics.median(points) if points else None,
        sources=sorted(labels.values()),
        newest=max(dates) if dates else None,
        evidence=sorted(items, key=lambda e: (e.on or dt.date.min, e.claim_id)),
    )


def reconcile(
    claims: Iterable[tuple[str, str, str, Evidence]],
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Estimate]:
    """Estimates from ``(area, indicator, unit, evidence)`` tuples of credible
    claims, ordered by area, indicator and window."""
    grouped: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for area, indicator, unit, item in claims:
        grouped[(area, indicator, unit)].append(item)
    out = []
    for (area, indicator, unit), items in sorted(grouped.items()):
        for window in windows(items, window_days):
            out.append(combine(area, indicator, unit, window))
    return out


ADDITIVE_UNITS = frozenset({"people", "attacks", "tonnes", "convoys", "hospitals"})
"""Units whose figures for parts of an area add up to a figure for the whole."""


@dataclass(frozen=True)
class Rollup:
    """Sum of the latest estimates of an area's parts (never of the area itself)."""

    area: str
    indicator: str
    unit: str
    low: float | None
    high: float | None
    central: float | None
    parts: list[str]
    """What was summed: ``"East Aleppo (2016-11-29 to 2016-12-03)"``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "indicator": self.indicator,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "central": self.central,
            "summed": self.parts,
        }


def rollups(
    estimates: Sequence[Estimate],
    parent_of: Any,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Rollup]:
    """For every area with parts, the sum of each part's latest estimate.

    ``parent_of(area)`` names the area containing ``area`` (None at the top).
    Parts nest: a grandchild counts only where its parent has no estimate of
    its own for that indicator, so nothing is counted twice. Only parts from
    the same time are summed: those whose latest window ends within
    ``window_days`` of the newest part's.
    """
    latest: dict[tuple[str, str], Estimate] = {}
    for estimate in estimates:
        if estimate.unit in ADDITIVE_UNITS:
            key = (estimate.area, estimate.indicator)
            current = latest.get(key)
            if current is None or (estimate.end or dt.date.min) >= (
                current.end or dt.date.min
            ):
                latest[key] = estimate
    out: dict[tuple[str, str], list[Estimate]] = defaultdict(list)
    for (area, indicator), estimate in latest.items():
        ancestor = parent_of(area)
        while ancestor:
            out[(ancestor, indicator)].append(estimate)
            if (ancestor, indicator) in latest:
                break
            ancestor = parent_of(ancestor)
    result = []
    for (area, indicator), parts in sorted(out.items()):
        parts = _recent(_outermost(parts, parent_of), window_days)
        result.append(
            Rollup(
                area=area,
                indicator=indicator,
                unit=parts[0].unit,
                low=_sum(p.low for p in parts),
                high=None
                if any(p.high is None for p in parts)
                else _sum(p.high for p in parts),
                central=_sum(p.central for p in parts),
                parts=[f"{p.area} ({_iso(p.start)} to {_iso(p.end)})" for p in parts],
            )
        )
    return result


def _outermost(parts: list[Estimate], parent_of: Any) -> list[Estimate]:
    """Drop a part whose own parent is also among the parts (no double count)."""
    areas = {p.area for p in parts}
    kept = []
    for part in parts:
        ancestor, inside = parent_of(part.area), False
        while ancestor:
            if ancestor in areas:
                inside = True
                break
            ancestor = parent_of(ancestor)
        if not inside:
            kept.append(part)
    return sorted(kept, key=lambda p: p.area)


def _recent(parts: list[Estimate], days: int) -> list[Estimate]:
    newest = max((p.end for p in parts if p.end is not None), default=None)
    if newest is None:
        return parts
    return [p for p in parts if p.end is not None and (newest - p.end).days < days]


def _sum(values: Iterable[float | None]) -> float | None:
    items = list(values)
    if not items or any(v is None for v in items):
        return None
    return float(sum(v for v in items if v is not None))
