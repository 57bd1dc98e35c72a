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
    escapes) is refused unread, and skipped in bounded memory; so is a Parquet
    row with a value of more than ``max_chars`` characters."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet(path, max_chars)
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


# Parquet rows are read a few at a time: a small file can hold a dictionary
# value of many megabytes that thousands of rows repeat, and a batch is decoded
# whole before anything can look at it. Four rows cost about 8 µs of pyarrow's
# time per row, against 28 µs for one and 7 µs for 500.
PARQUET_ROWS_PER_READ = 4


def _parquet(path: Path, max_chars: int) -> Iterator[Record | RecordError]:
    import pyarrow as pa
    import pyarrow.compute as pc
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
    batches = table.iter_batches(batch_size=PARQUET_ROWS_PER_READ, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, MemoryError, OSError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            yield RecordError(f"row {row + 1} on: could not be read ({reason})")
            return
        if batch is None:
            return
        oversized = _oversized(batch, max_chars, pa, pc)
        values = batch.to_pylist() if not oversized else None
        for index in range(batch.num_rows):
            row += 1
            if index in oversized:
                name, size = oversized[index]
                yield RecordError(
                    f"row {row}: field {name!r} is {size:,} characters, over "
                    f"the {max_chars:,} limit"
                )
            elif values is not None:
                yield row, values[index]
            else:
                yield row, batch.slice(index, 1).to_pylist()[0]


def _oversized(
    batch: Any, max_chars: int, pa: Any, pc: Any
) -> dict[int, tuple[str, int]]:
    """Rows of ``batch`` with a value of more than ``max_chars`` characters (or
    bytes), found from the lengths alone, before any becomes a Python string."""
    found: dict[int, tuple[str, int]] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        values, indices = column, None
        if pa.types.is_dictionary(column.type):  # measure each value once
            values, indices = column.dictionary, column.indices
        kind = values.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            lengths = pc.utf8_length(values)
        elif pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            lengths = pc.binary_length(values)
        else:
            continue
        if indices is not None:
            lengths = pc.take(lengths, indices)
        for index, size in enumerate(lengths.to_pylist()):
            if size is not None and size > max_chars:
                found.setdefault(index, (name, size))
    return found


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
