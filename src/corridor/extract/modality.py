"""Modality and attribution: how a figure is stated, and by whom.

One modality per figure, the first that applies in this order:

``negated``       "not", "never", "denied" in the figure's clause
``hypothetical``  a condition: "if", "unless", "could", "might", "should"
``projected``     the future or a risk: "will", "would", "may", "expected",
                  "likely", "at risk of", "threatens"
``estimated``     a hedge on the figure ("about", "some", "an estimated",
                  "nearly") or "estimate" in its clause
``reported``      the sentence attributes it ("according to X", "X said")
``asserted``      otherwise

A reported figure that is also hedged stays ``estimated``; its attribution
field still names the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.extract.lexicon import words
from corridor.extract.quantifiers import NUMBER_WORDS

NEGATIONS = frozenset(
    [
        "not",
        "n't",
        "never",
        "denied",
        "deny",
        "denies",
        "neither",
        "nor",
        *words("rejected rejects dismissed dismisses refuted refutes"),
    ]
)
# "could not confirm reports that 50 were executed": doubt, not denial
_CONFIRM = frozenset(words("confirm confirmed verify verified corroborate"))
CONDITIONS = frozenset(["if", "unless", "could", "might", "should", "whether"])
FUTURES = frozenset(
    words(
        "will 'll would may expected likely risk threat threatens threatened "
        "projected forecast hoped hopes hoping aims planned due scheduled"
    )
)
# "50 hostages are to be freed": a plan, stated with "to be".
_TO_BE = frozenset((("are", "to", "be"), ("is", "to", "be"), ("were", "to", "be")))
# "reports that 50,000 had left were incorrect", "the claim ... is false"
CORRECTIONS = frozenset(
    words(
        "incorrect false untrue wrong inaccurate exaggerated baseless erroneous "
        "fabricated unfounded"
    )
)
_REVISIONS = frozenset(words("revised corrected lowered raised amended updated scaled"))
_CORRECTIONS_OR_REVISIONS = CORRECTIONS | _REVISIONS
_HEARSAY = frozenset(words("reportedly allegedly purportedly"))
ESTIMATES = frozenset(
    words(
        "estimate estimates estimated estimating believed thought assessed guess "
        "feared presumed"
    )
)
REPORT_VERBS = frozenset(
    words(
        "say says said estimate puts put think thinks believe reported reports "
        "report told warned warns claimed claims described describes "
        "stated confirmed confirms counted recorded "
        "documented noted believes estimated estimates tallied added insisted "
        "according tells tell warn logged lists listed admit admits admitted "
        "acknowledged acknowledges reckons reckon believed revised showed shows "
        "heard"
    )
)
_REPORTING = REPORT_VERBS  # the words the attribution loop looks at
_SOURCE_NOUNS = frozenset(
    words(
        "agencies agency officials official spokesman spokeswoman spokesperson "
        "monitor observatory activists residents doctors witnesses group groups "
        "ministry source sources envoy organisation organization office "
        "authorities committee coordinator medics workers he she they we it "
        "report mayor governor minister president commander police media "
        "relatives charity council presidency military army state television "
        "tv monitors ngo ngos authority governor spokesperson team teams staff "
        "partners researchers investigators observers correspondent neighbour "
        "neighbours neighbor neighbors friend friends cousin ppl locals "
        "witness director chief negotiator delegate representative "
        "association government regime rebels opposition doctor medic "
        "physician physicians resident activist"
    )
)
_ATTRIBUTION_STOPS = frozenset(
    [",", ";", ".", ":", "(", ")", '"', "“", "”", "'", "‘", "’", "that", "--", "—"]
)
_CLAUSE_STOPS = frozenset(words("; : . ! ? but while whereas although though ( ) —"))
_AFTER_COMMA = frozenset(
    ["and", "but", "while", "as", "which", "who", "where", "whereas", "adding"]
)
# The words a clause may end at (after a comma or before "and that" only)
_CLAUSE_EDGES = _CLAUSE_STOPS | {",", "and"}
# A subordinate clause: an attribution inside it covers only that clause
# ("Where the government says 300 died, activists count 900"); not "as"
# ("As the UN said last week, 300,000 people are trapped" cites the UN).
SUBORDINATORS = frozenset(
    words("where while whereas although though if unless when since because")
)
# Sentence-initial words that are capitalised only by position: not a source.
_NOT_NAMES = frozenset(
    words(
        "i since where when while if as in on at by during after before this that "
        "these those there here today yesterday tonight overnight then so"
    )
)


def clause_bounds(
    words: Sequence[str], i: int, start: int, end: int
) -> tuple[int, int]:
    """The token span of the clause around token ``i`` (stops at ; but ...,
    and at a comma before "and", "as", "which" ...)."""
    stops, after, edges = _CLAUSE_STOPS, _AFTER_COMMA, _CLAUSE_EDGES
    lo = i
    while lo > start:
        word = words[lo - 1]
        if word in edges:  # one look-up for most words, which end nothing
            if word in stops or (word == "," and words[lo] in after):
                break
            if word == "and" and words[lo] == "that":
                break  # "... said 400 need evacuation and that stocks will run out"
        lo -= 1
    hi = i
    while hi < end:
        word = words[hi]
        if word in edges:
            if word in stops or (
                word == "," and hi + 1 < end and words[hi + 1] in after
            ):
                break
            if word == "and" and hi + 1 < end and words[hi + 1] == "that":
                break
        hi += 1
    return lo, hi


def modality(
    words: Sequence[str],
    i: int,
    start: int,
    end: int,
    *,
    hedged: bool,
    attributed: bool,
    zero: bool = False,
    bounds: tuple[int, int] | None = None,
) -> str:
    """The modality of the figure at token ``i`` in ``words[start:end]``
    (``bounds``: its ``clause_bounds``, if the caller has them already)."""
    lo, hi = (
        _apposition(words, i, start, end)
        or bounds
        or clause_bounds(words, i, start, end)
    )
    clause = set(words[lo:hi])
    if corrected(words, i, start, end):
        return "negated"  # "reports that 50,000 had left were incorrect"
    if not _MOOD_WORDS.isdisjoint(clause):  # most clauses have none
        mood = _marked(words, i, start, lo, hi, clause, zero)
        if mood is not None:
            return mood
    to_be = "be" in words[lo : hi + 2]  # the phrase may run past the clause
    if to_be and any(tuple(words[k : k + 3]) in _TO_BE for k in range(lo, hi)):
        return "projected"  # "50 hostages held in Gaza are to be freed"
    if attributed or clause & _HEARSAY:
        return "reported"
    return "estimated" if hedged or clause & ESTIMATES else "asserted"


def _marked(
    words: Sequence[str],
    i: int,
    start: int,
    lo: int,
    hi: int,
    clause: set[str],
    zero: bool,
) -> str | None:
    """The modality a word of the figure's clause ``lo:hi`` marks: a
    condition, a doubt on a confirmation, a negation or the future (or None).
    Asked only of clauses with a word of ``_MOOD_WORDS``."""
    if "if" in clause or "unless" in clause or _inverted(words, lo, hi, start):
        return "hypothetical"
    if clause & _CONFIRM and _unconfirmed(words, lo, hi):
        return "reported"  # a figure someone cannot confirm is reported
    if not zero and clause & NEGATIONS and _negates(words, i, lo, hi):
        return "negated"
    # not the words of a relative clause: "... a form that X could trust"
    own = _before_relative(words, i, lo, hi, clause)
    if own & CONDITIONS:
        return "hypothetical"
    if own & FUTURES and not _only_the_month(words, lo, hi, own):
        return "projected"
    return None


_RELATIVES = frozenset(words("that which who whom where"))


def _before_relative(
    words: Sequence[str], i: int, lo: int, hi: int, clause: set[str]
) -> set[str]:
    """The words of the clause but a relative clause that opens after the
    token and a noun ("the corridors had not materialised in a form that
    civilians could trust": "could" is the relative clause's, not theirs).
    ``clause`` is ``set(words[lo:hi])``, returned when there is none."""
    if _RELATIVES.isdisjoint(words[i + 2 : hi]):
        return clause  # most clauses: no relative clause after the figure
    for k in range(i + 2, hi):
        if words[k] in _RELATIVES and words[k - 1] not in _VERBS_BEFORE_THAT:
            return set(words[lo:k])
    return clause


# "said that", "warned that": a report's content, not a relative clause
_VERBS_BEFORE_THAT = frozenset(
    [*REPORT_VERBS, *words("warned warns fear fears feared hope hoped so such")]
)


_NEGATION_REACH = 7  # "... live under a siege the world has chosen not to see"


def _negates(words: Sequence[str], i: int, lo: int, hi: int) -> bool:
    """Is a negation of the clause before the figure or near after it (not
    in a relative clause further on)?"""
    return any(
        words[k] in NEGATIONS
        and not (k > i and words[k] == "not" and words[k - 1] == ",")
        for k in range(lo, min(hi, i + _NEGATION_REACH + 1))
    )  # "more than 400, not 500": the "not" is the later figure's


def _apposition(
    words: Sequence[str], i: int, start: int, end: int
) -> tuple[int, int] | None:
    """ "The food, about 400 tonnes, should last ...", "the death toll, already
    1,140, could double": a figure set off by commas right after its noun is
    stated on its own; the verb after it is not its clause."""
    first = max(start, i - 4)
    left = words[first:i]
    if "," not in left:
        return None  # most figures: no comma right before
    right = words[i + 1 : min(end, i + 4)]
    if "," not in right:
        return None
    lo = first + len(left) - 1 - left[::-1].index(",")  # the nearest commas
    hi = i + 1 + right.index(",")
    if not lo or lo == start:
        return None
    inside = words[lo + 1 : hi]
    if not (_VERBISH.isdisjoint(inside) and _CLAUSE_STOPS.isdisjoint(inside)):
        return None
    before = words[lo - 1]
    if not before.isalpha() or before in _AFTER_COMMA or before in _VERBISH:
        return None
    return lo + 1, hi


_VERBISH = frozenset(
    words("is are was were be been has have had will would could may said says")
)


def announces(words: Sequence[str], start: int, end: int) -> bool:
    """Does the sentence announce or propose corridors? Their count is then
    asserted, whoever is quoted ("Russia said it would open three corridors",
    "the deputy prime minister says eight corridors have been agreed")."""
    found = _ANNOUNCING & set(words[start:end])
    if found and found <= _OPENING:  # "Russia said eight corridors were open"
        return any(
            words[k] in _OPENING and {"will", "would", "to"} & set(words[k - 3 : k])
            for k in range(start + 1, end)
        )
    return bool(found)


_OPENING = frozenset(words("open opened opens"))
_ANNOUNCING = frozenset(
    words(
        "announced announces announce announcing proposed proposes propose "
        "proposing agreed offered offers named designated open opened opens "
        "establish established unveiled declared"
    )
)


def corrected(words: Sequence[str], i: int, start: int, end: int) -> bool:
    """Is the figure at ``i`` corrected away? "reports that 50,000 had left
    were incorrect", "the claim that 7,000 left is false" (a correction word
    after the figure, before the next "and"/"but"); "initially said 50,000
    ..., but later revised the figure down to 40,000" (a revision "to" another
    figure later in the sentence); "an earlier version said 21,000"."""
    before = words[max(start, i - 8) : i]
    if "earlier" in before:
        after_earlier = before[before.index("earlier") :]
        if "version" in after_earlier or "said" in after_earlier:
            return True  # "an earlier version of this story said 60"
    after = words[i + 1 : min(end, i + 16)]
    if _CORRECTIONS_OR_REVISIONS.isdisjoint(after):
        return False  # most figures: no correction word to look at
    k = i + 1
    while k < min(end, i + 14):
        word = words[k]
        if word in ("and", "but", ";", ".", "while") or word[:1].isdigit():
            break
        if word in CORRECTIONS and words[k - 1] in _COPULAS:
            return True
        k += 1
    for k in range(i + 1, min(end, i + 16)):
        if words[k] not in _REVISIONS:
            continue
        to = next((m for m in range(k + 1, min(end, k + 6)) if words[m] == "to"), 0)
        if to and to + 1 < end and _is_figure(words[to + 1]):
            between = words[i + 1 : k]
            return "but" in between or "later" in between or "," in between
    return False


def _is_figure(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS or word in ("about", "some")


_COPULAS = frozenset(
    words("is are was were be been being 's completely totally wholly simply")
)


def _unconfirmed(words: Sequence[str], lo: int, hi: int) -> bool:
    """ "could not confirm", "cannot independently verify", "unable to confirm":
    the only negation of the clause is on the confirming verb."""
    negations = [k for k in range(lo, hi) if words[k] in NEGATIONS]
    if not negations and "unable" not in words[lo:hi]:
        return False
    return all(
        _CONFIRM & set(words[k + 1 : k + 4]) or words[k] == "unable" for k in negations
    )


def denies_previous(words: Sequence[str], start: int, end: int) -> bool:
    """Does the sentence deny the one before? "That is false: ...", "This is
    not true.", "Those figures are wrong." (its figures become negated)."""
    head = words[start : start + 5]
    if len(head) < 3 or head[0] not in ("that", "this", "these", "those", "it"):
        return False
    k = 1
    while k < len(head) - 1 and head[k] not in _COPULAS:
        k += 1  # "Those figures are ..."
    rest = head[k + 1 : k + 3]
    return head[k] in _COPULAS and bool(
        set(rest) & CORRECTIONS or rest[:2] == ["not", "true"]
    )


def _inverted(words: Sequence[str], lo: int, hi: int, start: int) -> bool:
    """ "Had the truce held ..., the last 1,200 could have left": a condition
    without "if" (the sentence opens with "had" or "were" and uses a modal)."""
    if _INVERTING_MODALS.isdisjoint(words[lo:hi]):
        return False  # most clauses: no modal, so no walk back to the opener
    opener = lo
    while opener > start and words[opener - 1] not in _CLAUSE_STOPS:
        opener -= 1
    return words[opener] in ("had", "were")


_INVERTING_MODALS = frozenset(("could", "would", "might"))
# Every word ``_marked`` acts on (its clause holds one or it returns None):
# a new word it looks for belongs here too.
_MOOD_WORDS = frozenset(
    {"if", "unless", *_INVERTING_MODALS, *_CONFIRM, *NEGATIONS, *CONDITIONS, *FUTURES}
)


_BEFORE_MONTH = frozenset(
    words("in on since until till by from of early late mid end before after")
)


def _only_the_month(words: Sequence[str], lo: int, hi: int, clause: set[str]) -> bool:
    """Is the only future word the month "May" ("since 1 May", "in May")?"""
    if clause & FUTURES != {"may"}:
        return False
    for k in range(lo, hi):
        if words[k] == "may":
            near = (words[k - 1] if k > lo else "", words[k + 1] if k + 1 < hi else "")
            amount = near[0][:1].isdigit() and not _day(near[0])
            if near[1] in _AFTER_MODAL or amount:
                return False  # "as many as 500 may have been killed"
            if not (near[0][:1].isdigit() or near[1][:1].isdigit()) and (
                near[0] not in _BEFORE_MONTH
            ):
                return False
    return True


_AFTER_MODAL = frozenset(words("have be not well still also already never"))


def _day(word: str) -> bool:
    """A day of the month ("1 May", "31 May"), not an amount ("500 may")."""
    return word.isdigit() and 1 <= int(word) <= 31


def attribution(
    orths: Sequence[str], words: Sequence[str], start: int, end: int
) -> tuple[int, int] | None:
    """The token span of whom the sentence ``start:end`` attributes itself to.

    Recognises "according to X", "X said/says/reported ...", "..., said X",
    and a speaker before a colon ("The regional governor: around 4,000 ...").
    """
    # The loop acts on report verbs only: most sentences have none or one.
    verbs: Sequence[int] = ()
    if not _REPORTING.isdisjoint(words[start:end]):
        verbs = [i for i in range(start, end) if words[i] in _REPORTING]
    for i in verbs:
        word = words[i]
        if word == "according" and i + 1 < end and words[i + 1] == "to":
            j = i + 2
            k = j
            while k < end and k - j < 10 and words[k] not in _ATTRIBUTION_STOPS:
                k += 1
            if k > j:
                return j, k
        elif (
            word in REPORT_VERBS
            and word != "according"
            and not (i > start and words[i - 1] in _OWNERS)  # "an estimated 5,000"
            and not (  # "Our best estimate is ...": a noun, not a verb
                i - 1 > start
                and words[i - 1] in _NOUN_ADJECTIVES
                and words[i - 2] in _OWNERS
            )
            and not (i + 1 < end and words[i + 1] in _AFTER_PARTICIPLE)
            and not (
                word == "believed" and _PASSIVE & set(words[max(start, i - 2) : i])
            )
        ):
            # "X said" / "X say": the subject before the verb
            k = i
            while k > start and i - k < 8 and words[k - 1] not in _ATTRIBUTION_STOPS:
                k -= 1
            while k < i and words[k][:1].isdigit():
                k += 1  # a liveblog's "10:40" before the source
            dash = -1
            if not _DASHES.isdisjoint(words[k:i]):  # most subjects: no dash
                dash = max(m for m in range(k, i) if words[m] in _DASHES)
            if dash > k and any(words[m][:1].isdigit() for m in range(k, dash)):
                k = dash + 1  # "KYIV, April 11 - Ukrainian officials said"
            while k < i - 1 and words[k] in ("as", "like", "and", "but"):
                k += 1  # "As the UN said last week, ...": the UN
            subject = range(k, i)
            names_a_source = any(
                (
                    orths[m][:1].isupper()
                    and words[m] not in ("the", "a", "an")
                    and words[m] not in _CALENDAR
                    and not (words[m] in _NOT_NAMES and _by_position(words, m, start))
                )
                or words[m] in _SOURCE_NOUNS
                for m in subject
            )
            after_comma = k > start and words[k - 1] == "," and 0 < i - k <= 6
            digits = any(words[m][:1].isdigit() for m in subject)
            if (names_a_source or after_comma) and subject and not digits:
                return k, i  # "UN agencies say", "..., the presidency said"
            # "..., said X"
            if i > start and words[i - 1] in (",", "”", '"'):
                j, m = i + 1, i + 1
                while m < end and m - j < 10 and words[m] not in _ATTRIBUTION_STOPS:
                    m += 1
                if m > j:
                    return j, m
    return _speaker(orths, words, start, end) or _byline(orths, words, start, end)


def _byline(
    orths: Sequence[str], words: Sequence[str], start: int, end: int
) -> tuple[int, int] | None:
    """ "13 killed, 40 injured in Douma strike - activists": a source after a
    dash at the end of a headline."""
    last = end - 1 if end - 1 > start and words[end - 1] in (".", "!") else end
    for dash in range(last - 1, max(start, last - 5), -1):
        if words[dash] in ("-", "–", "—"):
            tail = range(dash + 1, last)
            if (
                tail
                and all(not words[m][:1].isdigit() for m in tail)
                and any(words[m] in _SOURCE_NOUNS or _acronym(orths[m]) for m in tail)
            ):
                return dash + 1, last
            return None
    return None


def _acronym(orth: str) -> bool:
    """ "UN", "SOHR", "ICRC": an organisation's initials."""
    return 2 <= len(orth) <= 6 and orth.isupper() and orth.isalpha()


# "It has named eight corridors: six ...": a figure before the colon, no speaker
# nor prose with a verb before a colon ("Medical staff are exhausted: ...")
_NOT_SPEAKERS = frozenset(
    ["q", "a", *NUMBER_WORDS, *words("is are was were has have had")]
)


# "Deaths reported since 15 November: 465": a participle, not a source's verb
_AFTER_PARTICIPLE = frozenset(words("since so :"))
# "an estimated 5,000", "Our estimate is ...", "the report": nouns, not verbs
_NOUN_ADJECTIVES = frozenset(
    words("best latest own new current last first official initial rough")
)
_PASSIVE = frozenset(words("are is was were be been being"))  # "are believed to"
_DASHES = frozenset(["-", "–", "—", "--"])
_OWNERS = frozenset(words("an a the our their its his her my this that your"))


_CALENDAR = frozenset(
    words(
        "monday tuesday wednesday thursday friday saturday sunday january february "
        "march april june july august september october november december"
    )
)


def _by_position(words: Sequence[str], m: int, start: int) -> bool:
    """Is the word capitalised by its place ("Since yesterday I counted ...")?"""
    return m == start or words[m] == "i" or not words[m - 1][:1].isalnum()


def clause_attribution(
    orths: Sequence[str],
    words: Sequence[str],
    span: tuple[int, int],
    at: int,
    end: int,
) -> tuple[int, int] | None:
    """The attribution that covers the figure at ``at``. One found in a
    subordinate clause ("Where the government says only 20,000 live, aid
    workers counted 45,000") covers that clause alone, without its
    subordinator; a figure after it takes the main clause's own attribution.
    A figure after a contrast with a source of its own ("The UN estimates
    10,000, though the government puts the figure at 3,000") takes that one."""
    if words[span[0]] in SUBORDINATORS and span[1] - span[0] > 1:
        comma = next((m for m in range(span[1], end) if words[m] == ","), end)
        if at < comma:
            return span[0] + 1, span[1]
        return attribution(orths, words, comma + 1, end) if comma + 1 < end else None
    if span[0] > at and ";" in words[at : span[0]]:
        return None  # "No hospitals work; 31 doctors remain, according to X"
    if at > span[1]:
        turn = max(
            (m for m in range(span[1], at) if words[m] in _CONTRASTS), default=None
        )
        if turn is not None:
            other = attribution(orths, words, turn + 1, end)
            if other is not None and other[0] < at:
                return other
    return span


_CONTRASTS = frozenset(words("though although while whereas but ;"))


def _speaker(
    orths: Sequence[str], words: Sequence[str], start: int, end: int
) -> tuple[int, int] | None:
    """ "12:30 The regional governor: around 4,000 people left ...", "- People
    displaced (district authorities): 51,000": a source noun before a colon."""
    k = start
    while k < end and (words[k][:1].isdigit() or words[k] in ("-", "*", "•")):
        k += 1  # a liveblog's "10:40", a bullet
    head = words[k : k + 16]
    if ":" not in head and "):" not in head:
        return None  # most sentences: no colon to look at
    for colon in range(k, min(end, k + 16)):
        if words[colon] in (":", "):"):
            span = range(k, colon)
            if any(words[m] in _SOURCE_NOUNS for m in span) and not any(
                words[m][:1].isdigit() or words[m] in _NOT_SPEAKERS for m in span
            ):
                return k, colon
            return None
    return None
