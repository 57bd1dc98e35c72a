"""Writing and reading what extraction found: extractions, claims and events.

A document's claims and events come from its latest *extraction* (one run of
the extractor over it). Re-running the extractor with the same output changes
nothing; with different output it adds a new extraction, and the old claims
stay stored, superseded, so the evidence log still proves them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from corridor.store import schema
from corridor.store.chain import LogWriter, canonical_json, row_json, typed, utc_now
from corridor.store.engine import Store


def _digest(claims: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> str:
    body = canonical_json(
        {
            "claims": [row_json(c) for c in claims],
            "events": [row_json(e) for e in events],
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _id(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode("utf-8")).hexdigest()


def latest_extraction(conn: Connection, document_id: str) -> Any:
    table = schema.extractions
    return conn.execute(
        sa.select(table)
        .where(table.c.document_id == document_id)
        .order_by(table.c.number.desc())
        .limit(1)
    ).first()


def record_extraction(
    conn: Connection,
    document_id: str,
    extractor: str,
    claims: Sequence[dict[str, Any]],
    events: Sequence[dict[str, Any]],
) -> str | None:
    """Store one extraction of ``document_id``; None when it equals the latest.

    ``claims`` and ``events`` are dicts with the columns of their tables but
    ``id``, ``extraction_id`` and ``document_id``.
    """
    digest = _digest(claims, events)
    latest = latest_extraction(conn, document_id)
    if latest is not None and latest.digest == digest:
        return None
    number = 1 if latest is None else int(latest.number) + 1
    extraction_id = _id(document_id, number)
    row = {
        "id": extraction_id,
        "document_id": document_id,
        "number": number,
        "extractor": extractor,
        "digest": digest,
        "claims": len(claims),
        "events": len(events),
        "at": utc_now(),
    }
    conn.execute(schema.extractions.insert(), row)
    logged: list[tuple[str, str, dict[str, Any]]] = [
        (schema.extractions.name, extraction_id, row)
    ]
    for table, items in ((schema.claims, claims), (schema.events, events)):
        records = [
            typed(
                table,
                {
                    "id": _id(extraction_id, table.name, index),
                    "extraction_id": extraction_id,
                    "document_id": document_id,
                    **item,
                },
            )
            for index, item in enumerate(items)
        ]
        if records:
            conn.execute(table.insert(), records)
        logged.extend((table.name, r["id"], r) for r in records)
    LogWriter(conn).extend(logged)
    return extraction_id


def _current(table: sa.Table) -> sa.ColumnElement[bool]:
    """Rows of ``table`` that belong to their document's latest extraction."""
    ex = schema.extractions
    older = ex.alias("older")
    newest = (
        sa.select(sa.func.max(older.c.number))
        .where(older.c.document_id == ex.c.document_id)
        .correlate(ex)
        .scalar_subquery()
    )
    latest = sa.select(ex.c.id).where(ex.c.number == newest)
    return table.c.extraction_id.in_(latest)


@dataclass(frozen=True)
class ClaimFilter:
    area: str | None = None
    indicator: str | None = None
    document: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def corrections(conn: Connection) -> dict[str, dict[str, Any]]:
    """Claim id -> the fields its corrections change, applied oldest first."""
    table = schema.corrections
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(sa.select(table).order_by(table.c.at, table.c.id)):
        changes = json.loads(row.changes)
        if "as_of" in changes and isinstance(changes["as_of"], str):
            changes["as_of"] = dt.date.fromisoformat(changes["as_of"])
        out.setdefault(row.claim_id, {}).update(changes)
    return out


def claims(
    conn: Connection, where: ClaimFilter | None = None, *, corrected: bool = False
) -> Iterator[dict[str, Any]]:
    """Current claims with their document's publisher, date and kind.

    With ``corrected``, each claim reads as its analysts' corrections left it
    (the stored claim is never changed) and carries ``corrected: True``; the
    situation picture reads claims this way.
    """
    where = where or ClaimFilter()
    fixes = corrections(conn) if corrected else {}
    c, d = schema.claims, schema.documents
    query = (
        sa.select(
            c,
            d.c.publisher,
            d.c.published,
            d.c.kind,
            d.c.source,
            d.c.title,
            d.c.signature,
        )
        .join(d, d.c.id == c.c.document_id)
        .where(_current(c))
        .order_by(d.c.published.nulls_last(), d.c.id, c.c.start, c.c.id)
    )
    fixed = list(fixes)  # a correction may move a claim into or out of a filter
    if where.area is not None:
        query = query.where(
            sa.or_(sa.func.lower(c.c.area) == where.area.lower(), c.c.id.in_(fixed))
        )
    if where.indicator is not None:
        query = query.where(sa.or_(c.c.indicator == where.indicator, c.c.id.in_(fixed)))
    if where.document is not None:
        query = query.where(c.c.document_id.startswith(where.document))
    if where.since is not None:
        query = query.where(sa.func.coalesce(c.c.as_of, d.c.published) >= where.since)
    if where.until is not None:
        query = query.where(sa.func.coalesce(c.c.as_of, d.c.published) <= where.until)
    for row in conn.execute(query):
        item = dict(row._mapping)
        change = fixes.get(item["id"])
        if change is None:
            yield item
            continue
        item.update(change, corrected=True)
        if where.indicator is not None and item["indicator"] != where.indicator:
            continue
        if (
            where.area is not None
            and (item["area"] or "").lower() != where.area.lower()
        ):
            continue
        yield item


def events(conn: Connection) -> Iterator[dict[str, Any]]:
    """Current events with their document's publisher and date."""
    e, d = schema.events, schema.documents
    query = (
        sa.select(e, d.c.publisher, d.c.published, d.c.kind, d.c.source, d.c.signature)
        .join(d, d.c.id == e.c.document_id)
        .where(_current(e))
        .order_by(e.c.date.nulls_last(), d.c.published.nulls_last(), e.c.start, e.c.id)
    )
    for row in conn.execute(query):
        yield dict(row._mapping)


def documents_to_extract(store: Store, redo: bool) -> list[str]:
    """Ids of documents never extracted (all documents with ``redo``)."""
    d, ex = schema.documents, schema.extractions
    query = sa.select(d.c.id).order_by(d.c.published.nulls_last(), d.c.id)
    if not redo:
        query = query.where(~sa.exists().where(ex.c.document_id == d.c.id))
    with store.read() as conn:
        return [str(r.id) for r in conn.execute(query)]
