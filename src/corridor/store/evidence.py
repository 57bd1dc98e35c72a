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
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from corridor.store import schema
from corridor.store.chain import (
    LogWriter,
    canonical_json,
    insert_rows,
    row_json,
    typed,
    utc_now,
)
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


class PreparedExtraction(NamedTuple):
    """One document's extraction made ready to write: its rows and their log
    records, computed where the extractor ran (a Dask worker, say), so that the
    one writer of the evidence log only checks, chains and inserts."""

    document_id: str
    number: int
    """The extraction number it was prepared as: one more than the latest."""
    digest: str
    claims: int
    events: int
    rows: tuple[tuple[Any, ...], ...]
    """The extraction row, then its claims, then its events: each row's values
    in its table's column order, dates as ISO strings (as the log has them)."""
    records: tuple[tuple[str, str, str], ...]
    """``(kind, ref, canonical JSON)`` log record of each row, in the same order."""


_WRITTEN = (schema.extractions, schema.claims, schema.events)
"""The tables an extraction writes, parents first."""
_KINDS = {t.name: str(t.name) for t in _WRITTEN}
"""Log kinds as plain strings, one object each, so that a batch of prepared
extractions sent back from a worker carries each name once."""
_OWN = ("id", "extraction_id", "document_id")
"""Columns of a claim or event row that its extraction, not the extractor, sets."""


def prepare_extraction(
    document_id: str,
    extractor: str,
    claims: Sequence[dict[str, Any]],
    events: Sequence[dict[str, Any]],
    *,
    number: int = 1,
    at: str | None = None,
    digest: str | None = None,
) -> PreparedExtraction:
    """The rows and log records of extraction ``number`` of ``document_id``.

    ``claims`` and ``events`` are dicts with the columns of their tables but
    ``id``, ``extraction_id`` and ``document_id``. Pure: no database needed.
    """
    digest = digest or _digest(claims, events)
    extraction_id = _id(document_id, number)
    made: list[tuple[sa.Table, dict[str, Any]]] = [
        (
            schema.extractions,
            {
                "id": extraction_id,
                "document_id": document_id,
                "number": number,
                "extractor": extractor,
                "digest": digest,
                "claims": len(claims),
                "events": len(events),
                "at": at or utc_now(),
            },
        )
    ]
    for table, items in ((schema.claims, claims), (schema.events, events)):
        made.extend(
            (
                table,
                typed(
                    table,
                    {
                        "id": _id(extraction_id, table.name, index),
                        "extraction_id": extraction_id,
                        "document_id": document_id,
                        **item,
                    },
                ),
            )
            for index, item in enumerate(items)
        )
    rows: list[tuple[Any, ...]] = []
    records: list[tuple[str, str, str]] = []
    for table, row in made:
        logged = row_json(row)  # the log keeps what the row holds, dates as text
        full = {c.name: logged.get(c.name) for c in table.columns}
        rows.append(tuple(full.values()))
        records.append((_KINDS[table.name], row["id"], canonical_json(full)))
    return PreparedExtraction(
        document_id,
        number,
        digest,
        len(claims),
        len(events),
        tuple(rows),
        tuple(records),
    )


def _renumbered(prepared: PreparedExtraction, number: int) -> PreparedExtraction:
    """``prepared`` made again as extraction ``number`` (ids change with it)."""
    found: dict[str, list[dict[str, Any]]] = {"claims": [], "events": []}
    head: dict[str, Any] = {}
    tables = {t.name: t for t in _WRITTEN}
    for (kind, _ref, _record), values in zip(
        prepared.records, prepared.rows, strict=True
    ):
        row = dict(zip(tables[kind].c.keys(), values, strict=True))
        if kind == schema.extractions.name:
            head = row
        else:
            found[kind].append({k: v for k, v in row.items() if k not in _OWN})
    return prepare_extraction(
        prepared.document_id,
        head["extractor"],
        found["claims"],
        found["events"],
        number=number,
        at=head["at"],
        digest=prepared.digest,
    )


def latest_extractions(
    conn: Connection, document_ids: Collection[str]
) -> dict[str, tuple[int, str]]:
    """Document id -> (number, digest) of its latest extraction, for those of
    ``document_ids`` that have one (a query per thousand ids)."""
    table = schema.extractions
    found: dict[str, tuple[int, str]] = {}
    ids = iter(document_ids)
    while chunk := list(islice(ids, 1000)):
        query = sa.select(table.c.document_id, table.c.number, table.c.digest).where(
            table.c.document_id.in_(chunk)
        )
        for row in conn.execute(query):
            number = int(row.number)
            if number > found.get(row.document_id, (0, ""))[0]:
                found[row.document_id] = (number, str(row.digest))
    return found


def write_prepared(
    conn: Connection,
    prepared: Sequence[PreparedExtraction],
    writer: LogWriter | None = None,
) -> list[str | None]:
    """Store ``prepared`` extractions in order, in the open write transaction:
    for each, its extraction id, or None when it equals the document's latest.

    The latest extractions are read here, under the transaction's chain lock,
    so one prepared under a number that is no longer next (the document was
    extracted meanwhile) is renumbered rather than forking its history. Rows go
    in with one insert per table and the log entries with one more.
    """
    latest = latest_extractions(conn, {p.document_id for p in prepared})
    rows: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in _WRITTEN}
    records: list[tuple[str, str, str]] = []
    made: list[str | None] = []
    for item in prepared:
        number, digest = latest.get(item.document_id, (0, None))
        if digest == item.digest:
            made.append(None)
            continue
        if item.number != number + 1:
            item = _renumbered(item, number + 1)
        latest[item.document_id] = (item.number, item.digest)
        for (kind, _ref, _record), values in zip(item.records, item.rows, strict=True):
            rows[kind].append(values)
        records.extend(item.records)
        made.append(item.records[0][1])  # the first row is the extraction
    for table in _WRITTEN:
        insert_rows(conn, table, rows[table.name])
    (writer or LogWriter(conn)).extend_records(records)
    return made


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
    prepared = prepare_extraction(document_id, extractor, claims, events)
    return write_prepared(conn, [prepared])[0]


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


def _claim_query(where: ClaimFilter, fixed: list[str]) -> sa.Select[Any]:
    """Current claims matching ``where``, or corrected (ids in ``fixed``: a
    correction may move a claim into or out of an area or indicator filter)."""
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
    )
    if where.area is not None:
        query = query.where(
            sa.or_(sa.func.lower(c.c.area) == where.area.lower(), c.c.id.in_(fixed))
        )
    if where.indicator is not None:
        query = query.where(sa.or_(c.c.indicator == where.indicator, c.c.id.in_(fixed)))
    if where.document is not None:
        if len(where.document) == 64:  # a whole id: an index lookup, not a LIKE
            query = query.where(c.c.document_id == where.document)
        else:
            query = query.where(c.c.document_id.startswith(where.document))
    if where.since is not None:
        query = query.where(sa.func.coalesce(c.c.as_of, d.c.published) >= where.since)
    if where.until is not None:
        query = query.where(sa.func.coalesce(c.c.as_of, d.c.published) <= where.until)
    return query


def _refiltered(where: ClaimFilter, corrected: bool) -> bool:
    """Whether corrections can move claims out of ``where`` (so that only
    Python, after applying them, knows which claims match)."""
    return corrected and (where.area is not None or where.indicator is not None)


def claims(
    conn: Connection,
    where: ClaimFilter | None = None,
    *,
    corrected: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Current claims with their document's publisher, date and kind.

    With ``corrected``, each claim reads as its analysts' corrections left it
    (the stored claim is never changed) and carries ``corrected: True``; the
    situation picture reads claims this way.

    ``limit`` and ``offset`` take one page of them, in SQL (in Python when
    corrections can move claims out of an area or indicator filter).
    """
    where = where or ClaimFilter()
    fixes = corrections(conn) if corrected else {}
    c, d = schema.claims, schema.documents
    query = _claim_query(where, list(fixes)).order_by(
        d.c.published.nulls_last(), d.c.id, c.c.start, c.c.id
    )
    in_python = _refiltered(where, corrected) and bool(fixes)
    if not in_python:
        query = query.limit(limit).offset(offset or None)
    found = _with_corrections(conn.execute(query), where, fixes)
    yield from _page(found, limit, offset) if in_python else found


def claim_count(
    conn: Connection, where: ClaimFilter | None = None, *, corrected: bool = False
) -> int:
    """How many claims :func:`claims` yields for ``where``, counted in SQL."""
    where = where or ClaimFilter()
    if _refiltered(where, corrected):
        return sum(1 for _ in claims(conn, where, corrected=True))
    query = _claim_query(where, []).with_only_columns(schema.claims.c.id)
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery()))
    return int(total.scalar_one())


def _with_corrections(
    rows: sa.CursorResult[Any], where: ClaimFilter, fixes: dict[str, dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    keys = list(rows.keys())  # once: a row's own mapping looks them up each time
    for row in rows:
        item = dict(zip(keys, row, strict=True))
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


def _page(
    items: Iterator[dict[str, Any]], limit: int | None, offset: int
) -> Iterator[dict[str, Any]]:
    end = None if limit is None else offset + limit
    for index, item in enumerate(items):
        if end is not None and index >= end:
            return
        if index >= offset:
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


def area_counts(conn: Connection, table: sa.Table) -> dict[str | None, int]:
    """How many current rows of ``table`` (claims or events) name each area, as
    stored (not canonical, corrections not applied), counted in SQL."""
    query = (
        sa.select(table.c.area, sa.func.count())
        .where(_current(table))
        .group_by(table.c.area)
    )
    return {row[0]: int(row[1]) for row in conn.execute(query)}


def documents_to_extract(store: Store, redo: bool) -> list[str]:
    """Ids of documents never extracted (all documents with ``redo``)."""
    d, ex = schema.documents, schema.extractions
    query = sa.select(d.c.id).order_by(d.c.published.nulls_last(), d.c.id)
    if not redo:
        query = query.where(~sa.exists().where(ex.c.document_id == d.c.id))
    with store.read() as conn:
        return [str(r.id) for r in conn.execute(query)]
