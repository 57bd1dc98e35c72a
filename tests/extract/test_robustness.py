"""The extractor never raises, and every offset it returns lies in the text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.extract import Claim, Event

_PIECES = st.sampled_from(
    [
        "more than 50,000 people fled",
        " between 3 and 5 hospitals ",
        "four corridors opened",
        "nearly 300",
        "1.2 million",
        "since 2012",
        "\u202eحلب الشرقية\u202c",
        "\x00\x07\x1b",
        "\r\n\r\n",
        "east Aleppo",
        "last week",
        "on Tuesday",
        "-",
        "%",
        "no hospitals",
        "a quarter of a",
        "Dec. 15,",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join),
)


def _check(text: str, items: list) -> None:
    for item in items:
        assert isinstance(item, Claim | Event)
        assert 0 <= item.start <= item.end <= len(text)
        assert item.quote == text[item.start : item.end]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, published=st.one_of(st.none(), st.dates()))
def test_extract_never_raises_and_offsets_are_inside(extractor, text, published):
    _check(text, extractor.extract(text, published=published, area=None))


def test_extract_one_megabyte_single_line(extractor):
    line = ("More than 50,000 people fled east Aleppo, about 40% of it. " * 17_000)[
        :1_000_000
    ]
    items = extractor.extract(line, published=date(2016, 11, 30))
    assert items
    _check(line, items)


def test_extract_one_megabyte_without_spaces(extractor):
    blob = "9" * 1_000_000
    _check(blob, extractor.extract(blob))


def test_extract_control_and_right_to_left_text(extractor):
    text = (
        "\u200f\u202bنزح أكثر من 50,000 شخص\u202c\x00\x1f\u2028 50,000 people fled\x7f"
    )
    _check(text, extractor.extract(text))


def test_extract_empty(extractor):
    assert extractor.extract("", published=date(2016, 1, 1)) == []
