"""The extractor's vocabulary computes only the lexeme attributes it reads
(``Extractor._use`` drops spaCy's other getters, which cost a quarter of the
time spent on each new word). A token attribute it drops reads as empty or
false for every word the extractor meets, silently. This test fails the
moment code under ``src/corridor/extract/`` starts to read one of them: keep
its getter in ``_use`` first, then take it out of ``DROPPED`` here."""

from __future__ import annotations

import re
from pathlib import Path

import corridor.extract

SOURCES = sorted(Path(corridor.extract.__file__).parent.glob("*.py"))
DROPPED = [
    *("lower", "norm", "shape", "prefix", "suffix", "lang"),
    *("is_alpha", "is_ascii", "is_digit", "is_lower", "is_upper", "is_title"),
    *("is_stop", "like_num", "like_url", "like_email", "is_oov", "is_currency"),
    *("is_quote", "is_bracket", "is_left_punct", "is_right_punct"),
]
_NAMES = "|".join(DROPPED)
_CONSTANTS = _NAMES.upper()
_READ = re.compile(rf"\.(?:{_NAMES})_?\b(?!\()")  # token.lower_, not str.lower()
_NAMED = re.compile(
    rf"""["'](?:{_CONSTANTS})["']|spacy\.attrs import[^\n]*\b(?:{_CONSTANTS})\b"""
)


def _reads(line: str) -> bool:
    return bool(_READ.search(line) or _NAMED.search(line))


def test_the_extractor_reads_no_lexeme_attribute_its_vocab_drops() -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in SOURCES
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _reads(line)
    ]
    assert not found, found


def test_the_guard_sees_the_reads_it_is_for() -> None:
    for line in (
        "if token.like_num:",
        "word = tok.lower_",
        '{"LOWER": "food"}',
        "from spacy.attrs import IS_PUNCT, LIKE_NUM",
    ):
        assert _reads(line), line
    for line in ("text.lower()", "token.is_punct", "IS_SPACE", "token.text"):
        assert not _reads(line), line


def test_dropped_names_every_getter_the_extractor_drops() -> None:
    import spacy
    from spacy.attrs import IDS

    from corridor.extract import Extractor

    names = {number: name for name, number in IDS.items()}
    full = set(spacy.blank("en").vocab.lex_attr_getters)
    ours = set(Extractor()._nlp.vocab.lex_attr_getters)
    assert {names[a].lower() for a in full - ours} <= set(DROPPED)
