"""The quantity grammar, one test per pattern."""

from __future__ import annotations

import pytest

from corridor.extract.numbers import find_quantities


def quantities(words, text):
    w = words(text)
    return [(q.low, q.high, q.kind, q.vague, q.hedged) for q in find_quantities(w)]


def first(words, text):
    found = quantities(words, text)
    assert found, f"no quantity in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("31,500 people", 31500, 31500),
        ("200,000 people", 200000, 200000),
        ("1.2 million people", 1200000, 1200000),
        ("1.5m people", 1500000, 1500000),
        ("50k people", 50000, 50000),
        ("3.2bn", 3200000000, 3200000000),
    ],
)
def test_extract_digits_with_separators_and_scales(words, text, low, high):
    assert first(words, text)[:2] == (low, high)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("four corridors", 4),
        ("fifty thousand people", 50000),
        ("twenty-five trucks", 25),
        ("two hundred and fifty people", 250),
        ("a dozen doctors", 12),
        ("two dozen", 24),
        ("a quarter of a million people", 250000),
        ("half a million", 500000),
    ],
)
def test_extract_number_words(words, text, value):
    found = quantities(words, text)
    assert found[0][:2] == (value, value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("200,000 to 300,000 people", 200000, 300000),
        ("200,000-300,000 people", 200000, 300000),
        ("between 3 and 5 hospitals", 3, 5),
        ("from 10 to 20 convoys", 10, 20),
        ("1.2 to 1.5 million", 1200000, 1500000),
        ("3–5 days", 3, 5),
        ("two or three corridors", 2, 3),
    ],
)
def test_extract_range(words, text, low, high):
    assert first(words, text)[:2] == (low, high)


def test_extract_range_with_hedge(words):
    low, high, _, _, hedged = first(words, "an estimated 250,000 to 300,000 people")
    assert (low, high, hedged) == (250000, 300000, True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("more than 50,000", 50000, None),
        ("over 25,000", 25000, None),
        ("at least 320", 320, None),
        ("50,000 or more", 50000, None),
        ("50,000-plus", 50000, None),
        ("up to 400", None, 400),
        ("fewer than 10", None, 10),
        ("as many as 300,000", None, 300000),
        ("no more than a week", None, 7),
    ],
)
def test_extract_bounds(words, text, low, high):
    assert first(words, text)[:2] == (low, high)


def test_extract_nearly_is_nine_tenths_to_the_figure(words):
    assert first(words, "nearly 300 people")[:2] == (270, 300)
    assert first(words, "almost 8,500")[:2] == (7650, 8500)


@pytest.mark.parametrize(
    "text", ["about 275,000", "some 31,500", "roughly 3,000", "around 20"]
)
def test_extract_hedge_keeps_the_figure_and_marks_it(words, text):
    low, high, _, _, hedged = first(words, text)
    assert low == high and hedged


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens of bodies", 24, 99),
        ("hundreds of men", 100, 999),
        ("thousands of people", 1000, 9999),
        ("tens of thousands of civilians", 10000, 99999),
        ("hundreds of thousands of people", 100000, 999999),
        ("many thousands of people", 1000, 9999),
        ("scores of people", 40, 99),
        ("a handful of doctors", 2, 5),
        ("several hundred are missing", 300, 999),
        ("several convoys", 3, 9),
    ],
)
def test_extract_vague_amounts_as_ranges(words, text, low, high):
    low_, high_, _, vague, _ = first(words, text)
    assert (low_, high_, vague) == (low, high, True)


@pytest.mark.parametrize("text", ["40 per cent", "40%", "40 percent"])
def test_extract_percentages(words, text):
    assert first(words, text)[:3] == (40, 40, "percent")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("one month", 30, 30),
        ("a five-month siege", 150, 150),
        ("for two weeks", 14, 14),
        ("four years", 1460, 1460),
        ("several weeks", 21, 63),
        ("48 hours", 2, 2),
    ],
)
def test_extract_durations_in_days(words, text, low, high):
    assert first(words, text)[:3] == (low, high, "duration")


@pytest.mark.parametrize(
    "text",
    [
        "since 2012",
        "the Fourth Division",
        "the 4th bus",
        "call +963 944 123 456",
        "see page 14",
        "resolution 2328",
        "one of the hospitals",
    ],
)
def test_not_figures_are_not_found(words, text):
    assert quantities(words, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a 12-year-old boy", "age"),
        ("34 years old", "age"),
        ("after 10 pm", "time"),
        ("$3.2 billion", None),
        ("2,000 pounds", "money"),
        ("12 km", "distance"),
    ],
)
def test_ages_times_money_distances_are_kinds_callers_drop(words, text, kind):
    found = quantities(words, text)
    assert all(q[2] == kind for q in found) if kind else found == []


def test_zero_phrases(words):
    w = words("not a single hospital")
    (q,) = find_quantities(w)
    assert (q.low, q.high, q.zero) == (0, 0, True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("more than half of the east", 50, None),
        ("two-thirds of the city", 200 / 3, 200 / 3),
        ("a quarter of the territory", 25, 25),
    ],
)
def test_extract_shares_as_percentages(words, text, low, high):
    assert first(words, text)[:3] == (low, high, "percent")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a week, maybe less", None, 7),
        ("50,000 at least", 50000, None),
        ("300 or fewer", None, 300),
    ],
)
def test_extract_trailing_bounds(words, text, low, high):
    assert first(words, text)[:2] == (low, high)


def test_rates_are_not_durations(words):
    assert quantities(words, "convoys come twice a month") == []
    assert [q[:2] for q in quantities(words, "11 hours a day")] == [(11 / 24, 11 / 24)]
