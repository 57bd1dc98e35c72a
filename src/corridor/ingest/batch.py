"""Ingest: reports in, documents (and their log entries) stored, one file at a time.

Each file is one transaction: either every document in it is stored with its
evidence-log entries, or, when anything in it is wrong, nothing from it is.
A document already stored (same id) is counted and left as it is.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa

from corridor.ingest import corpus, metadata, readers, witness
from corridor.ingest.text import document_id
from corridor.store import schema
from corridor.store.chain import (
    LogWriter,
    canonical_json,
    restricted_digest,
    typed,
    utc_now,
)
from corridor.store.engine import Store

STDIN = "-"


@dataclass(frozen=True)
class Options:
    """How to ingest: metadata flags (already checked), size limit, signatures."""

    flags: Mapping[str, Any] = field(default_factory=dict)
    max_bytes: int = 20 * 1024 * 1024
    keep_invalid: bool = False


@dataclass(frozen=True)
class Source:
    name: str
    """The path as the user gave it (or found under a folder they gave), or ``-``."""
    path: Path | None
    found: bool = False
    """Found by walking a folder (not named by the user): only a regular file is
    read, never a FIFO or device that happens to sit there."""


@dataclass
class Outcome:
    source: str
    new: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    row: dict[str, Any]
    restricted: dict[str, Any] | None = None


@dataclass
class Skipped:
    """Files a folder walk left out (other types): how many, and the first."""

    count: int = 0
    first: str | None = None

    def add(self, name: str) -> None:
        self.count += 1
        self.first = self.first or printable(name)


_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters, line
    breaks, bidirectional overrides and undecodable bytes (of a file name) are
    shown as escapes such as ``\\n`` and ``\\x1b``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if "\ud800" <= char <= "\udfff":  # a byte os.fsdecode could not decode
            return f"\\x{ord(char) & 0xFF:02x}"
        return char.encode("unicode_escape").decode("ascii")

    return _UNPRINTABLE.sub(escape, text)


def collect(paths: Iterable[str]) -> tuple[Iterator[Source], Skipped]:
    """Files to ingest from ``paths`` (folders walked lazily), and what was skipped.

    Inside a folder, only known report types are taken, hidden entries and
    ``.meta.json`` sidecars are left out. A file named directly is always tried.
    The sources come one at a time, so a tree of any size walks in bounded
    memory; ``Skipped`` fills in as they are consumed.
    """
    skipped = Skipped()

    def walk() -> Iterator[Source]:
        for given in paths:
            if given == STDIN:
                yield Source(STDIN, None)
                continue
            path = Path(given)
            if not path.is_dir():
                yield Source(given, path)
                continue
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root, name)
                    if name.startswith(".") or metadata.is_sidecar(child):
                        continue
                    if child.suffix.lower() in readers.KNOWN_SUFFIXES:
                        yield Source(str(child), child, found=True)
                    else:
                        skipped.add(str(child))

    return walk(), skipped


def ingest(
    store: Store,
    sources: Iterable[Source],
    options: Options,
    stdin: BinaryIO | None = None,
) -> Iterator[Outcome]:
    """Store each source; yields one :class:`Outcome` per source, in order."""
    with store.read() as conn:
        keys = {
            r.name: r.public_key for r in conn.execute(sa.select(schema.witness_keys))
        }
    for source in sources:
        if corpus.is_corpus(source.path):
            assert source.path is not None
            yield from _ingest_corpus(store, source.name, source.path, options)
            continue
        outcome = Outcome(source.name)
        try:
            drafts = _drafts(source, options, keys, stdin)
        except (readers.ReadError, metadata.MetadataError) as exc:
            outcome.error = printable(f"{source.name}: {exc}")
            yield outcome
            continue
        with store.transaction() as conn:
            writer: LogWriter | None = None
            for draft in drafts:
                doc_id = draft.row["id"]
                if doc_id in outcome.new or _exists(conn, doc_id):
                    outcome.stored.append(doc_id)
                    continue
                writer = writer or LogWriter(conn)
                _insert(conn, writer, draft)
                outcome.new.append(doc_id)
                if draft.row["signature"] in ("invalid", "unknown-key"):
                    outcome.warnings.append(
                        printable(
                            f"{source.name}: stored a witness report whose "
                            f"signature is {draft.row['signature']} ({doc_id[:12]})"
                        )
                    )
        yield outcome


def _ingest_corpus(
    store: Store, name: str, path: Path, options: Options
) -> Iterator[Outcome]:
    """A corpus, CHUNK records to a transaction: one Outcome per chunk, and one
    per refused record."""
    where = "row" if path.suffix.lower() == ".parquet" else "line"
    pending: list[tuple[int, Draft]] = []

    def flush() -> Outcome:
        outcome = Outcome(
            printable(f"{name}:{where}s {pending[0][0]}-{pending[-1][0]}")
        )
        with store.transaction() as conn:
            writer = LogWriter(conn)
            for _number, draft in pending:
                doc_id = draft.row["id"]
                if doc_id in outcome.new or _exists(conn, doc_id):
                    outcome.stored.append(doc_id)
                else:
                    _insert(conn, writer, draft)
                    outcome.new.append(doc_id)
        pending.clear()
        return outcome

    try:
        for item in corpus.records(path, options.max_bytes):
            if isinstance(item, corpus.RecordError):
                yield Outcome(name, error=printable(f"{name}: {item}"))
                continue
            number, value = item
            try:
                text, meta = corpus.report(number, value, where, options.max_bytes)
            except corpus.RecordError as exc:
                yield Outcome(name, error=printable(f"{name}: {exc}"))
                continue
            merged = metadata.merge(options.flags, meta)
            pending.append((number, Draft(_row(text, f"{name}:{number}", merged))))
            if len(pending) >= corpus.CHUNK:
                yield flush()
    except OSError as exc:
        yield Outcome(name, error=printable(f"{name}: cannot be read: {exc.strerror}"))
    if pending:
        yield flush()


def _exists(conn: sa.Connection, doc_id: str) -> bool:
    query = sa.select(schema.documents.c.id).where(schema.documents.c.id == doc_id)
    return conn.execute(query).first() is not None


def _insert(conn: sa.Connection, writer: LogWriter, draft: Draft) -> None:
    row = typed(schema.documents, draft.row)
    held = None
    if draft.restricted is not None:
        held = {
            "document_id": row["id"],
            "salt": secrets.token_hex(16),
            "fields": canonical_json(draft.restricted),
        }
        row["restricted_sha256"] = restricted_digest(held["salt"], held["fields"])
    conn.execute(schema.documents.insert(), row)
    if held is not None:
        conn.execute(schema.restricted.insert(), held)
    writer.append(schema.documents.name, row["id"], row)


def read_bytes(source: Source, limit: int, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of ``source``, refused by size before they are read: a file by
    its size on disk, a stream (standard input, a FIFO or device named by the
    user) after ``limit`` + 1 bytes."""
    streamed = source.path is None
    if source.path is None:
        raw = (stdin if stdin is not None else sys.stdin.buffer).read(limit + 1)
        size = len(raw)
    else:
        try:
            info = source.path.stat()
            regular = stat.S_ISREG(info.st_mode)
            if not regular and source.found:
                raise readers.ReadError(
                    f"is {_file_type(info.st_mode)}, not a regular file"
                )
            size, streamed = (info.st_size, False) if regular else (0, True)
            if size <= limit:
                # At most limit + 1 bytes, even if the file grew since stat().
                with source.path.open("rb") as stream:
                    raw = stream.read(limit + 1)
                if len(raw) > size:
                    size, streamed = len(raw), True
        except FileNotFoundError:
            raise readers.ReadError("no such file or folder") from None
        except OSError as exc:
            raise readers.ReadError(f"cannot be read: {exc.strerror}") from None
    if size > limit:
        more = " or more" if streamed else ""
        raise readers.ReadError(
            f"is {metadata.human_size(size)}{more}, over the "
            f"{metadata.human_size(limit)} limit "
            "(set --max-bytes or CORRIDOR_MAX_BYTES to allow it)"
        )
    if not raw.strip():
        raise readers.ReadError("is empty")
    return raw


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


def _drafts(
    source: Source, options: Options, keys: Mapping[str, str], stdin: BinaryIO | None
) -> list[Draft]:
    raw = read_bytes(source, options.max_bytes, stdin)
    suffix = source.path.suffix.lower() if source.path is not None else ""
    kind = readers.sniff(raw, suffix)
    if kind in ("json", "csv"):
        read = witness.read_json if kind == "json" else witness.read_csv
        return [
            _witness_draft(source, r, options)
            for r in read(raw, keys, options.keep_invalid)
        ]
    reader = {"pdf": readers.read_pdf, "html": readers.read_html}.get(
        kind, readers.read_text
    )
    found = reader(raw)
    sidecar: dict[str, Any] = {}
    if source.path is not None and (side := metadata.sidecar_path(source.path)):
        fields = metadata.read_sidecar(side)  # its errors name the sidecar
        try:
            sidecar = metadata.clean(fields)
        except metadata.MetadataError as exc:
            raise metadata.MetadataError(f"sidecar {side.name}: {exc}") from None
    try:
        own = metadata.clean(found.own)
    except metadata.MetadataError as exc:
        raise metadata.MetadataError(f"front matter: {exc}") from None
    meta = metadata.merge(
        metadata.clean_lenient(found.found), options.flags, sidecar, own
    )
    return [Draft(_row(found.text, source.name, meta))]


def _row(
    text: str, source: str, meta: Mapping[str, Any], envelope: str = ""
) -> dict[str, Any]:
    return {
        "id": document_id(text, envelope),
        "kind": meta.get("kind", "news"),
        "publisher": meta.get("publisher"),
        "author": meta.get("author"),
        "url": meta.get("url"),
        "source": source,
        "title": meta.get("title"),
        "published": meta.get("published"),
        "observed_at": meta.get("observed_at"),
        "language": meta.get("language", "en"),
        "area": meta.get("area"),
        "signature": meta.get("signature"),
        "restricted_sha256": None,
        "ingested_at": utc_now(),
        "text": text,
    }


def _witness_draft(
    source: Source, report: witness.WitnessReport, options: Options
) -> Draft:
    meta: dict[str, Any] = {
        "publisher": options.flags.get("publisher"),
        "kind": "witness",
        "published": report.published,
        "observed_at": report.observed_at,
        "language": report.language,
        "area": report.area,
        "signature": report.verdict,
    }
    row = _row(report.text, source.name, meta, envelope=report.envelope)
    return Draft(row, restricted=report.restricted or None)
