"""Extractions prepared away from the store (on a Dask worker) and written later:
the log says exactly what the rows hold, and a preparation that went stale
while it travelled is renumbered instead of forking a document's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from corridor.ingest import batch
from corridor.store import chain, evidence, schema
from corridor.store.engine import Store


def claim(low: float, quote: str = "about 1,000 people fled") -> dict[str, Any]:
    return {
        "indicator": "people.displaced",
        "low": low,
        "high": None,
        "unit": "people",
        "vague": False,
        "modality": "estimated",
        "area": "East Aleppo",
        "actor": None,
        "attribution": "the UN",
        "as_of": None,
        "start": 0,
        "end": len(quote),
        "quote": quote,
    }


def one_document(store: Store, tmp_path: Path) -> str:
    path = tmp_path / "r.txt"
    path.write_text("About 1,000 people fled east Aleppo, the UN said.")
    (outcome,) = batch.ingest(store, [batch.Source("r.txt", path)], batch.Options())
    return outcome.new[0]


def extractions(store: Store) -> list[tuple[int, str]]:
    table = schema.extractions
    with store.read() as conn:
        rows = conn.execute(sa.select(table.c.number, table.c.id).order_by("number"))
        return [(int(r.number), str(r.id)) for r in rows]


def verifies(store: Store) -> bool:
    with store.read() as conn:
        result = chain.verify(conn)
    assert result.ok, result.problem
    return result.ok


@given(st.text())
def test_json_string_spells_every_string_as_canonical_json_does(text: str) -> None:
    assert chain.json_string(text) == chain.canonical_json(text)


def test_prepared_rows_and_log_records_are_what_the_store_reads_back(
    store: Store, tmp_path: Path
) -> None:
    document = one_document(store, tmp_path)
    event = {
        "event": "corridor.opened",
        "modality": "asserted",
        "area": None,
        "actor": None,
        "attribution": None,
        "date": dt.date(2016, 12, 15),
        "count": 3,
        "start": 0,
        "end": 5,
        "quote": "About",
    }
    prepared = evidence.prepare_extraction(document, "test", [claim(1000)], [event])
    with store.transaction() as conn:
        (made,) = evidence.write_prepared(conn, [prepared])
    assert made == prepared.records[0][1]
    with store.read() as conn:
        for kind, ref, record in prepared.records:
            table = schema.LOGGED_TABLES[kind]
            row = conn.execute(sa.select(table).where(table.c.id == ref)).one()
            read_back = chain.log_record(kind, dict(row._mapping))
            assert chain.canonical_json(read_back) == record
    assert verifies(store)


def test_a_stale_preparation_is_renumbered_not_forked(
    store: Store, tmp_path: Path
) -> None:
    document = one_document(store, tmp_path)
    first = evidence.prepare_extraction(document, "test", [claim(1000)], [])
    stale = evidence.prepare_extraction(document, "test", [claim(2000)], [])
    assert first.number == stale.number == 1
    with store.transaction() as conn:
        evidence.write_prepared(conn, [first])
    with store.transaction() as conn:
        (made,) = evidence.write_prepared(conn, [stale])
    assert [n for n, _ in extractions(store)] == [1, 2]
    assert made == extractions(store)[1][1] != stale.records[0][1]
    with store.transaction() as conn:  # the same output again: nothing stored
        assert evidence.write_prepared(conn, [stale]) == [None]
    assert len(extractions(store)) == 2
    assert verifies(store)


def test_one_document_twice_in_a_batch_is_written_as_if_in_turn(
    store: Store, tmp_path: Path
) -> None:
    document = one_document(store, tmp_path)
    same = evidence.prepare_extraction(document, "test", [claim(1000)], [])
    other = evidence.prepare_extraction(document, "test", [claim(3000)], [])
    with store.transaction() as conn:
        made = evidence.write_prepared(conn, [same, same, other])
    assert made[0] is not None and made[1] is None and made[2] is not None
    assert [n for n, _ in extractions(store)] == [1, 2]
    assert verifies(store)
