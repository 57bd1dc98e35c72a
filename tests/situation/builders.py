"""Hand-built stores for situation tests: documents with the claims we say."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from corridor.extract import INDICATORS
from corridor.ingest import batch
from corridor.store import evidence
from corridor.store.engine import Store

_counter = itertools.count()


class Corpus:
    """Adds documents to a real store and gives each the claims a test names."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store, self.folder = store, folder

    def document(
        self,
        publisher: str | None,
        published: str,
        *,
        claims: list[dict[str, Any]] = (),  # type: ignore[assignment]
        events: list[dict[str, Any]] = (),  # type: ignore[assignment]
        kind: str = "news",
    ) -> str:
        path = self.folder / f"doc{next(_counter)}.txt"
        path.write_text(f"Report number {path.stem} by {publisher}.", encoding="utf-8")
        flags = {"published": dt.date.fromisoformat(published), "kind": kind}
        if publisher:
            flags["publisher"] = publisher
        (outcome,) = batch.ingest(
            self.store, [batch.Source(str(path), path)], batch.Options(flags=flags)
        )
        (doc_id,) = outcome.new
        with self.store.transaction() as conn:
            evidence.record_extraction(conn, doc_id, "test", list(claims), list(events))
        return doc_id


def claim(
    indicator: str,
    low: float | None,
    high: float | None = None,
    *,
    area: str = "East Aleppo",
    modality: str = "asserted",
    attribution: str | None = None,
    as_of: str | None = None,
    vague: bool = False,
    quote: str = "",
) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "low": low,
        "high": low if high is None and modality != "open" else high,
        "unit": INDICATORS[indicator],
        "vague": vague,
        "modality": "asserted" if modality == "open" else modality,
        "area": area,
        "actor": None,
        "attribution": attribution,
        "as_of": None if as_of is None else dt.date.fromisoformat(as_of),
        "start": 0,
        "end": 6,
        "quote": quote or f"{indicator} {low}-{high}",
    }


def event(
    kind: str,
    *,
    on: str | None = None,
    modality: str = "asserted",
    area: str = "East Aleppo",
    attribution: str | None = None,
    count: int | None = None,
) -> dict[str, Any]:
    return {
        "event": kind,
        "modality": modality,
        "area": area,
        "actor": None,
        "attribution": attribution,
        "date": None if on is None else dt.date.fromisoformat(on),
        "count": count,
        "start": 0,
        "end": 6,
        "quote": f"{kind} said",
    }
