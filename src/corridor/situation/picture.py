"""The situation picture: everything the store knows about an area, reconciled.

``build`` reads the current claims and events (only from documents published
by ``as_of``, when given), attributes each to its originating source, and
returns estimates per area, indicator and window, roll-ups over nested areas,
conflicts side by side, and corridor histories.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from corridor.errors import NotFoundError
from corridor.extract import places
from corridor.extract.places import canonical_area
from corridor.situation.conflicts import Conflict, event_conflicts, figure_conflict
from corridor.situation.estimates import (
    CREDIBLE,
    DEFAULT_WINDOW_DAYS,
    Estimate,
    Evidence,
    Rollup,
    reconcile,
    rollups,
)
from corridor.situation.sources import source_of
from corridor.situation.status import CorridorHistory, corridor_histories
from corridor.store import evidence, schema
from corridor.store.engine import Store

UNTRUSTED_SIGNATURES = frozenset({"invalid"})


def contains(outer: str, inner: str) -> bool:
    """Whether ``inner`` is ``outer`` or lies inside it."""
    area: str | None = inner
    while area:
        if area == outer:
            return True
        area = places.parent(area)
    return False


@dataclass
class Situation:
    area: str | None
    as_of: dt.date | None
    window_days: int
    documents: int
    estimates: list[Estimate] = field(default_factory=list)
    rollups: list[Rollup] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    corridors: list[CorridorHistory] = field(default_factory=list)
    set_aside: int = 0
    """Claims not reconciled: projections, conditionals, negated figures."""

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "window_days": self.window_days,
            "documents": self.documents,
            "claims_set_aside": self.set_aside,
            "estimates": [e.to_json() for e in self.estimates],
            "rollups": [r.to_json() for r in self.rollups],
            "conflicts": [c.to_json() for c in self.conflicts],
            "corridors": [c.to_json() for c in self.corridors],
        }


def build(
    store: Store,
    area: str | None = None,
    as_of: dt.date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Situation:
    """The situation for ``area`` (and the areas inside it) as known on ``as_of``."""
    wanted = canonical_area(area)
    with store.read() as conn:
        witnesses = _witness_keys(conn)
        claims = list(_claims(conn, as_of, witnesses))
        events = list(_events(conn, as_of, witnesses))
        documents = _document_count(conn, as_of)
    every_area = {c[0] for c in claims} | {e["area"] for e in events if e["area"]}
    require_area(area, wanted, every_area, as_of)

    def inside(name: str | None) -> bool:
        return wanted is None or (name is not None and contains(wanted, name))

    credible = [c for c in claims if c[4] in CREDIBLE and inside(c[0])]
    set_aside = sum(1 for c in claims if c[4] not in CREDIBLE and inside(c[0]))
    estimates = reconcile(((a, i, u, e) for a, i, u, e, _ in credible), window_days)
    mine = [e for e in events if inside(e["area"])]
    conflicts = [c for e in estimates if (c := figure_conflict(e)) is not None]
    conflicts += event_conflicts(mine, window_days)
    totals = [
        r for r in rollups(estimates, places.parent, window_days) if inside(r.area)
    ]
    return Situation(
        area=wanted,
        as_of=as_of,
        window_days=window_days,
        documents=documents,
        estimates=estimates,
        rollups=totals,
        conflicts=conflicts,
        corridors=corridor_histories(mine),
        set_aside=set_aside,
    )


def require_area(
    given: str | None, wanted: str | None, known: set[str], as_of: dt.date | None
) -> None:
    """Raise NotFoundError naming the known areas when ``wanted`` has no data."""
    if wanted is None or any(contains(wanted, a) for a in known):
        return
    if known:
        listed = ", ".join(sorted(known))
    elif as_of is not None:
        listed = "none in what was published by then"
    else:
        listed = "none yet (run corridor extract)"
    raise NotFoundError(
        f"no claims or events about {given!r}"
        f"{' as of ' + as_of.isoformat() if as_of else ''}; "
        f"areas known: {listed}"
    )


def claim_evidence(
    store: Store, as_of: dt.date | None = None
) -> list[tuple[str, str, str, Evidence, str]]:
    """Every current claim known by ``as_of`` as (area, indicator, unit,
    evidence, modality), whatever its modality."""
    with store.read() as conn:
        return list(_claims(conn, as_of, _witness_keys(conn)))


def latest_publication(store: Store) -> dt.date | None:
    """The newest publication date in the store: "now", as the reports see it."""
    with store.read() as conn:
        value = conn.execute(
            sa.select(sa.func.max(schema.documents.c.published))
        ).scalar()
    if isinstance(value, str):  # SQLite hands back aggregates of dates as text
        return dt.date.fromisoformat(value)
    return value


def _witness_keys(conn: Connection) -> dict[str, str]:
    """document id -> the witness's registered name (restricted: never shown)."""
    out = {}
    for row in conn.execute(
        sa.select(schema.restricted.c.document_id, schema.restricted.c.fields)
    ):
        name = json.loads(row.fields).get("witness")
        if isinstance(name, str):
            out[row.document_id] = name
    return out


def _document_count(conn: Connection, as_of: dt.date | None) -> int:
    query = sa.select(sa.func.count()).select_from(schema.documents)
    if as_of is not None:
        query = query.where(schema.documents.c.published <= as_of)
    return int(conn.execute(query).scalar_one())


def _known_by(row: dict[str, Any], as_of: dt.date | None) -> bool:
    if as_of is None:
        return True
    return row["published"] is not None and row["published"] <= as_of


def _source(row: dict[str, Any], witnesses: dict[str, str]) -> tuple[str, str]:
    return source_of(
        row["attribution"],
        row["publisher"],
        row["kind"],
        row["document_id"],
        witnesses.get(row["document_id"]),
    )


def _claims(
    conn: Connection, as_of: dt.date | None, witnesses: dict[str, str]
) -> Iterator[tuple[str, str, str, Evidence, str]]:
    for row in evidence.claims(conn, corrected=True):
        if not _known_by(row, as_of) or row["signature"] in UNTRUSTED_SIGNATURES:
            continue
        key, label = _source(row, witnesses)
        item = Evidence(
            claim_id=row["id"],
            document_id=row["document_id"],
            source=label,
            source_key=key,
            publisher=row["publisher"],
            published=row["published"],
            on=row["as_of"] or row["published"],
            low=row["low"],
            high=row["high"],
            vague=bool(row["vague"]),
            modality=row["modality"],
            quote=row["quote"],
        )
        area = canonical_area(row["area"]) or "(no area)"
        yield area, row["indicator"], row["unit"], item, row["modality"]


def _events(
    conn: Connection, as_of: dt.date | None, witnesses: dict[str, str]
) -> Iterator[dict[str, Any]]:
    for row in evidence.events(conn):
        if not _known_by(row, as_of) or row["signature"] in UNTRUSTED_SIGNATURES:
            continue
        key, label = _source(row, witnesses)
        yield {
            **row,
            "area": canonical_area(row["area"]),
            "on": row["date"] or row["published"],
            "source": label,
            "source_key": key,
        }
