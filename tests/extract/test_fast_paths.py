"""The fast paths give the answers of the slow ones they replace."""

from __future__ import annotations

from datetime import date, datetime

import dateparser
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

from corridor.extract.dates import DateReader, _quick
from corridor.extract.pipeline import _sentence_starts


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
    columns = (
        doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).tolist() if len(doc) else []
    )
    assert _sentence_starts(text, columns) == [s[0].idx for s in doc.sents]
