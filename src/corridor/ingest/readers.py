"""Readers: the bytes of one report in, its text and what it says about itself out.

Plain text and Markdown (with optional YAML front matter), HTML (main text by
trafilatura), PDF (text layer by pypdf). Witness reports live in ``witness.py``.
Each reader raises :class:`ReadError` with a message fit to follow a file name.
"""

from __future__ import annotations

import io
import itertools
import warnings
from dataclasses import dataclass, field
from typing import Any

from corridor.ingest import header, metadata
from corridor.ingest.text import NotText, decode, normalise

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
WITNESS_SUFFIXES = frozenset({".json", ".csv"})
CORPUS_SUFFIXES = frozenset({".jsonl", ".ndjson", ".parquet"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | WITNESS_SUFFIXES | CORPUS_SUFFIXES
)
MAX_HTML_ELEMENTS = 100_000
"""An HTML page of more elements is not an article; finding the main text of
800,000 took over a minute and 1 GB."""
MAX_PDF_PAGES = 1_000
"""A PDF of more pages is not a report (and its text would take minutes)."""
MAX_PDF_CONTENT = 20 * 1024 * 1024
"""Most bytes of page content (inflated) read from one PDF: a page's content
stream can inflate a thousandfold, and each page may reuse the same one."""


class ReadError(ValueError):
    """This input cannot be read as a report; the message says why."""


@dataclass
class Read:
    """What a reader found: the normalised text and the metadata it carried."""

    text: str
    found: dict[str, Any] = field(default_factory=dict)
    """Metadata found in the file's format (HTML meta tags, PDF info, a text's
    date line)."""
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
    published = header.published_in_header(body)
    return Read(body, found={"published": published} if published else {}, own=own)


def read_html(raw: bytes) -> Read:
    import trafilatura

    html = text_of(raw)
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise ReadError("no main text found in the HTML page")
        elements = sum(1 for _ in itertools.islice(tree.iter(), MAX_HTML_ELEMENTS + 1))
        if elements > MAX_HTML_ELEMENTS:
            raise ReadError(
                f"is an HTML page of more than {MAX_HTML_ELEMENTS:,} elements, "
                "too many for one article"
            )
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, favor_recall=True, include_comments=False
        )
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("is not HTML we can read: nested too deeply") from None
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise ReadError(f"is not HTML we can read: {_line(exc)}") from None
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
    from pypdf.errors import LimitReachedError

    try:
        with warnings.catch_warnings():
            # pypdf warns of damage it recovers from; only a text layer matters.
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted:
                raise ReadError("is an encrypted PDF; decrypt it first")
            count = len(reader.pages)
            if count > MAX_PDF_PAGES:
                raise ReadError(
                    f"is a PDF of {count:,} pages, over the {MAX_PDF_PAGES:,}-page "
                    "limit for one report; split it"
                )
            pages = []
            budget = MAX_PDF_CONTENT
            for number, page in enumerate(reader.pages, start=1):
                budget -= _content_size(page)
                if budget < 0:
                    raise ReadError(
                        f"is a PDF whose page content inflates to more than "
                        f"{MAX_PDF_CONTENT // 1024**2} MB by page {number} "
                        "(a compression bomb?)"
                    )
                pages.append(page.extract_text() or "")
            info = reader.metadata
    except ReadError:
        raise
    except LimitReachedError as exc:
        raise ReadError(
            f"is a PDF past pypdf's safety limits ({_line(exc).rstrip('.')}): "
            "a compression bomb?"
        ) from None
    except RecursionError:
        raise ReadError("is not a readable PDF: nested too deeply") from None
    except Exception as exc:
        # pypdf raises its own errors, and on damaged files also ValueError,
        # KeyError, TypeError, AttributeError, NotImplementedError ("Unsupported
        # filter") and more: the fuzz target found each of them.
        raise ReadError(f"is not a readable PDF: {_line(exc)}") from None
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


def _content_size(page: Any) -> int:
    """Inflated bytes of a page's content and of the forms it draws (one level
    down), which ``extract_text`` will parse. Malformed resources count 0:
    ``extract_text`` copes with them (or fails) on its own."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    resources = _dictionary(page.get("/Resources"))
    xobjects = _dictionary(resources.get("/XObject")) if resources else None
    for ref in (xobjects or {}).values():
        form = _dictionary(ref)
        if form is not None and form.get("/Subtype") == "/Form":
            size += len(form.get_data()) if hasattr(form, "get_data") else 0
    return size


def _dictionary(value: Any) -> Any:
    """``value`` (an indirect reference resolved) if it is a PDF dictionary."""
    from pypdf.generic import DictionaryObject

    if hasattr(value, "get_object"):
        value = value.get_object()
    return value if isinstance(value, DictionaryObject) else None


def _line(exc: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__


def _has_date(info: Any) -> bool:
    try:
        return info.creation_date is not None
    except (ValueError, TypeError):  # a malformed /CreationDate string
        return False
