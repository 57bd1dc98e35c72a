"""Indicators: which of DESIGN.md's indicators a figure measures.

The indicator comes from the figure's subject (the noun it counts: "50,000
people", "four corridors", "2,000 troops") and the verb or cue words of its
clause ("are trapped", "lie dead", "poured out of", "were evacuated"). A
figure that names nothing an indicator counts gives None and is dropped:
recall is traded for precision, because every claim a user sees must hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.extract.cues import (
    AID_CUES,
    ARRIVAL_VERBS,
    ATTACK_VERBS,
    AUXILIARIES,
    CLAUSE_END,
    CONFLICT_CUES,
    CONTROL_CUES,
    CUE_FIRST,
    CUES,
    FOOD_CUES,
    HEAD_STOPS,
    HEADS,
    LINKS,
    NO_AID_CUES,
    VEHICLES,
)
from corridor.extract.lexicon import words
from corridor.extract.modality import clause_bounds
from corridor.extract.numbers import Quantity
from corridor.extract.quantifiers import NUMBER_WORDS

_MAX_AFTER = 14
_MAX_BEFORE = 8


def _phrase_at(words: Sequence[str], i: int, end: int, table: dict) -> str | None:
    if words[i] not in CUE_FIRST:
        return None
    for n in (4, 3, 2, 1):
        if i + n <= end:
            value = table.get(tuple(words[i : i + n]))
            if value is not None:
                return value
    return None


def _cue_after(words: Sequence[str], i: int, end: int, table: dict) -> str | None:
    j, stop = i, min(end, i + _MAX_AFTER)
    while j < stop:
        if words[j] in ("including", "among"):  # skip ", including 200 wounded,"
            while j < end and words[j] != ",":
                j += 1
            stop = min(end, j + _MAX_AFTER)
            continue
        if words[j] in CLAUSE_END or words[j][:1].isdigit():
            return None
        value = _phrase_at(words, j, end, table)
        if value is not None:
            return value
        j += 1
    return None


def _cue_before(words: Sequence[str], i: int, start: int, table: dict) -> str | None:
    for j in range(i - 1, max(start, i - _MAX_BEFORE) - 1, -1):
        if words[j] in CLAUSE_END or words[j] == ",":
            return None
        value = _phrase_at(words, j, i, table)
        if value is not None:
            return value
    return None


_INJURED_FATES = {
    key: value
    for key, value in CUES.items()
    if value in ("people.in_need", "people.evacuated", "people.killed")
}
_NOT_STOCKS = frozenset(
    words(
        "pause pauses truce ceasefire window windows lull wait trip journey ride "
        "visit shift curfew walk drive delay mission operation flight"
    )
)
_NOT_COMPOUND = (None, "people.killed", "people")  # "wounded people" are wounded
_PARTITIVES = frozenset(
    (("of", "the"), ("of", "its"), ("of", "their"), ("of", "these"), ("of", "those"))
)


def head_of(words: Sequence[str], q: Quantity, end: int) -> tuple[str | None, int]:
    """The category of the noun the figure counts, and its token index."""
    if q.end + 1 < end and words[q.end] == "-":  # "a 46-truck convoy"
        category = HEADS.get(words[q.end + 1])
        return (category, q.end + 1) if category else (None, -1)
    after = tuple(words[q.end : q.end + 2])
    if after in _PARTITIVES and q.end + 2 < end and words[q.end + 2][:1].isdigit():
        return None, -1  # "six of the 8 hospitals": the part is not a count
    if after in _PARTITIVES and q.end + 2 < end and words[q.end + 2] in NUMBER_WORDS:
        return None, -1
    for j in range(q.end, min(end, q.end + 4)):
        word = words[j]
        category = HEADS.get(word)
        if category is not None:
            if category == "people.killed" and word == "killed" and j > q.end:
                return None, -1  # "30 civilians ... killed" is handled by cues
            if j + 1 < end and HEADS.get(words[j + 1]) not in _NOT_COMPOUND:
                return HEADS[words[j + 1]], j + 1  # "aid convoys", "bus convoys"
            if words[q.core] == "one" and j > q.end + 1:
                return None, -1  # "one counts registered arrivals": a pronoun
            return category, j
        if word in HEAD_STOPS and not (word == "of" and j == q.end):
            break
    return None, -1


def _window(words: Sequence[str], i: int, start: int, end: int) -> set[str]:
    lo, hi = clause_bounds(words, i, start, end)
    return set(words[lo:hi])


# "including five children", "up from 1.2 million": the figure before decides.
SAME_AS_BEFORE: tuple[tuple[str, ...], ...] = (
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("of", "whom"),
    ("up", "from"),
    ("down", "from"),
    ("compared", "with"),
    ("compared", "to"),
    ("from",),
)


def follows_previous(q: Quantity, words: Sequence[str], start: int) -> bool:
    """Does the figure continue the one before it ("..., including 27 children")?"""
    stop = q.start + 1 if words[q.start] == "from" else q.start
    for form in SAME_AS_BEFORE:
        k = stop - len(form)
        if k >= start and tuple(words[k:stop]) == form:
            return True
    return False


def classify(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    """The indicator the quantity measures, judged within ``words[start:end]``."""
    if q.kind in ("money", "age", "time", "distance"):
        return None
    if q.kind == "percent":
        clause = _window(words, q.start, start, end)
        return "territory.control_share" if clause & CONTROL_CUES else None
    if q.kind == "duration":
        return _duration(q, words, start, end)
    if q.kind == "tonnes":
        clause = _window(words, q.start, start, end)
        return "aid.delivered" if clause & AID_CUES else None
    head, at = head_of(words, q, end)
    if q.zero:
        return _zero(head, words, at, end)
    if _is_ration_count(words, q, start) or _window(words, q.start, start, end) & _PAST:
        return None
    if _is_labelled(words, q, start, end):
        label = _label(words, q, start)
        if label is not None:
            return label
    if head is None:
        return _headless(q, words, start, end)
    after = at + 1
    if head == "people":
        cue = (
            _verb_before(words, q, start)
            or _cue_after(words, after, end, CUES)
            or _cue_before(words, q.start, start, CUES)
        )
        return _people(cue, words, q, start, end)
    if head == "troops":
        cue = _verb_before(words, q, start) or _cue_after(words, after, end, CUES)
        if cue == "people.displaced" and _window(words, q.start, start, end) & VEHICLES:
            return "people.evacuated"  # "6,749 fighters ... left on buses"
        if cue == "people.trapped":  # "4,000 fighters and their families remain"
            mixed = {"families", "relatives"} & set(words[at : at + 5])
            return cue if mixed else "forces.troops"
        if cue in _FATES:
            return cue  # "2,500 fighters were evacuated"
        return "forces.troops"
    if head == "hospitals":
        clause = _window(words, at, start, end)
        if _functioning(words, at + 1, end):
            return "health.hospitals"  # "the eight hospitals still operating"
        if clause & ATTACK_VERBS:
            return "attacks.count"
        if clause & _OUT_OF_SERVICE:
            return None  # "three hospitals stopped working": not how many work
        return "health.hospitals"
    if head == "people.injured":
        cue = _cue_after(words, after, end, _INJURED_FATES)
        if cue is not None:
            return cue  # "400 wounded need medical evacuation", "were taken out"
        return head
    if head == "access.convoys" and (
        (at > q.end and words[at - 1] in _VEHICLES_OF_PEOPLE)
        or _window(words, at, start, end) & _CARRYING_PEOPLE
    ):
        return None  # "four bus convoys", "21 convoys carried 55,817 people"
    if head == "doctors":
        cue = _cue_after(words, after, end, CUES)
        return cue if cue in ("people.killed", "people.injured") else "health.doctors"
    if head == "aid":
        return None
    return head


def _people(
    cue: str | None, words: Sequence[str], q: Quantity, start: int, end: int
) -> str | None:
    """People leaving on buses are evacuated; people of a besieged town, trapped."""
    if cue == "forces.troops":
        return None
    clause = _window(words, q.start, start, end)
    if cue == "people.displaced" and clause & VEHICLES:
        return "people.evacuated"
    if cue == "people.trapped" and "left" in clause and clause & VEHICLES:
        return "people.evacuated"  # "3,000 people left in the first convoy"
    if cue is None and set(words[start:end]) & {"besieged", "siege", "encircled"}:
        return "people.trapped"
    if cue is None and q.start > start and words[q.start - 1] in ("its", "'s"):
        return "people.trapped"  # "Its 380,000 people", "the town's 40,000 residents"
    return cue


_AID_NOUNS = frozenset(words("aid food deliveries supplies assistance convoy convoys"))
_VEHICLES_OF_PEOPLE = frozenset(words("bus buses car cars evacuation vehicle"))
_CARRYING_PEOPLE = frozenset(words("people civilians residents evacuees passengers"))
_PAST = frozenset(words("once pre-war formerly prewar"))


def _is_labelled(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """A table line: "Deaths from starvation: 46" (a short label, then the figure
    alone), not prose with a colon ("the shelling never stopped: hundreds ...")."""
    if q.start == start or words[q.start - 1] not in (":", "-", "–", "—"):
        return False
    after = words[q.end] if q.end < end else ""
    return q.start - 1 - start <= 8 and (after in _LINE_ENDS or after.isspace())


_LINE_ENDS = frozenset(("", ".", ",", ";", "(", ")", "-", "–"))


def _label(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """ "People in need: 42,000", "Deaths reported since 1 December: 46"."""
    label = range(start, q.start - 1)
    for k in label:
        if words[k] in ("killed", "dead", "deaths", "fatalities"):
            return "people.killed"
        if words[k] in ("injured", "wounded", "injuries"):
            return "people.injured"
        cue = _phrase_at(words, k, q.start - 1, CUES)
        if cue is not None and cue != "forces.troops":
            return cue
        category = HEADS.get(words[k])
        if category in _LABEL_HEADS:
            return _LABEL_HEADS[category]
    return None


_LABEL_HEADS = {
    "troops": "forces.troops",
    "hospitals": "health.hospitals",
    "doctors": "health.doctors",
    "attacks.count": "attacks.count",
    "access.convoys": "access.convoys",
    "access.corridors": "access.corridors",
}


def _functioning(words: Sequence[str], j: int, end: int) -> bool:
    """ "hospitals still operating" (not "stopped working")."""
    near = set(words[j : min(end, j + 4)])
    return bool(near & _WORKING) and not near & _NOT_WORKING


_NOT_WORKING = frozenset(words("stopped no not longer ceased n't"))


_WORKING = frozenset(words("functioning functional working operational open operating"))


def _zero(head: str | None, words: Sequence[str], at: int, end: int) -> str | None:
    """The indicator of "no hospitals", "not a single convoy" ..., or None."""
    if head is None:
        return None
    if head == "hospitals":
        return "health.hospitals"
    if head == "doctors":
        return "health.doctors"
    if head in ("access.corridors", "access.convoys"):
        return head
    if head == "aid":
        after = set(words[at + 1 : min(end, at + 6)])
        return "aid.delivered" if after & ARRIVAL_VERBS else None
    if head in ("people", "troops"):
        cue = _cue_after(words, at + 1, end, CUES)
        return cue if cue in ("people.killed", "people.injured") else None
    return None


_FATES = frozenset(
    words(
        "people.killed people.injured people.detained people.evacuated people.trapped"
    )
)
_OBJECT_VERBS = frozenset(
    words(
        "killed killing wounded wounding injured injuring evacuated detained "
        "arrested abducted deported"
    )
)


def _verb_before(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """ "killed at least 15 civilians": a verb right before its object."""
    if q.start > start and words[q.start - 1] in _OBJECT_VERBS:
        return CUES.get((words[q.start - 1],))
    if (
        q.start - 1 > start
        and words[q.start - 1] == "out"
        and words[q.start - 2] in ("brought", "took", "bused", "bussed", "pulled")
    ):
        return "people.evacuated"  # "had brought out 194 sick and wounded"
    return None


_OUT_OF_SERVICE = frozenset(
    words("stopped closed destroyed shut razed flattened damaged bombing")
)


def _headless(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    """ "7 died", "the death toll rose to 300": no noun, so verbs decide."""
    if (cue := _verb_before(words, q, start)) is not None:
        return cue
    if q.end < end and words[q.end] == "times":
        if set(words[max(start, q.start - 3) : q.start]) & ATTACK_VERBS:
            return "attacks.count"  # "were attacked 23 times"
        return None
    if _functioning(words, q.end, end) and "hospitals" in words[start:end]:
        return "health.hospitals"  # "only two are partially functioning"
    j = q.end
    if tuple(words[j : j + 2]) in (("of", "them"), ("of", "whom"), ("of", "us")):
        j += 2
    cue = None
    while j < end and cue is None:
        cue = _phrase_at(words, j, end, CUES)
        if cue is None and words[j] not in AUXILIARIES:
            break
        j += 1
    if cue is not None and cue != "forces.troops":
        return _people(cue, words, q, start, end)
    before = words[q.start - 1] if q.start > start else ""
    if before in LINKS:
        cue = _cue_before(words, q.start, start, CUES)
        if cue is not None and cue != "forces.troops":
            return cue
        for k in range(q.start - 1, max(start, q.start - _MAX_BEFORE) - 1, -1):
            category = HEADS.get(words[k])
            if category in ("people.killed", "people.evacuated", "people.displaced"):
                return category
            if category == "people":  # "the besieged population ... at 250,000"
                return _people(None, words, q, start, end)
    return None


def _is_ration_count(words: Sequence[str], q: Quantity, start: int) -> bool:
    """ "food for 145,000 people", "camps for up to 80,000": rations and
    capacities, not counts of anything."""
    return q.start > start and words[q.start - 1] in ("for", "feed", "feeding")


def _duration(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    before = words[q.start - 1] if q.start > start else ""
    if before in ("every", "each", "per") or _NOT_STOCKS & set(
        words[q.end : q.end + 2]
    ):
        return None  # "every two days", "a 48-hour pause", "a three-day truce"
    lo = max(start, q.start - 12)
    hi = min(end, q.end + 12)
    for j in range(lo, hi):
        if _phrase_at(words, j, hi, NO_AID_CUES):
            return "access.days_without_aid"
        if words[j] in ("no", "without") and set(words[j + 1 : j + 3]) & _AID_NOUNS:
            return "access.days_without_aid"  # "no fresh food for three months"
    clause = set(words[lo:hi])
    if clause & FOOD_CUES:
        return "food.stock_duration"
    if set(words[max(start, q.start - 10) : min(end, q.end + 5)]) & CONFLICT_CUES:
        return "conflict.duration"
    return None
