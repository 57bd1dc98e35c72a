"""Events: type, actor, place, date and count."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.extract import EVENT_TYPES, Event


def events(extractor, text, **kw):
    return [i for i in extractor.extract(text, **kw) if isinstance(i, Event)]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Russia announced three humanitarian corridors.", "corridor.announced"),
        ("Moscow proposed four corridors for aid.", "corridor.proposed"),
        ("The corridor opened at dawn.", "corridor.opened"),
        ("Hundreds walked through the corridor.", "corridor.used"),
        ("The corridors were closed again.", "corridor.closed"),
        ("The corridors have not materialised.", "corridor.not_materialised"),
        ("The corridors did not open.", "corridor.not_materialised"),
        ("A convoy entered Madaya on Monday.", "convoy.entered"),
        ("The convoy was blocked at a checkpoint.", "convoy.blocked"),
        ("The convoy could not enter the town.", "convoy.blocked"),
        ("The hospital was hit by air strikes.", "hospital.hit"),
        ("The last hospital has been destroyed.", "hospital.destroyed"),
        ("The evacuation began on Thursday.", "evacuation.started"),
        ("The evacuation was completed on 22 December.", "evacuation.completed"),
        ("The evacuation was suspended.", "evacuation.paused"),
        ("A ceasefire came into force at sunset.", "ceasefire.declared"),
        ("The truce collapsed within hours.", "ceasefire.collapsed"),
        ("A humanitarian pause was announced.", "pause.declared"),
        ("The agreed pause was cancelled.", "pause.cancelled"),
    ],
)
def test_event_types(extractor, text, event):
    assert event in EVENT_TYPES
    assert [e.event for e in events(extractor, text)] == [event]


def test_event_has_actor_place_date_and_count(extractor):
    (event,) = events(
        extractor,
        "Russia proposed four corridors into east Aleppo on Thursday.",
        published=date(2016, 12, 2),
    )
    assert (event.event, event.actor, event.area, event.date, event.count) == (
        "corridor.proposed",
        "Russia",
        "East Aleppo",
        date(2016, 12, 1),
        4,
    )


def test_future_opening_is_an_announcement(extractor):
    (event,) = events(extractor, "Russia said it would open three corridors.")
    assert event.event == "corridor.announced"


def test_no_event_without_a_cue(extractor):
    assert events(extractor, "The corridor is a road.") == []


def test_a_second_cue_in_the_clause_is_a_second_event(extractor):
    text = "The corridor opened at eight and was closed again by noon."
    found = {e.event for e in events(extractor, text)}
    assert {"corridor.opened", "corridor.closed"} <= found
    text = "Evacuations resumed on Sunday after being suspended for 48 hours."
    found = {e.event for e in events(extractor, text)}
    assert found == {"evacuation.started", "evacuation.paused"}


def test_a_second_cue_stops_at_a_cause(extractor):
    text = "Three hospitals stopped working after the bombing."
    assert [e.event for e in events(extractor, text)] == ["hospital.destroyed"]


def test_a_question_reports_no_event(extractor):
    text = "Q: How many convoys got through last month?"
    assert events(extractor, text) == []


def test_modifiers_before_the_noun_are_not_its_event(extractor):
    text = (
        "Thousands had been expected to leave through the agreed humanitarian corridor."
    )
    assert events(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Today nine humanitarian corridors were agreed.", "corridor.announced"),
        ("The last hospital was gutted by fire.", "hospital.destroyed"),
        ("A convoy of 20 trucks crossed at the southern gate.", "convoy.entered"),
        ("Convoy Of 30 Aid Trucks Reaches Gogjali", "convoy.entered"),
        ("The evacuation has been put off.", "evacuation.paused"),
        ("The ceasefire was ignored within hours.", "ceasefire.collapsed"),
        ("During a humanitarian pause negotiated by the UN.", "pause.declared"),
    ],
)
def test_broader_event_cues(extractor, text, event):
    assert event in {e.event for e in events(extractor, text)}


def test_totals_in_tables_and_labels_are_not_events(extractor):
    text = "Aid convoys entered | 0 | 6\n"
    assert events(extractor, text) == []
    text = "Aid convoys since 5 March: entered 4; blocked or partly unloaded 2.\n"
    assert events(extractor, text) == []


def test_buses_held_at_the_crossing_pause_the_evacuation(extractor):
    text = "21:05 Buses are being held at the crossing."
    assert [e.event for e in events(extractor, text)] == ["evacuation.paused"]


def test_an_answer_takes_the_event_noun_of_its_question(extractor):
    text = (
        "Interview with the UN negotiator, recorded on Saturday (excerpt)\n"
        "Q: What about the daily pause for the convoys?\n"
        "A: Cancelled. Both sides said they could not guarantee it.\n"
    )
    assert [e.event for e in events(extractor, text)] == ["pause.cancelled"]


def test_an_answer_goes_on_until_the_next_question(extractor):
    text = (
        "Interview with the UN negotiator, recorded on Saturday (excerpt)\n"
        "Q: The ceasefire was declared on Friday. Did it hold?\n"
        "A: For about nine hours. By morning it had collapsed entirely.\n"
        "Q: How many convoys got through last month?\n"
        "A: Two entered, four were blocked.\n"
    )
    found = [e.event for e in events(extractor, text)]
    assert found == ["ceasefire.declared", "ceasefire.collapsed"]
