"""Sixth round: rules generalised from the misses of the blind tuning sets
tests/dev/round6a.yaml and round6b.yaml, written as word families and
grammar shapes, each pinned down here with sentences of our own."""

from __future__ import annotations

import pytest

from tests.extract.helpers import claims, events


def indicators(extractor, text):
    return [c[0] for c in claims(extractor, text)]


# -- arrest and detention: the verb family before its object -----------------


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 45 students outside the university on Monday.",
        "Militiamen are detaining 60 men at the bridge, residents said.",
        "The army has rounded up some 700 young men in the northern suburbs.",
        "Soldiers were rounding up 35 villagers when the reporters arrived.",
        "Security forces held 230 men overnight at the stadium.",
        "Gunmen kidnapped 17 aid workers on the coast road.",
        "The authorities jailed 12 journalists last year.",
    ],
)
def test_detention_verb_before_people(extractor, text):
    assert indicators(extractor, text) == ["people.detained"]


@pytest.mark.parametrize(
    "text",
    [
        "Before the war the district held some 90,000 people.",
        "The stadium holds 40,000 people on match days.",
        "The rebels captured 3 villages in the night.",
    ],
)
def test_holding_a_population_is_not_detention(extractor, text):
    assert "people.detained" not in indicators(extractor, text)


# -- staying in a fate: "remain displaced", "remain held" -------------------


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        ("About 2 million people remain displaced in the north.", "people.displaced"),
        ("Some 400,000 are still displaced two years on.", "people.displaced"),
        ("At least 800 men remain in detention, lawyers said.", "people.detained"),
        ("Around 150 boys remained in custody after the screening.", "people.detained"),
        (
            "About 90 protesters are still held at the police station.",
            "people.detained",
        ),
        ("Some 70 activists remain behind bars.", "people.detained"),
    ],
)
def test_remaining_in_a_fate(extractor, text, fate):
    assert indicators(extractor, text) == [fate]


def test_remaining_in_a_town_is_still_trapped(extractor):
    text = "Some 40,000 civilians remain in the besieged town."
    assert indicators(extractor, text) == ["people.trapped"]


# -- waiting for care is a need ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "More than 3,000 patients are waiting for referral to hospitals abroad.",
        "About 600 children await surgery that cannot be done inside the city.",
        "Some 250 people were awaiting medical evacuation on Friday.",
        "At least 90 wounded are waiting for treatment in the basement clinic.",
    ],
)
def test_waiting_for_care_is_need(extractor, text):
    assert indicators(extractor, text) == ["people.in_need"]


def test_waiting_for_the_buses_is_not_need(extractor):
    text = "About 5,000 people are waiting for the buses in the square."
    assert "people.in_need" not in indicators(extractor, text)


# -- organised transport of the wounded and of people ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Red Cross ferried 320 wounded people across the bay.",
        "Army helicopters airlifted 45 injured soldiers and civilians to the capital.",
        "Medics have transferred 72 wounded children to hospitals in the south.",
        "The transfer of 58 wounded to Turkey began at dawn.",
        "A hospital ship carried about 400 sick and wounded from the port.",
        "UN teams flew out 30 wounded on Tuesday.",
    ],
)
def test_transported_wounded_are_evacuated(extractor, text):
    assert indicators(extractor, text) == ["people.evacuated"]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling of the market left 80 wounded on Sunday.",
        "I saw maybe thirty people carried out wounded from the building.",
        "The air force has carried out 140 strikes on the district.",
    ],
)
def test_not_transport(extractor, text):
    assert "people.evacuated" not in indicators(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Buses shuttled 1,200 residents out of the old town.",
        "Volunteers bussed 900 civilians to the reception centre.",
        "About 600 people were airlifted from the mountain on Wednesday.",
        "Some 2,000 civilians were ferried to the mainland overnight.",
    ],
)
def test_transport_verbs_evacuate_people(extractor, text):
    assert indicators(extractor, text) == ["people.evacuated"]


def test_airlifted_food_is_not_an_evacuation(extractor):
    text = "Its 200,000 people live on airlifted food."
    assert "people.evacuated" not in indicators(extractor, text)


# -- the main verb decides past a relative clause or a participle ------------


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        (
            "About 600 men who crossed at the bridge remain held at a school.",
            "people.detained",
        ),
        (
            "Some 80 youths who reached the checkpoint are being held for questioning.",
            "people.detained",
        ),
        (
            "Around 3,000 students living in the capital were rounded up last week.",
            "people.detained",
        ),
        (
            "About 45 men staying in the mosque were arrested at dawn.",
            "people.detained",
        ),
        (
            "Some 70 villagers who fled the fighting were seized at the crossing.",
            "people.detained",
        ),
    ],
)
def test_main_verb_past_modifier(extractor, text, fate):
    assert indicators(extractor, text) == [fate]


def test_modifier_without_main_fate_keeps_its_cue(extractor):
    text = "About 5,000 people living in the old quarter cannot leave."
    assert indicators(extractor, text) == ["people.trapped"]


# -- release, screening and staff ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Eight foreign workers were also let go on Saturday.",
        "About 120 civilians were freed from the camp under the deal.",
        "Some 430 men were taken for screening at the checkpoint.",
        "At least 35 aid staff have been detained since June.",
        "Around 90 people were seized in the raid on the village.",
    ],
)
def test_release_screening_and_staff(extractor, text):
    assert indicators(extractor, text) == ["people.detained"]


def test_table_cell_does_not_lend_its_noun(extractor):
    text = "| Displaced people in shelters | 12,400 |\n| Staff killed | 14 |"
    assert ("people.killed", 12400.0, 12400.0) not in claims(extractor, text)


# -- an organisation's help to leave is an evacuation -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Red Crescent helped 900 civilians to leave the camp on Sunday.",
        "UNHCR was able to help 1,100 people leave for the coast.",
        "Volunteers assisted about 400 residents to cross to the western bank.",
        "The deal enabled 3,000 people to get out of the old town.",
    ],
)
def test_helped_to_leave(extractor, text):
    assert "people.evacuated" in indicators(extractor, text)
    assert "people.displaced" not in indicators(extractor, text)


def test_fleeing_on_their_own_is_displacement(extractor):
    text = "More than 900 civilians fled the camp on Sunday."
    assert indicators(extractor, text) == ["people.displaced"]


# -- fighters inside a larger group share its fate ----------------------------


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        (
            "About 6,000 people, among them some 900 fighters, were bused out.",
            "people.evacuated",
        ),
        (
            "Roughly 2,000 people, including 400 gunmen, are still in the district.",
            "people.trapped",
        ),
    ],
)
def test_fighters_in_apposition(extractor, text, fate):
    assert indicators(extractor, text) == [fate, fate]


def test_fighters_on_their_own_are_troops(extractor):
    text = "About 700 fighters left the town on Friday under the deal."
    assert indicators(extractor, text) == ["forces.troops"]


# -- an evacuation only asked for is a need -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The WHO appealed for the evacuation of 250 critically ill patients.",
        "Doctors renewed their call for the medical evacuation of 80 children.",
        "MSF has requested the evacuation of about 60 wounded people.",
        "Aid groups urged the parties to evacuate 120 sick civilians at once.",
    ],
)
def test_asked_evacuation_is_need(extractor, text):
    assert indicators(extractor, text) == ["people.in_need"]


@pytest.mark.parametrize(
    "text",
    [
        "The ICRC completed the evacuation of 250 patients on Tuesday.",
        "Officials had hoped to bring out as many as 900 people.",
    ],
)
def test_done_or_planned_evacuation_stays(extractor, text):
    assert indicators(extractor, text) == ["people.evacuated"]


# -- "the number of X" is the subject, not the last cue before the figure -----


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        (
            "The number of patients needing urgent evacuation has climbed to 640.",
            "people.in_need",
        ),
        (
            "The number of people killed since the evacuation began has reached 75.",
            "people.killed",
        ),
    ],
)
def test_number_of_subject(extractor, text, fate):
    assert indicators(extractor, text) == [fate]


# -- a fronted whole of convoys -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Of the 40 convoys requested in May, 12 reached Khan Younis.",
        "Of the 25 aid convoys planned in June, 9 were turned back at a checkpoint.",
    ],
)
def test_fronted_convoys(extractor, text):
    found = claims(extractor, text)
    assert [c[0] for c in found] == ["access.convoys"]  # the part, not the whole


# -- Palestine refugees are a status ------------------------------------------


def test_palestine_refugees_remaining_are_trapped(extractor):
    text = "Some 9,000 Palestine refugees remain in the besieged camp."
    assert indicators(extractor, text) == ["people.trapped"]


def test_refugees_arriving_are_displaced(extractor):
    text = "Some 9,000 refugees arrived in the border town this week."
    assert indicators(extractor, text) == ["people.displaced"]


# -- events: the evacuation verb as a trigger, corridors that never were ------


@pytest.mark.parametrize(
    "text",
    [
        "Efforts to begin evacuating the wounded from the port were halted again.",
        "The ICRC said evacuating civilians from the suburb had been suspended.",
        "Medevacs from the northern hospitals were stopped on Sunday.",
    ],
)
def test_evacuating_is_an_evacuation(extractor, text):
    assert events(extractor, text) == ["evacuation.paused"]


@pytest.mark.parametrize(
    "text",
    [
        "Each planned corridor collapsed before a single bus could move.",
        "The promised corridor was closed by shelling before dawn.",
    ],
)
def test_unrealised_corridor_closing(extractor, text):
    assert "corridor.not_materialised" in events(extractor, text)
    assert "corridor.closed" not in events(extractor, text)


def test_open_corridor_closing_is_closed(extractor):
    text = "The corridor from the eastern districts was closed on Monday."
    assert events(extractor, text) == ["corridor.closed"]


# -- setting out and making one's way: verbs of flight ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "About 12,000 residents made their way west along the coast road.",
        "Some 3,000 families' members, roughly 9,000 people, headed north overnight.",
        "Between 2,000 and 3,000 men set off across the mountains on foot.",
        "Nearly 800 villagers trekked to the border through the snow.",
        "More than 40,000 people came from the eastern provinces to the capital.",
        "Around 600,000 people have been driven from their homes since May.",
    ],
)
def test_verbs_of_setting_out(extractor, text):
    assert "people.displaced" in indicators(extractor, text)


def test_a_team_is_not_a_population(extractor):
    text = "A UN team of twelve people set off for the city at dawn."
    assert indicators(extractor, text) == []


def test_arrived_trucks_are_not_people(extractor):
    text = "Since June, some 400 have arrived, a quarter of what is needed."
    assert "people.displaced" not in indicators(extractor, text)


# -- "no convoy has entered for N days" is two claims -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No relief convoy has reached the valley in over three months.",
        "No convoy has been allowed into the town for 50 days.",
        "Not a single convoy has entered the camp for 42 days.",
    ],
)
def test_no_convoy_for_a_time(extractor, text):
    found = indicators(extractor, text)
    assert "access.convoys" in found
    assert "access.days_without_aid" in found


def test_without_a_convoy_is_only_time(extractor):
    text = "The district has gone 200 days without a single road convoy."
    assert indicators(extractor, text) == ["access.days_without_aid"]


# -- what lands on a hospital hits it -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets landed near the Al-Quds hospital on Monday night.",
        "A shell fell on the children's hospital in the old town on Sunday.",
        "Dozens died in the explosion at the central hospital on Friday.",
        "A car bomb exploded outside the gates and a second exploded inside the "
        "city hospital.",
    ],
)
def test_landing_and_blasts_hit_hospitals(extractor, text):
    assert "hospital.hit" in events(extractor, text)


def test_landing_elsewhere_is_no_hospital_event(extractor):
    text = "The plane landed at the airport near the hospital on Monday."
    assert "hospital.hit" not in events(extractor, text)


# -- an obligation to leave for care is a need --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Doctors say 150 patients must get out of the city this week.",
        "Around 70 children have to be transferred to a specialist hospital.",
        "About 220 people need to go to hospital urgently, the clinic says.",
        "Some 45 patients will not survive without dialysis, nurses warn.",
    ],
)
def test_obligation_to_leave_is_need(extractor, text):
    assert indicators(extractor, text) == ["people.in_need"]


def test_able_to_leave_is_not_need(extractor):
    text = "About 150 patients were able to leave the city this week."
    assert "people.in_need" not in indicators(extractor, text)


# -- forces: more nouns for soldiers, "said to number N" ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "About 600 peacekeepers guarded the airport and the hospital.",
        "Some 2,500 conscripts were sent to the front in March.",
        "The militants in the old town are believed to number about 800.",
        "Government commandos inside the base are said to total some 150.",
    ],
)
def test_troop_nouns_and_number(extractor, text):
    assert indicators(extractor, text) == ["forces.troops"]


def test_to_number_of_people_is_not_troops(extractor):
    text = "Students in the hall were expected to number about 800."
    assert "forces.troops" not in indicators(extractor, text)


# -- split particles and relative clauses after an "of" phrase ----------------


@pytest.mark.parametrize(
    "text",
    [
        "A navy vessel took 300 wounded out of the harbour on Monday.",
        "The Red Cross brought 45 injured civilians out through the front line.",
        "Helicopters flew 80 sick and wounded out of the valley.",
        "Buses took about 2,000 residents out of the district overnight.",
    ],
)
def test_split_particle_take_out(extractor, text):
    assert indicators(extractor, text) == ["people.evacuated"]


def test_taking_without_out_is_not_evacuation(extractor):
    text = "The clinic took in 300 wounded on Monday."
    assert "people.evacuated" not in indicators(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "About 400 men of military age who crossed the river remain in detention.",
        "Some 90 men of the clan who left the village were arrested later.",
    ],
)
def test_relative_clause_after_of_phrase(extractor, text):
    assert indicators(extractor, text) == ["people.detained"]
