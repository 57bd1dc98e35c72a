"""Paragraphs and lines: how a document is cut before spaCy reads it.

``chunks`` splits a text at blank lines into paragraphs of at most
``MAX_CHUNK`` characters (a 1 MB line is cut at a sentence end or a space).
``line_starts`` finds the lines that start a sentence of their own (list
items, timestamps, table lines, lines after a heading), which spaCy's
sentencizer would run together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corridor.extract.lexicon import words

MAX_CHUNK = 20_000  # characters handed to spaCy at once
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SPLIT_AT = re.compile(r"[.!?]\s|\s")


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs (split at blank lines), cut to at most ``MAX_CHUNK`` chars."""
    if len(text) <= MAX_CHUNK and "\n" not in text:  # most short texts: one line
        if text.strip():
            yield 0, text
        return
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        stop = match.start() if match else len(text)
        while stop - start > MAX_CHUNK:
            window = text[start : start + MAX_CHUNK]
            cut = max(
                (m.end() for m in _SPLIT_AT.finditer(window, MAX_CHUNK // 2)), default=0
            )
            cut = cut or MAX_CHUNK
            yield start, text[start : start + cut]
            start += cut
        if text[start:stop].strip():
            yield start, text[start:stop]
        start = match.end() if match else stop


_NEW_LINE = re.compile(r"\n[ \t]*(?=\S)")
_LIST_ITEM = re.compile(r"[-*•·–—]\s|\d{1,2}[:.]\d{2}\b|\d{1,2}[./)]\s|[A-Z0-9]")
_SHORT_LINE = 60
_SPEAKER = re.compile(r"(?:Q|A|[A-Z][A-Z.]{1,20})\s?:\s")  # "Q: ...", "MODERATOR: ..."
_TABLE_LINE = re.compile(r"[A-Z][^\n:]{0,60}:[ \t]*[~\d]")  # "Total evacuated: 25,000"


_GOES_ON = frozenset(
    words(
        "to about of the a an and or by from than some around nearly almost over "
        "more at least"
    )
)


def line_starts(text: str) -> list[int]:
    """Offsets of lines that start a sentence of their own: list items,
    timestamps, and any line after a short line or a line that ends a clause
    (a heading, "People in need: 42,000"). Lines wrapped mid-sentence are not
    split: they follow a long line that ends without punctuation."""
    starts = []
    for match in _NEW_LINE.finditer(text):
        begin = match.end()
        previous = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
        if not previous:
            continue
        item = _LIST_ITEM.match(text, begin)
        if item is None:
            continue
        if previous[-1] == ":" and item.group(0).isdigit():
            continue  # "... (local health authority):\n  1,314": the figure
        if previous.rsplit(None, 1)[-1] in _GOES_ON:
            continue  # "bringing the total to about\n  46,000.": wrapped
        if (
            item.group(0)[0] in "-*•·–—"
            or _SPEAKER.match(text, begin)
            or (item.group(0)[0].isdigit() and len(item.group(0)) > 1)
            or previous[-1] in ".!?:;"
            or (len(previous) < _SHORT_LINE and previous[-1] not in ",-(")
            or _TABLE_LINE.match(text, begin)
        ):
            starts.append(begin)
    return starts
