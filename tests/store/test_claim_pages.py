"""A page of claims is cut and counted in SQL, and is exactly the slice of the
whole list, corrections and superseded extractions included, on both backends."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from corridor.ingest import batch
from corridor.store import evidence, schema
from corridor.store.chain import LogWriter
from corridor.store.engine import Store, open_store

AREAS = ("East Aleppo", "Madaya", None)
INDICATORS = ("people.trapped", "people.killed", "food.stock_duration")


def _claim(i: int) -> dict[str, Any]:
    return {
        "indicator": INDICATORS[i % 3],
        "low": float(i),
        "high": float(i),
        "unit": "days" if i % 3 == 2 else "people",
        "vague": False,
        "modality": "asserted",
        "area": AREAS[i % 3 if i % 2 else (i + 1) % 3],
        "actor": None,
        "attribution": None,
        "as_of": dt.date(2016, 8, 1) + dt.timedelta(days=i) if i % 4 else None,
        "start": i,
        "end": i + 1,
        "quote": "x",
    }


def _correct(store: Store, claim_id: str, changes: dict[str, Any]) -> None:
    record = {
        "id": hashlib.sha256(f"fix {claim_id}".encode()).hexdigest(),
        "claim_id": claim_id,
        "changes": json.dumps(changes),
        "reason": "test",
        "by": "test",
        "at": "2016-12-01T00:00:00.000000Z",
    }
    with store.transaction() as conn:
        conn.execute(schema.corrections.insert(), record)
        LogWriter(conn).append(schema.corrections.name, record["id"], record)


@pytest.fixture
def store(db: str, tmp_path: Path) -> Iterator[Store]:
    """Six documents of seven claims each; one re-extracted (its first claims
    superseded), two claims corrected into and out of filters."""
    for day in range(6):
        (tmp_path / f"r{day}.txt").write_text(
            f"---\npublished: 2016-0{7 + day % 3}-1{day}\n---\nReport {day}."
        )
    opened = open_store(db)
    sources, _ = batch.collect([str(tmp_path)])
    ids = [d for o in batch.ingest(opened, sources, batch.Options()) for d in o.new]
    for n, document in enumerate(ids):
        items = [_claim(n * 7 + i) for i in range(7)]
        with opened.transaction() as conn:
            evidence.record_extraction(conn, document, "test", items, [])
    with opened.transaction() as conn:  # a second run of the extractor
        redo = [_claim(100 + i) for i in range(5)]
        evidence.record_extraction(conn, ids[0], "test", redo, [])
    with opened.read() as conn:
        current = [c["id"] for c in evidence.claims(conn)]
    _correct(opened, current[3], {"indicator": "people.killed", "area": "Madaya"})
    _correct(opened, current[10], {"indicator": "people.trapped"})
    yield opened
    opened.close()


FILTERS = [
    evidence.ClaimFilter(),
    evidence.ClaimFilter(indicator="people.killed"),
    evidence.ClaimFilter(area="madaya"),
    evidence.ClaimFilter(area="East Aleppo", indicator="people.trapped"),
    evidence.ClaimFilter(since=dt.date(2016, 8, 10), until=dt.date(2016, 9, 5)),
]


@pytest.mark.parametrize("corrected", [False, True])
@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_claim_page_is_the_slice_of_all_claims(
    store: Store, where: evidence.ClaimFilter, corrected: bool
) -> None:
    with store.read() as conn:
        every = list(evidence.claims(conn, where, corrected=corrected))
        assert evidence.claim_count(conn, where, corrected=corrected) == len(every)
        assert every, "the filter should match something"
        for limit, offset in [(1, 0), (3, 2), (5, 5), (50, 0), (4, len(every) - 1)]:
            page = evidence.claims(
                conn, where, corrected=corrected, limit=limit, offset=offset
            )
            assert list(page) == every[offset : offset + limit]
        beyond = evidence.claims(
            conn, where, corrected=corrected, limit=10, offset=len(every) + 5
        )
        assert list(beyond) == []


def test_claim_pages_are_cut_and_counted_in_sql(store: Store) -> None:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()).upper())

    where = evidence.ClaimFilter(indicator="people.trapped")
    sa.event.listen(store.engine, "before_cursor_execute", seen)
    try:
        with store.read() as conn:
            total = evidence.claim_count(conn, where)
            page = list(evidence.claims(conn, where, limit=2, offset=1))
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", seen)
    assert len(page) == 2 and total > 3
    selects = [s for s in statements if "FROM CLAIMS" in s]
    assert any(s.startswith("SELECT COUNT(*)") for s in selects)
    assert any("LIMIT" in s and "OFFSET" in s for s in selects)


def test_claims_of_a_document_by_whole_id_or_prefix_agree(store: Store) -> None:
    with store.read() as conn:
        document = next(iter(evidence.claims(conn)))["document_id"]
        whole = list(evidence.claims(conn, evidence.ClaimFilter(document=document)))
        prefix = evidence.ClaimFilter(document=document[:10])
        assert list(evidence.claims(conn, prefix)) == whole
        assert len(whole) > 1
        assert {c["document_id"] for c in whole} == {document}
