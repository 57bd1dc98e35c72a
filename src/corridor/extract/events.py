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
from dataclasses import dataclass

from corridor.extract.cues import phrase_table
from corridor.extract.lexicon import lengths_by_first, words

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
            "established,created,launched,agreed,were agreed,have been agreed,"
            "agreed on,agreed to,named,designated,outlined": "corridor.announced",
            "proposed,propose,proposes,proposal,offered,offer,offers,suggested,"
            "called for,plan,plans,planned,promised,promise,promises,"
            "pledged": "corridor.proposed",
            "opened,open,opens,reopened,operating,operational,work,works,"
            "working,functioning,opening,reopening": "corridor.opened",
            "used,use,uses,using,passed through,walked through,went through,"
            "walking through,walk through,"
            "left through,fled through,came through,came out through,"
            "through the corridor,through the corridors,via,along,"
            "drove out,walked out,crossed": "corridor.used",
            "closed,close,closes,shut,sealed,suspended,"
            "broken,collapsed": "corridor.closed",
            "not materialised,not materialized,failed to materialise,"
            "failed to materialize,yet to open,never opened,remained empty,"
            "stood empty,no one used,nobody used,unused,empty,yet to materialise,"
            "yet to materialize,not been used,largely unused,hardly anyone,"
            "hardly anybody,almost no one,few have used,never came,never arrived,"
            "did not come,didn't come,never happened,never appeared,never come,"
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
            "rolled into": "convoy.entered",
            "blocked,block,turned back,stopped,denied,prevented,held up,stuck,"
            "waiting,stalled,attacked,looted,not allowed,refused,barred,"
            "could not enter,unable,halted,shelled,hit,struck,bombed,fired on,"
            "tried to reach,tried to enter,attempted to reach,"
            "came under fire,fired upon,fired at,ambushed,seized,intercepted,"
            "turned away,sent back,from entering,from reaching,from getting in,"
            "confiscated": "convoy.blocked",
        }
    ),
    "hospital": phrase_table(
        {
            "hit,struck,bombed,shelled,attacked,targeted,damaged,came under fire,"
            "strike,strikes,raid,bombing": "hospital.hit",
            "destroyed,razed,out of service,out of action,no longer functioning,"
            "stopped functioning,put out of,flattened,last hospital,"
            "no hospitals functioning,forced to close,no functioning,"
            "stopped working,stopped operating,closed,gutted,burned down,"
            "burnt down,reduced to rubble,levelled,leveled,demolished,"
            "none functioning": "hospital.destroyed",
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
            "fell through,collapsed,broke down,stalled": "evacuation.paused",
        }
    ),
    "ceasefire": phrase_table(
        {
            "declared,announced,agreed,took effect,came into force,"
            "came into effect,began,brokered,start,started,"
            "reached,observed,respected,honoured,honored,holding,extended,renewed,"
            "prolonged,take effect,takes effect,taking effect,come into force,"
            "comes into force,went into effect,go into effect,goes into effect,"
            "took hold,take hold,takes hold,accepted,accept": "ceasefire.declared",
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
            "accept": "pause.declared",
            "cancelled,canceled,called off,scrapped,collapsed,violated,"
            "postponed,broken": "pause.cancelled",
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
}
_NEGATIONS = frozenset(["not", "n't", "never", "failed", "no", "nobody", "hardly"])
# "has not observed the ceasefire": a truce not kept has collapsed
_KEPT = frozenset(words("observed respected honoured honored held holding"))
_NOT_KEPT = {
    "ceasefire.declared": "ceasefire.collapsed",
    "pause.declared": "pause.cancelled",
}
# "no civilians were able to leave through the corridor": nobody used it
_NOBODY = frozenset(words("nobody none no-one"))
_FUTURE = frozenset(["will", "would", "'ll", "to", "plans"])
_WINDOW = 12


@dataclass(frozen=True)
class EventMention:
    """An event found in a sentence: type, trigger and cue token indices."""

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
    if not triggers or "|" in words[start:end]:
        return []  # a table row holds totals ("Aid convoys entered | 0 | 6")
    for t in triggers:
        kind = TRIGGERS[words[t]]
        if kind == "hospital" and _is_hospital_count_only(words, t, start):
            continue
        if kind == "evacuation" and _vehicles_of(words, t, start):
            continue  # "a convoy of 11 buses": the convoy is the event
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
        second = {*_far(words, t), *relative}
        cue = (
            cue
            or _nearest_cue(words, near, end, CUES[kind], skip=first)
            or _nearest_cue(words, near, end, CUES[kind], skip=second)
        )
        if cue is None:
            continue
        # "opened at dawn ... before it was shut again": a later cue of another
        # kind in the same clause is a second event of the same noun
        for event, at in [cue, *_more_cues(words, t, cue, start, end, CUES[kind])]:
            mention = _mention(words, event, t, at, start)
            if mention is not None and mention.event not in found:
                found[mention.event] = mention
    return sorted(found.values(), key=lambda m: m.trigger)


def _mention(
    words: Sequence[str], event: str, t: int, at: int, start: int
) -> EventMention | None:
    if at + 1 < len(words) and words[at + 1][:1].isdigit() and at > t:
        return None  # "Aid convoys since 5 March: entered 4": a total, a claim
    lo = max(start, min(at, t) - 4)
    negated = any(w in _NEGATIONS for w in words[lo:at]) and not event.endswith(
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
    if event == "corridor.used" and _nobody_before(words, min(at, t), start):
        event, negated = "corridor.not_materialised", False
    if negated and event in _NEGATED_FLIPS:
        event, negated = _NEGATED_FLIPS[event], False
    if event == "corridor.opened" and _FUTURE & set(words[max(start, at - 3) : at]):
        event = "corridor.announced"  # "it would open three corridors"
    return EventMention(event, t, at, negated)


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
    return False


_PEOPLE = frozenset(words("one civilians people residents families person"))
_STOPS = frozenset(
    words("; . : ? ! but while although though ( ) , after following because due")
)


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
        i = first[1] + next(
            n
            for n in (4, 3, 2, 1)
            if table.get(tuple(words[first[1] : first[1] + n])) == first[0]
        )
    while i < min(end, t + _WINDOW):
        if words[i] in _RELATIVE and i > t + 1:
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
    around = range(max(start, t - _WINDOW + 1), min(end, t + _WINDOW))
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
                    event = table.get(tuple(words[i : i + n]))
                    if event is not None:
                        return event, i
    return None


def _vehicles_of(words: Sequence[str], t: int, start: int) -> bool:
    """ "a convoy of 11 buses", "a column of buses": the buses of another noun."""
    k = t - 1
    if k > start and (words[k][:1].isdigit() or words[k] in _NUMBER_SUBJECTS):
        k -= 1
    return k >= start and words[k] == "of" and words[t] == "buses"


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
    return t >= 2 and words[t - 1] in _DETERMINERS and words[t - 2].endswith("ed")


def _is_hospital_count_only(words: Sequence[str], t: int, start: int) -> bool:
    """ "the city's 30 hospitals" names hospitals without anything happening."""
    return t > start and words[t - 1] in ("field",)
