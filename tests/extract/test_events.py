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
