"""The publication date a plain-text report gives in its header."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.ingest.header import published_in_header

DEC_13 = dt.date(2016, 12, 13)


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo: the last hospital\n\nPublished 13 December 2016\n\nBody.",
        "Title\nPublished: 13 December 2016\nBody.",
        "Title\nFirst published on Tue 13 Dec 2016 10.14 GMT\n\nBody.",
        "Title\nTuesday, December 13, 2016\n\nBody.",
        "Title\nUpdated: Dec. 13, 2016 at 4:05 p.m. EST\n\nBody.",
        "Title\n13th December 2016\n\nBody.",
        "Title\nDate: 2016-12-13\n\nBody.",
        "Title\n2016-12-13T10:14:00Z\n\nBody.",
        "Title\nBy Our Correspondent, 13 December 2016\n\nBody.",
        "Title\n\n**13 December 2016**\n\nBody.",
        "Title\n\nBEIRUT, 13 December 2016 (Reuters) - Thousands fled.",
        "Title\n\nBEIRUT, Dec 13, 2016 (Reuters) – Thousands fled.",
        "Flash update\n\n(Damascus, 13 December 2016) - The UN said.",
        "GENEVA, Tuesday 13 December 2016: The envoy told reporters.",
    ],
)
def test_a_date_line_or_a_dateline_gives_the_publication_date(text: str) -> None:
    assert published_in_header(text) == DEC_13


@pytest.mark.parametrize(
    "text",
    [
        "",
        "No date here at all.\n\nNor here.",
        # a date in a sentence is an event's date, not the report's
        "On 22 July 1993 the UN counted 3,777 shells.",
        "Title\n\nBy 15 December 2016, some 8,000 people had been evacuated.",
        # a wire dateline without a year: the year cannot be known
        "BEIRUT, Nov 28 (Reuters) - Thousands of civilians fled.",
        # a month and a year is not a day
        "Essay, May 2024\n\nBody.",
        # a day that does not exist
        "Published 31 February 2016\n\nBody.",
    ],
)
def test_no_date_line_gives_no_date(text: str) -> None:
    assert published_in_header(text) is None


def test_only_the_header_is_read() -> None:
    body = "\n".join(f"Line {n} of the report." for n in range(20))
    assert published_in_header(body + "\n13 December 2016\n") is None
    assert published_in_header("x" * 5_000 + "\n13 December 2016\n") is None


def test_the_first_date_line_wins() -> None:
    text = "Published 13 December 2016\nUpdated 14 December 2016\n\nBody."
    assert published_in_header(text) == DEC_13
