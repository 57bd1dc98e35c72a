"""Reads the web layer needs beyond the store's own queries."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from corridor.errors import ConfigError, NotFoundError
from corridor.situation import Situation, build, canonical_area
from corridor.situation.estimates import DEFAULT_WINDOW_DAYS
from corridor.store import evidence, schema
from corridor.store.engine import Store
from corridor.store.queries import PUBLIC_DOCUMENT_COLUMNS
from corridor.web import public

KINDS = ("news", "editorial", "agency", "witness")
SITUATIONS_KEPT = 32  # situation pictures cached per process


class _Situations:
    """Situation pictures keyed by the evidence log's head.

    Everything a picture reads is logged, so while the head is unchanged the
    picture is too: a page or API call then costs one indexed read instead of
    reconciling every claim. Any write moves the head and misses the cache.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[Any, ...], Situation] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, store: Store, area: str | None, as_of: dt.date | None, window: int
    ) -> Situation:
        log = schema.log
        with store.read() as conn:
            head = conn.execute(
                sa.select(log.c.seq, log.c.hash).order_by(log.c.seq.desc()).limit(1)
            ).first()
        key = (store.url, tuple(head or ()), canonical_area(area), as_of, window)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        picture = build(store, area, as_of, window)
        with self._lock:
            self._kept[key] = picture
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return picture


_situations = _Situations(SITUATIONS_KEPT)


def situation(
    store: Store,
    area: str | None,
    as_of: dt.date | None = None,
    window: int = DEFAULT_WINDOW_DAYS,
) -> Situation:
    """``situation.build``, reused while nothing new has been logged."""
    return _situations.get(store, area, as_of, window)


def document_page(
    store: Store, *, kind: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """(how many documents match, one page of their public fields)."""
    docs = schema.documents
    length = sa.func.length(docs.c.text).label("characters")
    query = sa.select(*PUBLIC_DOCUMENT_COLUMNS, length).order_by(
        docs.c.published.nulls_last(), docs.c.id
    )
    count = sa.select(sa.func.count()).select_from(docs)
    if kind is not None:
        query = query.where(docs.c.kind == kind)
        count = count.where(docs.c.kind == kind)
    with store.read() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(query.limit(limit).offset(offset))
        return total, [public.document(dict(r._mapping)) for r in rows]


def resolve_document(store: Store, given: str) -> str:
    """The full id of the document ``given`` names (its id or a prefix of 8+)."""
    wanted = given.strip().lower()
    if len(wanted) < 8 or any(c not in "0123456789abcdef" for c in wanted):
        raise ConfigError(
            f"a document id is 8 to 64 hexadecimal characters, got {given!r}"
        )
    docs = schema.documents
    with store.read() as conn:
        found = [
            str(r.id)
            for r in conn.execute(
                sa.select(docs.c.id).where(docs.c.id.startswith(wanted)).limit(2)
            )
        ]
    if not found:
        raise NotFoundError(f"no document whose id starts with {wanted!r}")
    if len(found) > 1:
        raise ConfigError(f"{wanted!r} starts more than one document id; give more")
    return found[0]


def document(store: Store, document_id: str) -> dict[str, Any]:
    """One document's public fields and text."""
    docs = schema.documents
    columns = [*PUBLIC_DOCUMENT_COLUMNS, docs.c.text]
    with store.read() as conn:
        row = conn.execute(sa.select(*columns).where(docs.c.id == document_id)).first()
    if row is None:
        raise NotFoundError(f"no document {document_id!r}")
    return public.document(dict(row._mapping))


def claims(store: Store, where: evidence.ClaimFilter) -> list[dict[str, Any]]:
    """Current claims matching ``where``, public fields, each with its
    corrections (oldest first) and the values after them."""
    with store.read() as conn:
        return _with_corrections(conn, evidence.claims(conn, where))


def claim_page(
    store: Store, where: evidence.ClaimFilter, *, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """(how many claims match ``where``, one page of them as :func:`claims`
    gives them), paged and counted in SQL, in one read."""
    with store.read() as conn:
        total = evidence.claim_count(conn, where)
        page = evidence.claims(conn, where, limit=limit, offset=offset)
        return total, _with_corrections(conn, page)


def _with_corrections(
    conn: sa.Connection, found: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    rows = [public.claim(r) for r in found]
    fixes = corrections(conn, [r["id"] for r in rows])
    for row in rows:
        row["corrections"] = fixes.get(row["id"], [])
        row["corrected"] = corrected(row)
    return rows


def corrections(
    conn: sa.Connection, claim_ids: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    wanted = list(claim_ids)
    table = schema.corrections
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = (
            sa.select(table)
            .where(table.c.claim_id.in_(chunk))
            .order_by(table.c.at, table.c.id)
        )
        for r in conn.execute(query):
            out.setdefault(r.claim_id, []).append(
                {
                    "id": r.id,
                    "changes": json.loads(r.changes),
                    "reason": r.reason,
                    "by": r.by,
                    "at": r.at,
                }
            )
    return out


def corrected(row: dict[str, Any]) -> dict[str, Any] | None:
    """The claim's fields after its corrections, in order; None without any."""
    if not row["corrections"]:
        return None
    values: dict[str, Any] = {}
    for item in row["corrections"]:
        values.update(item["changes"])
    return values


def areas(store: Store) -> list[dict[str, Any]]:
    """Every area the current claims and events name, with how many of each."""
    claim_count: Counter[str] = Counter()
    event_count: Counter[str] = Counter()
    with store.read() as conn:
        for counts, table in (
            (claim_count, schema.claims),
            (event_count, schema.events),
        ):
            for area, count in evidence.area_counts(conn, table).items():
                counts[canonical_area(area) or "(no area)"] += count
    names = sorted(
        (set(claim_count) | set(event_count)) - {"(no area)"},
        key=lambda a: (-claim_count[a] - event_count[a], a),
    )
    return [
        {"area": a, "claims": claim_count[a], "events": event_count[a]} for a in names
    ]
