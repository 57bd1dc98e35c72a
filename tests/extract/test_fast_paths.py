"""The fast paths give the answers of the slow ones they replace."""

from __future__ import annotations

from datetime import date, datetime

import dateparser
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, LENGTH

from corridor.extract.dates import DateReader, _quick
from corridor.extract.pipeline import _is_period, _sentence_starts


@pytest.mark.parametrize(
    ("expression", "published"),
    [
        ("15 december", date(2016, 11, 30)),
        ("15 december 2016", None),
        ("december", date(2017, 1, 10)),
        ("march 2018", date(2018, 4, 1)),
        ("29 feb", date(2016, 3, 1)),
        ("31 april", date(2016, 3, 1)),
        ("15 december", None),
    ],
)
def test_common_dates_are_read_as_dateparser_reads_them(expression, published):
    options: dict = {"PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        options["RELATIVE_BASE"] = datetime(*published.timetuple()[:3])
    parsed = dateparser.parse(expression, languages=["en"], settings=options)
    expected = parsed.date() if parsed else None
    if published is None and not expression.endswith("2016"):
        expected = None  # without a year or a publication date nothing resolves
    assert _quick(expression, published) == (expected,)
    assert DateReader().parse(expression, published) == expected


_nlp = spacy.blank("en")
_nlp.add_pipe("sentencizer")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"')1:,;…。")), max_size=80))
def test_sentence_starts_match_spacys_sentencizer(text):
    doc = _nlp(text)
    idx, length, punct = doc.to_array([IDX, LENGTH, IS_PUNCT]).T.tolist()
    period = [int(_is_period(t.text)) for t in doc]
    starts = _sentence_starts(text, idx, length, punct, period)
    assert starts == [s[0].idx for s in doc.sents]


def _sentence_starts_token_by_token(text: str, doc) -> list[int]:
    """The rule as it was written first: every token, one by one."""
    starts = [doc[0].idx] if len(doc) else []
    seen_period = abbreviated = False
    before = ""
    for token in doc:
        word = token.text
        if abbreviated and word[:1].isdigit():
            seen_period = False  # "approx. 423,000" goes on
        abbreviated = word == "." and before in ("approx", "ca", "est")
        before = word.lower()
        in_chars = _is_period(word)
        if seen_period and not token.is_punct and not in_chars:
            starts.append(token.idx)
            seen_period = False
        elif in_chars:
            seen_period = True
    return starts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "approx",
                "Approx",
                "ca",
                "est",
                "about",
                ".",
                "!",
                "?",
                "。",
                " ",
                "\n",
                "5",
                "423,000",
                "(",
                ")",
                '"',
                "a",
                "b",
                ":",
                "-",
            ]
        ),
        max_size=30,
    )
)
def test_sentence_starts_follow_the_rule_token_by_token(pieces):
    text = "".join(pieces)
    doc = _nlp.make_doc(text)
    idx, length, punct = doc.to_array([IDX, LENGTH, IS_PUNCT]).T.tolist()
    period = [int(_is_period(t.text)) for t in doc]
    starts = _sentence_starts(text, idx, length, punct, period)
    assert starts == _sentence_starts_token_by_token(text, doc)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "the",
                "Hague",
                "eastern",
                "Eastern",
                "Aleppo",
                "aleppo",
                "'s",
                "east",
                "in",
                "Syria",
                "Russia",
                "rebel",
                "-",
                "held",
                "districts",
                "New",
                "York",
                "Douma",
                "A",
                "of",
                ",",
                "Ghouta",
                "besieged",
            ]
        ),
        max_size=25,
    )
)
def test_place_candidates_from_the_flags_find_what_the_scan_finds(extractor, pieces):
    text = " ".join(pieces)
    paragraphs = extractor._read(text)
    for para in paragraphs:
        n = len(para.orths)
        scanned = extractor.gazetteer.find(para.orths, para.lowers, 0, n)
        assert para.places == scanned


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAinOT05~.,-é ΣσİK")), max_size=12))
def test_lexeme_flags_match_the_gates(extractor, word):
    from corridor.extract.pipeline import _GATE, DIGIT_START, _may_hit

    lower = word.lower()
    assert _may_hit(word) == (lower in _GATE or lower[:1] in DIGIT_START)
    places = extractor.gazetteer
    expected = lower in places._folded or (word in places._exact and word[:1].isupper())
    assert places.may_start(word) == expected


class _Everything(frozenset):
    def __contains__(self, item: object) -> bool:
        return True


def _grammar_words() -> list[str]:
    """Every word of the quantity grammar's tables, and a few others."""
    from corridor.extract import quantifiers as q

    phrases = [
        *q.PREFIXES,
        *q.VAGUE_PLURALS,
        *q.VAGUE_MULTIPLIERS,
        *q.ZEROS,
        *q.SHARES,
        *q.TRAILING_BOUNDS,
        *q.PERCENT,
    ]
    single = [*q.SCALES, *q.NUMBER_WORDS, *q.FRACTIONS, *q.DURATION_DAYS, *q.TONNES]
    others = [
        "people",
        "hospitals",
        "killed",
        "the",
        "in",
        "-",
        "and",
        "to",
        "or",
        "~",
        "5",
        "12",
        "31,500",
        "1.2m",
        "2016",
        "200,000-300,000",
        "plus",
    ]
    return sorted({*single, *others, *(w for phrase in phrases for w in phrase)})


_GRAMMAR_WORDS = _grammar_words()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GRAMMAR_WORDS), min_size=1, max_size=10))
def test_core_gate_drops_nothing_the_grammar_reads(words):
    from corridor.extract import numbers

    gated = [numbers.parse_quantity(words, i) for i in range(len(words))]
    gate = numbers._CORE_FIRST
    numbers._CORE_FIRST = _Everything()
    try:
        ungated = [numbers.parse_quantity(words, i) for i in range(len(words))]
    finally:
        numbers._CORE_FIRST = gate
    assert gated == ungated


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "corridor",
                "corridors",
                "opened",
                "not",
                "did",
                "convoy",
                "entered",
                "blocked",
                "hospital",
                "hit",
                "evacuation",
                "began",
                "|",
                "ceasefire",
                "collapsed",
                "pause",
                "agreed",
                ",",
                "and",
                "4",
            ]
        ),
        max_size=20,
    )
)
def test_event_triggers_given_find_what_the_scan_finds(words):
    from corridor.extract.events import TRIGGERS, find_events

    triggers = [k for k, w in enumerate(words) if w in TRIGGERS]
    assert find_events(words, 0, len(words), triggers) == find_events(
        words, 0, len(words)
    )
