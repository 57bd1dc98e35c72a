"""PDF files: ``readers.read_pdf`` (pypdf's text layer) and its found metadata."""

from __future__ import annotations

from corridor.ingest import metadata, readers
from corridor.ingest.text import normalise
from fuzz.seeds import pdf, report_bodies


def seeds() -> list[bytes]:
    bodies = report_bodies()
    return [
        pdf([bodies[0][:600]], title="Castello road cut"),
        pdf([bodies[1][:400], None, bodies[2][:400]], compress=True),
        pdf([None]),
        pdf(["More than 50,000 people fled (OCHA)."], compress=True, title="x"),
    ]


def warm_up() -> None:
    import pypdf  # noqa: F401


def one_input(data: bytes) -> None:
    try:
        read = readers.read_pdf(data)
    except readers.ReadError:
        return
    assert read.text and normalise(read.text) == read.text
    metadata.clean_lenient(read.found)
