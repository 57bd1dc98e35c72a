"""Fourth round: events that did not (yet) happen, totals, kinds of truce,
and the conventions of tests/heldout2/README.md for claims and places."""

from __future__ import annotations

import pytest

from corridor.extract import Claim, Event
from tests.extract.helpers import claims, events

# -- events only expected, wished for or conditional: not listed -------------


@pytest.mark.parametrize(
    "text",
    [
        "The UN called for a weekly pause so that convoys could reach the east.",
        "The evacuation, due to begin at 11:00, was delayed.",
        "The UN said the truce should be extended.",
        "If corridors had been opened, many lives would have been saved.",
        "We are ready to use any corridor, but we need guarantees.",
        "Around 200,000 people had been expected to leave through the corridor.",
    ],
)
def test_expected_events_are_not_listed(extractor, text):
    found = events(extractor, text)
    assert not {"convoy.entered", "ceasefire.declared", "corridor.opened"} & set(found)
    assert "corridor.used" not in found and "evacuation.started" not in found


def test_announcements_in_the_future_stay(extractor):
    assert events(extractor, "The pause will take effect at dawn.") == [
        "pause.declared"
    ]
    assert events(extractor, "Russia said it would open three corridors.") == [
        "corridor.announced"
    ]


# -- denials, corrections and negations -----------------------------------------


def test_denied_event_is_not_listed(extractor):
    assert events(extractor, "The army said it had not targeted the hospital.") == []
    text = "Reports that the evacuation has been halted are wrong, the ICRC says."
    assert events(extractor, text) == []


def test_corridor_never_agreed_did_not_materialise(extractor):
    text = "No humanitarian corridor was ever agreed for them."
    assert events(extractor, text) == ["corridor.not_materialised"]


def test_evacuation_that_did_not_start_is_paused(extractor):
    assert events(extractor, "The evacuation did not start on Monday.") == [
        "evacuation.paused"
    ]


# -- totals and tallies are claims, not events ----------------------------------


def test_counts_before_the_verb_are_totals(extractor):
    assert events(extractor, "Convoys: 2 arrived, 1 turned back at Kiseljak.") == []


def test_tally_over_a_period_is_no_event(extractor):
    text = "Fewer than 10 UN convoys reached besieged areas in October."
    assert events(extractor, text) == []
    assert events(extractor, "Three convoys entered Douma on Monday.") == [
        "convoy.entered"
    ]


def test_habitual_is_not_an_occasion_but_one_convoy_is(extractor):
    assert events(extractor, "One convoy came in last month.") == ["convoy.entered"]


def test_questions_with_has_report_no_event(extractor):
    text = "Q: Has the Russian proposal of four corridors been accepted?"
    assert events(extractor, text) == []


# -- kinds: pauses, ceasefires, resolutions ------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The three-day humanitarian truce was extended.", "pause.declared"),
        ("The four-day truce came into effect on Friday.", "pause.declared"),
        (
            "The government declared an indefinite humanitarian truce.",
            "ceasefire.declared",
        ),
        ("The pause meant to let civilians leave fell apart.", "pause.cancelled"),
        (
            "The Security Council adopted a resolution demanding a 30-day ceasefire.",
            "ceasefire.declared",
        ),
        (
            "Russia ordered a daily humanitarian pause in Eastern Ghouta.",
            "pause.declared",
        ),
    ],
)
def test_kinds_of_truce(extractor, text, event):
    assert events(extractor, text) == [event]


def test_a_call_is_not_a_declaration(extractor):
    assert events(extractor, "Aid agencies demanded a ceasefire.") == []


def test_participle_before_the_verb_describes_the_noun(extractor):
    text = "The shelling came after a ceasefire brokered by mediators broke down."
    assert events(extractor, text) == ["ceasefire.collapsed"]


def test_evacuation_a_pause_was_for_did_not_stop(extractor):
    text = "The five-hour pause agreed for the evacuation had been cancelled."
    assert events(extractor, text) == ["pause.cancelled"]


def test_evacuation_convoy_attacked_is_no_aid_convoy(extractor):
    text = "The evacuation was suspended after gunmen fired on a convoy."
    assert events(extractor, text) == ["evacuation.paused"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The town had received its first aid convoy since 2012 on June 1.",
            "convoy.entered",
        ),
        ("The convoy was held for seven hours at a checkpoint.", "convoy.blocked"),
        ("Five humanitarian corridors continue to operate.", "corridor.opened"),
        ("That day the corridor worked for the first time.", "corridor.opened"),
        (
            "The evacuation, part of a deal that also covers two villages, "
            "was halted for several hours.",
            "evacuation.paused",
        ),
        (
            "Medical evacuations planned for Friday could not go ahead.",
            "evacuation.paused",
        ),
    ],
)
def test_more_event_verbs(extractor, text, event):
    assert event in events(extractor, text)


# -- places: where a source spoke is not where the figures are ----------------


def test_place_of_a_reporting_clause_is_not_the_figures_place(extractor):
    text = (
        "The UN envoy told reporters in Geneva that Russia had proposed four corridors."
    )
    (claim,) = [
        c for c in extractor.extract(text, area="East Aleppo") if isinstance(c, Claim)
    ]
    assert claim.area == "East Aleppo"
    text = '"Some 500 of them need urgent evacuation," he said in Geneva.'
    (claim,) = [
        c for c in extractor.extract(text, area="East Aleppo") if isinstance(c, Claim)
    ]
    assert claim.area == "East Aleppo"


# -- attribution and modality ---------------------------------------------------


def moods(extractor, text):
    return [
        (c.indicator, c.low, c.modality)
        for c in extractor.extract(text)
        if isinstance(c, Claim)
    ]


def test_dateline_before_the_source_keeps_the_attribution(extractor):
    text = (
        "KYIV, April 11 - Ukrainian officials said that at least 21,000 "
        "civilians had been killed."
    )
    assert moods(extractor, text) == [("people.killed", 21000, "reported")]


def test_an_earlier_version_said_is_negated(extractor):
    text = (
        "An earlier version of this story said 60 people were killed in the shelling."
    )
    assert moods(extractor, text) == [("people.killed", 60, "negated")]


def test_negation_in_a_later_relative_clause_does_not_negate(extractor):
    text = (
        "An estimated 200,000 people live under a siege the world has chosen "
        "not to see."
    )
    assert moods(extractor, text) == [("people.trapped", 200000, "estimated")]


def test_attribution_after_a_semicolon_covers_its_own_clause(extractor):
    text = (
        "No hospitals are functioning; 31 doctors remain, according to the directorate."
    )
    assert moods(extractor, text) == [
        ("health.hospitals", 0, "asserted"),
        ("health.doctors", 31, "reported"),
    ]


def test_a_party_saying_corridors_are_open_is_reported(extractor):
    text = "Russia said eight corridors were open for civilians."
    assert moods(extractor, text) == [("access.corridors", 8, "reported")]
    text = "Russia said it would open three corridors."
    assert moods(extractor, text) == [("access.corridors", 3, "asserted")]


def test_a_bound_covers_coordinated_figures(extractor):
    text = (
        "The ministry says at least 18,000 people have been killed and 49,500 wounded."
    )
    assert claims(extractor, text) == [
        ("people.killed", 18000, None),
        ("people.injured", 49500, None),
    ]
    assert claims(extractor, "Shelling killed 12 people and 40 were wounded.") == [
        ("people.killed", 12, 12),
        ("people.injured", 40, 40),
    ]


# -- conventions of tests/heldout2/README.md for claims ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # zero values
        (
            "Residents said no one had crossed by the evening.",
            [("people.displaced", 0, 0)],
        ),
        ("Not a single civilian had used it.", [("people.displaced", 0, 0)]),
        ("Nobody was detained, a spokesman said.", [("people.detained", 0, 0)]),
        ("No one was injured.", [("people.injured", 0, 0)]),
        ("Nobody knows how many died.", []),
        ("Almost nobody walked through.", []),
        ("Nobody can leave because of the mines.", []),
        # a free-standing count of fighters
        ("About 700 fighters were taken to Idlib.", [("forces.troops", 700, 700)]),
        (
            "Some 6,749 fighters and their families left on buses.",
            [("people.evacuated", 6749, 6749)],
        ),
        # hospitals hit are not attacks; functioning hospitals are hospitals
        ("In the past week at least five hospitals were hit.", []),
        (
            "Kosevo, the larger of the city's two functioning hospitals, was shelled.",
            [("health.hospitals", 2, 2)],
        ),
        (
            "The 20 hospitals and health posts received 2,509 wounded.",
            [("people.injured", 2509, 2509)],
        ),
        # groups in a building
        ("We are in the basement, about sixty of us.", []),
        ("The theatre, where hundreds of people were sheltering, was hit.", []),
        # a convoy's cargo is a ration; pre-war baselines and times since
        ("A convoy delivered food for 40,000 people for one month.", []),
        ("Before the war, the town was home to about 160,000 people.", []),
        ("One year after the battle for the city ended, it is still in ruins.", []),
        # the first convoy in ... months, never more than
        (
            "The first WFP convoy in more than three months reached the town.",
            [("access.days_without_aid", 90, None)],
        ),
        ("There were never more than four doctors.", [("health.doctors", None, 4)]),
        ("- Of the region's 40 hospitals, most have no fuel.", []),
    ],
)
def test_heldout2_conventions(extractor, text, expected):
    assert claims(extractor, text) == expected


def test_stock_inside_is_still_a_stock(extractor):
    found = claims(
        extractor, "UN food inside is enough for 145,000 people for one month."
    )
    assert found == [("food.stock_duration", 30, 30)]


def test_the_speakers_own_figures_are_not_attributed(extractor):
    text = "Q: How many are still inside?\nA: We think about 7,000 people remain."
    assert moods(extractor, text) == [("people.trapped", 7000, "estimated")]
    transcript = (
        "Q: How many people are still inside?\n"
        "Spokesman: Our best estimate is between 100,000 and 200,000.\n"
        "Q: And the wounded?\n"
        "Spokesman: There are some 400 who need to be evacuated now."
    )
    assert moods(extractor, transcript) == [
        ("people.trapped", 100000, "estimated"),
        ("people.in_need", 400, "estimated"),
    ]


def test_habitual_convoys_are_no_occasion(extractor):
    text = "UN convoys reach the city perhaps twice a month when the Serbs allow them."
    assert events(extractor, text) == []


def test_an_apposition_after_the_noun_is_not_its_verb(extractor):
    text = "The ministry announces two humanitarian corridors, open from 08:00 daily."
    assert events(extractor, text) == ["corridor.announced"]


def test_people_unaccounted_for_are_missing(extractor):
    text = "More than 1,200 people remain unaccounted for under the rubble."
    assert claims(extractor, text) == [("people.detained", 1200, None)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The city's last hospital had been destroyed in the fighting.", 0),
        (
            "Al-Thawra hospital, the last one working in the centre, has stopped "
            "receiving patients.",
            0,
        ),
        (
            "Shelling knocked out the Indonesian Hospital, leaving al-Ahli as the "
            "only working hospital in the north.",
            1,
        ),
        ("The last hospital in the east was shelled again today.", 1),
    ],
)
def test_the_last_hospital_is_a_count(extractor, text, count):
    assert claims(extractor, text) == [("health.hospitals", count, count)]


# -- a count of evacuations is of people evacuated, whoever "of" names ------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Staff carried out 734 medical evacuations of sick and wounded people.",
            734,
        ),
        ("There were 300 evacuations of wounded civilians on Friday.", 300),
        ("The ICRC carried out 120 medical evacuations on Friday.", 120),
    ],
)
def test_evacuations_count_people_evacuated(extractor, text, value):
    assert claims(extractor, text) == [("people.evacuated", value, value)]


def test_a_modal_in_a_relative_clause_after_the_event_is_not_its_own(extractor):
    text = (
        "The UN special envoy said the corridors had not materialised in a form "
        "that civilians could trust."
    )
    (event,) = [i for i in extractor.extract(text) if isinstance(i, Event)]
    assert (event.event, event.modality) == ("corridor.not_materialised", "reported")


def test_nobody_met_who_went_through_is_a_corridor_not_used(extractor):
    text = '"I have not met a single person who went out through these corridors."'
    assert events(extractor, text) == ["corridor.not_materialised"]
