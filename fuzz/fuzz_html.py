"""HTML pages: ``readers.read_html`` (trafilatura) and its found metadata."""

from __future__ import annotations

from corridor.ingest import metadata, readers
from corridor.ingest.text import normalise
from fuzz.seeds import files


def seeds() -> list[bytes]:
    return [
        *files("reports", "*.html"),
        b"<!doctype html><html><head><title>t</title></head><body><article>"
        b"<p>More than 50,000 people fled east Aleppo.</p></article></body></html>",
        b"<html><body>"
        + b"<div>" * 200
        + b"text"
        + b"</div>" * 200
        + b"</body></html>",
    ]


def warm_up() -> None:
    import trafilatura  # noqa: F401


def one_input(data: bytes) -> None:
    try:
        read = readers.read_html(data)
    except readers.ReadError:
        return
    assert read.text and normalise(read.text) == read.text
    metadata.clean_lenient(read.found)  # never raises: bad found fields drop
