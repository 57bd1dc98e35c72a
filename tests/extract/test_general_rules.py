"""General rules of the figure grammar: lists, labels, bounds, rates, Q&A."""

from __future__ import annotations

import pytest

from corridor.extract import Claim


def claims(extractor, text, **kw):
    return [
        (i.indicator, i.low, i.high)
        for i in extractor.extract(text, **kw)
        if isinstance(i, Claim)
    ]


def test_coordinated_figures_share_the_first_items_verb(extractor):
    text = (
        "Fighting has killed 299 militants, 70 soldiers and police, and 27 civilians."
    )
    assert claims(extractor, text) == [
        ("people.killed", 299, 299),
        ("people.killed", 70, 70),
        ("people.killed", 27, 27),
    ]


def test_coordinated_figures_after_a_participle(extractor):
    text = "As of today, 465 terrorists killed, 114 troops and 45 civilians."
    assert [c[0] for c in claims(extractor, text)] == ["people.killed"] * 3


def test_coordinated_figure_with_its_own_verb_keeps_it(extractor):
    text = "Two people were killed and 3,000 troops were deployed."
    assert claims(extractor, text)[-1] == ("forces.troops", 3000, 3000)


def test_label_with_comma_and_fate_before_noun(extractor):
    text = (
        "As of this morning: enemy killed, 824; government troops killed in "
        "action, 162; civilians killed by the terrorists, 47."
    )
    assert claims(extractor, text) == [
        ("people.killed", 824, 824),
        ("people.killed", 162, 162),
        ("people.killed", 47, 47),
    ]


def test_table_cells_take_the_row_label(extractor):
    text = (
        "Category | This week | Cumulative\n"
        "Killed | 37 | 1,206\n"
        "Missing | 9 | 214\n"
        "Aid convoys entered | 0 | 6\n"
    )
    assert claims(extractor, text) == [
        ("people.killed", 37, 37),
        ("people.killed", 1206, 1206),
        ("people.detained", 9, 9),
        ("people.detained", 214, 214),
        ("access.convoys", 0, 0),
        ("access.convoys", 6, 6),
    ]


def test_long_label_and_figure_of_total(extractor):
    text = (
        "- People killed since the start of hostilities (local health "
        "authority): 1,314, including 402 children.\n"
        "- Hospitals functioning: 26 of 35, most at reduced capacity.\n"
        "- Days since the last aid truck entered: 12.\n"
    )
    assert claims(extractor, text) == [
        ("people.killed", 1314, 1314),
        ("people.killed", 402, 402),
        ("health.hospitals", 26, 26),
        ("access.days_without_aid", 12, 12),
    ]


def test_label_needing_evacuation_is_in_need(extractor):
    text = "- Cases needing urgent medical evacuation: 400\n"
    assert claims(extractor, text) == [("people.in_need", 400, 400)]


def test_a_figure_wrapped_to_the_next_line_stays_in_its_sentence(extractor):
    text = (
        "- An average of 1,800 people a day are leaving the city, bringing the\n"
        "  total displaced since 1 May to about\n"
        "  46,000.\n"
    )
    assert claims(extractor, text) == [
        ("people.displaced", 1800, 1800),
        ("people.displaced", 46000, 46000),
    ]


def test_bringing_the_total_to_continues_the_figure_before(extractor):
    text = "Sixteen more people have died, bringing the total to 46 since December."
    assert claims(extractor, text) == [
        ("people.killed", 16, 16),
        ("people.killed", 46, 46),
    ]


def test_number_of_noun_far_before_a_passed_figure(extractor):
    text = (
        "The number of people killed in the city since April 1992 has now "
        "passed 10,000, the presidency says."
    )
    assert claims(extractor, text) == [("people.killed", 10000, None)]


def test_the_month_may_is_not_a_future(extractor):
    (item,) = [
        i
        for i in extractor.extract("Some 300 people have fled since 1 May.")
        if isinstance(i, Claim)
    ]
    assert item.modality == "estimated"


def test_days_passed_without_a_delivery_are_days_without_aid(extractor):
    text = "Fighting cut the bridge, and 44 days have passed without a delivery of aid."
    assert claims(extractor, text) == [("access.days_without_aid", 44, 44)]


def test_the_part_of_a_partitive_is_the_count(extractor):
    text = "Partners report that 4 of the 6 public hospitals are partially functioning."
    assert claims(extractor, text) == [("health.hospitals", 4, 4)]
    text = "Medical sources said six of the city's 20 hospitals were still operating."
    assert claims(extractor, text) == [("health.hospitals", 6, 6)]


def test_a_whole_with_a_participle_is_the_count(extractor):
    text = "Six of the eight hospitals still operating have been damaged."
    assert claims(extractor, text) == [("health.hospitals", 8, 8)]


def test_a_fronted_whole_gives_the_part_its_noun(extractor):
    text = "Of the territory's 36 hospitals, only 10 function even partially."
    assert claims(extractor, text) == [("health.hospitals", 10, 10)]
    text = "Of the four hospitals in the complex, not one still worked."
    assert claims(extractor, text) == [("health.hospitals", 0, 0)]


def test_a_witness_counting_we_are_is_trapped(extractor):
    text = (
        "We are around 3000 civil people in old city, between them maybe 400 children."
    )
    assert claims(extractor, text) == [
        ("people.trapped", 3000, 3000),
        ("people.trapped", 400, 400),
    ]
    assert claims(extractor, "we are 40 thousand in the town") == [
        ("people.trapped", 40000, 40000)
    ]


def test_a_fate_verb_wins_over_a_displacement_noun(extractor):
    text = "ICRC teams report that 2 evacuees died and 40 evacuees were detained."
    assert claims(extractor, text) == [
        ("people.killed", 2, 2),
        ("people.detained", 40, 40),
    ]


def test_an_answer_takes_what_its_question_asked_for(extractor):
    text = (
        "Transcript of the briefing, with questions from reporters (excerpt)\n"
        "Q: How many are still in Douma?\n"
        "A: Maybe 80,000. We have food ready for 150,000 people.\n"
        "Q: How much of the city do they still hold?\n"
        "A: About 10 percent.\n"
    )
    assert claims(extractor, text) == [
        ("people.trapped", 80000, 80000),
        ("territory.control_share", 10, 10),
    ]


def test_day_n_of_the_siege_is_its_duration(extractor):
    assert claims(extractor, "Today is day 580 of the siege.") == [
        ("conflict.duration", 580, 580)
    ]


def test_nearly_keeps_the_fraction_of_a_duration(extractor):
    text = "The city was besieged for almost five years."
    assert claims(extractor, text) == [("conflict.duration", 1642.5, 1825)]


def test_battles_and_assaults_are_conflicts(extractor):
    assert claims(extractor, "The battle for the city lasted nearly five months.") == [
        ("conflict.duration", 135, 150)
    ]
    text = "Troops retook the city five weeks after gunmen overran it."
    assert claims(extractor, text) == [("conflict.duration", 35, 35)]


def test_an_abbreviated_hedge_does_not_end_the_sentence(extractor):
    text = "- Internally displaced: approx. 423,000, of whom 270,000 in shelters.\n"
    assert claims(extractor, text) == [
        ("people.displaced", 423000, 423000),
        ("people.displaced", 270000, 270000),
    ]


def test_attacks_n_times_and_a_participle_object(extractor):
    text = "Militants shelled the road corridor 3 times, wounding 2 servicemen."
    assert claims(extractor, text) == [
        ("attacks.count", 3, 3),
        ("people.injured", 2, 2),
    ]


def test_another_sources_bare_figure_restates_the_figure_before(extractor):
    text = "State media said 300 died, activists 135."
    assert claims(extractor, text) == [
        ("people.killed", 300, 300),
        ("people.killed", 135, 135),
    ]
    text = (
        "The count of 31,500 displaced was overtaken by the Observatory's "
        "estimate of more than 50,000."
    )
    assert claims(extractor, text)[-1] == ("people.displaced", 50000, None)


def test_n_of_whom_is_a_part_of_the_figure_before(extractor):
    text = "320 people are malnourished, 33 of whom are in a critical condition."
    assert [c[0] for c in claims(extractor, text)] == ["people.in_need"] * 2


def test_the_total_is_now_continues_the_figure_before(extractor):
    text = "4,000 people left yesterday, and the total since March is now over 30,000."
    assert claims(extractor, text) == [
        ("people.displaced", 4000, 4000),
        ("people.displaced", 30000, None),
    ]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("About 3,100 people walked out before it was shut.", "people.displaced"),
        ("Observers counted 800 people crossing.", "people.displaced"),
        ("It was used by 20,000 civilians.", "people.displaced"),
        ("Some 1,400 civilians had been brought out.", "people.evacuated"),
        ("1,770 civilians have been rescued by our troops.", "people.evacuated"),
        ("They took 15 rescue workers captive.", "people.detained"),
    ],
)
def test_broader_people_cues(extractor, text, indicator):
    assert claims(extractor, text)[0][0] == indicator


def test_nearly_a_share_is_a_range(extractor):
    text = "The opposition still holds nearly half of the town."
    assert claims(extractor, text) == [("territory.control_share", 45, 50)]


def test_families_vehicles_and_areas_are_not_counted(extractor):
    assert claims(extractor, "They shot at 3 families who tried to leave.") == []
    text = "Troops confined the fighters to less than four hectares."
    assert claims(extractor, text) == []
    assert claims(extractor, "Price of flour 1 kg 3500 lira.") == []


def test_a_noun_after_a_time_word_is_not_the_figures(extractor):
    text = "The toll was revised down to 16 after hospital records were checked."
    assert ("health.hospitals", 16, 16) not in claims(extractor, text)


def test_no_convoy_since_months_is_one_claim(extractor):
    assert claims(extractor, "No aid convoy since 3 months.") == [
        ("access.days_without_aid", 90, 90)
    ]


def test_ratios_are_not_counts(extractor):
    text = "One in five health workers has left the city."
    assert claims(extractor, text) == []


def test_a_pronoun_one_does_not_continue_a_list(extractor):
    text = "Yesterday 3 people died from hunger, one was an old man."
    assert claims(extractor, text) == [("people.killed", 3, 3)]


def test_n_of_them_in_a_siege_is_a_part_of_the_figure_before(extractor):
    text = (
        "Two hundred and fifty-six people have died since the siege began, "
        "thirty-one of them children."
    )
    assert claims(extractor, text) == [
        ("people.killed", 256, 256),
        ("people.killed", 31, 31),
    ]


def test_patients_who_must_leave_are_in_need(extractor):
    text = "We have a list of around 200 patients who must leave immediately."
    assert claims(extractor, text) == [("people.in_need", 200, 200)]


def test_the_first_convoy_in_months_gives_days_without_aid(extractor):
    text = "A 44-truck aid convoy entered the town, the first in three months."
    assert ("access.days_without_aid", 90, 90) in claims(extractor, text)


def test_hours_are_not_food_stocks(extractor):
    text = "People carry flour on donkeys 6 hours over the mountain."
    assert claims(extractor, text) == []


def test_a_few_hundred_is_hundreds(extractor):
    text = "A few hundred fighters are believed to be holding out in the port."
    assert claims(extractor, text) == [("forces.troops", 100, 999)]


def test_aid_workers_are_people(extractor):
    text = "The strike killed 31 civilians and two aid workers."
    assert claims(extractor, text) == [
        ("people.killed", 31, 31),
        ("people.killed", 2, 2),
    ]


def test_another_source_at_a_figure_restates_it(extractor):
    text = "State media put the death toll at 900; local monitors at 1,400."
    assert claims(extractor, text) == [
        ("people.killed", 900, 900),
        ("people.killed", 1400, 1400),
    ]


def test_an_apposition_n_of_them_is_skipped_to_find_the_verb(extractor):
    text = "Roughly 8,500 people, 3,000 of them fighters, had been taken out."
    assert claims(extractor, text)[0] == ("people.evacuated", 8500, 8500)


def test_adjectives_joined_by_and_before_the_noun(extractor):
    text = "Among those taken out, 734 sick and wounded people were transferred."
    assert claims(extractor, text) == [("people.evacuated", 734, 734)]


def test_among_them_right_after_the_noun_keeps_the_verb(extractor):
    text = "A few hundred men among them were detained by the security services."
    assert claims(extractor, text) == [("people.detained", 100, 999)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("177 drops, a bit over 3,600 tonnes of food.", ("aid.delivered", 3600, None)),
        (
            "The few hundred civilians still trapped by the river.",
            ("people.trapped", 100, 999),
        ),
        ("Officials said 41 were still being held.", ("people.detained", 41, 41)),
        (
            "If the road opens, maybe 1000 people will go out.",
            ("people.displaced", 1000, 1000),
        ),
        (
            "The number of civilians killed is unknown but is thought to run to "
            "thousands.",
            ("people.killed", 1000, 9999),
        ),
    ],
)
def test_more_general_phrasings(extractor, text, expected):
    assert expected in claims(extractor, text)


def test_wounded_brought_out_in_convoys_are_evacuated_not_when_rescued(extractor):
    text = "Agencies brought out 194 sick and wounded people in the first convoys."
    assert claims(extractor, text) == [("people.evacuated", 194, 194)]
    text = "Civil defence pulled out 6 wounded."
    assert claims(extractor, text) == [("people.injured", 6, 6)]


def test_a_figure_in_apposition_to_its_noun(extractor):
    text = "If the fighting goes on, the death toll, already 1,140, could double."
    assert claims(extractor, text) == [("people.killed", 1140, 1140)]


def test_a_speaker_before_a_colon_is_the_source(extractor):
    text = "12:30 The regional governor: around 4,000 people left the city yesterday."
    (claim,) = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert claim.modality == "reported"
    assert claim.attribution == "The regional governor"
    text = "- People in need: 42,000\n"
    (claim,) = [i for i in extractor.extract(text) if isinstance(i, Claim)]
    assert claim.modality == "asserted"


def test_once_after_the_figure_is_a_conjunction(extractor):
    text = "- UN: Up To 1 Million Could Flee West Mosul Once Assault Begins\n"
    assert claims(extractor, text) == [("people.displaced", None, 1000000)]
    text = "The city, once home to 300,000 people, is now empty."
    assert claims(extractor, text) == []


def test_title_case_headline_with_a_control_verb(extractor):
    text = "- Iraqi Forces Retake 70 Percent Of East Mosul, Commander Says\n"
    assert claims(extractor, text) == [("territory.control_share", 70, 70)]
