"""Indicator from the figure's subject and verb, through the whole extractor."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.extract import Claim


def claims(extractor, text, **kw):
    return [i for i in extractor.extract(text, **kw) if isinstance(i, Claim)]


def one(extractor, text, **kw):
    found = claims(extractor, text, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "indicator", "low", "high"),
    [
        (
            "Some 200,000 to 300,000 people are trapped in the east.",
            "people.trapped",
            200000,
            300000,
        ),
        ("Dozens of civilians lie dead in the streets.", "people.killed", 24, 99),
        (
            "More than 50,000 people poured out of the district.",
            "people.displaced",
            50000,
            None,
        ),
        (
            "About 10,000 people were evacuated overnight.",
            "people.evacuated",
            10000,
            10000,
        ),
        (
            "Some 2,000 Russian troops arrived at the airbase.",
            "forces.troops",
            2000,
            2000,
        ),
        ("Russia proposed four humanitarian corridors.", "access.corridors", 4, 4),
        ("Food stocks will run out in one month.", "food.stock_duration", 30, 30),
        ("At least 765 people were injured.", "people.injured", 765, None),
        ("An estimated 400 people need medical care.", "people.in_need", 400, 400),
        ("Several hundred men are missing.", "people.detained", 300, 999),
        ("WFP delivered 1,200 tonnes of food.", "aid.delivered", 1200, 1200),
        ("No aid has entered for 40 days.", "access.days_without_aid", 40, 40),
        ("Twenty-one convoys reached the enclave.", "access.convoys", 21, 21),
        ("Only 2 surgeons are left.", "health.doctors", 2, 2),
        (
            "Government forces hold about 40% of the east.",
            "territory.control_share",
            40,
            40,
        ),
        ("Warplanes carried out 150 air strikes.", "attacks.count", 150, 150),
        (
            "The town has been under siege for six months.",
            "conflict.duration",
            180,
            180,
        ),
        ("Seven died on the way.", "people.killed", 7, 7),
    ],
)
def test_indicator_from_subject_and_verb(extractor, text, indicator, low, high):
    claim = one(extractor, text)
    assert (claim.indicator, claim.low, claim.high) == (indicator, low, high)
    assert claim.unit


def test_last_hospital_destroyed_means_no_hospitals(extractor):
    found = claims(extractor, "There are no functioning hospitals left in east Aleppo.")
    assert [(c.indicator, c.low, c.high) for c in found] == [("health.hospitals", 0, 0)]


def test_not_a_single_hospital_is_zero(extractor):
    claim = one(extractor, "Not a single hospital is working in the district.")
    assert (claim.indicator, claim.low, claim.high, claim.modality) == (
        "health.hospitals",
        0,
        0,
        "asserted",
    )


def test_food_for_people_counts_rations_not_people(extractor):
    found = claims(
        extractor, "UN food inside is enough for 145,000 people for one month."
    )
    assert [(c.indicator, c.low) for c in found] == [("food.stock_duration", 30)]


def test_including_children_continues_the_figure_before(extractor):
    found = claims(
        extractor, "At least 27 civilians were killed, including five children."
    )
    assert [(c.indicator, c.low) for c in found] == [
        ("people.killed", 27),
        ("people.killed", 5),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo has been divided since 2012.",
        "The Fourth Division led the assault.",
        "A 12-year-old boy was among them.",
        "The buses left at 11:30 on 15 December.",
        "Call +963 944 123 456 after 10 pm.",
        "See page 14 of the report.",
        "Donors pledged $3.2 billion for food aid.",
    ],
)
def test_hard_negatives_give_no_claims(extractor, text):
    assert claims(extractor, text) == []


def test_extract_range_with_hedge(extractor):
    claim = one(extractor, "An estimated 250,000 to 300,000 people are besieged.")
    assert (claim.low, claim.high, claim.modality) == (250000, 300000, "estimated")


def test_about_is_estimated_with_exact_figure(extractor):
    claim = one(extractor, "About 275,000 people remain inside.")
    assert (claim.low, claim.high, claim.modality) == (275000, 275000, "estimated")


def test_attribution_gives_reported(extractor):
    claim = one(
        extractor,
        "More than 50,000 people have fled, according to the Syrian Observatory.",
    )
    assert claim.modality == "reported"
    assert claim.attribution == "the Syrian Observatory"


def test_agencies_say_is_attribution(extractor):
    claim = one(extractor, "275,000 people are trapped, UN agencies say.")
    assert (claim.modality, claim.attribution) == ("reported", "UN agencies")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Thousands may die this winter.", "projected"),
        ("Food will run out within one month.", "projected"),
        ("A pause could save 200 lives if it holds.", "hypothetical"),
        ("It is not true that 300 civilians were killed.", "negated"),
    ],
)
def test_future_conditional_and_negated(extractor, text, modality):
    assert one(extractor, text).modality == modality


def test_vague_amounts_are_flagged(extractor):
    claim = one(extractor, "Tens of thousands of civilians have fled.")
    assert (claim.low, claim.high, claim.vague) == (10000, 99999, True)


def test_as_of_is_the_publication_date_by_default(extractor):
    claim = one(
        extractor, "About 275,000 people remain trapped.", published=date(2016, 11, 14)
    )
    assert claim.as_of == date(2016, 11, 14)


def test_table_lines_take_their_label(extractor):
    text = "Key figures\n- People in need: 42,000\n- Deaths from starvation: 46\n"
    found = claims(extractor, text)
    assert [(c.indicator, c.low) for c in found] == [
        ("people.in_need", 42000),
        ("people.killed", 46),
    ]


def test_liveblog_lines_are_sentences_with_their_own_source(extractor):
    text = (
        "09:12 The first buses left, the Red Crescent says.\n"
        "10:40 Turkey's foreign minister says about 1,000 people are on the buses.\n"
    )
    (claim,) = claims(extractor, text)
    assert claim.indicator == "people.evacuated"
    assert claim.attribution == "Turkey's foreign minister"
    assert claim.quote.startswith("10:40")


def test_verb_before_its_object(extractor):
    found = claims(
        extractor, "Rockets killed at least 15 civilians and injured more than 100."
    )
    assert [(c.indicator, c.low, c.high) for c in found] == [
        ("people.killed", 15, None),
        ("people.injured", 100, None),
    ]


def test_wounded_needing_evacuation_are_in_need(extractor):
    claim = one(extractor, "Some 400 wounded need medical evacuation.")
    assert claim.indicator == "people.in_need"


@pytest.mark.parametrize(
    "text",
    [
        "Camps have room for up to 80,000 people.",
        "Four bus convoys left the town.",
        "Half a million people once lived there.",
    ],
)
def test_capacities_bus_convoys_and_past_populations_are_not_claims(extractor, text):
    assert claims(extractor, text) == []


def test_reported_wins_over_estimated(extractor):
    claim = one(extractor, "About 20,000 people fled, the presidency said.")
    assert (claim.modality, claim.attribution) == ("reported", "the presidency")
