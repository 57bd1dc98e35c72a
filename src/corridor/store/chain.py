"""The evidence log: a hash chain over every record corridor stores.

Entry ``seq`` holds ``hash = SHA-256(prev_hash || canonical JSON of the entry)``
where the entry is ``{"seq", "kind", "ref", "at", "record"}`` and ``prev_hash``
is the previous entry's hash (64 zeros for the first). A document's record
holds the SHA-256 of its text instead of the text, and the digest of its
restricted witness fields instead of the fields.

:func:`verify` recomputes the chain in order and then checks that every row of
every logged table equals its log entry, so an entry that was altered, removed,
inserted or reordered, and a record changed behind the log's back, are named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from corridor.store import schema

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """The one JSON spelling of ``value`` that hashes are computed over."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_value(value: Any) -> Any:
    """A database value as JSON: dates and datetimes become ISO strings."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def row_json(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: json_value(value) for key, value in row.items()}


def typed(table: sa.Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with numbers and flags in the types its columns give back.

    What is logged must be what a later read returns: an extractor's 35 goes
    into a Float column and comes back 35.0, and the log must say 35.0.
    """
    out = dict(row)
    for column in table.columns:
        value = out.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, sa.Boolean):
            out[column.name] = bool(value)
        elif isinstance(column.type, sa.Float):
            out[column.name] = float(value)
        elif isinstance(column.type, sa.Integer):
            out[column.name] = int(value)
    return out


def log_record(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """What the log keeps of a row: all of it, but a document's text as a digest."""
    record = row_json(row)
    if kind == schema.documents.name:
        record["text_sha256"] = sha256_hex(record.pop("text"))
    return record


def restricted_digest(salt: str, fields: str) -> str:
    """Salted digest of a witness's restricted fields (canonical JSON string)."""
    return sha256_hex(salt + fields)


def entry_hash(
    prev_hash: str, seq: int, kind: str, ref: str, at: str, record: str
) -> str:
    """The hash of an entry whose ``record`` is already canonical JSON.

    The body is spelled out in canonical key order (at, kind, record, ref,
    seq) rather than parsed and dumped again: the same bytes for a canonical
    record, and a mismatch for a record rewritten in any other spelling.
    """
    return _hash(
        prev_hash, seq, json_string(kind), json_string(ref), json_string(at), record
    )


def _hash(prev_hash: str, seq: int, kind: str, ref: str, at: str, record: str) -> str:
    """:func:`entry_hash` with ``kind``, ``ref`` and ``at`` already JSON strings."""
    body = f'{{"at":{at},"kind":{kind},"record":{record},"ref":{ref},"seq":{int(seq)}}}'
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def json_string(text: str) -> str:
    """``canonical_json(text)`` for a string, without the encoder for plain ones:
    ids, hashes and table names (ASCII letters and digits) need no escaping."""
    if text.isascii() and text.isalnum():
        return f'"{text}"'
    return canonical_json(text)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class LogWriter:
    """Appends entries to the chain inside one open write transaction.

    Keep one writer for the whole transaction: it reads the chain head once.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        head = conn.execute(
            sa.select(schema.log.c.seq, schema.log.c.hash)
            .order_by(schema.log.c.seq.desc())
            .limit(1)
        ).first()
        self.seq = 0 if head is None else int(head.seq)
        self.head = GENESIS if head is None else str(head.hash)

    def append(self, kind: str, ref: str, row: Mapping[str, Any]) -> str:
        """Log ``row`` of table ``kind``; returns the new head hash."""
        return self.extend([(kind, ref, row)])

    def extend(self, rows: Sequence[tuple[str, str, Mapping[str, Any]]]) -> str:
        """Log ``(kind, ref, row)`` triples in order, in one statement."""
        return self.extend_records(
            [
                (kind, ref, canonical_json(log_record(kind, row)))
                for kind, ref, row in rows
            ]
        )

    def extend_records(self, records: Sequence[tuple[str, str, str]]) -> str:
        """Log ``(kind, ref, record)`` triples in order, in one statement, where
        each ``record`` is already ``canonical_json(log_record(kind, row))``
        (made wherever the row was made, by :func:`corridor.store.evidence.
        prepare_extraction` on a Dask worker, say); returns the new head hash."""
        if not records:
            return self.head
        at = utc_now()
        at_json = json_string(at)
        # a table's name is SQLAlchemy's str subclass, which the driver would
        # inspect for adapters on every row: insert plain strings
        kinds: dict[str, tuple[str, str]] = {}
        seq, head = self.seq, self.head
        entries = []
        for kind, ref, record in records:
            plain, kind_json = kinds.get(kind) or kinds.setdefault(
                kind, (str(kind), json_string(kind))
            )
            seq += 1
            digest = _hash(head, seq, kind_json, json_string(ref), at_json, record)
            entries.append((seq, plain, ref, at, record, head, digest))
            head = digest
        insert_rows(self.conn, schema.log, entries)
        self.seq, self.head = seq, head
        return head


def insert_rows(
    conn: Connection, table: sa.Table, rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in ``table``'s column order, as the driver takes
    them: dates as ISO strings) with one ``executemany`` straight to the driver.

    SQLAlchemy's own insert spends more time on each row's parameters than
    SQLite spends storing it; the writer of a large extraction inserts a few
    dozen rows per document, so it talks to the driver directly.
    """
    if not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in table.columns)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"  # sqlite3, psycopg
    marks = ", ".join([mark] * len(table.columns))
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
    conn.exec_driver_sql(sql, [tuple(r) for r in rows])


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    head: str
    problem: str | None = None
    seq: int | None = None


def verify(conn: Connection, *, redacted: bool = False) -> Verification:
    """Recompute the chain and check every logged record against it.

    ``redacted`` says the store was imported without restricted fields, so a
    missing ``restricted`` row is expected rather than a removal.
    """
    prev, expected = GENESIS, 1
    digests: dict[tuple[str, str], tuple[int, str]] = {}
    query = sa.select(schema.log).order_by(schema.log.c.seq)
    with conn.execution_options(yield_per=2000).execute(query) as rows:
        for entry in rows:
            problem = _entry_problem(entry, expected, prev, digests)
            if problem is not None:
                return Verification(False, expected - 1, prev, problem, expected)
            digests[(entry.kind, entry.ref)] = (
                int(entry.seq),
                sha256_hex(entry.record),
            )
            prev, expected = entry.hash, int(entry.seq) + 1
    count = expected - 1

    problems: list[tuple[int, str]] = []
    for kind, table in schema.LOGGED_TABLES.items():
        pk = next(iter(table.primary_key.columns))
        rows = conn.execution_options(yield_per=2000).execute(
            sa.select(table).order_by(pk)
        )
        for row in rows:
            mapping = dict(row._mapping)
            ref = str(mapping[pk.name])
            logged = digests.pop((kind, ref), None)
            if logged is None:
                problems.append(
                    (
                        count + 1,
                        f"{kind} {ref} has no log entry (written "
                        "outside corridor, or its entry was removed)",
                    )
                )
                continue
            record = canonical_json(log_record(kind, mapping))
            if sha256_hex(record) != logged[1]:
                problems.append(
                    (
                        logged[0],
                        f"{kind} {ref} differs from its log entry "
                        f"{logged[0]} (changed after it was logged)",
                    )
                )
    for (kind, ref), (seq, _digest) in digests.items():
        problems.append(
            (
                seq,
                f"entry {seq} logs {kind} {ref}, which is no longer "
                "stored (the record was removed)",
            )
        )
    problems.extend(_check_restricted(conn, redacted))
    if problems:
        seq, problem = min(problems)
        return Verification(False, count, prev, problem, min(seq, count) or None)
    return Verification(True, count, prev)


def _entry_problem(
    entry: Any,
    expected: int,
    prev: str,
    digests: dict[tuple[str, str], tuple[int, str]],
) -> str | None:
    """What is wrong with log entry ``entry`` where entry ``expected`` should
    follow a chain whose head is ``prev``; None when nothing is."""
    seq = int(entry.seq)
    if seq != expected:
        return (
            f"entry {expected} is missing (removed or renumbered): the next "
            f"entry is {seq}"
        )
    if entry.prev_hash != prev:
        return (
            f"entry {seq} does not follow entry {seq - 1}: prev_hash differs "
            "(an entry was removed, inserted or reordered)"
        )
    try:
        recomputed = entry_hash(
            prev, seq, entry.kind, entry.ref, entry.at, entry.record
        )
    except (ValueError, TypeError):
        return f"entry {seq} was altered: its record is not valid JSON"
    if recomputed != entry.hash:
        return f"entry {seq} was altered: its hash does not match its content"
    first = digests.get((entry.kind, entry.ref))
    if first is not None:
        return (
            f"entry {seq} logs {entry.kind} {entry.ref} again (first logged as "
            f"entry {first[0]})"
        )
    return None


def _check_restricted(conn: Connection, redacted: bool) -> Iterator[tuple[int, str]]:
    docs, held = schema.documents, schema.restricted
    query = (
        sa.select(docs.c.id, docs.c.restricted_sha256, held.c.salt, held.c.fields)
        .select_from(docs.outerjoin(held, held.c.document_id == docs.c.id))
        .where(sa.or_(docs.c.restricted_sha256.is_not(None), held.c.salt.is_not(None)))
    )
    for row in conn.execute(query):
        seq = _seq_of(conn, "documents", row.id)
        if row.salt is None:
            if not redacted:
                yield (
                    seq,
                    f"documents {row.id}: its restricted witness fields were removed",
                )
        elif row.restricted_sha256 != restricted_digest(row.salt, row.fields):
            yield seq, f"documents {row.id}: its restricted witness fields were changed"


def _seq_of(conn: Connection, kind: str, ref: str) -> int:
    seq = conn.execute(
        sa.select(schema.log.c.seq).where(
            schema.log.c.kind == kind, schema.log.c.ref == ref
        )
    ).scalar()
    return int(seq) if seq is not None else 0


def tail(conn: Connection, count: int | None = None) -> list[dict[str, Any]]:
    """The last ``count`` entries (all when None), oldest first."""
    query = sa.select(schema.log).order_by(schema.log.c.seq.desc())
    if count is not None:
        query = query.limit(count)
    return [dict(row._mapping) for row in reversed(conn.execute(query).all())]
