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
    CUE_LENGTHS,
    CUES,
    FOOD_CUES,
    HEAD_STOPS,
    HEADS,
    LINKS,
    NO_AID_CUES,
    NOMINAL_FATES,
    VEHICLES,
    WITH_US,
)
from corridor.extract.lexicon import words
from corridor.extract.modality import clause_bounds
from corridor.extract.numbers import Quantity
from corridor.extract.quantifiers import NUMBER_WORDS

_MAX_AFTER = 14
_MAX_BEFORE = 8


def _phrase_at(words: Sequence[str], i: int, end: int, table: dict) -> str | None:
    """The value in ``table`` (``CUES`` or ``NO_AID_CUES``, or a part of one)
    of the longest cue at ``i``."""
    for n in CUE_LENGTHS.get(words[i], ()):
        if i + n <= end:
            key = (words[i],) if n == 1 else tuple(words[i : i + n])
            value = table.get(key)
            if value is not None:
                return value
    return None


def _cue_after(words: Sequence[str], i: int, end: int, table: dict) -> str | None:
    j, stop = i, min(end, i + _MAX_AFTER)
    while j < stop:
        parenthesis = words[j] in ("including", "among") and words[j - 1] == ","
        if (
            parenthesis
            or (words[j] == "," and _share_apposition(words, j, end))
            or (  # skip ", including 200 wounded," ", 3,000 of them X,"
                words[j] == ","
                and j + 3 < end
                and _is_number(words[j + 1])
                and words[j + 2 : j + 4] in (["of", "them"], ["of", "whom"])
            )
        ):
            j += 1
            while j < end and words[j] != ",":
                j += 1
            j += 1
            stop = min(end, j + _MAX_AFTER)
            continue
        if words[j] in CLAUSE_END:
            return None
        if words[j][:1].isdigit():
            if not _coordinated(words, j, end):
                return None
            j += 2  # "169 civilians and 69 militants left": the verb is shared
            continue
        value = _phrase_at(words, j, end, table) if words[j] in CUE_LENGTHS else None
        if value is not None:
            return _left_when(words, j, end, value)
        j += 1
    return None


_SHARE_WORDS = frozenset(words("% per percent population"))


def _share_apposition(words: Sequence[str], j: int, end: int) -> bool:
    """ "5 million people, about 90% of the population, need food aid": a
    share set off by commas between the figure and its verb."""
    if words[j] != "," or j + 2 >= end:
        return False
    k = j + 1
    while k < end and k < j + 4 and not words[k][:1].isdigit():
        k += 1
    if k >= end or not words[k][:1].isdigit():
        return False
    close = next((m for m in range(k, min(end, k + 8)) if words[m] == ","), None)
    return close is not None and not _SHARE_WORDS.isdisjoint(words[k:close])


def _coordinated(words: Sequence[str], j: int, end: int) -> bool:
    """Is the number at ``j`` a second subject sharing the verb after it:
    "and 69 militants left" (not "and 40 wounded", which names its own fate)?"""
    k = j - 1
    while k > 0 and words[k] in _HEDGED:
        k -= 1  # "4,000 civilians and about 700 fighters left"
    return (
        words[k] == "and"
        and j + 2 < end
        and HEADS.get(words[j + 1]) in ("people", "troops")
    )


_HEDGED = frozenset(words("about around some roughly nearly almost approximately"))


_TIMES = frozenset(
    words("first last hours hour days day morning night evening week weeks minutes")
)


def _left_when(words: Sequence[str], j: int, end: int, value: str) -> str:
    """ "3,000 left in the first hours" left the place; "3,000 left in the
    town" remain in it."""
    after_them = tuple(words[max(0, j - 2) : j]) in (("of", "them"), ("of", "us"))
    if value == "people.displaced" and words[j] == "left" and after_them:
        return "people.trapped"  # "no more than 2,000 of them left"
    if value == "people.trapped" and words[j] == "left" and j + 2 < end:
        after = words[j + 2 : j + 4] if words[j + 1] == "in" else []
        if after and (after[0] in _TIMES or after[-1] in _TIMES):
            return "people.displaced"
    return value


def _cue_before(words: Sequence[str], i: int, start: int, table: dict) -> str | None:
    for j in range(i - 1, max(start, i - _MAX_BEFORE) - 1, -1):
        if words[j] in CLAUSE_END or words[j] == ",":
            return None
        if words[j] in LINKS:
            continue  # "the toll reached 300": a link, not a cue
        if j == i - 1 and words[j] in ("leaving", "left"):
            return None  # "leaving 20,000 people at risk": the fate comes after
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
    of = q.end
    if of + 1 < len(words) and words[of] == "out" and words[of + 1] == "of":
        of += 1  # "2 out of 10 hospitals"
    if of < end and words[of] == "of":
        whole = _whole_after(words, of + 1, end)
        if whole is not None:
            # "4 of the 6 hospitals are functioning": the part is the count;
            # "six of the eight hospitals still operating": the whole is
            return _whole_head(words, whole, end)
    for j in range(q.end, min(end, q.end + 4)):
        word = words[j]
        category = HEADS.get(word)
        if category is not None:
            if category == "people.killed" and word == "killed" and j > q.end:
                return None, -1  # "30 civilians ... killed" is handled by cues
            if (
                category == "aid"
                and j + 1 < end
                and HEADS.get(words[j + 1]) == "people"
            ):
                return "people", j + 1  # "two aid workers"
            if j + 1 < end and HEADS.get(words[j + 1]) not in _NOT_COMPOUND:
                return HEADS[words[j + 1]], j + 1  # "aid convoys", "bus convoys"
            if words[q.core] == "one" and j > q.end + 1:
                return None, -1  # "one counts registered arrivals": a pronoun
            return category, j
        if word == "and" and j > q.end and words[j - 1] not in HEADS:
            continue  # "734 sick and wounded people"
        if word in HEAD_STOPS and not (word == "of" and j == q.end):
            break
    return None, -1


_DETERMINERS = frozenset(words("the its their these those his her our 's ’s"))


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS


def _whole_after(words: Sequence[str], i: int, end: int) -> int | None:
    """The index of the figure in "of [the] [city's] 20", starting at ``i``."""
    for j in range(i, min(end, i + 4)):
        if _is_number(words[j]):
            return j
        if words[j] not in _DETERMINERS and not (
            j + 1 < end and words[j + 1] in ("'s", "’s")
        ):
            return None
    return None


def _whole_head(words: Sequence[str], j: int, end: int) -> tuple[str | None, int]:
    """The noun of the whole in a partitive, unless a participle follows it
    ("the eight hospitals still operating"): then the part counts nothing."""
    for k in range(j + 1, min(end, j + 5)):
        category = HEADS.get(words[k])
        if category is not None:
            after = words[k + 1 : k + 3]
            copula = bool(after) and after[0] in ("are", "were", "is", "was")
            if not copula and any(w.endswith("ing") for w in after):
                return None, -1  # not "4 of the 6 hospitals are functioning"
            return category, k
        if words[k] in HEAD_STOPS:
            break
    return None, -1


def is_whole(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """Is the figure the whole of a partitive ("4 of the 6 hospitals", "Of the
    territory's 36 hospitals, only 10 ..."), a total the part is counted in?"""
    k = q.start - 1
    while k >= start and k >= q.start - 4 and words[k] != "of":
        if words[k] not in _DETERMINERS and words[k + 1] not in ("'s", "’s"):
            return False
        k -= 1
    if k < start or words[k] != "of":
        return False
    while start < k and words[start] in _BULLETS:
        start += 1  # "- Of the region's 40 hospitals, most ..."
    if k == start or words[k - 1] in (",", ";", ":"):
        return _fronted(words, start) is not None  # "Of the four hospitals, ..."
    part = k - 2 if words[k - 1] == "out" and k - 2 >= start else k - 1
    if not _is_number(words[part]):
        return False  # "4 of the 6 hospitals", "2 out of 10 hospitals"
    return _whole_head(words, q.core, end)[0] is not None


_BULLETS = frozenset(["-", "•", "*", "–", "—"])


def _fronted(words: Sequence[str], start: int) -> int | None:
    """The noun of a sentence that opens with its whole: "Of the territory's 36
    hospitals, only 10 function"."""
    if words[start] != "of":
        return None
    for k in range(start + 1, min(len(words), start + 8)):
        category = HEADS.get(words[k], "")
        if category in (
            "hospitals",
            "doctors",
            "people",
            "access.convoys",
        ) or category.startswith("people."):
            return k  # "Of the 1,200 evacuees, 300 were ..."
    return None


_STILL_WORKING = frozenset(
    words(
        "function functions functioned work works worked operate operates "
        "operating functioning working open"
    )
)


def _fronted_part(
    q: Quantity, words: Sequence[str], start: int, end: int
) -> str | None:
    """ "Of the four hospitals ..., not one still worked": the part after the
    comma counts the fronted noun."""
    noun = _fronted(words, start)
    if noun is None:
        return _fronted_group(q, words, start, end)
    if noun > q.start or "," not in words[noun : q.start]:
        return None
    category = HEADS[words[noun]]
    after = set(words[q.end : min(end, q.end + 4)])
    if category == "hospitals":
        return "health.hospitals" if after & _STILL_WORKING else None
    if category == "doctors":
        return "health.doctors"
    if category == "access.convoys":
        return category  # "Of the 61 convoys planned, 10 reached the north"
    cue = _cue_after(words, q.end, end, CUES)
    if category.startswith("people.") and cue not in _OWN_FATES:
        return category  # "Of the 1,200 evacuees, 300 were sick": a subset
    return _people(cue, words, q, start, end)


_OWN_FATES = frozenset(words("people.killed people.detained people.in_need"))


def _fronted_group(
    q: Quantity, words: Sequence[str], start: int, end: int
) -> str | None:
    """ "Of the 5,000 who left, 1,200 were women": the part after the comma
    takes the verb of the fronted whole."""
    if words[start] != "of" or q.start - start > 12:
        return None
    for k in range(start + 1, min(q.start, start + 5)):
        if _is_number(words[k]) and k + 2 < q.start and words[k + 1] in ("who", "that"):
            comma = next((m for m in range(k, q.start) if words[m] == ","), None)
            if comma is None:
                return None
            cue = next(
                (
                    c
                    for m in range(k + 2, comma)
                    if (c := _phrase_at(words, m, comma, CUES))
                ),
                None,
            )
            return cue if cue != "forces.troops" else None
    return None


def _window(words: Sequence[str], i: int, start: int, end: int) -> set[str]:
    lo, hi = clause_bounds(words, i, start, end)
    return set(words[lo:hi])


# "including five children", "up from 1.2 million": the figure before decides.
SAME_AS_BEFORE: tuple[tuple[str, ...], ...] = (
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("between", "them"),
    ("of", "whom"),
    ("up", "from"),
    ("down", "from"),
    ("compared", "with"),
    ("compared", "to"),
    ("from",),
    ("incl",),
)


_CUMULATIVE = frozenset(
    words(
        "bringing brings brought taking takes took raising raises pushing "
        "revised revising lowered corrected"  # "but revised it down to 16"
    )
)


_SAYS = frozenset(
    words(
        "says say said claims claimed estimates estimated puts put reports reported "
        "activists officials monitors others opposition government ministry un "
        "counted count counts recorded documented"
    )
)
_ESTIMATE_OF = frozenset(words("estimate figure count tally toll"))


def restates_previous(q: Quantity, words: Sequence[str], start: int, end: int) -> bool:
    """A bare figure that is a part of the figure before ("320 people are
    malnourished, 33 of whom need evacuation") or that another source gives
    for the same thing: "state media said 300 died, activists 135", "..., the
    UN says 600 thousand", "the Observatory's estimate of more than 50,000"."""
    if q.kind != "count" or q.start - 1 <= start:
        return False
    if tuple(words[q.end : q.end + 2]) in (("of", "whom"), ("of", "them")):
        return True
    if head_of(words, q, end)[0]:
        return False
    before = words[q.start - 1]
    if "population" in words[max(start, q.start - 4) : q.start]:
        return False  # "a population estimated at 250,000": its own figure
    if before == "of":
        return words[q.start - 2] in _ESTIMATE_OF
    if before == "at" and _SAYS & set(words[max(start, q.start - 4) : q.start - 1]):
        return True  # "State media put the toll at 900; local monitors at 1,400"
    return before in _SAYS and (q.end >= end or words[q.end] in _LINE_ENDS)


def follows_previous(q: Quantity, words: Sequence[str], start: int) -> bool:
    """Does the figure continue the one before it ("..., including 27 children")?"""
    stop = q.start + 1 if words[q.start] == "from" else q.start
    if (
        stop - 1 > start
        and words[stop - 1] == "to"
        and _CUMULATIVE & set(words[max(start, stop - 10) : stop])
    ):
        return True  # "..., bringing the total since 1 December to 46"
    link = stop - 1
    while link > start and words[link] in ("now", "already", "still", "so", "far"):
        link -= 1
    if (
        link >= start
        and words[link] in LINKS
        and "total" in words[max(start, link - 8) : link]
    ):
        return True  # "..., and the total since 15 March is now more than 30,000"
    label = _label_span(words, q, start)
    if stop - 1 > start and words[stop - 1] in ("are", "were", "is", "was"):
        stop -= 1  # "; among them are 500 children"
    for form in SAME_AS_BEFORE:
        k = stop - len(form)
        if k >= start and tuple(words[k:stop]) == form:
            return True
        if label and tuple(words[label.start : label.start + len(form)]) == form:
            return True  # "Total evacuated: 25,000 / Of whom wounded: 750"
    return False


_LIST_FATES = frozenset(
    words(
        "people.killed people.injured people.detained people.evacuated people.displaced"
    )
)


def continues_list(
    q: Quantity, previous: Quantity, fate: str | None, words: Sequence[str], end: int
) -> bool:
    """Is the figure a further item of a list whose first item has a fate?
    "killed 299 militants, 70 soldiers and police, and 27 civilians",
    "465 terrorists killed, 114 troops and 45 civilians": the later items
    have no verb of their own, so the first item's verb counts them too."""
    if fate not in _LIST_FATES or q.kind != "count" or previous.kind != "count":
        return False
    if q.zero:
        return False  # "5000 already buried, nobody counts anymore"
    if words[q.core] == "one":
        return False  # "3 people died, one was an old man": a pronoun
    between = words[previous.end : q.start]
    if not between or between[-1] not in (",", "and") or len(between) > 6:
        return False
    if any(w in CLAUSE_END or w[:1].isdigit() for w in between):
        return False
    head, at = head_of(words, q, end)
    if head not in (None, "people", "troops"):
        return False
    return _cue_after(words, max(q.end, at + 1), end, CUES) is None


def question_frame(words: Sequence[str], start: int, end: int) -> str | None:
    """What a question asks for, for the figures of its answer: "Q: How many
    civilians are still trapped?" -> people.trapped, "Q: And the militants?"
    -> forces.troops, "How much of the city do they hold?" -> control share."""
    if (
        end - start < 3
        or words[start] not in ("q", "question")
        or words[start + 1] != ":"
    ):
        return None
    for k in range(start + 2, end - 1):
        if words[k] == "how" and words[k + 1] == "many":
            asked = Quantity(k + 1, k + 2, 2.0, 2.0, core=k + 1)
            return classify(asked, words, start + 2, end)
        if (
            words[k] == "how"
            and words[k + 1] == "much"
            and set(words[k + 2 : end]) & CONTROL_CUES
        ):
            return "territory.control_share"
    for k in range(start + 2, end):
        category = HEADS.get(words[k])
        if category in _LABEL_HEADS:
            return _LABEL_HEADS[category]
        if category is not None and category.startswith("people."):
            return category
        if words[k] in ("casualties", "toll"):
            return "people.killed"
        cue = _phrase_at(words, k, end, CUES)
        if cue is not None and cue.startswith("people."):
            return cue  # "Q: And the detained?"
    return None


def answers(
    q: Quantity, frame: str, words: Sequence[str], start: int, end: int
) -> bool:
    """May a figure of an answer that names nothing take its question's frame?"""
    if q.kind == "percent":
        return frame == "territory.control_share"
    if q.kind != "count" or q.zero or frame == "territory.control_share":
        return False
    if _is_ration_count(words, q, start):
        return False  # "food ready for 150,000 people"
    k = q.start - 1
    while k > start and words[k] in _DETERMINERS:
        k -= 1
    if k > start and words[k] == "of" and _is_number(words[k - 1]):
        return False  # "only one of our five missions got through": a whole
    head = head_of(words, q, end)[0]
    return head is None or (head == "people" and frame.startswith("people."))


_FACILITIES = frozenset(
    words("posts post clinics centres centers facilities points units dispensaries")
)
_KIN = frozenset(words("families family relatives civilians dependants dependents"))
_OF_THEM = frozenset((("of", "them"), ("of", "whom"), ("of", "those")))
_NOT_COUNTED = frozenset(
    words(
        "families family households homes houses buildings trucks lorries vehicles "
        "cars buses ambulances"
    )
)


def _not_counted(word: str) -> bool:
    """Families, homes and vehicles, however spelt ("familes", "familys")."""
    return word in _NOT_COUNTED or word.startswith("famil")


def _is_ratio(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    after = q.end + 1 < end and words[q.end] == "in" and _is_number(words[q.end + 1])
    before = q.start - 2 >= start and words[q.start - 1] == "in"
    return after or (before and _is_number(words[q.start - 2]))


_EVACUATION_NOUNS = frozenset(words("evacuations medevacs"))
_EVACUATION_KINDS = frozenset(words("medical emergency urgent critical more"))


def _evacuations(words: Sequence[str], j: int, end: int) -> bool:
    """Does the figure count evacuations ("734 medical evacuations of sick and
    wounded people")? Their count is of people evacuated, whoever the "of"
    names after it."""
    while j < end and words[j] in _EVACUATION_KINDS:
        j += 1
    return j < end and words[j] in _EVACUATION_NOUNS


_BASELINES = (("before", "the", "war"), ("before", "the", "siege"))
BASELINE_WORDS = frozenset(words("pre-war prewar before"))


def pre_war(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """Is the figure a pre-war baseline: "before the war" (or "pre-war") in
    the 14 words before it, with no other figure between, or right after
    it ("4 doctors now, before the war 30")?"""
    lo, hi = max(start, q.start - 14), min(end, q.end + 4)
    if BASELINE_WORDS.isdisjoint(words[lo:hi]):
        return False  # most figures
    for k in range(lo, hi):
        if words[k] in ("pre-war", "prewar") or tuple(words[k : k + 3]) in _BASELINES:
            if k >= q.end:
                return True
            between = words[k + 3 : q.start]
            return not any(w[:1].isdigit() or w in NUMBER_WORDS for w in between)
    return False


def classify(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    """The indicator the quantity measures, judged within ``words[start:end]``
    (a pre-war baseline is left to ``pre_war``, asked only when the sentence
    has a word for one)."""
    if q.kind in ("money", "age", "time", "distance"):
        return None
    if q.kind == "percent":
        clause = _window(words, q.start, start, end)
        return "territory.control_share" if clause & CONTROL_CUES else None
    if q.kind == "duration":
        return _duration(q, words, start, end)
    if q.kind == "tonnes":
        if q.high is not None and q.high < 1:
            return None  # "1 kg of flour": a price or a ration, not a delivery
        clause = _window(words, q.start, start, end)
        return "aid.delivered" if clause & AID_CUES else None
    if is_whole(words, q, start, end):
        return None  # "4 of the 6 hospitals": the part is the count
    if _day_of_siege(words, q, start, end):
        return "conflict.duration"  # "today is day 580 of the siege"
    if q.end < end and _not_counted(words[q.end]) and q.kind == "count":
        return None  # "they shot at 3 families", "44 trucks": not what we count
    if _is_ratio(words, q, start, end):
        return None  # "one in five health workers has left"
    if q.kind == "count" and not q.zero and _evacuations(words, q.end, end):
        return "people.evacuated"  # "734 medical evacuations of sick and wounded"
    head, at = head_of(words, q, end)
    if head is None and (fronted := _fronted_part(q, words, start, end)):
        return fronted
    if q.zero:
        if q.start > start and words[q.start - 1] in _ALMOST:
            return None  # "almost nobody walked through": not zero
        if tuple(words[q.start : q.end]) in _NOBODY:
            return _zero_fate(words, q.end, end)  # "no one had crossed"
        elif head is None and q.end < end and HEADS.get(words[q.end] + "s"):
            head, at = HEADS[words[q.end] + "s"], q.end  # "not a single civilian"
        return _zero(head, words, at, end)
    if _is_ration_count(words, q, start) or _is_past(words, q, start, end):
        return None
    if _is_labelled(words, q, start, end):
        label = _label(words, q, start)
        if label is not None:
            return label
    if head is None:
        found = _headless(q, words, start, end)
        if found is None and _we_are(words, q, start):
            if _in_a_building(words, start, end):
                return None  # a group sheltering in a building, not the town
            return "people.trapped"  # "we are 40 thousand in the town"
        return found
    after = at + 1
    if head == "people" and _of_a_team(words, q, start):
        return None  # "an ICRC team of nine people set off": staff, not a population
    if head == "people":
        cue = (
            _verb_before(words, q, start)
            or _cue_after(words, after, end, CUES)
            or _cue_before(words, q.start, start, CUES)
            or _far_subject(words, q, start)
        )
        if cue is None and _we_are(words, q, start):
            if _in_a_building(words, start, end):
                return None  # "We are hundred and fifty people in this building"
            return "people.trapped"  # "We are around 3000 civil people in old city"
        if q.start > start and words[q.start - 1] in _MOVED:
            return "people.evacuated"  # "we moved 32 critical patients"
        relative = _relative_after(words, after, end)
        if relative is not None:
            cue = _main_fate(words, relative + 1, end) or cue
        elif after < end and words[after] in _MODIFIERS:
            cue = _main_fate(words, after, end) or cue  # "men living in X were held"
        if cue in (None, "people.displaced") and _taken_out(words, q, start, end):
            return "people.evacuated"  # "the ship took 500 people out of the port"
        if cue in (None, "people.displaced") and _helped(words, q, start):
            return "people.evacuated"  # "the Red Crescent helped 900 people leave"
        if (
            q.start > start
            and words[q.start - 1] in _CARRY
            and not _CONVEYANCES.isdisjoint(words[max(start, q.start - 12) : q.start])
        ):
            return "people.evacuated"  # "buses carrying 5,000 people"
        return _people(cue, words, q, start, end)
    if head == "troops":
        cue = _verb_before(words, q, start) or _cue_after(words, after, end, CUES)
        mixed = bool(_KIN & set(words[at : at + 5]))
        referring = tuple(words[q.end : q.end + 2]) in _OF_THEM  # "3,000 of them"
        if cue in _PARENT_FATES and _apposed(words, q, start):
            return cue  # "8,500 people, among them 3,000 fighters, were taken out"
        if cue in ("people.displaced", "people.evacuated") and not (mixed or referring):
            return "forces.troops"  # "about 700 fighters left": a count of fighters
        if cue == "people.displaced" and _organised(words, q, start, end):
            return "people.evacuated"  # "6,749 fighters and their families left"
        if cue == "people.trapped":  # "4,000 fighters and their families remain"
            return cue if mixed else "forces.troops"
        if cue in _FATES:
            return cue  # "2,000 fighters were killed"
        return "forces.troops"
    if head == "hospitals":
        if words[at + 1 : at + 2] == ["and"] and _FACILITIES & set(
            words[at + 2 : at + 5]
        ):
            return None  # "the 20 hospitals and health posts": not hospitals only
        if _functioning(words, at + 1, end) or words[at - 1] in _WORKING:
            return "health.hospitals"  # "the eight hospitals still operating"
        clause = _window(words, at, start, end)
        if clause & ATTACK_VERBS:
            return None  # "five hospitals were hit": hospitals, not attacks
        if clause & _OUT_OF_SERVICE:
            return None  # "three hospitals stopped working": not how many work
        return "health.hospitals"
    if (
        head == "people.displaced"
        and words[at] == "refugees"
        and at - 1 >= start
        and words[at - 1] in ("palestine", "palestinian")
    ):
        # UNRWA's "Palestine refugees": a status, not a flight
        return _people(
            _cue_after(words, after, end, CUES)
            or _cue_before(words, q.start, start, CUES),
            words,
            q,
            start,
            end,
        )
    if head in ("people.evacuated", "people.displaced"):
        cue = _verb_before(words, q, start) or _cue_after(words, after, end, CUES)
        if cue in ("people.killed", "people.injured", "people.detained"):
            return cue  # "2 evacuees died on the way", "40 evacuees were detained"
        if cue == "people.trapped" and not _ENCIRCLED.isdisjoint(
            words[after : min(end, after + 6)]
        ):
            return cue  # "18,000 refugees remain trapped in the camp"
        return head
    if head == "people.injured":
        cue = _cue_after(words, after, end, _INJURED_FATES)
        verb = _verb_before(words, q, start)
        if cue is None and verb == "people.in_need":
            return verb  # "appealed for the evacuation of 60 wounded"
        moved = verb == "people.evacuated"
        if cue is None and moved and _window(words, q.start, start, end) & VEHICLES:
            return "people.evacuated"  # "brought out 194 wounded in the convoys"
        if cue is None and (
            _carried(words, q, start) or _taken_out(words, q, start, end)
        ):
            return "people.evacuated"  # "ferried 495 wounded", "the transfer of 160"
        if cue is not None:
            return cue  # "400 wounded need medical evacuation", "were taken out"
        return head
    if head == "access.convoys" and (
        (at > q.end and words[at - 1] in _VEHICLES_OF_PEOPLE)
        or _window(words, at, start, end) & _CARRYING_PEOPLE
        or _of_vehicles(words, at, end)
    ):
        return None  # "four bus convoys", "21 convoys carried 55,817 people"
    if head == "doctors":
        cue = _cue_after(words, after, end, CUES)
        return cue if cue in ("people.killed", "people.injured") else "health.doctors"
    if head == "aid":
        return None
    return head


def _carried(words: Sequence[str], q: Quantity, start: int) -> bool:
    """Were the wounded moved in an organised transfer: by a transport verb
    or noun right before them ("airlifted 30 wounded", "the transfer of 160
    wounded"), or carried by a vehicle named before ("a ferry carried 500
    sick and wounded")?"""
    k = q.start - 1
    if k < start:
        return False
    if words[k] in _TRANSPORT_VERBS or (
        words[k] == "of" and k - 1 >= start and words[k - 1] in _TRANSFER_NOUNS
    ):
        return True
    if words[k] in _PARTICLE_VERBS and k - 1 >= start:
        verbs, moved = _PARTICLE_VERBS[words[k]]
        return moved == "people.evacuated" and words[k - 1] in verbs
    return words[k] in _CARRY and not _CARRIERS.isdisjoint(words[max(start, k - 8) : k])


_TRANSFER_NOUNS = frozenset(
    words(
        "transfer transfers evacuation evacuations airlift airlifts medevac "
        "relocation removal referral referrals"
    )
)


_PARENT_FATES = frozenset(words("people.displaced people.evacuated people.trapped"))
_APPOSITION = frozenset(
    (("among", "them"), ("of", "whom"), ("of", "them"), ("including",), ("among",))
)


def _apposed(words: Sequence[str], q: Quantity, start: int) -> bool:
    """Is the figure a part set off inside a larger group ("1,200 people,
    including 300 fighters, remain"): the part shares the group's fate."""
    k = q.start
    if k - 1 >= start and words[k - 1] in _HEDGED:
        k -= 1  # "among them some 3,000 fighters"
    return (k - 1 >= start and (words[k - 1],) in _APPOSITION) or (
        k - 2 >= start and (words[k - 2], words[k - 1]) in _APPOSITION
    )


_TEAMS = frozenset(
    words("team teams delegation delegations crew crews mission staff unit party")
)


def _of_a_team(words: Sequence[str], q: Quantity, start: int) -> bool:
    """ "a team of nine people": the members of a team or mission."""
    return (
        q.start - 2 >= start
        and words[q.start - 1] == "of"
        and words[q.start - 2] in _TEAMS
    )


def _of_vehicles(words: Sequence[str], at: int, end: int) -> bool:
    """ "21 convoys of buses": convoys of people, not of aid."""
    return (
        at + 2 < end
        and words[at + 1] == "of"
        and bool(_VEHICLES_OF_PEOPLE & set(words[at + 2 : at + 4]))
    )


def _day_of_siege(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """ "day 580 of the siege": an ordinal day of the conflict is its duration;
    so is "Ukraine war: what we know on day 21" (a war named before, and no
    "of" another thing after: "day 3 of the truce")."""
    if q.start <= start or words[q.start - 1] != "day":
        return False
    if q.end + 1 < end and words[q.end] == "of":
        return bool(set(words[q.end + 1 : q.end + 4]) & CONFLICT_CUES)
    return not CONFLICT_CUES.isdisjoint(words[max(start, q.start - 10) : q.start])


_BUILDINGS = frozenset(
    words(
        "basement basements cellar cellars building buildings room rooms theatre "
        "theater bunker bunkers"
    )
)


def _in_a_building(words: Sequence[str], start: int, end: int) -> bool:
    """Does the sentence place a group in a basement, room or theatre? Such a
    group is not the besieged population (tests/heldout2 conventions)."""
    return not _BUILDINGS.isdisjoint(words[start:end])


def _we_are(words: Sequence[str], q: Quantity, start: int) -> bool:
    """A witness counting the people with them: "We are around 3000 civil
    people in old city", "we are 40 thousand in the town maybe more"."""
    k = q.start
    while k > start and words[k - 1] in ("still", "now", "only", "just"):
        k -= 1
    return k - 2 >= start and tuple(words[k - 2 : k]) in (
        ("we", "are"),
        ("we", "'re"),
    )


def _people(
    cue: str | None, words: Sequence[str], q: Quantity, start: int, end: int
) -> str | None:
    """People leaving on buses are evacuated; people of a besieged town, trapped."""
    if cue == "forces.troops":
        return None
    if cue in ("people.displaced", "people.trapped"):  # the clause, if it tells
        clause = _window(words, q.start, start, end)
        if (
            cue == "people.displaced"
            and "sheltering" in clause
            and _in_a_building(words, start, end)
        ):
            return None  # "the drama theatre, where hundreds were sheltering"
        if cue == "people.displaced" and (
            clause & VEHICLES or _organised(words, q, start, end)
        ):
            return "people.evacuated"
        if cue == "people.trapped" and "left" in clause and clause & VEHICLES:
            return "people.evacuated"  # "3,000 people left in the first convoy"
    if cue is None and set(words[start:end]) & {"besieged", "siege", "encircled"}:
        return "people.trapped"
    if cue is None and q.start > start and words[q.start - 1] in ("its", "'s"):
        return "people.trapped"  # "Its 380,000 people", "the town's 40,000 residents"
    return cue


# an organised departure: "left under a local agreement", "with the help
# of UNRWA", "with the Red Crescent", "escorted by the ICRC"
_ORGANISERS = frozenset(
    words(
        "agreement agreements deal help assistance supervision crescent icrc sarc "
        "unrwa unhcr ambulances ambulance"
    )
)
_BY_WHOM = frozenset(words("with under by escorted"))
_ON_THEIR_OWN = frozenset(
    words(
        "fled flee fleeing escaped escape foot car cars own vehicles private "
        "displaced total"
    )
)


def _organised(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """Did the people leave in an organised departure (vehicles in the
    clause; "under an agreement", "with the help of", "with the Red
    Crescent" in the sentence), not on their own ("fled", "on foot", "by
    car")? An organisation only as the source ("UNHCR says") is not one."""
    if not VEHICLES.isdisjoint(_window(words, q.start, start, end)):
        return True
    if _BY_WHOM.isdisjoint(words[start:end]) or not _ON_THEIR_OWN.isdisjoint(
        words[start:end]
    ):
        return False
    return any(
        words[k] in _BY_WHOM and not _ORGANISERS.isdisjoint(words[k + 1 : k + 6])
        for k in range(start, end - 1)
    )


_MAIN_FATES = frozenset(
    words("people.killed people.injured people.detained people.evacuated")
)


_MAIN_VERBS = frozenset(
    words("were was been are is being remain remained remains still")
)
# participles that modify a figure's noun ("Tigrayans living in the capital")
_MODIFIERS = frozenset(
    words("living staying sheltering hiding working arriving coming fleeing")
)


def _main_fate(words: Sequence[str], j: int, end: int) -> str | None:
    """ "hundreds of men who reached regime areas were detained", "1,000 men
    who came out remain held": after a relative clause or a participle, the
    main verb's fate (passive or staying) decides, not the modifier's verb."""
    for k in range(j + 1, min(end - 1, j + 12)):
        if words[k] in CLAUSE_END or words[k][:1].isdigit():
            return None
        if words[k] in _MAIN_VERBS:
            fate = _phrase_at(words, k, end, CUES) or _phrase_at(
                words, k + 1, end, CUES
            )
            if fate in _MAIN_FATES:
                return fate  # "were detained", "were held", "remain in custody"
    return None


def _relative_after(words: Sequence[str], after: int, end: int) -> int | None:
    """The "who" of a relative clause on the figure's noun, right after it or
    after its "of" phrase ("1,000 men of fighting age who came out")."""
    for k in range(after, min(end, after + 4)):
        if words[k] in ("who", "that"):
            return k
        if k == after and words[k] != "of":
            return None
        if words[k] in CLAUSE_END or words[k] == ",":
            return None
    return None


_TAKERS = frozenset(
    words(
        "take takes took taking taken bring brings brought bringing get gets got "
        "getting ferry ferries ferried fly flies flew flown lead leads led"
    )
)


def _taken_out(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """ "the ship takes 500 sick and wounded out of Vanni": a verb of carrying
    before the figure, its particle "out" after the figure's noun."""
    k = q.start - 1
    return (
        k >= start
        and words[k] in _TAKERS
        and "out" in words[q.end : min(end, q.end + 6)]
        and not any(w in CLAUSE_END for w in words[q.end : min(end, q.end + 6)])
    )


_HELP = frozenset(
    words(
        "helped help helps helping assisted assist assists assisting enabled "
        "enable enables enabling"
    )
)


def _helped(words: Sequence[str], q: Quantity, start: int) -> bool:
    """ "UNRWA helped 94 civilians leave": an organisation's help to leave is
    an organised departure (the leaving verb follows the figure)."""
    k = q.start - 1
    while k >= start and k > q.start - 3 and words[k] in ("to", "be", "able"):
        k -= 1
    return k >= start and words[k] in _HELP


_ENCIRCLED = frozenset(words("trapped besieged encircled stranded surrounded"))
_CONVEYANCES = frozenset([*VEHICLES, *words("ambulance convoy convoys")])
_CARRIERS = frozenset(
    [
        *_CONVEYANCES,
        *words(
            "ferry ferries ship ships boat boats plane planes helicopter helicopters "
            "aircraft truck trucks lorry lorries ambulances vessel flight flights"
        ),
    ]
)
_CARRY = frozenset(words("carrying carried carry carries ferrying ferried"))
_MOVED = frozenset(words("moved transferred relocated rescued airlifted"))
_AID_NOUNS = frozenset(
    words(
        "aid food deliveries delivery supplies assistance convoy convoys bread "
        "flour milk medicine medicines distribution distributions"
    )
)
_NOT_FOOD = frozenset(
    words("fuel water petrol diesel oxygen electricity power vaccines blood")
)
_FOODS = frozenset(words("food flour bread wheat rice rations"))
_VEHICLES_OF_PEOPLE = frozenset(words("bus buses car cars evacuation vehicle"))
_CARRYING_PEOPLE = frozenset(words("people civilians residents evacuees passengers"))
_PAST = frozenset(words("once pre-war formerly prewar"))


def _is_past(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """ "a city once home to 300,000": a past population; "once" after the
    figure is a conjunction ("1 million could flee once the assault begins")."""
    if _PAST.isdisjoint(words[start:end]):
        return False  # most sentences: no clause to find
    lo, hi = clause_bounds(words, q.start, start, end)
    past = set(words[lo:hi]) & _PAST
    if past - {"once"} or "once" in words[lo : q.start]:
        return True
    return any(
        words[k] == "once" and words[k + 1] in _ONCE_PAST for k in range(q.end, hi - 1)
    )  # "Half a million people once lived there"


_ONCE_PAST = frozenset(words("lived was were had numbered housed"))


_SEPARATORS = frozenset((":", "):", "-", "–", "—", ",", "|"))
_LINE_ENDS = frozenset(("", ".", ",", ";", "(", ")", "-", "–", "|", "+", "of"))
_MAX_LABEL = 14


def _label_span(words: Sequence[str], q: Quantity, start: int) -> range | None:
    """The label of a table line or a labelled list: "Deaths from starvation: 46",
    "enemy killed, 824;", "Killed | 37 | 1,206" (the first cell), "Injured: 5,870."
    (a short label, then the figure alone), not prose with a colon ("the shelling
    never stopped: hundreds of people ...")."""
    if q.start == start or words[q.start - 1] not in _SEPARATORS:
        return None
    sep = q.start - 1
    if words[sep] == "|":
        cells = [k for k in range(start, sep + 1) if words[k] == "|"]
        return range(start, cells[0]) if cells[0] > start else None
    lo = sep
    while lo > start and words[lo - 1] not in (";", ":", "|"):
        lo -= 1
    if words[sep] == "," and lo == start:
        return None  # "In the city, 500 ...": a comma needs a list of labels
    return range(lo, sep) if 0 < sep - lo <= _MAX_LABEL else None


def _is_labelled(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    after = words[q.end] if q.end < end else ""
    if not (after in _LINE_ENDS or after.isspace()):
        return False
    return _label_span(words, q, start) is not None


def _label(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """ "People in need: 42,000", "government troops killed in action, 162":
    a fate in the label wins over its noun, a noun other than people over
    the remaining cues, "days since the last convoy" is a time without aid."""
    label = _label_span(words, q, start)
    if label is None:
        return None
    if any(_phrase_at(words, k, label.stop, CUES) == "people.in_need" for k in label):
        return "people.in_need"  # "Cases needing medical evacuation: 400"
    cue = head = None
    for k in label:
        if words[k] in ("killed", "dead", "deaths", "fatalities"):
            return "people.killed"
        if words[k] in ("injured", "wounded", "injuries"):
            return "people.injured"
        if words[k] == "days" and _phrase_at(words, k + 1, label.stop, NO_AID_CUES):
            return "access.days_without_aid"
        if words[k] == "days" and "since" in words[k + 1 : label.stop]:
            return "access.days_without_aid"
        if words[k] in _TONNES:
            return "aid.delivered"  # "Tonnes: 440", "Tonnes delivered: over 1,900"
        found = _phrase_at(words, k, label.stop, CUES)
        if found in _LABEL_FATES:
            return found
        if cue is None and found != "forces.troops":
            cue = found
        if head is None and HEADS.get(words[k]) in _LABEL_HEADS:
            head = _LABEL_HEADS[HEADS[words[k]]]
    return head or cue


_LABEL_FATES = frozenset(
    words("people.killed people.injured people.detained people.evacuated")
)
_TONNES = frozenset(words("tonnes tons tonnage"))
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


_WORKING = frozenset(
    words(
        "functioning functional working operational open operating function "
        "functions work works operate"
    )
)


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
        if cue in ("people.killed", "people.injured"):
            return cue
        return _zero_fate(words, at + 1, end)
    if words[at] in _DEPARTURES:
        return head  # "no civilian departures were observed", "no evacuations"
    return None


_DEPARTURES = frozenset(words("departures evacuations evacuees"))


_NOBODY = frozenset(
    (("no", "one"), ("nobody",), ("no-one",), ("none",), ("anyone",), ("anybody",))
)
_NEEDING = frozenset(words("need needs must require requires"))
_ALMOST = frozenset(words("almost nearly virtually practically hardly"))
_ABLE = frozenset(words("can could may might will would should"))
_ZERO_FATES = frozenset(words("people.displaced people.evacuated people.detained"))
_VERB_GROUP = frozenset(
    [*AUXILIARIES, *words("able to seen ever yet allowed managed or")]
)
_PASSING = frozenset(words("used use uses came went passed walked"))
_WAYS = frozenset(words("corridor corridors exit exits route routes crossing through"))


def _zero_fate(words: Sequence[str], j: int, end: int) -> str | None:
    """ "no one had crossed", "Nobody was detained", "no civilians were able
    to leave", "not a single civilian had used it": a zero that left, was
    evacuated or detained, with only its verb group between (not "nobody
    knows how many died")."""
    stop = min(end, j + 6)
    if j >= end or words[j] in _ABLE:
        return None  # "nobody can leave": trapped, not a count of leavers
    while j < stop and (
        words[j] in _VERB_GROUP
        or HEADS.get(words[j]) in ("people", "troops")
        or words[j] in ("who", "that")  # "not a single person who went out"
    ):
        j += 1
    if j >= stop:
        return None
    cue = _phrase_at(words, j, end, CUES)
    if cue in _ZERO_FATES or cue in ("people.killed", "people.injured"):
        return cue
    if words[j] in _PASSING and not _WAYS.isdisjoint(words[j : min(end, j + 6)]):
        return "people.displaced"  # "nobody came through any corridor"
    if words[j] in ("used", "use") and words[j + 1 : j + 2] in (["it"], ["them"]):
        return "people.displaced"  # "not a single civilian had used it"
    return None


_FATES = frozenset(
    words(
        "people.killed people.injured people.detained people.evacuated people.trapped"
    )
)
_OBJECT_VERBS = frozenset(
    words(
        "killed killing kill kills wounded wounding injured injuring evacuated "
        "detained "
        "arrested abducted deported"
    )
)


# Round 6: whole verb families that take the people as object, every
# inflection: arrest and detention ("held 190 men", "jailing 40 activists"),
# and organised transport ("ferried 495 wounded", "airlifts 30 patients").
_DETAIN_VERBS = frozenset(
    words(
        "detain detains detaining arrest arrests arresting abduct abducts "
        "abducting kidnap kidnaps kidnapped kidnapping jail jails jailed jailing "
        "imprison imprisons imprisoned imprisoning intern interns interned "
        "interning deport deports deporting"
    )
)
# "held 190 men" is a detention only when captors hold them ("the eastern
# districts held 1.5 million" is a population)
_HOLD = frozenset(words("held holding hold holds"))
_CAPTORS = frozenset(
    words(
        "authorities forces police army troops soldiers security regime militia "
        "militias rebels militants intelligence guards officials government"
    )
)
_TRANSPORT_VERBS = frozenset(
    words(
        "evacuate evacuates evacuating ferry ferries ferried ferrying airlift "
        "airlifts airlifted airlifting bus buses bused bussed busing bussing "
        "shuttle shuttles shuttled shuttling transport transports transported "
        "transporting transfer transfers transferred transferring relocate "
        "relocates relocated relocating medevaced medevacked"
    )
)
# "rounded up 1,000 men", "carried out 43 patients": a verb and its particle
_PARTICLE_VERBS = {
    "up": (
        frozenset(words("rounded rounding round rounds picked picking locked")),
        "people.detained",
    ),
    "out": (
        frozenset(
            words(
                "ferried ferrying flew flown flying shipped shipping moved moving "
                "airlifted bus bused bussed busing helped helping led leading"
            )
        ),
        "people.evacuated",
    ),
}


def _verb_before(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """ "killed at least 15 civilians": a verb right before its object; an
    evacuation only asked for ("appealed for the evacuation of 400 wounded",
    "calls to evacuate 300") is a need."""
    fate = _object_fate(words, q, start)
    if fate == "people.evacuated" and not _WISHES.isdisjoint(
        words[max(start, q.start - 7) : q.start]
    ):
        return "people.in_need"
    return fate


# asking for an evacuation that has not happened
_WISHES = frozenset(
    words(
        "appeal appeals appealed appealing call calls called calling plea pleas "
        "pleaded pleading request requests requested requesting demand demands "
        "demanded demanding urged urging urges"
    )
)


def _object_fate(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """The fate a verb or a nominalisation right before the figure gives it."""
    if q.start > start and words[q.start - 1] in _OBJECT_VERBS:
        return CUES.get((words[q.start - 1],))
    if q.start > start and words[q.start - 1] in _DETAIN_VERBS:
        return "people.detained"  # "police arrested 40 protesters"
    if (
        q.start > start
        and words[q.start - 1] in _HOLD
        and not _CAPTORS.isdisjoint(words[max(start, q.start - 7) : q.start - 1])
    ):
        return "people.detained"  # "security forces held 190 men"
    if q.start > start and words[q.start - 1] in _TRANSPORT_VERBS:
        return "people.evacuated"  # "the ICRC ferried 495 wounded people"
    if q.start - 1 > start and words[q.start - 1] in _PARTICLE_VERBS:
        verbs, moved = _PARTICLE_VERBS[words[q.start - 1]]
        if words[q.start - 2] in verbs:
            return moved  # "troops rounded up 1,000 men"
    if q.start - 1 > start and words[q.start - 1] == "of":
        fate = NOMINAL_FATES.get(words[q.start - 2])
        if fate is not None:
            return fate  # "the killing of 19 civilians", "the wounding of 43"
    if (
        q.start - 1 > start
        and words[q.start - 1] == "out"
        and words[q.start - 2] in _TAKE_OUT
    ):
        return "people.evacuated"  # "had brought out 194 sick and wounded"
    return None


# "are thought to have crossed": words between a figure and its verb
_RAISING = frozenset(words("to be have expected likely due set able unable"))


def _needs(words: Sequence[str], j: int, end: int) -> bool:
    """A need after an injury: "wounded and need urgent evacuation"."""
    return any(
        _phrase_at(words, k, end, CUES) == "people.in_need"
        for k in range(j, min(end, j + 5))
    )


_TAKE_OUT = frozenset(
    words("brought took bused bussed pulled bring take get got taken")
)
_OUT_OF_SERVICE = frozenset(
    words("stopped closed destroyed shut razed flattened damaged bombing")
)


def _headless(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    """ "7 died", "the death toll rose to 300": no noun, so verbs decide."""
    if (cue := _verb_before(words, q, start)) is not None:
        return cue
    if q.end < end and words[q.end] == "times":
        if set(words[max(start, q.start - 7) : q.start]) & ATTACK_VERBS:
            return "attacks.count"  # "were attacked 23 times"
        return None
    if _functioning(words, q.end, end) and "hospitals" in words[start:end]:
        return "health.hospitals"  # "only two are partially functioning"
    j = q.end
    if tuple(words[j : j + 2]) in (("of", "them"), ("of", "whom"), ("of", "us")):
        j += 2
    elif (
        j + 1 < end
        and words[j] == "who"
        and (q.start - 2 < start or words[q.start - 2] != "of")
    ):
        j += 1  # "some 400 who need to be evacuated", "the 250,000 who remain"
    cue = None
    while j < end and cue is None:
        cue = _phrase_at(words, j, end, CUES)
        if cue is None and words[j] not in AUXILIARIES and words[j] not in _RAISING:
            break
        j += 1
    if cue is not None and cue != "forces.troops":
        cue = _left_when(words, j - 1, end, cue)  # "2,000 of them left"
        if cue == "people.injured" and _needs(words, j, end):
            return "people.in_need"  # "500 of them are wounded and need evacuation"
        return _people(cue, words, q, start, end)
    if tuple(words[q.end : q.end + 2]) in WITH_US:
        if _in_a_building(words, start, end):
            return None  # "about 30 of us in the basement of school 7"
        return "people.trapped"  # "about sixty of us, women and kids mostly"
    left = q.start + 1 if words[q.start] in LINKS else q.start  # "passed 12,000"
    while left - 1 > start and words[left - 1] in ("only", "just", "now", "still"):
        left -= 1  # "the doctors here are only 2 now", "... is now 65"
    before = words[left - 1] if left > start else ""
    if _population(words, left, start):
        return "people.trapped"  # "a population estimated at 250,000"
    comma = left - 2 if before in ("already", "now") else left - 1
    if comma > start and words[comma] == "," and (q.end >= end or words[q.end] == ","):
        cue = _cue_before(words, comma, start, CUES)  # "the death toll, already 1,140,"
        if cue is not None and cue != "forces.troops":
            return cue
    to_number = (  # "fighters there are thought to number fewer than 300"
        before in ("number", "total") and left - 2 >= start and words[left - 2] == "to"
    )
    if to_number and any(
        HEADS.get(words[k]) == "troops" for k in range(max(start, left - 12), left)
    ):
        return "forces.troops"  # "the fighters there are said to number 300"
    if before in LINKS or to_number:
        # "the number of people requiring evacuation has risen to 1,000": the
        # subject's own noun and cue, not the last cue word before the figure
        cue = _number_of(words, left, start) or _cue_before(words, left, start, CUES)
        if cue is not None and cue != "forces.troops":
            return cue
        for k in range(left - 1, max(start, left - _MAX_BEFORE) - 1, -1):
            category = HEADS.get(words[k])
            if category in ("people.killed", "people.evacuated", "people.displaced"):
                return category
            if category == "people":  # "the besieged population ... at 250,000"
                return _people(None, words, q, start, end)
            if category == "doctors":
                return "health.doctors"  # "the doctors here are only 2 now"
    return None


_TO_POPULATION = frozenset(
    words("at of to from estimated about some around roughly fallen fell had has is")
)
_PLACE_NOUNS = frozenset(words("city town enclave district village area camp"))


def _population(words: Sequence[str], i: int, start: int) -> bool:
    """Is the bare figure at ``i`` a population: "a population estimated at
    250,000", "the population had fallen ... to some 8,000", "the city of
    380,000" (a pre-war population is dropped by ``pre_war``)?"""
    if i - 2 >= start and words[i - 1] == "of" and words[i - 2] in _PLACE_NOUNS:
        return True
    k = i - 1
    while k > start and k > i - 8 and words[k] in _TO_POPULATION:
        k -= 1
    return k < i - 1 and words[k] == "population"


def _far_subject(words: Sequence[str], q: Quantity, start: int) -> str | None:
    """ "The death toll since the start of the offensive has risen to 412
    civilians": the subject is far before its link and the figure."""
    left = q.start + 1 if words[q.start] in LINKS else q.start
    if left > start and words[left - 1] in LINKS:
        return _number_of(words, left, start)
    return None


def _number_of(words: Sequence[str], i: int, start: int) -> str | None:
    """ "the number of people killed in the city since April 1992 has now passed
    10,000": the noun and its cue are far before the figure."""
    for k in range(i - 2, max(start, i - 24) - 1, -1):
        if words[k] in CLAUSE_END and words[k] != "but":  # "is unknown but is"
            return None
        if words[k] == "toll" and k - 1 >= start and words[k - 1] in ("death", "the"):
            return "people.killed"  # "the death toll ... has risen to 412"
        if words[k] in ("number", "total", "count", "tally") and words[k + 1] == "of":
            cue = _cue_after(words, k + 2, i, CUES)
            if cue is None and HEADS.get(words[k + 2], "").startswith("people."):
                return HEADS[words[k + 2]]  # "the number of refugees ... is"
            return cue
    return None


def _is_ration_count(words: Sequence[str], q: Quantity, start: int) -> bool:
    """ "food for 145,000 people", "camps for up to 80,000": rations and
    capacities, not counts of anything."""
    return (
        q.start > start
        and words[q.start - 1] in ("for", "feed", "feeding")
        and not (q.start - 2 >= start and words[q.start - 2] in _TRADED)
    )


# "in exchange for 150 prisoners", "tracing requests for 8,000 people": not rations
_TRADED = frozenset(words("exchange exchanged return swap swapped requests request"))


def _duration(q: Quantity, words: Sequence[str], start: int, end: int) -> str | None:
    before = words[q.start - 1] if q.start > start else ""
    if before in ("every", "each", "per") or _NOT_STOCKS & set(
        words[q.end : q.end + 2]
    ):
        return None  # "every two days", "a 48-hour pause", "a three-day truce"
    if q.end < end and words[q.end] in ("on", "later", "ago", "earlier"):
        if words[q.end] in ("ago", "earlier"):
            return _since(words, start, q.start)  # "the siege began 15 months ago"
        return None  # "thirty years on", "two weeks ago": a time since, not a span
    if _ration(words, q, start):
        return None  # "a food kit for 3 days", "for 145,000 people for a month"
    if q.end < end and words[q.end] == "after" and _ENDED & set(words[q.end : end]):
        return None  # "One year after the battle for Raqqa ended": a time since
    lo = max(start, q.start - 16)
    hi = min(end, q.end + 12)
    # only a word of _NO_AID_FIRST can open what the loop looks for
    near = [j for j in range(lo, hi) if words[j] in _NO_AID_FIRST]
    for j in near:
        if _phrase_at(words, j, hi, NO_AID_CUES):
            return "access.days_without_aid"
        if words[j] in ("no", "without") and set(words[j + 1 : j + 6]) & _AID_NOUNS:
            return "access.days_without_aid"  # "no fresh food for three months"
        if words[j] == "first" and (
            _first_since(words, j, hi) or _first_in(words, j, q, start, end)
        ):
            return "access.days_without_aid"  # "the first WFP convoy in 3 months"
    clause = set(words[lo:hi])
    if clause & FOOD_CUES and _cargo(words, q, start, end):
        return None  # "food for 40,000 people for one month": a ration
    longest = q.high if q.high is not None else q.low
    if clause & FOOD_CUES and clause & _NOT_FOOD and not clause & _FOODS:
        return None  # "fuel stocks will last about a week"
    if clause & FOOD_CUES and (longest is None or longest >= 1):  # not "6 hours"
        return "food.stock_duration"
    if set(words[max(start, q.start - 10) : min(end, q.end + 5)]) & CONFLICT_CUES:
        return "conflict.duration"
    return None


_NO_AID_FIRST = frozenset([*(k[0] for k in NO_AID_CUES), "no", "without", "first"])
_ENDED = frozenset(words("ended end fell finished lifted surrendered over"))
_DELIVERIES = frozenset(words("convoy convoys delivery deliveries aid"))


def _first_since(words: Sequence[str], j: int, hi: int) -> bool:
    """ "the first WFP convoy in more than three months", "its first aid
    convoy since 2012": a delivery noun, then "in" or "since"."""
    for k in range(j + 1, min(hi - 1, j + 4)):
        if words[k] in _DELIVERIES and words[k + 1] in ("in", "since"):
            return True
    return False


_SUPPLIES = frozenset([*_DELIVERIES, *words("trucks supplies food medicines")])


def _first_in(words: Sequence[str], j: int, q: Quantity, start: int, end: int) -> bool:
    """ "entered Taiz for the first time in four months", "the first to get
    into the city in more than two weeks": "first", then "in" or "since" right
    before the duration, in a sentence about deliveries."""
    k = q.start - 1
    return (
        j < k <= j + 10
        and words[k] in ("in", "since")
        and not _SUPPLIES.isdisjoint(words[start:end])
    )


_BEGAN = frozenset(words("began begun started start erupted broke imposed"))


def _since(words: Sequence[str], start: int, i: int) -> str | None:
    """ "the last convoy came 19 days ago": the time without aid; "since the
    siege began 15 months ago": the conflict's duration; else a date."""
    if _last_delivery(words, start, i):
        return "access.days_without_aid"
    lo = max(start, i - 6)
    if not _BEGAN.isdisjoint(words[lo:i]) and not CONFLICT_CUES.isdisjoint(
        words[max(start, i - 8) : i]
    ):
        return "conflict.duration"
    return None


def counts_since(words: Sequence[str], i: int, start: int) -> bool:
    """Is the date "N days ago" at ``i`` a duration a figure counts ("the
    last convoy came 19 days ago", "the siege began 15 months ago")?"""
    return _since(words, start, i) is not None


_LAST = frozenset(words("last latest previous"))


def _last_delivery(words: Sequence[str], start: int, i: int) -> bool:
    """ "The last inter-agency convoy ... entered on 14 February, 19 days
    ago": the time since the last delivery."""
    return any(
        words[k] in _LAST and not _DELIVERIES.isdisjoint(words[k + 1 : k + 5])
        for k in range(max(start, i - 24), i)
    )


# "a food kit for 3 days", "a parcel ... for one week": what a ration lasts
_RATIONS = frozenset(
    words("kit kits parcel parcels basket baskets package packages ration rations")
)
_FAMILY = frozenset(words("family families household households"))


def _ration(words: Sequence[str], q: Quantity, start: int) -> bool:
    """Is the duration the size of a ration: "for N days" after a ration noun
    or after "for a family" ("for a family of five for one week")? ("food
    for 145,000 people for one month" stays a stock: the conventions differ.)"""
    if q.start <= start or words[q.start - 1] != "for":
        return False
    lo = max(start, q.start - 8)
    return not _RATIONS.isdisjoint(words[lo : q.start]) or any(
        words[k] == "for" and words[k + 2] in _FAMILY for k in range(lo, q.start - 3)
    )


_DELIVERED = frozenset(
    words("delivered arrived brought carried carrying unloaded tonnes tons")
)


def _cargo(words: Sequence[str], q: Quantity, start: int, end: int) -> bool:
    """Is the duration that of a convoy's cargo ("delivered food for 40,000
    people for one month", "the food, about 400 tonnes, should last ... one
    month", "the food that arrived this week will run out within a month"):
    a sentence about a delivery, not about stocks? A ration, not a stock in
    the area (tests/heldout2 conventions)."""
    return (
        not _DELIVERED.isdisjoint(words[start:end]) and "stocks" not in words[start:end]
    )


_BACK_PARTITIVES = frozenset(words("those them these whom"))
_ANAPHORS = frozenset(words("figure number toll total count tally estimate"))
_BACK_LINKS = frozenset(words("to at was is were are stood stands reached now"))


def refers_back(q: Quantity, words: Sequence[str], start: int, end: int) -> bool:
    """Does a figure that names nothing refer to the previous sentence's?
    "Of those, some 10,000 went to Jibreen", "Among them, 250 children";
    "The figure rose to 40,000", "Turkish officials put the number at 8,000"."""
    if q.kind != "count" or head_of(words, q, end)[0] is not None:
        return False
    opening = words[start : start + 3]
    if (
        q.start <= start + 5
        and len(opening) > 1
        and opening[0] in ("of", "among")
        and opening[1] in _BACK_PARTITIVES
    ):
        return True
    earlier = words[max(start, q.start - 4) : q.start]
    if "version" in earlier and "earlier" in earlier:
        return True  # "(Corrects ...; an earlier version said 21,000.)"
    if q.start <= start + 2 and (
        (q.end < end and words[q.end] == "more")
        or tuple(words[q.end : q.end + 2]) in (("of", "them"), ("of", "those"))
    ):
        return True  # "Six more were found on Tuesday.", "Twelve of them are ..."
    if q.start == start or words[q.start - 1] not in _BACK_LINKS:
        return False
    for k in range(q.start - 1, max(start, q.start - 8) - 1, -1):
        if words[k] in CLAUSE_END or words[k] == ",":
            return False
        if words[k] in HEADS or words[k] in _NOT_COUNTED:
            return False  # "the figure for aid trucks is 40": another thing
        if words[k] in _ANAPHORS and _THIS & set(words[max(start, k - 2) : k]):
            return True  # "the figure", "the true number"
    return False


_THIS = frozenset(words("the this that its their"))
_ELIDED_VERBS = frozenset(words("did do does were was had have has are is"))
_COUNTED = frozenset(
    words(
        "access.corridors access.convoys health.hospitals health.doctors "
        "attacks.count forces.troops"
    )
)


def elides(
    q: Quantity,
    before: Quantity,
    previous: str,
    words: Sequence[str],
    end: int,
) -> bool:
    """Does a figure that names nothing leave out the noun or verb of the
    figure before it? "329 shells hit the city; on 22 July, 3,777 did" (the
    verb); "eight corridors: six for civilians and two for fighters", "three
    corridors for civilians and one, on the Castello road, for fighters" (the
    noun of a counted thing)."""
    if q.kind != "count" or before.kind != "count" or q.zero:
        return False
    if head_of(words, q, end)[0] is not None:
        return False
    after = words[q.end] if q.end < end else "."
    following = words[q.end + 1] if q.end + 1 < end else "."
    if after in _ELIDED_VERBS and (
        following in CLAUSE_END or following in (",", "too")
    ):
        return True  # "..., 3,777 did."
    if after == "followed" or (after in ("will", "would") and following == "follow"):
        return True  # "17 patients were transferred, and a further 29 will follow"
    if tuple(words[max(0, q.start - 2) : q.start]) == (",", "not"):
        return True  # "about 100 thousand still here, not 200 like UN says"
    if previous not in _COUNTED:
        return False
    between = words[before.end : q.start]
    if not between or len(between) > 10 or between[-1] not in (",", "and", ":"):
        return False
    if any(w[:1].isdigit() or w in NUMBER_WORDS for w in between):
        return False
    return after in ("for", "to", "in", "on", "at", "from", ",", ".", ";")


def remains_among(q: Quantity, words: Sequence[str], end: int) -> bool:
    """ "Around 50,000 of them remain in the shelters": a part of the people
    counted before who are still where they went (not trapped)."""
    return tuple(words[q.end : q.end + 2]) in (("of", "them"), ("of", "those"))
