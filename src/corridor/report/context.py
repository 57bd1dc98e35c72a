"""What a report says, gathered once and rendered as HTML, PDF or Markdown.

Every figure in a report carries footnote numbers; each footnote is one quote
with its source, date and document, so a reader can check every number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from corridor import __version__
from corridor.errors import CorridorError
from corridor.report import charts
from corridor.situation import Situation, build
from corridor.situation.estimates import Estimate
from corridor.situation.inputs import projection_inputs
from corridor.situation.projection import Projection, project
from corridor.situation.text import figure
from corridor.store import schema
from corridor.store.engine import Store


@dataclass
class Footnotes:
    """Numbers quotes in order of first citation; the same quote keeps its number."""

    notes: list[dict[str, Any]] = field(default_factory=list)
    _index: dict[tuple[str, str], int] = field(default_factory=dict)

    def cite(self, document: str, quote: str, source: str, on: str | None) -> int:
        key = (document, quote)
        if key not in self._index:
            self.notes.append(
                {
                    "number": len(self.notes) + 1,
                    "document": document,
                    "quote": " ".join(quote.split()),
                    "source": source,
                    "on": on,
                }
            )
            self._index[key] = len(self.notes)
        return self._index[key]


@dataclass
class Report:
    area: str
    as_of: dt.date | None
    generated: str
    version: str
    situation: Situation
    headlines: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    corridors: list[dict[str, Any]]
    timelines: list[dict[str, str]]
    projection: Projection | None
    projection_note: str | None
    projection_chart: str | None
    footnotes: list[dict[str, Any]]
    sources: list[dict[str, Any]]


def gather(
    store: Store, area: str, as_of: dt.date | None = None, seed: int = 2016
) -> Report:
    """Everything the report shows about ``area`` as known on ``as_of``."""
    situation = build(store, area, as_of)
    notes = Footnotes()
    area_name = situation.area or area
    own = [e for e in situation.estimates if e.area == area_name] or situation.estimates
    latest: dict[str, Estimate] = {}
    for estimate in own:
        latest[estimate.indicator] = estimate  # estimates come ordered by window
    headlines = [_headline(e, notes) for e in latest.values()]
    conflicts = [
        {
            "subject": c.subject,
            "area": c.area,
            "reason": c.reason,
            "window": f"{c.start} to {c.end}",
            "sides": [
                {
                    **side,
                    "shown": figure(side["low"], side["high"])
                    if "low" in side
                    else f"{side['event']} ({side['modality']})",
                    "note": notes.cite(
                        side["document"], side["quote"], side["source"], side["on"]
                    ),
                }
                for side in c.sides
            ],
        }
        for c in situation.conflicts
    ]
    corridors = [
        {
            "area": h.area,
            "status": h.status,
            "since": h.since,
            "disputed": h.disputed,
            "entries": [
                {
                    **entry,
                    "note": notes.cite(
                        entry["document"], entry["quote"], entry["source"], entry["on"]
                    ),
                }
                for entry in h.entries
            ],
        }
        for h in situation.corridors
    ]
    timelines = []
    by_indicator: dict[str, list[Estimate]] = {}
    for estimate in own:
        by_indicator.setdefault(estimate.indicator, []).append(estimate)
    dates = [i.on for e in own for i in e.evidence if i.on is not None]
    span = (min(dates), max(dates)) if dates else None
    for indicator, estimates in sorted(by_indicator.items()):
        svg = charts.timeline(indicator, estimates[0].unit, estimates, span)
        timelines.append({"indicator": indicator, "svg": svg})
    result, note, chart = None, None, None
    try:
        result = project(projection_inputs(store, area_name, as_of), seed=seed)
        chart = charts.projection(result)
    except CorridorError as exc:
        note = str(exc)
    return Report(
        area=area_name,
        as_of=as_of,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        situation=situation,
        headlines=headlines,
        conflicts=conflicts,
        corridors=corridors,
        timelines=timelines,
        projection=result,
        projection_note=note,
        projection_chart=chart,
        footnotes=notes.notes,
        sources=_sources(store, notes.notes),
    )


def _headline(estimate: Estimate, notes: Footnotes) -> dict[str, Any]:
    return {
        "indicator": estimate.indicator,
        "unit": estimate.unit,
        "range": figure(estimate.low, estimate.high),
        "central": figure(estimate.central, estimate.central),
        "sources": estimate.source_count,
        "who": sorted(set(estimate.sources)),
        "window": f"{estimate.start} to {estimate.end}",
        "notes": sorted(
            {
                notes.cite(
                    e.document_id,
                    e.quote,
                    e.source,
                    None if e.on is None else e.on.isoformat(),
                )
                for e in estimate.evidence
            }
        ),
    }


def _sources(store: Store, notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents the footnotes quote, with public fields only."""
    ids = sorted({n["document"] for n in notes})
    if not ids:
        return []
    d = schema.documents
    with store.read() as conn:
        rows = conn.execute(
            sa.select(
                d.c.id,
                d.c.publisher,
                d.c.title,
                d.c.published,
                d.c.kind,
                d.c.url,
                d.c.signature,
            )
            .where(d.c.id.in_(ids))
            .order_by(d.c.published.nulls_last(), d.c.id)
        ).all()
    cited: dict[str, list[int]] = {}
    for note in notes:
        cited.setdefault(note["document"], []).append(note["number"])
    return [
        {
            **dict(r._mapping),
            "short": r.id[:12],
            "notes": cited[r.id],
            "publisher": r.publisher
            or ("witness report" if r.kind == "witness" else "unnamed source"),
        }
        for r in rows
    ]
