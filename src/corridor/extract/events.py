"""Events: dated changes of state around corridors, convoys, hospitals,
evacuations, ceasefires and pauses.

An event needs a trigger noun ("corridor", "convoy", "hospital",
"evacuation", "ceasefire", "pause") and a cue verb near it in the same
sentence ("opened", "blocked", "destroyed" ...); the nearest cue wins. A
negated cue turns "the corridors did not open" into
``corridor.not_materialised`` and "the convoy could not enter" into
``convoy.blocked``; other negated cues keep their type with modality
``negated``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.extract.cues import phrase_table

TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["corridor", "corridors"], "corridor"),
    **dict.fromkeys(["convoy", "convoys"], "convoy"),
    **dict.fromkeys(["hospital", "hospitals"], "hospital"),
    **dict.fromkeys(["evacuation", "evacuations", "evacuate", "buses"], "evacuation"),
    **dict.fromkeys(
        ["ceasefire", "ceasefires", "truce", "cease-fire", "cessation"], "ceasefire"
    ),
    **dict.fromkeys(["pause", "pauses", "lull"], "pause"),
}
CUES: dict[str, dict[tuple[str, ...], str]] = {
    "corridor": phrase_table(
        {
            "announced,announce,announces,announcing,unveiled,declared,set up,"
            "established,created,launched": "corridor.announced",
            "proposed,propose,proposes,proposal,offered,offer,offers,suggested,"
            "called for,plan,plans,planned": "corridor.proposed",
            "opened,open,opens,reopened,operating,operational": "corridor.opened",
            "used,use,uses,using,passed through,walked through,went through,"
            "walking through,walk through,"
            "left through,fled through,came through,came out through,"
            "through the corridor,through the corridors,via,along": "corridor.used",
            "closed,close,closes,shut,sealed,suspended,"
            "broken,collapsed": "corridor.closed",
            "not materialised,not materialized,failed to materialise,"
            "failed to materialize,yet to open,never opened,remained empty,"
            "stood empty,no one used,nobody used,unused,empty,yet to materialise,"
            "yet to materialize,not been used,largely unused,hardly anyone,"
            "hardly anybody,almost no one,few have used,"
            "failed": "corridor.not_materialised",
        }
    ),
    "convoy": phrase_table(
        {
            "entered,enter,enters,reached,reach,arrived,arrive,got in,made it,"
            "delivered,rolled into,drove into,crossed into,carried,"
            "was allowed": "convoy.entered",
            "blocked,block,turned back,stopped,denied,prevented,held up,stuck,"
            "waiting,stalled,attacked,looted,not allowed,refused,barred,"
            "could not enter,unable,halted,shelled,hit,struck,bombed,fired on,"
            "tried to reach,tried to enter,attempted to reach,"
            "came under fire": "convoy.blocked",
        }
    ),
    "hospital": phrase_table(
        {
            "hit,struck,bombed,shelled,attacked,targeted,damaged,came under fire,"
            "strike,strikes,raid,bombing": "hospital.hit",
            "destroyed,razed,out of service,out of action,no longer functioning,"
            "stopped functioning,put out of,flattened,last hospital,"
            "no hospitals functioning,forced to close,no functioning,"
            "stopped working,stopped operating,closed,"
            "none functioning": "hospital.destroyed",
        }
    ),
    "evacuation": phrase_table(
        {
            "began,begin,begun,begins,started,start,starts,got under way,"
            "under way,underway,resumed,first buses,departed,kicked off,"
            "first convoy": "evacuation.started",
            "completed,complete,ended,finished,concluded,last buses,"
            "came to an end,is over,was over,wrapped up,completing,"
            "final buses": "evacuation.completed",
            "suspended,halted,paused,stopped,interrupted,put on hold,"
            "postponed,delayed,delaying,delay,called off,cancelled,"
            "canceled": "evacuation.paused",
        }
    ),
    "ceasefire": phrase_table(
        {
            "declared,announced,agreed,took effect,came into force,"
            "came into effect,began,brokered,start,started,"
            "reached": "ceasefire.declared",
            "collapsed,broke down,violated,fell apart,ended,broken,"
            "breached,failed to respect,not respected,over,collapse,"
            "breakdown": "ceasefire.collapsed",
        }
    ),
    "pause": phrase_table(
        {
            "declared,announced,agreed,began,observed,offered,granted,"
            "will hold,held,took effect,came into force,"
            "came into effect": "pause.declared",
            "cancelled,canceled,called off,scrapped,collapsed,violated,"
            "postponed,broken": "pause.cancelled",
        }
    ),
}
_CUE_FIRST = frozenset(key[0] for table in CUES.values() for key in table)
_NOT_MATERIALISED = {
    k: v
    for k, v in CUES["corridor"].items()
    if v == "corridor.not_materialised" and k != ("failed",)
}
_NEGATED_FLIPS = {
    "corridor.opened": "corridor.not_materialised",
    "corridor.used": "corridor.not_materialised",
    "convoy.entered": "convoy.blocked",
}
_NEGATIONS = frozenset(["not", "n't", "never", "failed", "no", "nobody", "hardly"])
_FUTURE = frozenset(["will", "would", "'ll", "to", "plans"])
_WINDOW = 12


@dataclass(frozen=True)
class EventMention:
    """An event found in a sentence: type, trigger and cue token indices."""

    event: str
    trigger: int
    cue: int
    negated: bool


def find_events(words: Sequence[str], start: int, end: int) -> list[EventMention]:
    """Events in the sentence ``words[start:end]``, one per type, in order."""
    found: dict[str, EventMention] = {}
    for t in [k for k in range(start, end) if words[k] in TRIGGERS]:
        kind = TRIGGERS[words[t]]
        if kind == "hospital" and _is_hospital_count_only(words, t, start):
            continue
        cue = None
        if kind == "corridor":  # "hardly anyone used the corridors Russia opened"
            cue = _nearest_cue(words, t, start, end, _NOT_MATERIALISED)
        # "the agreed pause was cancelled": a cue just before the noun is an
        # adjective, used only when no other cue is near.
        cue = (
            cue
            or _nearest_cue(words, t, start, end, CUES[kind], skip=t - 1)
            or _nearest_cue(words, t, start, end, CUES[kind])
        )
        if cue is None:
            continue
        event, at = cue
        lo = max(start, min(at, t) - 4)
        negated = any(w in _NEGATIONS for w in words[lo:at]) and not event.endswith(
            ("not_materialised", "blocked", "destroyed")
        )
        if negated and event == "convoy.entered" and "no" in words[lo:at]:
            continue  # "no convoy has entered": an absence, counted as a claim
        if negated and event in _NEGATED_FLIPS:
            event, negated = _NEGATED_FLIPS[event], False
        if event == "corridor.opened" and _FUTURE & set(words[max(start, at - 3) : at]):
            event = "corridor.announced"  # "it would open three corridors"
        if event not in found:
            found[event] = EventMention(event, t, at, negated)
    return sorted(found.values(), key=lambda m: m.trigger)


def _nearest_cue(
    words: Sequence[str], t: int, start: int, end: int, table: dict, skip: int = -1
) -> tuple[str, int] | None:
    for distance in range(0, _WINDOW):
        for i in (t + distance, t - distance) if distance else (t,):
            if start <= i < end and i != skip and words[i] in _CUE_FIRST:
                for n in (4, 3, 2, 1):
                    if i + n <= end:
                        event = table.get(tuple(words[i : i + n]))
                        if event is not None:
                            return event, i
    return None


def _is_hospital_count_only(words: Sequence[str], t: int, start: int) -> bool:
    """ "the city's 30 hospitals" names hospitals without anything happening."""
    return t > start and words[t - 1] in ("field",)
