"""Extraction in this process: over stored documents, or straight from files."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from corridor.extract import Claim, Event, Extractor
from corridor.ingest import batch, header, metadata, readers, witness
from corridor.settings import DEFAULT_MAX_BYTES
from corridor.store import evidence, schema
from corridor.store.engine import Store


@dataclass(frozen=True)
class ExtractOutcome:
    document_id: str
    claims: int
    events: int
    changed: bool
    """False when the document's latest extraction already said the same."""


def _columns(item: Claim | Event) -> dict[str, Any]:
    return dataclasses.asdict(item)


def prepare(
    extractor: Extractor,
    document_id: str,
    text: str,
    published: dt.date | None,
    area: str | None,
    *,
    number: int,
) -> evidence.PreparedExtraction:
    """Extract one document and make its rows and log records ready to write
    as extraction ``number``, recorded as made by ``extractor.name``."""
    items = extractor.extract(text, published=published, area=area)
    return evidence.prepare_extraction(
        document_id,
        extractor.name,
        [_columns(i) for i in items if isinstance(i, Claim)],
        [_columns(i) for i in items if isinstance(i, Event)],
        number=number,
    )


BATCH_DOCUMENTS = 100
BATCH_SECONDS = 2.0
"""Extractions are written in batches: one transaction per document cost as
much as extracting it. A batch is written when it holds this many documents
or has been open this long, so progress and durability do not wait on a slow
document."""


def extract_stored(
    store: Store,
    extractor: Extractor,
    document_ids: Iterable[str],
    *,
    batch: int = BATCH_DOCUMENTS,
) -> Iterator[ExtractOutcome]:
    """Extract each stored document and write its claims and events, appended
    to the evidence log, ``batch`` documents to a transaction.

    Writing is idempotent (an extraction equal to the document's latest is not
    stored again), so a run cut short loses at most the batch being written
    and a rerun picks it up.
    """
    docs = schema.documents
    pending: list[evidence.PreparedExtraction] = []
    opened = time.monotonic()
    for document_id in document_ids:
        with store.read() as conn:
            doc = conn.execute(
                sa.select(docs.c.text, docs.c.published, docs.c.area).where(
                    docs.c.id == document_id
                )
            ).one()
            latest = evidence.latest_extractions(conn, [document_id])
        number = latest.get(document_id, (0, ""))[0] + 1
        pending.append(
            prepare(
                extractor,
                document_id,
                doc.text,
                doc.published,
                doc.area,
                number=number,
            )
        )
        if len(pending) >= batch or time.monotonic() - opened >= BATCH_SECONDS:
            yield from _write(store, pending)
            pending, opened = [], time.monotonic()
    yield from _write(store, pending)


def _write(
    store: Store, prepared: list[evidence.PreparedExtraction]
) -> Iterator[ExtractOutcome]:
    if not prepared:
        return
    with store.transaction() as conn:
        made = evidence.write_prepared(conn, prepared)
    for item, extraction in zip(prepared, made, strict=True):
        yield ExtractOutcome(
            item.document_id, item.claims, item.events, extraction is not None
        )


def extract_files(
    paths: Iterable[str | batch.Source],
    extractor: Extractor,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[dict[str, Any]]:
    """Claims and events of files read directly (nothing stored), as JSON dicts.

    ``paths`` are file names, or sources from :func:`batch.collect` (folders
    walked, ``-`` for standard input). A file is refused by size, as by
    ``corridor ingest``, before it is read.

    Offsets are into the file's own text: for text and Markdown the whole file
    as Python reads it (``open(path, encoding="utf-8").read()``: front matter
    included, a byte-order mark counted as one character, line ends turned to
    ``\\n`` as text mode does); for HTML and PDF the text the reader took
    out; for witness reports the report's ``text`` field. Raises
    :class:`readers.ReadError` or :class:`metadata.MetadataError`.
    """
    for given in paths:
        source = given if isinstance(given, batch.Source) else _source(given)
        raw = batch.read_bytes(source, max_bytes)
        for body, shift, meta in _texts(source.path, raw):
            for item in extractor.extract(
                body, published=meta.get("published"), area=meta.get("area")
            ):
                record = item.to_json()
                record["start"] += shift
                record["end"] += shift
                yield {"document": source.name, **record}


def _source(name: str) -> batch.Source:
    return batch.Source(name, None if name == batch.STDIN else Path(name))


def _texts(path: Path | None, raw: bytes) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """(text to extract from, its offset in the file's text, metadata) for
    each report in a file (``path`` None: standard input)."""
    kind = readers.sniff(raw, path.suffix.lower() if path is not None else "")
    if kind in ("json", "csv"):
        read = witness.read_json if kind == "json" else witness.read_csv
        for report in read(raw, {}, keep_invalid=True):
            yield report.text, 0, {"published": report.published, "area": report.area}
        return
    sidecar = metadata.sidecar_path(path) if path is not None else None
    meta = metadata.clean(metadata.read_sidecar(sidecar)) if sidecar else {}
    if kind == "text":
        text = _universal_newlines(readers.text_of(raw))  # without the BOM
        own, start = metadata.split_front_matter(text)
        published = header.published_in_header(text[start:])
        dated = {"published": published} if published else {}
        shift = start + (1 if raw.startswith(codecs.BOM_UTF8) else 0)
        yield text[start:], shift, metadata.merge(dated, meta, metadata.clean(own))
        return
    found = (readers.read_pdf if kind == "pdf" else readers.read_html)(raw)
    yield found.text, 0, metadata.merge(metadata.clean_lenient(found.found), meta)


def _universal_newlines(text: str) -> str:
    """``text`` with its line ends as Python's text mode reads them: ``\\r\\n``
    and a lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
