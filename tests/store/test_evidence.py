"""Extractions as the store keeps them: logged exactly as they read back."""

from __future__ import annotations

from pathlib import Path

from corridor.ingest import batch
from corridor.store import chain, evidence
from corridor.store.engine import open_store


def test_integer_figures_from_the_extractor_still_verify(
    db: str, tmp_path: Path
) -> None:
    """An extractor may hand over 35 where the column holds 35.0: what is logged
    must be what the database gives back, or the log reports a tampering."""
    (tmp_path / "r.txt").write_text("An estimated 35 doctors remain.")
    store = open_store(db)
    (outcome,) = batch.ingest(
        store, [batch.Source("r.txt", tmp_path / "r.txt")], batch.Options()
    )
    claim = {
        "indicator": "health.doctors",
        "low": 35,
        "high": 35,
        "unit": "people",
        "vague": 0,
        "modality": "estimated",
        "area": None,
        "actor": None,
        "attribution": None,
        "as_of": None,
        "start": 0,
        "end": 31,
        "quote": "An estimated 35 doctors remain.",
    }
    event = {
        "event": "hospital.hit",
        "modality": "asserted",
        "area": None,
        "actor": None,
        "attribution": None,
        "date": None,
        "count": 2.0,
        "start": 0,
        "end": 3,
        "quote": "An ",
    }
    with store.transaction() as conn:
        evidence.record_extraction(conn, outcome.new[0], "test", [claim], [event])
    with store.read() as conn:
        result = chain.verify(conn)
        (stored,) = evidence.claims(conn)
    store.close()
    assert result.ok, result.problem
    assert stored["low"] == 35.0 and stored["vague"] is False
