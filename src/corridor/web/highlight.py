"""A document's text with every claim marked, escaped piece by piece.

Claims may overlap (two figures in one sentence share its span), so the text
is cut at every claim boundary; each piece covered by claims becomes one
``<mark>`` that links to the first of them in the claim list, and the first
piece of each claim carries the anchor ``mark-<claim id>`` that the claim list
links back to.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    claim: str
    start: int
    end: int


_LIST_ITEM = re.compile(r"[-*•]|\d+[.)]\s")
WRAPPED = 50
"""A line this long that ends without a blank line was wrapped by its writer."""


def reflow(text: str) -> str:
    """``text`` with the line breaks inside paragraphs (a file wrapped at 80
    columns) as spaces, but not those after a short line (a heading) or before
    a list item. The length is unchanged, so claim offsets still fit."""
    chars = list(text)
    line_start = 0
    for i, char in enumerate(text):
        if char != "\n":
            continue
        line = text[line_start:i]
        line_start = i + 1
        following = text[i + 1 : i + 80].lstrip(" \t")
        if (
            len(line.strip()) >= WRAPPED
            and following
            and following[0] != "\n"
            and not _LIST_ITEM.match(following)
        ):
            chars[i] = " "
    return "".join(chars)


def usable(spans: Sequence[Span], length: int) -> list[Span]:
    """Spans that lie inside a text of ``length`` characters, others dropped."""
    return [s for s in spans if 0 <= s.start < s.end <= length]


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` as HTML with ``<mark>`` around every span; each claim's first
    piece is preceded by its number in the claim list (spans in list order)."""
    number: dict[str, int] = {}
    for s in spans:
        number.setdefault(s.claim, len(number) + 1)
    spans = usable(spans, len(text))
    text = reflow(text)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    first_piece = {s.claim: s.start for s in spans}
    for s in spans:
        first_piece[s.claim] = min(first_piece[s.claim], s.start)
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        covering = [s.claim for s in spans if s.start <= start and end <= s.end]
        if not covering:
            out.append(str(piece))
            continue
        anchors = "".join(
            f'<a class="claim-no" id="mark-{escape(c)}" href="#claim-{escape(c)}" '
            f'aria-label="claim {number[c]}">{number[c]}</a>'
            for c in dict.fromkeys(covering)
            if first_piece[c] == start
        )
        claims = " ".join(dict.fromkeys(covering))
        out.append(
            f'{anchors}<a class="mark" href="#claim-{escape(covering[0])}">'
            f'<mark data-claims="{escape(claims)}">{piece}</mark></a>'
        )
    return Markup("".join(out))
