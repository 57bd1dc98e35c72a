"""Readers: the bytes of one report in, its text and what it says about itself out.

Plain text and Markdown (with optional YAML front matter), HTML (main text by
trafilatura), PDF (text layer by pypdf). Witness reports live in ``witness.py``.
Each reader raises :class:`ReadError` with a message fit to follow a file name.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import Any

from corridor.ingest import metadata
from corridor.ingest.text import NotText, decode, normalise

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
WITNESS_SUFFIXES = frozenset({".json", ".csv"})
CORPUS_SUFFIXES = frozenset({".jsonl", ".ndjson", ".parquet"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | WITNESS_SUFFIXES | CORPUS_SUFFIXES
)


class ReadError(ValueError):
    """This input cannot be read as a report; the message says why."""


@dataclass
class Read:
    """What a reader found: the normalised text and the metadata it carried."""

    text: str
    found: dict[str, Any] = field(default_factory=dict)
    """Metadata found in the file's format (HTML meta tags, PDF info)."""
    own: dict[str, Any] = field(default_factory=dict)
    """Metadata the report states itself (YAML front matter)."""


def sniff(raw: bytes, suffix: str) -> str:
    """The format of ``raw``: ``text``, ``html``, ``pdf``, ``json`` or ``csv``."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def text_of(raw: bytes) -> str:
    try:
        return decode(raw)
    except NotText as exc:
        raise ReadError(str(exc)) from None


def read_text(raw: bytes) -> Read:
    text = text_of(raw)
    try:
        own, body_start = metadata.split_front_matter(text)
    except metadata.MetadataError as exc:
        raise ReadError(str(exc)) from None
    body = normalise(text[body_start:])
    if not body:
        raise ReadError("has no text" + (" after its front matter" if own else ""))
    return Read(body, own=own)


def read_html(raw: bytes) -> Read:
    import trafilatura

    html = text_of(raw)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, favor_recall=True, include_comments=False
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise ReadError(f"is not HTML we can read: {exc}") from None
    if doc is None:
        raise ReadError("no main text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = normalise(str(data.get("text") or "").replace("\n", "\n\n"))
    if not body:
        raise ReadError("no main text found in the HTML page")
    found = {
        "title": data.get("title"),
        "author": data.get("author"),
        "publisher": data.get("sitename"),
        "url": data.get("url"),
        "published": data.get("date"),
        "language": data.get("language"),
    }
    return Read(body, found={k: v for k, v in found.items() if v})


def read_pdf(raw: bytes) -> Read:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            # pypdf warns of damage it recovers from; only a text layer matters.
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted:
                raise ReadError("is an encrypted PDF; decrypt it first")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"is not a readable PDF: {exc}") from None
    body = normalise("\n\n".join(pages))
    if not body:
        raise ReadError(
            f"PDF has no text layer ({len(pages)} page(s) of images?); run OCR first"
        )
    found: dict[str, Any] = {}
    if info is not None:
        if info.title:
            found["title"] = str(info.title)
        if info.author:
            found["author"] = str(info.author)
        created = info.creation_date if _has_date(info) else None
        if created is not None:
            found["published"] = created.date()
    return Read(body, found=found)


def _has_date(info: Any) -> bool:
    try:
        return info.creation_date is not None
    except (ValueError, TypeError):  # a malformed /CreationDate string
        return False
