"""Rules that read past the figure's own clause: references to the sentence
before, an evacuation the paragraph describes, coordination and ellipsis,
corrections, modality and attribution scope, and events in varied verbs.

Every sentence here is worded afresh (not copied from the gold sets), so the
tests pin the rule, not one passage.
"""

from __future__ import annotations

import pytest

from corridor.extract import Claim, Event


def claims(extractor, text, **kw):
    return [
        (i.indicator, i.low, i.high)
        for i in extractor.extract(text, **kw)
        if isinstance(i, Claim)
    ]


def moods(extractor, text):
    return [
        (i.indicator, i.low, i.modality)
        for i in extractor.extract(text)
        if isinstance(i, Claim)
    ]


def events(extractor, text):
    return [i.event for i in extractor.extract(text) if isinstance(i, Event)]


# -- references to the sentence before -------------------------------------


def test_of_those_takes_the_previous_sentences_indicator(extractor):
    text = (
        "About 9,000 people have fled the old town since Monday. Of "
        "those, 2,000 were children."
    )
    assert claims(extractor, text) == [
        ("people.displaced", 9000, 9000),
        ("people.displaced", 2000, 2000),
    ]


def test_the_figure_rose_to_continues_the_previous_indicator(extractor):
    text = (
        "Officials said 120 civilians were killed on Friday. By "
        "Sunday the figure had risen to 180."
    )
    assert claims(extractor, text)[-1] == ("people.killed", 180, 180)


def test_the_number_with_an_adjective_refers_back_in_the_same_sentence(extractor):
    text = "Reports that 9,000 had fled were wrong, and the true number was about 900."
    assert moods(extractor, text) == [
        ("people.displaced", 9000, "negated"),
        ("people.displaced", 900, "estimated"),
    ]


def test_a_back_reference_needs_a_claim_before_it(extractor):
    assert claims(extractor, "Of those, 300 were children.") == []


def test_a_back_reference_does_not_cross_a_paragraph(extractor):
    text = "Some 200 people were killed in the raid.\n\nOf those, 30 were children."
    assert claims(extractor, text) == [("people.killed", 200, 200)]


def test_a_correction_note_takes_the_figure_before(extractor):
    text = "The council said 4,000 people had left. (An earlier version said 14,000.)"
    assert moods(extractor, text)[-1] == ("people.displaced", 14000, "negated")


def test_a_subset_that_remains_stays_displaced(extractor):
    text = (
        "Some 30,000 people have fled to the camps. About 8,000 of "
        "them remain in tents."
    )
    assert claims(extractor, text)[-1] == ("people.displaced", 8000, 8000)


# -- an evacuation the paragraph describes ---------------------------------


def test_people_leaving_during_a_described_evacuation_are_evacuated(extractor):
    text = (
        "The evacuation of the district began on Monday. Some 4,000 "
        "left on the first day."
    )
    assert claims(extractor, text) == [("people.evacuated", 4000, 4000)]


def test_people_fleeing_on_their_own_stay_displaced(extractor):
    text = (
        "The evacuation began on Monday. About 2,000 fled on foot through the fields."
    )
    assert claims(extractor, text) == [("people.displaced", 2000, 2000)]


def test_left_in_the_first_hours_is_not_left_behind(extractor):
    text = "About 3,000 people left in the first hours."
    assert claims(extractor, text) == [("people.displaced", 3000, 3000)]


# -- coordination and ellipsis ---------------------------------------------


def test_elided_noun_of_a_counted_thing(extractor):
    text = (
        "Russia proposed five corridors: three for civilians and two for the wounded."
    )
    assert claims(extractor, text) == [("access.corridors", n, n) for n in (5, 3, 2)]


def test_elided_noun_after_a_parenthetical(extractor):
    text = (
        "Two corridors will open for civilians and one, near the airport, for fighters."
    )
    assert claims(extractor, text) == [("access.corridors", n, n) for n in (2, 1)]


def test_elided_verb_after_a_figure(extractor):
    text = "On Monday 120 shells hit the town; on Tuesday, 200 did."
    assert claims(extractor, text) == [
        ("attacks.count", 120, 120),
        ("attacks.count", 200, 200),
    ]


def test_two_subjects_share_the_verb_after_them(extractor):
    text = "Some 300 civilians and 40 fighters left the town overnight."
    assert claims(extractor, text)[0] == ("people.displaced", 300, 300)


def test_nominal_fates_before_of(extractor):
    text = (
        "Monitors documented the killing of 12 civilians and the wounding of 30 others."
    )
    assert claims(extractor, text) == [
        ("people.killed", 12, 12),
        ("people.injured", 30, 30),
    ]


def test_a_contrasted_figure_takes_the_first_ones_indicator(extractor):
    text = "About 5,000 are still inside, not 12,000 as the army says."
    assert moods(extractor, text)[-1] == ("people.trapped", 12000, "negated")


# -- corrections -----------------------------------------------------------


def test_a_figure_called_untrue_is_negated(extractor):
    text = (
        "Claims that 3,000 people died in the raid on the market are "
        "untrue, the ministry said."
    )
    assert moods(extractor, text) == [("people.killed", 3000, "negated")]


def test_a_figure_revised_away_is_negated_and_the_new_one_is_not(extractor):
    text = (
        "The monitor first said 90 people were killed, but later "
        "revised the toll down to 64."
    )
    assert moods(extractor, text) == [
        ("people.killed", 90, "negated"),
        ("people.killed", 64, "reported"),
    ]


def test_that_is_false_negates_the_sentence_before(extractor):
    text = "State radio said 10,000 residents had left the city. That is false."
    assert moods(extractor, text) == [("people.displaced", 10000, "negated")]


def test_a_cut_road_is_not_a_revision(extractor):
    text = (
        "The town has been besieged for more than a year, with the road cut since 2015."
    )
    assert moods(extractor, text) == [("conflict.duration", 365, "asserted")]


# -- modality and attribution ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        (
            "Had the ceasefire held, another 2,000 people could have left.",
            "hypothetical",
        ),
        ("Under the deal, 40 prisoners are to be released on Friday.", "projected"),
        ("Officials had hoped to bring out as many as 500 people.", "projected"),
        ("Some 70 people were reportedly killed in the strike.", "reported"),
        ("Since Monday I counted 40 shells on our street.", "asserted"),
        ("Our best guess is that 2,000 people remain trapped.", "estimated"),
    ],
)
def test_modality_of_the_clause(extractor, text, mood):
    assert moods(extractor, text)[0][2] == mood


def test_and_that_starts_a_second_clause(extractor):
    text = (
        "The UN says 300 wounded need evacuation and that food will run out in a week."
    )
    assert moods(extractor, text)[0] == ("people.in_need", 300, "reported")


def test_an_attribution_in_a_where_clause_covers_that_clause_only(extractor):
    text = (
        "In the north, where the army says 2,000 fighters remain, "
        "monitors counted 5,000."
    )
    found = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert [(c.low, c.attribution) for c in found] == [
        (2000, "the army"),
        (5000, "monitors"),
    ]


def test_a_where_clause_without_a_source_is_no_attribution(extractor):
    text = "Where the government allowed aid in, about 3,000 people left."
    (claim,) = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert (claim.attribution, claim.modality) == (None, "estimated")


def test_prose_before_a_colon_is_no_speaker(extractor):
    text = (
        "Medical staff are exhausted: in one clinic, two doctors work around the clock."
    )
    assert moods(extractor, text) == [("health.doctors", 2, "asserted")]


# -- events in varied verbs ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The truce agreed on Sunday has collapsed.", ["ceasefire.collapsed"]),
        ("Government forces have not observed the ceasefire.", ["ceasefire.collapsed"]),
        ("The pause will take effect at dawn.", ["pause.declared"]),
        ("The corridor they promised never came.", ["corridor.not_materialised"]),
        (
            "No residents were able to leave through the corridor.",
            ["corridor.not_materialised"],
        ),
        (
            "Five hospitals were shelled overnight; two were destroyed.",
            ["hospital.hit", "hospital.destroyed"],
        ),
        (
            "A convoy of 12 aid trucks was stopped at the checkpoint.",
            ["convoy.blocked"],
        ),
        # bus convoys of an evacuation are not aid convoys (no convoy.* event)
        ("A convoy of 12 buses was stopped at the checkpoint.", []),
        (
            "The evacuations were halted for a day before resuming on Friday.",
            ["evacuation.paused", "evacuation.started"],
        ),
        ("Tomorrow the corridor will work from 9am.", ["corridor.announced"]),
        ("Moscow has named four corridors.", ["corridor.announced"]),
        # an attacked convoy is blocked only if it could not go on
        ("The convoy was fired upon near the bridge.", []),
        (
            "The convoy was fired upon near the bridge and turned back.",
            ["convoy.blocked"],
        ),
        ("Medicines arrived through corridors they set up in May.", []),
        ("Troops blocked a UN aid convoy from entering the town.", ["convoy.blocked"]),
        ("A temporary truce went into effect at 9 a.m.", ["ceasefire.declared"]),
        ("Gunmen shelled the convoy route again on Monday.", []),
    ],
)
def test_event_verbs(extractor, text, expected):
    assert sorted(events(extractor, text)) == sorted(expected)


# -- indicators: more cues, fewer false figures -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "There are still about 8,000 people in the old city.",
            ("people.trapped", 8000),
        ),
        ("Around 60 of us are hiding in the basement.", ("people.trapped", 60)),
        (
            "Another 5,000 are thought to have crossed into Turkey.",
            ("people.displaced", 5000),
        ),
        (
            "The death toll since the offensive began has risen to 210 civilians.",
            ("people.killed", 210),
        ),
        ("The doctors here are only 3 now.", ("health.doctors", 3)),
        (
            "It is a town of 12,000 people sealed off since May.",
            ("people.trapped", 12000),
        ),
        ("We moved 25 patients to the south on Sunday.", ("people.evacuated", 25)),
        ("They will be freed in exchange for 150 prisoners.", ("people.detained", 150)),
        ("No bread for six days now.", ("access.days_without_aid", 6)),
        ("Some 700 of them are wounded and need evacuation.", ("people.in_need", 700)),
        ("The killing of 14 civilians was condemned.", ("people.killed", 14)),
    ],
)
def test_indicator_cues(extractor, text, expected):
    assert [(c[0], c[1]) for c in claims(extractor, text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Thirty years on, the siege is remembered in the city.",
        "Fuel stocks in the besieged town will last about a week.",
        "Some 20,000 fighters were taken north in 30 convoys of buses.",
    ],
)
def test_not_these_indicators(extractor, text):
    found = claims(extractor, text)
    assert not [
        c
        for c in found
        if c[0] in ("conflict.duration", "food.stock_duration", "access.convoys")
    ]


def test_a_whole_in_an_answer_takes_no_frame(extractor):
    text = (
        "Q: How many convoys got through?\nA: Only one of our four "
        "missions got through."
    )
    assert ("access.convoys", 4, 4) not in claims(extractor, text)


def test_a_contrasted_source_covers_the_figure_after_it(extractor):
    text = (
        "The UN estimates that 10,000 people have left, "
        "though the government puts the figure at 3,000."
    )
    found = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert [(c.low, c.attribution) for c in found] == [
        (10000, "The UN"),
        (3000, "the government"),
    ]


def test_a_fronted_group_gives_its_verb_to_the_part(extractor):
    text = "Of the 5,000 who left, 1,200 were women."
    assert claims(extractor, text) == [("people.displaced", 1200, 1200)]


def test_a_figure_before_expected_to_takes_the_verb_after(extractor):
    text = "A further 500 are expected to leave tomorrow."
    assert moods(extractor, text) == [("people.displaced", 500, "projected")]


def test_more_to_follow_continues_the_figure_before(extractor):
    text = "Doctors said 17 patients were transferred, and a further 29 will follow."
    assert claims(extractor, text)[-1] == ("people.evacuated", 29, 29)


def test_a_relative_clause_after_the_noun_does_not_end_its_events(extractor):
    text = "The evacuation, which began on Thursday, was completed on Sunday."
    assert events(extractor, text) == ["evacuation.started", "evacuation.completed"]


def test_a_figure_nobody_can_confirm_is_reported_not_negated(extractor):
    text = "Activists could not confirm reports that 50 people were executed."
    assert moods(extractor, text) == [("people.killed", 50, "reported")]


def test_a_figure_rejected_as_propaganda_is_negated(extractor):
    text = (
        "The ministry rejected as propaganda claims that 400 civilians had been killed."
    )
    assert moods(extractor, text) == [("people.killed", 400, "negated")]


def test_of_them_left_is_what_remains(extractor):
    text = "Residents say there are no more than 2,000 of them left."
    assert claims(extractor, text) == [("people.trapped", None, 2000)]


def test_not_a_single_convoy_is_a_zero_not_an_event(extractor):
    text = "Not a single convoy has reached the town since June."
    assert events(extractor, text) == []
    assert claims(extractor, text) == [("access.convoys", 0, 0)]


def test_a_source_after_a_dash_ends_a_headline(extractor):
    text = "13 killed, 40 injured in Douma strike - activists"
    found = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert [(c.indicator, c.modality, c.attribution) for c in found] == [
        ("people.killed", "reported", "activists"),
        ("people.injured", "reported", "activists"),
    ]


def test_an_organisations_own_label_is_not_a_source(extractor):
    text = "ICRC: An estimated 9,000 people remain stuck in the old town."
    assert moods(extractor, text) == [("people.trapped", 9000, "estimated")]


def test_people_taken_by_soldiers_are_detained(extractor):
    text = "They say maybe 50 person was taken by the soldiers at the checkpoint."
    assert claims(extractor, text) == [("people.detained", 50, 50)]


def test_the_figure_for_another_thing_is_not_a_back_reference(extractor):
    text = "The UN says 300,000 people are trapped. The figure for aid trucks is 40."
    assert claims(extractor, text) == [("people.trapped", 300000, 300000)]


def test_a_back_reference_reaches_only_the_sentence_right_before(extractor):
    text = (
        "The strike killed 200. Rescue teams worked through the night. "
        "Of those, 30 were children."
    )
    assert claims(extractor, text) == [("people.killed", 200, 200)]


# -- numbers as witnesses write them ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some say 15 000 people are still inside.", (15000, 15000)),
        ("About 40.000 people are trapped in the town.", (40000, 40000)),
        ("1,5 million people need aid.", (1_500_000, 1_500_000)),
        ("More then 300 people were killed.", (300, None)),
    ],
)
def test_witness_number_spellings(extractor, text, expected):
    assert [(c[1], c[2]) for c in claims(extractor, text)] == [expected]


def test_misspelt_hedges_and_families(extractor):
    assert moods(extractor, "Arround 2000 people fled yesterday.") == [
        ("people.displaced", 2000, "estimated")
    ]
    assert claims(extractor, "Aprox 500 familes are in the school.") == []


@pytest.mark.parametrize(
    "text",
    ["Bread cost 1.500 lira yesterday.", "It took 12.5 hours.", "See page 12 000."],
)
def test_witness_spellings_keep_hard_negatives_negative(extractor, text):
    assert claims(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 30 people are feared dead.", ("people.killed", "estimated")),
        ("As many as 500 may have been killed.", ("people.killed", "projected")),
        ("Since 1 May 300 people have fled.", ("people.displaced", "asserted")),
        (
            "Aid groups warn that 100,000 people could face starvation.",
            ("people.in_need", "hypothetical"),
        ),
        (
            "The town may fall soon, leaving 20,000 people at risk.",
            ("people.in_need", "projected"),
        ),
        (
            "Government forces hold half the city.",
            ("territory.control_share", "asserted"),
        ),
    ],
)
def test_fears_modals_and_risks(extractor, text, expected):
    assert [(c[0], c[2]) for c in moods(extractor, text)] == [expected]


def test_n_more_refers_to_the_sentence_before(extractor):
    text = "Rescuers pulled 14 bodies from the rubble on Monday. Six more were found."
    assert claims(extractor, text)[-1] == ("people.killed", 6, 6)


def test_n_of_them_refers_to_the_sentence_before(extractor):
    text = "At least 45 people were wounded. Twelve of them are in critical condition."
    assert claims(extractor, text)[-1] == ("people.injured", 12, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The operation to evacuate the wounded was put on ice.", "evacuation.paused"),
        ("The evacuation deal fell through.", "evacuation.paused"),
        ("The ceasefire crumbled within hours.", "ceasefire.collapsed"),
        ("Fighting resumed, shattering the fragile truce.", "ceasefire.collapsed"),
        ("Both sides accepted a 48-hour humanitarian pause.", "pause.declared"),
        (
            "The UN hailed the opening of a corridor from the old city.",
            "corridor.opened",
        ),
    ],
)
def test_more_event_verbs(extractor, text, expected):
    assert events(extractor, text) == [expected]


def test_a_figure_in_an_apposition_is_outside_the_modal(extractor):
    text = "If the fighting goes on, the death toll, already 1,140, could double."
    assert moods(extractor, text) == [("people.killed", 1140, "asserted")]


def test_corridors_announced_by_a_party_are_asserted(extractor):
    text = "Russia said on Thursday it would open three humanitarian corridors."
    assert moods(extractor, text) == [("access.corridors", 3, "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 of the 6 hospitals are functioning.", ("health.hospitals", 4)),
        ("2 out of 10 hospitals are partially functional.", ("health.hospitals", 2)),
        (
            "Over 400,000 people are living in famine-like conditions.",
            ("people.in_need", 400000),
        ),
    ],
)
def test_partitives_and_famine(extractor, text, expected):
    assert [(c[0], c[1]) for c in claims(extractor, text)] == [expected]


def test_a_participle_label_is_not_a_source(extractor):
    text = "- Deaths reported since 15 November: 465"
    (claim,) = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert (claim.modality, claim.attribution) == ("asserted", None)
    text = "The UN reported on Monday that 300 people had died."
    assert moods(extractor, text) == [("people.killed", 300, "reported")]


def test_as_the_source_said_covers_the_main_clause(extractor):
    text = "As the UN said last week, 300,000 people are trapped."
    (claim,) = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert (claim.modality, claim.attribution) == ("reported", "the UN")


def test_an_evacuation_covers_only_the_next_few_sentences(extractor):
    text = (
        "The evacuation of the district began on Monday. Shelling went on. "
        "Talks stalled. Prices rose. Later that month, 2,000 people left."
    )
    assert claims(extractor, text) == [("people.displaced", 2000, 2000)]
