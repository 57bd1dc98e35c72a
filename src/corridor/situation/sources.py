"""Who a claim's figure really comes from, so that sources are counted once.

A claim that repeats someone else's figure ("UN agencies say", "according to
the Syrian Observatory") counts for that *originator*, not again for the paper
that printed it; an unattributed claim counts for its publisher; a witness
report for its witness. Originators are matched loosely: "the UN",
"UN officials" and "UN agencies" are one source.
"""

from __future__ import annotations

import functools
import re

# Patterns tried in order; the first that matches names the originator.
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"\b(who|world health organi[sz]ation)\b", "WHO"),
        (r"\b(ocha|office for the coordination of humanitarian affairs)\b", "UN OCHA"),
        (r"\b(wfp|world food programme)\b", "WFP"),
        (r"\bunicef\b", "UNICEF"),
        (r"\b(unhcr|refugee agency)\b", "UNHCR"),
        (r"\b(envoy|de mistura)\b", "UN envoy"),
        (r"\b(un|united nations|u\.n\.)\b", "UN"),
        (r"\b(icrc|red cross)\b", "ICRC"),
        (r"\b(sarc|red crescent)\b", "Syrian Arab Red Crescent"),
        (r"\b(msf|m[ée]decins sans fronti[èe]res|doctors without borders)\b", "MSF"),
        (r"\b(syrian observatory|sohr)\b", "Syrian Observatory for Human Rights"),
        (r"\b(white helmets|civil defen[cs]e)\b", "Syria Civil Defence"),
        (r"\b(russia|russian|moscow|kremlin)\b", "Russian government"),
        (r"\b(syrian government|damascus|syrian army|sana)\b", "Syrian government"),
    )
)

_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "officials",
        "sources",
        "reports",
        "partners",
        "residents",
        "people",
        "witnesses",
        "has",
        "have",
        "had",
        "where",
        "which",
        "who",
        "that",
        "this",
    ]
)
"""Words that name nobody: a figure "he said" counts for its publisher."""
MAX_NAME_WORDS = 6
"""An attribution longer than this is a clause the extractor over-reached
into, not a name; the figure then counts for its publisher."""
_LEADING = re.compile(
    r"^(?:[-–—*•\s]+|and\s+|according\s+to\s+|the\s+|a\s+|an\s+)+", re.IGNORECASE
)
_TRAILING = re.compile(
    r"\s+(?:said|says|say|has|have|had|reported|told)$", re.IGNORECASE
)


@functools.lru_cache(maxsize=4096)  # a picture asks once per claim; names repeat
def originator(attribution: str | None) -> str | None:
    """The source ``attribution`` names, or None when it names nobody usable."""
    if not attribution:
        return None
    text = " ".join(attribution.split())
    text = _TRAILING.sub("", _LEADING.sub("", text)).strip(" ,.;:")
    lowered = text.lower()
    if not lowered or lowered.split()[0] in _PRONOUNS:
        return None
    for pattern, name in _KNOWN:
        if pattern.search(lowered):
            return name
    if len(lowered.split()) > MAX_NAME_WORDS:
        return None
    return text[:1].upper() + text[1:]


def source_of(
    attribution: str | None,
    publisher: str | None,
    kind: str | None,
    document_id: str,
    witness: str | None = None,
) -> tuple[str, str]:
    """``(key, label)``: the key counts independent sources, the label is shown.

    A witness's key is private (their registered name is restricted), so its
    label only says "witness report".
    """
    named = originator(attribution)
    if named is not None:
        return f"org:{named.lower()}", named
    if kind == "witness":
        return f"witness:{witness or document_id}", "witness report"
    if publisher:
        return f"pub:{publisher.lower()}", publisher
    return f"doc:{document_id}", f"unnamed source ({document_id[:12]})"
