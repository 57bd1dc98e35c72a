"""Corpora: many articles in one file, as JSON Lines or Parquet, streamed.

Each record is one report with the fields of a report's metadata plus its
``text``: ``{"text": "...", "publisher": "...", "published": "2016-12-01",
"kind": "news", "url": "...", "title": "...", "author": "...",
"language": "en", "area": "..."}``; other fields are ignored. Records are read
in chunks, so a corpus of any size is ingested in bounded memory. Unlike a
single report, a corpus is not all or nothing: each record stands alone, a bad
one is refused with its line (or row) number and the rest go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corridor.ingest import metadata, readers
from corridor.ingest.text import normalise

SUFFIXES = readers.CORPUS_SUFFIXES
CHUNK = 500


class RecordError(ValueError):
    """One record of a corpus is unusable; the message names it."""


Record = tuple[int, dict[str, Any]]


def is_corpus(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in SUFFIXES


def records(
    path: Path, max_chars: int = 20 * 1024 * 1024
) -> Iterator[Record | RecordError]:
    """Each record of the corpus with its line or row number, or its error.

    A JSON line longer than ``LINE_FACTOR`` x ``max_chars`` bytes (room for
    escapes) is refused unread, and skipped in bounded memory."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet(path)
    else:
        yield from _json_lines(path, max_chars)


LINE_FACTOR = 6


def _json_lines(path: Path, max_chars: int) -> Iterator[Record | RecordError]:
    limit = LINE_FACTOR * max_chars
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(limit + 1):
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1024 * 1024)) and not rest.endswith(
                    b"\n"
                ):
                    pass
                yield RecordError(
                    f"line {number}: is over {metadata.human_size(limit)}, too long "
                    f"for a record of at most {metadata.human_size(max_chars)} of text"
                )
                continue
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                reason = (
                    exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
                )
                yield RecordError(f"line {number}: not valid JSON ({reason})")
                continue
            except RecursionError:
                yield RecordError(f"line {number}: not valid JSON (nested too deeply)")
                continue
            if not isinstance(value, dict):
                yield RecordError(f"line {number}: expected a JSON object")
                continue
            yield number, value


def _parquet(path: Path) -> Iterator[Record | RecordError]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others
        yield RecordError(f"is not a readable Parquet file: {exc}")
        return
    wanted = [c for c in table.schema_arrow.names if c in (*metadata.FIELDS, "text")]
    if "text" not in wanted:
        yield RecordError("has no 'text' column")
        return
    row = 0
    for batch in table.iter_batches(batch_size=CHUNK, columns=wanted):
        for value in batch.to_pylist():
            row += 1
            yield row, value


def report(
    number: int, value: dict[str, Any], where: str, max_chars: int
) -> tuple[str, dict[str, Any]]:
    """The normalised text and checked metadata of one record."""
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError(f"{where} {number}: field 'text' is missing or empty")
    if len(text) > max_chars:
        raise RecordError(
            f"{where} {number}: text is {len(text):,} characters, over "
            f"the {max_chars:,} limit"
        )
    try:
        meta = metadata.clean(value)
    except metadata.MetadataError as exc:
        raise RecordError(f"{where} {number}: {exc}") from None
    return normalise(text), meta
