"""Fifth round: rules generalised from the misses of the three retired
held-out sets (tests/heldout, heldout2, heldout3), each pinned down here with
sentences of our own."""

from __future__ import annotations

import pytest

from corridor.extract import Claim, Event


def events(extractor, text):
    return sorted(i.event for i in extractor.extract(text) if isinstance(i, Event))


def claims(extractor, text, **kw):
    return [
        (c.indicator, c.low, c.high)
        for c in extractor.extract(text, **kw)
        if isinstance(c, Claim)
    ]


def moods(extractor, text):
    found = extractor.extract(text)
    return [(c.indicator, c.modality) for c in found if isinstance(c, Claim)]


# -- time without aid: negated deliveries, "the first ... in N" ---------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("No WFP distribution has been possible in the camp for 12 days.", 12),
        ("Residents say nothing came into the town for three months.", 90),
        ("We have not seen any aid arrive here for 20 days.", 20),
        ("Six trucks reached the enclave, the first relief to get in in 45 days.", 45),
        ("Medicines entered Al-Waer for the first time in two months, WHO said.", 60),
    ],
)
def test_days_without_aid_phrasings(extractor, text, days):
    assert ("access.days_without_aid", days, days) in claims(extractor, text)


def test_days_without_aid_is_not_negated_by_its_own_negation(extractor):
    text = "We have not seen any aid arrive here for 20 days."
    assert moods(extractor, text) == [("access.days_without_aid", "asserted")]


def test_first_time_needs_a_delivery(extractor):
    text = "The town was shelled for the first time in two months."
    assert not any(c[0] == "access.days_without_aid" for c in claims(extractor, text))


# -- rations and rates are not food stocks ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Every family receives a hygiene and food kit for 5 days at the centre.",
        "A donation of £30 buys a food basket for a household for two weeks.",
        "Bakeries produced some 40 loaves a day for the shelter.",
        "The agency handed out 120 food parcels a day before the fighting.",
    ],
)
def test_rations_and_rates_are_not_stock_durations(extractor, text):
    assert not any(c[0] == "food.stock_duration" for c in claims(extractor, text))


def test_stocks_still_last(extractor):
    assert claims(extractor, "Food stocks in the city will last two weeks.") == [
        ("food.stock_duration", 14, 14)
    ]
    assert claims(extractor, "The bakeries have enough flour for ten days.") == [
        ("food.stock_duration", 10, 10)
    ]
