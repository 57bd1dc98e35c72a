"""Turning raw bytes into clean text, and the document id that depends on it."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


class NotText(ValueError):
    """Bytes that are not a text file; the message says why."""


def decode(raw: bytes) -> str:
    """UTF-8 text from ``raw`` (a byte-order mark is dropped), or NotText."""
    if b"\x00" in raw[:65536]:
        raise NotText("looks like a binary file (it contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotText(
            f"is not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} "
            "(save it as UTF-8 and try again)"
        ) from None
    sample = text[:65536]
    controls = len(_BINARY_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.05:
        raise NotText(
            "looks like a binary file (too many control characters), not text"
        )
    return text


def normalise(text: str) -> str:
    """The form a document is stored and hashed in.

    NFC Unicode, ``\\n`` line ends, control characters as spaces, no trailing
    spaces, at most one blank line in a row, no leading or trailing blank space.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text.replace("\t", " "))
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def document_id(text: str, envelope: str = "") -> str:
    """SHA-256 of the normalised text (plus, for witness reports, their envelope)."""
    payload = text if not envelope else f"{text}\n{envelope}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
