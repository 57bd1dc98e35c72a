"""Plain text and Markdown: ``readers.read_text`` and the front matter check."""

from __future__ import annotations

from corridor.ingest import metadata, readers
from corridor.ingest.text import normalise
from fuzz.seeds import files


def seeds() -> list[bytes]:
    return files("reports", "*.md", "*.txt")


def warm_up() -> None:
    pass


def one_input(data: bytes) -> None:
    try:
        read = readers.read_text(data)
        metadata.clean(read.own)
    except (readers.ReadError, metadata.MetadataError):
        return
    assert read.text, "an accepted report has text"
    assert normalise(read.text) == read.text, "stored text is normalised"
