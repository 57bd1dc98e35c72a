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

from collections.abc import Collection, Sequence
from typing import NamedTuple

from corridor.extract.cues import CUES as FIGURE_CUES
from corridor.extract.cues import HEADS, phrase_table
from corridor.extract.lexicon import lengths_by_first, words
from corridor.extract.modality import CORRECTIONS, corrected

TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["corridor", "corridors", "passage"], "corridor"),
    **dict.fromkeys(["convoy", "convoys", "trucks", "lorries"], "convoy"),
    **dict.fromkeys(
        ["hospital", "hospitals", "ward", "wards", "facility", "facilities"], "hospital"
    ),
    **dict.fromkeys(
        words("evacuation evacuations evacuate evacuating buses medevac medevacs"),
        "evacuation",
    ),
    **dict.fromkeys(
        ["ceasefire", "ceasefires", "truce", "cease-fire", "cessation"], "ceasefire"
    ),
    **dict.fromkeys(["pause", "pauses", "lull"], "pause"),
}
CUES: dict[str, dict[tuple[str, ...], str]] = {
    "corridor": phrase_table(
        {
            "announced,announce,announces,announcing,unveiled,declared,set up,"
            "established,created,launched,agreed,were agreed,have been agreed,"
            "agreed on,agreed to,named,designated,outlined": "corridor.announced",
            "proposed,propose,proposes,proposal,offered,offer,offers,suggested,"
            "called for,plan,plans,planned,promised,promise,promises,"
            "pledged": "corridor.proposed",
            "opened,open,opens,reopened,operating,operational,work,works,"
            "working,functioning,opening,reopening,worked,operate,"
            "operated": "corridor.opened",
            "used,use,uses,using,passed through,walked through,went through,"
            "walking through,walk through,"
            "left through,fled through,came through,came out through,"
            "through the corridor,through the corridors,via,along,through,"
            "drove out,walked out,crossed,came out,got out": "corridor.used",
            "closed,close,closes,shut,sealed,suspended,"
            "broken,collapsed": "corridor.closed",
            "not materialised,not materialized,failed to materialise,"
            "failed to materialize,yet to open,never opened,remained empty,"
            "stood empty,no one used,nobody used,unused,empty,yet to materialise,"
            "yet to materialize,not been used,largely unused,hardly anyone,"
            "hardly anybody,almost no one,few have used,never came,never arrived,"
            "did not come,didn't come,never happened,never appeared,never come,"
            "did not take place,not take place,could not go ahead,"
            "did not go ahead,not go ahead,cannot go ahead,"
            "never comes,did not arrive,didn't arrive,"
            "failed": "corridor.not_materialised",
        }
    ),
    "convoy": phrase_table(
        {
            "entered,enter,enters,entering,reached,reach,reaches,arrived,arrive,"
            "arrives,arriving,got in,made it,came in,got through,crossed,rolled in,"
            "unloaded,made it in,"
            "delivered,rolled into,drove into,crossed into,carried,"
            "was allowed,went in,went into,drove in,pulled in,"
            "rolled into,received,allowed in,let in,come in,"
            "comes in,came,came finally,finally came": "convoy.entered",
            "blocked,block,turned back,stopped,denied,prevented,held up,stuck,"
            "held,was held,were held,being held,"
            "waiting,stalled,attacked,looted,not allowed,refused,barred,"
            "could not enter,unable,halted,shelled,hit,struck,bombed,fired on,"
            "tried to reach,tried to enter,attempted to reach,"
            "came under fire,came under,fired upon,fired at,ambushed,seized,"
            "intercepted,"
            "turned away,sent back,from entering,from reaching,from getting in,"
            "turn back,turning back,forced back,"
            "confiscated": "convoy.blocked",
        }
    ),
    "hospital": phrase_table(
        {
            "hit,struck,bombed,shelled,attacked,targeted,damaged,came under fire,"
            "strike,strikes,raid,bombing,bomb,bombs,shell,shelling on,shelling of,"
            "airstrike on,airstrikes on,air strike on,air strikes on,hit by,"
            "struck by,shelled by,blast at,blast,explosion at,explosion,"
            "landed near,landed on,landed in,fell near,fell on,fell in,"
            "crashed into,slammed into,exploded near,exploded at,exploded in,"
            "exploded inside": "hospital.hit",
            "destroyed,razed,out of service,out of action,no longer functioning,"
            "stopped functioning,put out of,flattened,last hospital,"
            "no hospitals functioning,forced to close,no functioning,"
            "stopped working,stopped operating,closed,gutted,burned down,"
            "burnt down,reduced to rubble,levelled,leveled,demolished,"
            "none functioning,burned,burnt,destruction": "hospital.destroyed",
        }
    ),
    "evacuation": phrase_table(
        {
            "began,begin,begun,begins,started,start,starts,got under way,"
            "under way,underway,resumed,first buses,departed,kicked off,"
            "first convoy,resuming,resume,resumes,restarted,"
            "commenced": "evacuation.started",
            "completed,complete,ended,finished,concluded,last buses,"
            "came to an end,is over,was over,wrapped up,completing,"
            "final buses,to an end,last of": "evacuation.completed",
            "suspended,halted,paused,stopped,interrupted,put on hold,"
            "postponed,delayed,delaying,delay,called off,cancelled,"
            "canceled,put off,on hold,being held,held at,held up,put on ice,"
            "fell through,collapsed,broke down,stalled,not go ahead,"
            "did not go ahead,could not go ahead,failed to go ahead,"
            "cannot go ahead,can not go ahead": "evacuation.paused",
        }
    ),
    "ceasefire": phrase_table(
        {
            "declared,announced,agreed,took effect,came into force,"
            "came into effect,began,brokered,start,started,"
            "reached,observed,respected,honoured,honored,holding,extended,renewed,"
            "prolonged,take effect,takes effect,taking effect,come into force,"
            "comes into force,went into effect,go into effect,goes into effect,"
            "took hold,take hold,takes hold,accepted,accept,ordered,"
            "demanding,demanded,demands,come into effect,comes into effect,"
            "coming into effect,in effect,in force,begins,come into force": (
                "ceasefire.declared"
            ),
            "collapsed,broke down,violated,fell apart,ended,broken,"
            "breached,failed to respect,not respected,over,collapse,"
            "breakdown,ignored,unravelled,unraveled,crumbled,shattered,shattering,"
            "disintegrated,in tatters": "ceasefire.collapsed",
        }
    ),
    "pause": phrase_table(
        {
            "declared,announced,agreed,began,observed,offered,granted,"
            "will hold,held,took effect,came into force,"
            "came into effect,negotiated,brokered,make,take effect,takes effect,"
            "taking effect,extended,renewed,holding,respected,went into effect,"
            "go into effect,goes into effect,took hold,accepted,"
            "accept,ordered,begins,come into effect,"
            "comes into effect,coming into effect,in effect,in force,"
            "come into force,comes into force": "pause.declared",
            "cancelled,canceled,called off,scrapped,collapsed,violated,"
            "postponed,broken,broke down,fell apart,breached,failed to respect,"
            "not respected,ignored,unravelled,unraveled,crumbled,"
            "did not go ahead,not go ahead": "pause.cancelled",
        }
    ),
}
_CUE_FIRST = frozenset(key[0] for table in CUES.values() for key in table)
_CUE_LENGTHS = lengths_by_first([key for table in CUES.values() for key in table])
_NOT_MATERIALISED = {
    k: v
    for k, v in CUES["corridor"].items()
    if v == "corridor.not_materialised" and k != ("failed",)
}
_NEGATED_FLIPS = {
    "corridor.opened": "corridor.not_materialised",
    "corridor.used": "corridor.not_materialised",
    "convoy.entered": "convoy.blocked",
    # "no humanitarian corridor was ever agreed", "the evacuation did not
    # start": what did not happen, said of a corridor or an evacuation
    "corridor.announced": "corridor.not_materialised",
    "corridor.proposed": "corridor.not_materialised",
    "evacuation.started": "evacuation.paused",
}
_NEGATIONS = frozenset(["not", "n't", "never", "failed", "no", "nobody", "hardly"])
# "has not observed the ceasefire": a truce not kept has collapsed
_KEPT = frozenset(words("observed respected honoured honored held holding"))
_NOT_KEPT = {
    "ceasefire.declared": "ceasefire.collapsed",
    "pause.declared": "pause.cancelled",
}
# "no civilians were able to leave through the corridor": nobody used it
_NOBODY = frozenset(words("nobody none no-one nothing"))
_WORKING = frozenset(
    words("work works working worked operating operate operated functioning")
)
_OPENING = frozenset(words("opening reopening"))
_FUTURE = frozenset(["will", "would", "'ll", "plans"])  # and "to" right before
_CALLS = frozenset(
    words("call calls called calling urge urges urged urging appeal appealed asked")
)
# who passes through a corridor: people, or a verb of leaving
_PASSERS = frozenset(
    [
        *(w for w, c in HEADS.items() if c.startswith("people") or c == "troops"),
        *(
            k[0]
            for k, v in FIGURE_CUES.items()
            if len(k) == 1 and v in ("people.displaced", "people.evacuated")
        ),
        *words("nobody nothing no-one came went moved passed crossed"),
    ]
)
_CONTINUE = frozenset(words("continue continues continued continuing"))
_WINDOW = 12


class EventMention(NamedTuple):
    """An event found in a sentence: type, trigger and cue token indices. (A
    named tuple, like ``Quantity``: quicker to build than a frozen dataclass.)"""

    event: str
    trigger: int
    cue: int
    negated: bool


def find_events(
    words: Sequence[str],
    start: int,
    end: int,
    triggers: Sequence[int] | None = None,
) -> list[EventMention]:
    """Events in the sentence ``words[start:end]``, one per type, in order.

    ``triggers`` (ascending token indices of the ``TRIGGERS`` in the sentence)
    saves the scan when the caller has them already."""
    found: dict[str, EventMention] = {}
    if triggers is None:
        triggers = [k for k in range(start, end) if words[k] in TRIGGERS]
    if not triggers:
        return []
    sentence = words[start:end]
    if "|" in sentence:
        return []  # a table row holds totals ("Aid convoys entered | 0 | 6")
    doubt = not _DOUBT_WORDS.isdisjoint(sentence)  # may an event be expected?
    denial = not _DENIAL_WORDS.isdisjoint(sentence)  # or denied, or corrected?
    for t in triggers:
        kind = TRIGGERS[words[t]]
        if kind == "ceasefire" and words[t] == "truce":
            kind = _kind(words, t, start)
        if (
            kind == "convoy"
            and _of_buses(words, t, start, end)
            and not _TAKING.isdisjoint(words[t : min(end, t + 10)])
        ):
            kind = "evacuation"  # "a convoy of buses began taking fighters out"
        elif kind == "convoy" and t > start and words[t - 1] in _PEOPLE_MOVERS:
            continue  # "the evacuation convoys have stopped": the evacuation's
        if kind == "hospital" and _is_hospital_count_only(words, t, start):
            continue
        if words[t] == "passage" and not (t > start and words[t - 1] == "safe"):
            continue  # only a "safe passage" is a corridor
        if words[t] in _FACILITIES and not (
            t - 1 > start
            and words[t - 1] in _MEDICAL
            and words[t - 2] not in ("and", "or")  # "on homes, markets and ..."
        ):
            continue  # "health facilities were attacked", not "a storage facility"
        if kind == "evacuation" and _vehicles_of(words, t, start):
            continue  # "a convoy of 11 buses": the convoy is the event
        if kind == "evacuation" and _purpose_of(words, t, start, triggers):
            continue  # "the pause agreed for the evacuation was cancelled"
        if kind == "convoy" and _carries_people(words, t, start, end):
            continue  # the buses of an evacuation are not an aid convoy
        trucks = words[t] in _TRUCKS
        if trucks and not _aid_trucks(words, t, start, end):
            continue  # "44 trucks", "trucks are queueing": not a convoy's arrival
        if t + 1 < end and words[t + 1] in _NOUN_AFTER:
            continue  # "shelled the convoy route": the route, not the convoy
        cue = None
        near = _near(words, t, start, end)
        if kind == "corridor":  # "hardly anyone used the corridors Russia opened"
            cue = _nearest_cue(words, near, end, _NOT_MATERIALISED)
        # "the agreed pause was cancelled": a cue just before the noun is an
        # adjective, used only when no other cue is near.
        relative = _relative_clause(words, t, end)  # "corridors it set up"
        first = {*_modifiers(words, t), *relative}
        if _post_modifier(words, t, end, CUES[kind]):
            first.add(t + 1)  # "the ceasefire agreed last night has broken down"
        if t + 2 < end and words[t + 1] == ",":
            first.add(t + 2)  # "announces two corridors, open from 08:00 daily"
        # "the pause announced by Russia ... a working corridor": a cue right
        # after another trigger is that one's
        others = {k + 1 for k in triggers if k != t and TRIGGERS[words[k]] != kind}
        if t + 1 < end and words[t + 1] in ("via", "along"):
            others.add(t + 1)  # "a corridor along Salah al-Din Road": its route
        first |= others
        cue = cue or _nearest_cue(words, near, end, CUES[kind], skip=first)
        if cue is None:  # then an adjective before the noun may be its cue
            second = {*_far(words, t), *relative, *others}
            cue = _nearest_cue(words, near, end, CUES[kind], skip=second)
        if cue is None:
            continue
        # "opened at dawn ... before it was shut again": a later cue of another
        # kind in the same clause is a second event of the same noun
        more = _more_cues(words, t, cue, start, end, CUES[kind])
        verb = _verb_of_object(words, t, start, CUES[kind])
        if verb is not None and verb[0] != cue[0]:
            more.append(verb)  # "opened safe corridors through which ..."
        for event, at in [cue, *more]:
            if trucks and event not in ("convoy.entered", "convoy.blocked"):
                continue  # aid trucks that got in (or were stopped) are a convoy
            if kind == "convoy" and (
                _tally(words, t, start, end) or _habitual(words, start, end)
            ):
                continue  # "fewer than 10 convoys in October", "twice a month"
            if kind == "convoy" and not _stopped(words, event, at, start, end):
                continue  # "fired on the convoy": blocked only if it went no further
            if doubt and _expected(words, event, at, start):
                continue  # "a pause could begin on Thursday": not (yet) an event
            mention = _mention(words, event, t, at, start, denial, end)
            if mention is not None and mention.event not in found:
                found[mention.event] = mention
    return sorted(found.values(), key=lambda m: m.trigger)


def _mention(
    words: Sequence[str],
    event: str,
    t: int,
    at: int,
    start: int,
    denial: bool = True,
    end: int | None = None,
) -> EventMention | None:
    if (
        at + 1 < len(words)
        and words[at + 1][:1].isdigit()
        and at > t
        and not (at + 2 < len(words) and words[at + 2] in _MONTHS)  # "came 19 March"
    ):
        return None  # "Aid convoys since 5 March: entered 4": a total, a claim
    lo = max(start, min(at, t) - 4)
    negated = not _NEGATIONS.isdisjoint(words[lo:at]) and not event.endswith(
        ("not_materialised", "blocked", "destroyed")
    )
    if (
        negated
        and event == "convoy.entered"
        and (
            "no" in words[lo:at]
            or tuple(words[max(0, t - 3) : t]) == ("not", "a", "single")
        )
    ):
        return None  # "no convoy has entered": an absence, counted as a claim
    if negated and event in _NOT_KEPT and words[at] in _KEPT:
        event, negated = _NOT_KEPT[event], False
    if event == "corridor.used" and (
        _nobody_before(words, min(at, t), start)
        or (at > t and _NOBODY & set(words[t + 1 : at]))  # "Q: the corridors?
    ):  # A: Nothing has moved through them."
        event, negated = "corridor.not_materialised", False
    if negated and event in _NEGATED_FLIPS:
        event, negated = _NEGATED_FLIPS[event], False
    if event == "corridor.closed" and not _UNREALISED.isdisjoint(
        words[max(start, t - 3) : t]
    ):
        event = "corridor.not_materialised"  # "every proposed corridor collapsed"
    if event == "hospital.destroyed" and words[at - 1] in ("never", "not", "n't"):
        return None  # "hit again and again, never closed"
    if (
        event == "hospital.destroyed"
        and words[at] in _STATE_FIRST
        and _ATTACKS.isdisjoint(words[start:end])
    ):
        return None  # "no hospital is functioning": a state, unless a strike did it
    if words[at].startswith("demand") and not _COUNCIL & set(words[start : at + 3]):
        return None  # a demand is a call; a Council resolution declares one
    if negated or (denial and _denied(words, at, start)):
        return None  # "it had not targeted the hospital": it did not happen
    near = words[max(start, at - 15) : at + 15]
    if words[at] in _ROUTE_WORDS and _PASSERS.isdisjoint(near):
        return None  # "medicines arrived through corridors": people pass
    if _after_a_count(words, at, t, start):
        return None  # "Convoys: 2 arrived, 1 turned back": totals, claims
    if event == "corridor.opened" and words[at] in _WORKING and at < t:
        return None  # "working on a maritime corridor", "operating in corridors"
    if event == "corridor.opened" and words[at] in _OPENING and words[at - 1] == "the":
        said = CUES["corridor"].get((words[at - 2],))
        if said in ("corridor.announced", "corridor.proposed"):
            event = said  # "announced the opening of a humanitarian corridor"
    if event == "corridor.opened" and (
        words[at - 1] == "to" or _FUTURE & set(words[max(start, at - 3) : at])
    ):
        if _CALLS & set(words[max(start, at - 10) : at]):
            return None  # "calls on all parties to open safe corridors": a call
        if not _CONTINUE & set(words[max(start, at - 3) : at]):
            event = "corridor.announced"  # "it would open three corridors"
    return EventMention(event, t, at, negated)


# a corridor only offered, whose collapse means it never came into being
_UNREALISED = frozenset(
    words("proposed planned promised offered pledged envisaged mooted")
)


def _kind(words: Sequence[str], t: int, start: int) -> str:
    """The trigger's kind; a truce limited to hours or a few days, or called
    humanitarian ("the three-day humanitarian truce", "a 48-hour truce"), is
    a pause for aid or evacuation, not a ceasefire."""
    kind = TRIGGERS[words[t]]
    if words[t] != "truce":
        return kind
    before = words[max(start, t - 4) : t]
    if _OPEN_ENDED & set(before):
        return kind  # "an indefinite humanitarian truce": a ceasefire
    if "humanitarian" in before:
        return "pause"
    for k in range(max(start, t - 4), t - 1):
        if words[k + 1] == "-" and k + 2 < t and words[k + 2] in ("hour", "day"):
            days = _SHORT.get(words[k])
            if words[k + 2] == "hour" or (days is not None and days <= 5):
                return "pause"
    return kind


_OPEN_ENDED = frozenset(words("indefinite open-ended nationwide permanent lasting"))
_SHORT = {
    **{w: n for n, w in enumerate(words("zero one two three four five"))},
    **{str(n): n for n in range(1, 100)},
}
# Events that are announced, proposed or declared stay events when stated in
# the future ("a pause will take effect at 7am"): the announcement happened.
_ANNOUNCED = frozenset(words("corridor.announced corridor.proposed corridor.opened"))
_DECLARED = frozenset(words("pause.declared ceasefire.declared"))
_MODALS = frozenset(words("will 'll would could should might may must shall"))
_DOUBT = frozenset(words("could should might may must"))
_PLANS = frozenset(
    words(
        "due expected set scheduled planned going meant supposed hoped hope "
        "hopes hoping aims aim ready willing want wants plans plan intends "
        "intend likely"
    )
)
_VERB_GROUP = frozenset(words("be been being have has not to also still then"))


def _expected(words: Sequence[str], event: str, at: int, start: int) -> bool:
    """Is the event only expected, wished for or conditional? "the evacuation
    is due to begin at 11:00", "so that convoys could reach the east", "the
    truce should be extended", "if corridors had been opened": the verb group
    of its cue holds a modal or a plan, or a condition opens its clause. An
    announcement or a declaration stated in the future ("it would open three
    corridors", "a pause will take effect") happened and stays."""
    lo = at
    while lo > start and lo > at - 12 and words[lo - 1] not in _STOPS:
        lo -= 1
    if {"if", "unless"} & set(words[lo:at]):
        return True  # "if corridors had been opened"
    if event in _ANNOUNCED:
        return False
    modals = _DOUBT if event in _DECLARED else _MODALS
    k = at - 1
    if words[at] in _PREPOSITIONS and k > lo:
        k -= 1  # "expected to leave through the corridor": the verb first
    while k >= max(lo, at - 5):
        word = words[k]
        if word in modals:
            return words[k + 1] not in ("not", "n't")  # "could not enter": failed
        if word == "to" and k > start and words[k - 1] in _PLANS:
            return True  # "due to begin", "ready to use any corridor"
        if word not in _VERB_GROUP and not word.endswith("ly"):
            return False
        k -= 1
    return False


_COUNCIL = frozenset(words("resolution council"))  # "the Security Council demanded"
_DOUBT_WORDS = frozenset(["if", "unless", *_MODALS, *_PLANS])
_PREPOSITIONS = frozenset(words("through along via"))
_DENIALS = frozenset(words("denied denies deny rejected"))
_DENIAL_WORDS = frozenset(
    [*_DENIALS, *CORRECTIONS, *words("revised corrected lowered raised earlier")]
)


def _denied(words: Sequence[str], at: int, start: int) -> bool:
    """ "Reports that the operation has been halted are wrong", "the army
    denied that the convoy was stopped": a correction or a denial of it."""
    before = words[max(start, at - 8) : at]
    if _DENIALS & set(before) and {"that", "claims", "reports"} & set(before):
        return True
    return corrected(words, at, start, len(words))


def _after_a_count(words: Sequence[str], at: int, t: int, start: int) -> bool:
    """ "Convoys: 2 arrived, 1 turned back", "two entered, four were
    blocked": a figure that opens the cue's clause makes it a total of
    convoys (a claim), not an event."""
    if TRIGGERS[words[t]] != "convoy":
        return False
    k = at - 1
    if k > start and words[k] in ("were", "was", "had", "have"):
        k -= 1
    if not (k > t and (words[k][:1].isdigit() or words[k] in _COUNTS)):
        return False
    return words[k - 1] in (":", ",", ";", "and", "-")


def _tally(words: Sequence[str], t: int, start: int, end: int) -> bool:
    """ "fewer than 10 UN convoys reached besieged areas in October", "a
    single aid convoy in four years": a count of convoys over a period is a
    claim; an event needs an occasion ("three convoys entered on Monday")."""
    k = t - 1
    while k > start and words[k] in _CONVOY_MODIFIERS:
        k -= 1
    if not (words[k][:1].isdigit() or words[k] in _COUNTS) or words[k] == "one":
        return False  # "one convoy came in last month": one occasion
    sentence = words[start:end]
    if "on" in sentence[max(0, t - start) :]:
        return False  # "on Monday", "on 1 June": an occasion
    for k in range(start, end - 1):
        if words[k] == "since" or tuple(words[k : k + 2]) in _PERIODS:
            return True
        if words[k] == "in" and (
            words[k + 1] in _MONTHS or (k + 2 < end and words[k + 2] in _SPANS)
        ):
            return True  # "in October", "in four years", "in the past month"
    return False


def _habitual(words: Sequence[str], start: int, end: int) -> bool:
    """ "UN convoys reach the city perhaps twice a month", "every week": what
    happens as a rule is no occasion."""
    if _HABIT_FIRST.isdisjoint(words[start:end]):
        return False  # most sentences
    for k in range(start, end - 1):
        if words[k] in ("twice", "once", "times") and words[k + 1] in ("a", "per"):
            return True
        if words[k] == "every" and words[k + 1] in _SPANS_SINGULAR:
            return True
    return False


_HABIT_FIRST = frozenset(words("twice once times every"))
_SPANS_SINGULAR = frozenset(words("day week month other few"))
_CONVOY_MODIFIERS = frozenset(words("aid un wfp humanitarian relief food joint more"))
_PERIODS = frozenset(
    (
        ("this", "year"),
        ("this", "month"),
        ("this", "week"),
        ("last", "month"),
        ("last", "year"),
        ("so", "far"),
        ("a", "month"),
        ("a", "week"),
        ("last", "week"),
    )
)
_SPANS = frozenset(words("years months weeks days year month week past last"))
_MONTHS = frozenset(
    words(
        "january february march april may june july august september october "
        "november december"
    )
)


_COUNTS = frozenset(words("one two three four five six seven eight nine ten"))


def _purpose_of(
    words: Sequence[str], t: int, start: int, triggers: Sequence[int]
) -> bool:
    """ "the five-hour pause agreed for the evacuation": the evacuation is what
    another event noun was for, not what happened."""
    k = t - 1
    if k > start and words[k] in ("the", "an", "this", "its"):
        k -= 1
    return (
        k > start
        and words[k] in ("for", "during")
        and any(t - 6 <= o < k for o in triggers)
    )


_AID = frozenset(
    words(
        "aid humanitarian relief food un wfp unhcr icrc unrwa who trucks truck "
        "lorries supplies medicine medicines medical flour wheat cargo fuel "
        "tonnes tons"
    )
)
_CARRIED = frozenset(words("evacuation evacuees evacuated buses bus ambulances"))


def _carries_people(words: Sequence[str], t: int, start: int, end: int) -> bool:
    """Is the convoy one of buses carrying people out ("gunmen fired on a
    convoy" during an evacuation, "taken out in the first convoys")? Not an
    aid convoy unless aid words name it."""
    if _CARRIED.isdisjoint(words[start:end]) and not _taken_out(words, start, end):
        return False
    return not _AID & set(words[max(start, t - 4) : min(end, t + 8)])


def _taken_out(words: Sequence[str], start: int, end: int) -> bool:
    """Does the sentence say "taken out"? (Most have no "taken" to look after.)"""
    return "taken" in words[start : end - 1] and any(
        words[k] == "taken" and words[k + 1] == "out" for k in range(start, end - 1)
    )


_ATTACKED = frozenset(
    words(
        "shelled hit struck bombed fired attacked ambushed came looted "
        "seized intercepted confiscated"
    )
)
_WENT_NO_FURTHER = frozenset(
    words(
        "destroyed destroying burned burnt forced unable halted suspended "
        "turned back stopped waiting could n't not abandoned retreated "
        "withdrew returned"
    )
)


def _stopped(words: Sequence[str], event: str, at: int, start: int, end: int) -> bool:
    """An attack on a convoy blocks it only if the sentence says it could not
    go on ("fired on the convoy" does not; "was hit ..., destroying 18 of its
    31 trucks" does)."""
    if event != "convoy.blocked" or words[at] not in _ATTACKED:
        return True
    return bool(_WENT_NO_FURTHER & set(words[start:end]))


def _nobody_before(words: Sequence[str], k: int, start: int) -> bool:
    """Is the subject of the clause before ``k`` nobody ("no civilians were
    able to leave ...", "nobody has walked through")?"""
    for j in range(k - 1, max(start, k - 14) - 1, -1):
        if words[j] in (";", ".", ":", "but", ","):
            return False
        if words[j] in _NOBODY or (
            words[j] == "no" and j + 1 < k and words[j + 1] in _PEOPLE
        ):
            return True
        if (  # "I have not met a single person who went out through"
            words[j] in ("single", "any")
            and j + 1 < k
            and words[j + 1] in _PEOPLE
            and not _NEGATIONS.isdisjoint(words[max(start, j - 4) : j])
        ):
            return True
    return False


_PEOPLE = frozenset(words("one civilians people residents families person"))
_STOPS = frozenset(
    words("; . : ? ! but while although though ( ) , after following because due")
)


_FACILITIES = frozenset(words("facility facilities"))
_MEDICAL = frozenset(words("health medical healthcare hospital"))
# the first words of hospital.destroyed cues that tell a state, not a blow
_STATE_FIRST = frozenset(words("out no none stopped forced closed"))
_ATTACKS = frozenset(
    words(
        "bombing bombed bombs strike strikes airstrike airstrikes shelling shelled "
        "shell shells hit struck attack attacks attacked bombardment missiles "
        "missile rockets rocket barrel raids"
    )
)
_ROUTE_WORDS = frozenset(words("through via along"))  # "a corridor via Tartus"
_OBJECT_VERBS = frozenset(
    words(
        "opened reopened closed shut announced established proposed offered "
        "suspended halted declared unveiled launched"
    )
)
_NOUN_PHRASE = frozenset(
    [
        *words("the a an its their two three four five six seven eight nine ten"),
        *words("safe humanitarian second third new several additional further"),
        *words("more all both evacuation aid"),
    ]
)


def _verb_of_object(
    words: Sequence[str], t: int, start: int, table: dict
) -> tuple[str, int] | None:
    """ "Our forces opened safe corridors through which ...", "has also opened
    a second corridor": a verb whose object is the trigger's noun phrase (not
    a participle after a determiner: "the opened corridor")."""
    k = t - 1
    while k > start and k > t - 4 and words[k] in _NOUN_PHRASE:
        k -= 1
    if k < start or words[k] not in _OBJECT_VERBS:
        return None
    if k > start and words[k - 1] in _DETERMINERS:
        return None  # "the opened corridor": an adjective
    event = table.get((words[k],))
    return (event, k) if event is not None else None


def _more_cues(
    words: Sequence[str],
    t: int,
    first: tuple[str, int],
    start: int,
    end: int,
    table: dict,
) -> list[tuple[str, int]]:
    """Cues of other kinds after the first one, up to the end of its clause."""
    found: list[tuple[str, int]] = []
    if first[0] in ("corridor.not_materialised",):
        return found  # "hardly anyone used the corridors Russia opened"
    i = t + 1
    if first[1] > t:  # after the first cue's phrase ("tried to reach")
        # the lengths of the phrases its first word begins: no other can match
        i = first[1] + next(
            n
            for n in _CUE_LENGTHS[words[first[1]]]
            if n <= 4 and table.get(tuple(words[first[1] : first[1] + n])) == first[0]
        )
    relative = _relative_clause(words, t, end)
    while i < min(end, t + _WINDOW):
        if (words[i] in _RELATIVE and i > t + 1) or i in relative:
            break  # "corridors it set up": what was done to it before
        if words[i] in _STOPS and not (
            i + 1 < end and words[i + 1] in ("being", "having")  # "after being"
        ):
            if not (_elided_subject(words, i, end) or _closes_relative(words, t, i)):
                break
            i += 1  # "were bombed; two were reduced to rubble": the same noun
            continue
        for n in _CUE_LENGTHS.get(words[i], ()):
            event = table.get(tuple(words[i : i + n])) if i + n <= end else None
            if event is not None and event != first[0]:
                found.append((event, i))
                break
        i += 1
    return found


_RELATIVE = frozenset(words("that which it they who"))


def _closes_relative(words: Sequence[str], t: int, i: int) -> bool:
    """ "The evacuation, which began on Thursday, was completed on Sunday":
    the comma that closes a relative clause after the noun goes on to its
    verb."""
    return (
        words[i] == ","
        and t + 2 < i
        and words[t + 1] == ","
        and words[t + 2] in ("which", "who")
        and "," not in words[t + 2 : i]
    )


_SUBJECT_AUX = frozenset(words("was were is are had have has"))


def _elided_subject(words: Sequence[str], i: int, end: int) -> bool:
    """ "; two were reduced to rubble", ", one was destroyed": a clause whose
    subject is a number or pronoun standing for the same noun."""
    if words[i] not in (";", ",") or i + 2 >= end:
        return False
    subject = words[i + 1]
    numbered = subject[:1].isdigit() or subject in _NUMBER_SUBJECTS
    return numbered and words[i + 2] in _SUBJECT_AUX


_NUMBER_SUBJECTS = frozenset(
    words("one two three four five six seven eight nine ten both all most some")
)
_DETERMINERS = frozenset(
    words(
        "the a an this that these those its their his her our two three four five "
        "six eight first second new"
    )
)


def _modifiers(words: Sequence[str], t: int) -> range:
    """The words between a determiner and the trigger noun: "the agreed
    humanitarian corridor" (adjectives, not what happened to it)."""
    for k in range(t - 1, max(-1, t - 4), -1):
        if words[k] in _DETERMINERS:
            return range(k + 1, t)
    return range(t - 1, t)


def _far(words: Sequence[str], t: int) -> range:
    """Modifiers not right before the noun: "the agreed humanitarian corridor"
    says nothing happened to it; "the agreed pause" may."""
    modifiers = _modifiers(words, t)
    return range(modifiers.start, t - 1)


def _near(words: Sequence[str], t: int, start: int, end: int) -> list[int]:
    """The tokens less than ``_WINDOW`` from the trigger at ``t`` that may
    begin a cue, nearest first (at equal distance, the one after the trigger):
    the order cues are tried in, found once for every table tried."""
    hi = min(end, t + _WINDOW)
    if t + 1 < end and words[t + 1] == ",":
        # "The evacuation, part of a deal that ..., was halted": past the
        # apposition, up to the end of its clause
        hi = min(end, t + _WINDOW + 8)
        hi = next((k for k in range(t + 2, hi) if words[k] in _CLAUSE_ENDS), hi)
    around = range(max(start, t - _WINDOW + 1), hi)
    cues = [i for i in around if words[i] in _CUE_FIRST]
    return sorted(cues, key=lambda i: 2 * abs(i - t) + (i < t))


def _nearest_cue(
    words: Sequence[str],
    near: Sequence[int],
    end: int,
    table: dict,
    skip: Collection[int] = (),
) -> tuple[str, int] | None:
    """The first cue of ``table`` at one of the tokens ``near`` (``_near``)."""
    for i in near:
        if i not in skip:
            for n in _CUE_LENGTHS[words[i]]:
                if i + n <= end:
                    key = (words[i],) if n == 1 else tuple(words[i : i + n])
                    event = table.get(key)
                    if event is not None:
                        return event, i
    return None


_TRUCKS = frozenset(words("trucks lorries"))
_AID_LOADS = frozenset(words("carrying loaded with"))


def _aid_trucks(words: Sequence[str], t: int, start: int, end: int) -> bool:
    """ "aid trucks", "the first flour trucks", "trucks carrying food and
    medicine": trucks named as aid, which stand for a convoy (a bare count of
    trucks is a claim, if anything)."""
    if t > start and words[t - 1][:1].isdigit():
        return False
    if not _AID.isdisjoint(words[max(start, t - 3) : t]):
        return True
    return (
        t + 1 < end
        and words[t + 1] in _AID_LOADS
        and not _AID.isdisjoint(words[t + 1 : min(end, t + 5)])
    )


_TAKING = frozenset(words("taking carrying ferrying evacuating transporting bringing"))
_PEOPLE_MOVERS = frozenset(words("evacuation evacuee bus buses ambulance"))


def _of_buses(words: Sequence[str], t: int, start: int, end: int) -> bool:
    """ "a convoy of buses", "a convoy of 20 buses": an evacuation (not "the
    first convoy of buses", itself a cue, nor buses carrying aid)."""
    k = t + 2
    if k < end and (words[k][:1].isdigit() or words[k] in _NUMBER_SUBJECTS):
        k += 1
    return (
        t + 1 < end
        and words[t + 1] == "of"
        and k < end
        and words[k] == "buses"
        and words[t - 1] not in ("first", "last", "final")
        and not _AID & set(words[t : min(end, k + 8)])
    )


def _vehicles_of(words: Sequence[str], t: int, start: int) -> bool:
    """ "a convoy of 11 buses", "a column of buses": the buses of another noun."""
    k = t - 1
    if k > start and (words[k][:1].isdigit() or words[k] in _NUMBER_SUBJECTS):
        k -= 1
    return k >= start and words[k] == "of" and words[t] == "buses"


_CLAUSE_ENDS = frozenset(words(": ; . ? !"))
_NOUN_AFTER = frozenset(words("route routes road roads schedule schedules"))
_TIME_AFTER = frozenset(
    words("last on in at for by earlier yesterday overnight this with between")
)


def _relative_clause(words: Sequence[str], t: int, end: int) -> range:
    """ "through corridors it set up", "the corridor they promised": a clause
    right after the noun whose subject is a pronoun says what was done to it
    before, not what happens now."""
    if t + 2 < end and words[t + 1] in _PRONOUNS and words[t + 2] not in _AUX:
        return range(t + 1, min(end, t + 5))
    return range(0)


_PRONOUNS = frozenset(words("it they he she we"))
_AUX = frozenset(words("was were is are had has have will would could"))


def _post_modifier(words: Sequence[str], t: int, end: int, table: dict) -> bool:
    """ "the ceasefire agreed last night has broken down", "not observed the
    ceasefire agreed for the evacuation": a participle right after the noun,
    followed by a time or a preposition, describes the noun when the clause's
    own verb comes after it, or comes before the noun (its object); "the
    corridor opened at eight and was closed" is the verb itself."""
    if t + 2 >= end:
        return False
    word = words[t + 1]
    if not (
        word.endswith("ed")
        and table.get((word,)) is not None
        and words[t + 2] in _TIME_AFTER
    ):
        return False
    for k in range(t + 3, min(end, t + 9)):
        if words[k] in _STOPS or words[k] == "and":
            break
        if words[k] in _AUX:
            return True  # "... agreed last night has broken down"
        if _cue_other_than(words, k, end, table, table[(word,)]):
            return True  # "a ceasefire brokered by tribal mediators broke down"
    return t >= 2 and words[t - 1] in _DETERMINERS and words[t - 2].endswith("ed")


def _cue_other_than(
    words: Sequence[str], k: int, end: int, table: dict, event: str
) -> bool:
    for n in _CUE_LENGTHS.get(words[k], ()):
        found = table.get(tuple(words[k : k + n])) if k + n <= end else None
        if found is not None and found != event:
            return True
    return False


def _is_hospital_count_only(words: Sequence[str], t: int, start: int) -> bool:
    """ "the city's 30 hospitals" names hospitals without anything happening."""
    return t > start and words[t - 1] in ("field",)
