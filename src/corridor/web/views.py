"""A situation shaped for pages: indicator cards, conflicts, corridor status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from corridor.extract import INDICATORS
from corridor.situation import Estimate, Evidence, Situation


@dataclass
class Card:
    """The latest estimate of one indicator in one area, and the ones before."""

    area: str
    indicator: str
    latest: Estimate
    earlier: list[Estimate] = field(default_factory=list)
    disputed: bool = False

    @property
    def newest(self) -> Evidence:
        """The claim behind the latest estimate that was dated last."""
        return max(
            self.latest.evidence, key=lambda e: (e.on is not None, e.on or dt.date.min)
        )


def cards(picture: Situation, area: str | None) -> list[Card]:
    """Cards for ``area`` itself first (indicator order of DESIGN.md), then
    for the areas inside it."""
    by_key: dict[tuple[str, str], list[Estimate]] = defaultdict(list)
    for estimate in picture.estimates:
        by_key[(estimate.area, estimate.indicator)].append(estimate)
    disputed = {
        (c.area, c.subject, c.start, c.end)
        for c in picture.conflicts
        if c.kind == "figures"
    }
    order = {name: i for i, name in enumerate(INDICATORS)}
    out = []
    for (where, indicator), items in by_key.items():
        items.sort(key=lambda e: (e.end is None, e.end, e.start))
        latest = items[-1]
        out.append(
            Card(
                area=where,
                indicator=indicator,
                latest=latest,
                earlier=list(reversed(items[:-1])),
                disputed=(where, indicator, latest.start, latest.end) in disputed,
            )
        )
    out.sort(
        key=lambda c: (c.area != area, c.area, order.get(c.indicator, 99), c.indicator)
    )
    return out


def window(start: Any, end: Any) -> str:
    if start is None and end is None:
        return "undated"
    if start == end or end is None:
        return str(start)
    return f"{start} to {end}"
