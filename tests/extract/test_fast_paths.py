"""The fast paths give the answers of the slow ones they replace."""

from __future__ import annotations

from datetime import date, datetime

import dateparser
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, LENGTH

from corridor.extract.cues import CUES, NO_AID_CUES
from corridor.extract.dates import DateReader, _quick
from corridor.extract.lexicon import words
from corridor.extract.pipeline import (
    Extractor,
    _is_period,
    _may_have_space_tokens,
    _may_hit,
    _sentence_starts,
)


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


class _Overlapping(frozenset):
    """A set that says it shares a word with anything: turns a prefilter off."""

    def isdisjoint(self, other: object) -> bool:
        return False


class _EveryWord(_Overlapping):
    """A set that holds every word: a loop over its words looks at them all."""

    def __contains__(self, item: object) -> bool:
        return True


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GRAMMAR_WORDS), min_size=1, max_size=10))
def test_quantity_start_gate_drops_nothing_the_grammar_reads(words):
    from corridor.extract.numbers import could_start, could_start_at, parse_quantity

    for i in range(len(words)):
        if words[i] in ("a", "an"):
            continue  # gated by the words a figure needs after them, as before
        if could_start(words[i]) and parse_quantity(words, i) is not None:
            assert could_start_at(words, i)


def test_a_starts_a_quantity_only_before_a_word_a_figure_needs():
    from corridor.extract.numbers import could_start_at

    assert could_start_at(["a", "dozen", "people"], 0)
    assert not could_start_at(["a", "convoy"], 0)
    assert not could_start_at(["an"], 0)


_DATE_WORDS = [
    *words("in a last over this earlier the recent days weeks week month morning"),
    *words("night weekend past few ago two ten one today yesterday tonight"),
    *words("15 3rd 2016 12,000 345 1.5 December Dec. may May Tuesday tuesday"),
    *words("since from - to and , on people"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_DATE_WORDS), min_size=1, max_size=10),
    st.sampled_from([None, date(2016, 12, 1)]),
)
def test_date_start_gate_drops_nothing_the_reader_finds(orths, published):
    from corridor.extract.dates import could_start, could_start_at

    lowers = [w.lower() for w in orths]
    reader = DateReader()
    everywhere = [k for k in range(len(lowers)) if could_start(lowers[k])]
    gated = [k for k in everywhere if could_start_at(lowers, k)]
    found = reader.find(orths, lowers, 0, len(lowers), published, everywhere)
    assert reader.find(orths, lowers, 0, len(lowers), published, gated) == found


def _nearest_cue_scanning(words, t, start, end, table, skip=()):
    """The cue search as it was: every token by distance from the trigger,
    up to ``_WINDOW`` before it and, after it, up to ``_WINDOW`` or, past an
    apposition ("The evacuation, part of a deal ..., was halted"), up to 8
    more tokens but not past the end of the apposition's clause."""
    from corridor.extract.events import _CLAUSE_ENDS, _CUE_FIRST, _WINDOW

    hi = min(end, t + _WINDOW)
    if t + 1 < end and words[t + 1] == ",":
        hi = min(end, t + _WINDOW + 8)
        hi = next((k for k in range(t + 2, hi) if words[k] in _CLAUSE_ENDS), hi)
    for distance in range(0, _WINDOW + 8):
        for i in (t + distance, t - distance) if distance else (t,):
            if (
                i > t - _WINDOW
                and start <= i < hi
                and i not in skip
                and words[i] in _CUE_FIRST
            ):
                for n in (4, 3, 2, 1):
                    if i + n <= end:
                        event = table.get(tuple(words[i : i + n]))
                        if event is not None:
                            return event, i
    return None


_EVENT_WORDS = [
    *words("the corridor convoy opened closed not did open used through agreed"),
    *words("announced blocked entered hit began suspended broke down held up"),
    *words("came in , ; and it they 4 people"),
]


def _check_cue_order(words, t, start, end, skip):
    from corridor.extract.events import CUES, _near, _nearest_cue

    near = _near(words, t, start, end)
    for table in CUES.values():
        expected = _nearest_cue_scanning(words, t, start, end, table, skip)
        assert _nearest_cue(words, near, end, table, skip) == expected


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_EVENT_WORDS), min_size=1, max_size=30),
    st.data(),
)
def test_cues_tried_nearest_first_as_the_scan_tries_them(words, data):
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    t = data.draw(st.integers(start, end - 1))
    skip = set(data.draw(st.lists(st.integers(start, end - 1), max_size=3)))
    _check_cue_order(words, t, start, end, skip)


def test_an_apposition_cut_short_by_its_clause_end_is_scanned_as_near_does() -> None:
    """Found by hypothesis: a comma right after the trigger and a ";" soon
    after it end the window at the ";", and the reference scan once ran on."""
    _check_cue_order(["the", "the", "the", ",", ";", "opened"], 2, 0, 6, set())
    _check_cue_order(["convoy", ",", *["x"] * 14, "entered"], 0, 0, 17, set())


_MODAL_WORDS = [
    *words("500 people were are is to be freed , the food about said reports that"),
    *words("incorrect false wrong revised down later but 400 earlier version and"),
    *words("will may killed ; : ): officials ministry 10:40 - q"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MODAL_WORDS), min_size=1, max_size=25), st.data())
def test_modality_prefilters_change_no_answer(words, data):
    from corridor.extract import modality as m

    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    i = data.draw(st.integers(start, end - 1))

    def answers():
        return (
            m.corrected(words, i, start, end),
            m.modality(words, i, start, end, hedged=False, attributed=False),
        )

    fast = answers()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(m, "_CORRECTIONS_OR_REVISIONS", _Overlapping())
        assert answers() == fast


_MOOD_TEST_WORDS = [
    *words("500 people were are to be , the about said that if unless had could"),
    *words("would might not never could confirm verify unable will may expected"),
    *words("in since 1 risk of which who trust ; but"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_MOOD_TEST_WORDS), min_size=1, max_size=25),
    st.data(),
    st.booleans(),
    st.booleans(),
)
def test_mood_word_gate_changes_no_modality(words, data, hedged, zero):
    from corridor.extract import modality as m

    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    i = data.draw(st.integers(start, end - 1))

    def mood():
        return m.modality(
            words, i, start, end, hedged=hedged, attributed=False, zero=zero
        )

    fast = mood()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(m, "_MOOD_WORDS", _Overlapping())
        assert mood() == fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MODAL_WORDS), min_size=1, max_size=25), st.data())
def test_to_be_and_comma_prefilters_keep_what_the_scans_find(words, data):
    from corridor.extract.modality import _TO_BE, _apposition

    lo = data.draw(st.integers(0, len(words) - 1))
    hi = data.draw(st.integers(lo, len(words)))
    # "to be" is looked for only when "be" is in the clause or just after it
    if any(tuple(words[k : k + 3]) in _TO_BE for k in range(lo, hi)):
        assert "be" in words[lo : hi + 2]
    # an apposition needs a comma at most four tokens before the figure
    start, i = lo, data.draw(st.integers(lo, len(words) - 1))
    if _apposition(words, i, start, len(words)) is not None:
        assert "," in words[max(start, i - 4) : i]


def _speaker_scanning(orths, words, start, end):
    """The speaker search as it was: every token up to the colon."""
    from corridor.extract.modality import _NOT_SPEAKERS, _SOURCE_NOUNS

    k = start
    while k < end and (words[k][:1].isdigit() or words[k] in ("-", "*", "•")):
        k += 1
    for colon in range(k, min(end, k + 16)):
        if words[colon] in (":", "):"):
            span = range(k, colon)
            if any(words[m] in _SOURCE_NOUNS for m in span) and not any(
                words[m][:1].isdigit() or words[m] in _NOT_SPEAKERS for m in span
            ):
                return k, colon
            return None
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MODAL_WORDS), min_size=1, max_size=25), st.data())
def test_speaker_prefilter_finds_what_the_scan_finds(words, data):
    from corridor.extract.modality import _speaker

    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    expected = _speaker_scanning(words, words, start, end)
    assert _speaker(words, words, start, end) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            words(
                "Russia Russian UN Red Cross Syrian army government - pro the said 5 ,"
            )
        ),
        max_size=20,
    )
)
def test_actor_prefilter_finds_what_the_scan_finds(orths):
    from corridor.extract.actors import ActorFinder

    finder = ActorFinder()
    fast = finder.find(orths, 0, len(orths))
    finder._first = _Overlapping()
    assert finder.find(orths, 0, len(orths)) == fast


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            words("BEIRUT GENEVA , 17 July ( Levant Wire ) - -- — The army said")
        ),
        max_size=20,
    )
)
def test_dateline_dash_prefilter_keeps_every_dateline(orths):
    from corridor.extract import pipeline

    fast = pipeline._dateline_end(orths)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_DASHES", _Overlapping(pipeline._DASHES))
        assert pipeline._dateline_end(orths) == fast


def test_countries_are_walked_once_and_remembered(extractor):
    assert extractor._country("East Aleppo") == "Syria"
    assert extractor._countries["East Aleppo"] == "Syria"
    assert extractor._country("East Aleppo") == "Syria"


def test_phrase_lengths_cover_every_phrase_of_the_tables():
    from corridor.extract import cues, events, numbers, quantifiers

    tables = [
        (cues.CUE_LENGTHS, [*cues.CUES, *cues.NO_AID_CUES]),
        (events._CUE_LENGTHS, [k for t in events.CUES.values() for k in t]),
        (
            numbers._PHRASE_LENGTHS,
            [*quantifiers.PREFIXES, *quantifiers.VAGUE_PLURALS],
        ),
        (numbers._PHRASE_LENGTHS, [*quantifiers.VAGUE_MULTIPLIERS]),
    ]
    for lengths, phrases in tables:
        for phrase in phrases:
            assert len(phrase) in lengths[phrase[0]]
        for ns in lengths.values():
            assert list(ns) == sorted(ns, reverse=True)


def _phrase_at_every_length(words, i, end, table):
    """The cue lookup as it was: every length from four words down."""
    if words[i] not in {k[0] for t in (CUES, NO_AID_CUES) for k in t}:
        return None
    for n in (4, 3, 2, 1):
        if i + n <= end:
            value = table.get(tuple(words[i : i + n]))
            if value is not None:
                return value
    return None


_CUE_WORDS = sorted(
    {
        *(w for phrase in CUES for w in phrase),
        *words("people 300 the , ; and of no aid for days"),
    }
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS), min_size=1, max_size=8), st.data())
def test_cue_lookup_by_length_finds_what_every_length_finds(words, data):
    from corridor.extract.indicators import _INJURED_FATES, _phrase_at

    i = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(i + 1, len(words)))
    for table in (CUES, NO_AID_CUES, _INJURED_FATES):
        expected = _phrase_at_every_length(words, i, end, table)
        assert _phrase_at(words, i, end, table) == expected


def _people_reading_the_clause_first(cue, words, q, start, end):
    """``indicators._people`` as it was: the clause read for every cue."""
    from corridor.extract.cues import VEHICLES
    from corridor.extract.indicators import _in_a_building, _window

    if cue == "forces.troops":
        return None
    clause = _window(words, q.start, start, end)
    if (
        cue == "people.displaced"
        and "sheltering" in clause
        and _in_a_building(words, start, end)
    ):
        return None
    if cue == "people.displaced" and clause & VEHICLES:
        return "people.evacuated"
    if cue == "people.trapped" and "left" in clause and clause & VEHICLES:
        return "people.evacuated"
    if cue is None and set(words[start:end]) & {"besieged", "siege", "encircled"}:
        return "people.trapped"
    if cue is None and q.start > start and words[q.start - 1] in ("its", "'s"):
        return "people.trapped"
    return cue


_CLASSIFY_WORDS = [
    *words("300 12,000 five days weeks people civilians families left fled buses"),
    *words("on in trapped remain besieged killed no aid food flour for without"),
    *words("has entered since the siege town 's its , . ; hospitals fuel last"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CLASSIFY_WORDS), min_size=1, max_size=25))
def test_indicator_prefilters_change_no_indicator(words):
    from corridor.extract import indicators
    from corridor.extract.numbers import find_quantities

    def indicators_found():
        return [
            indicators.classify(q, words, 0, len(words)) for q in find_quantities(words)
        ]

    fast = indicators_found()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indicators, "_NO_AID_FIRST", _EveryWord())
        patch.setattr(indicators, "_people", _people_reading_the_clause_first)
        assert indicators_found() == fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MODAL_WORDS), min_size=1, max_size=25), st.data())
def test_attribution_looks_at_report_verbs_only_and_finds_the_same(words, data):
    from corridor.extract import modality as m

    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    orths = [w.capitalize() if w in ("officials", "ministry") else w for w in words]
    fast = m.attribution(orths, words, start, end)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(m, "_REPORTING", _EveryWord())
        assert m.attribution(orths, words, start, end) == fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GRAMMAR_WORDS), min_size=1, max_size=10))
def test_suffix_gates_drop_nothing_the_grammar_reads(words):
    from corridor.extract import numbers

    gated = [numbers.parse_quantity(words, i) for i in range(len(words))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numbers, "_SUFFIX_FIRST", _EveryWord())
        patch.setattr(numbers, "_TRAILING_FIRST", _EveryWord())
        assert [numbers.parse_quantity(words, i) for i in range(len(words))] == gated


_EXTRACTOR = Extractor()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ 1,.!?\n\t\"'-:;%$()…é")), max_size=60))
def test_pruned_lexeme_getters_keep_the_columns_read(text):
    """The extractor's vocab computes only the lexeme attributes it reads: new
    words get the tokens, punctuation and space flags a full vocab gives."""
    full = _nlp.make_doc(text)
    ours = _EXTRACTOR._nlp.make_doc(text)
    assert [t.text for t in ours] == [t.text for t in full]
    assert [(t.is_punct, t.is_space) for t in ours] == [
        (t.is_punct, t.is_space) for t in full
    ]
    columns = ours.to_array(_EXTRACTOR._columns[2:]).T.tolist()
    for flag, column in zip(
        (_is_period, _may_hit, _EXTRACTOR.gazetteer.may_start), columns, strict=True
    ):
        assert column == [int(flag(t.text)) for t in ours]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("a.,:- \n\t\r\u00a0\u2003\u200b\x85")),
        max_size=20,
    )
)
def test_space_token_gate_misses_no_whitespace_token(text):
    """``_read`` drops spaCy's whitespace tokens only where the gate says
    there may be some."""
    if any(token.is_space for token in _nlp.make_doc(text)):
        assert _may_have_space_tokens(text)
