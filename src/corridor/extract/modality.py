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

NEGATIONS = frozenset(
    ["not", "n't", "never", "denied", "deny", "denies", "neither", "nor"]
)
CONDITIONS = frozenset(["if", "unless", "could", "might", "should", "whether"])
FUTURES = frozenset(
    words(
        "will 'll would may expected likely risk threat threatens threatened "
        "projected forecast"
    )
)
ESTIMATES = frozenset(
    words("estimate estimates estimated estimating believed thought assessed")
)
REPORT_VERBS = frozenset(
    words(
        "say says said estimate puts put think thinks believe reported reports "
        "report told warned warns claimed claims described describes "
        "stated confirmed confirms counted recorded "
        "documented noted believes estimated estimates tallied added insisted "
        "according"
    )
)
_SOURCE_NOUNS = frozenset(
    words(
        "agencies agency officials official spokesman spokeswoman spokesperson "
        "monitor observatory activists residents doctors witnesses group groups "
        "ministry source sources envoy organisation organization office "
        "authorities committee coordinator medics workers he she they we it "
        "report mayor governor minister president commander police media "
        "relatives charity council presidency military army state television "
        "tv monitors ngo ngos authority governor spokesperson"
    )
)
_ATTRIBUTION_STOPS = frozenset(
    [",", ";", ".", ":", "(", ")", '"', "“", "”", "'", "‘", "’", "that", "--", "—"]
)
_CLAUSE_STOPS = frozenset(words("; : . ! ? but while whereas although though ( ) —"))
_AFTER_COMMA = frozenset(
    ["and", "but", "while", "as", "which", "who", "where", "whereas", "adding"]
)


def clause_bounds(
    words: Sequence[str], i: int, start: int, end: int
) -> tuple[int, int]:
    """The token span of the clause around token ``i`` (stops at ; but ...,
    and at a comma before "and", "as", "which" ...)."""
    stops, after = _CLAUSE_STOPS, _AFTER_COMMA
    lo = i
    while lo > start:
        word = words[lo - 1]
        if word in stops or (word == "," and words[lo] in after):
            break
        lo -= 1
    hi = i
    while hi < end:
        word = words[hi]
        if word in stops or (word == "," and hi + 1 < end and words[hi + 1] in after):
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
) -> str:
    """The modality of the figure at token ``i`` in ``words[start:end]``."""
    lo, hi = clause_bounds(words, i, start, end)
    clause = set(words[lo:hi])
    if "if" in clause or "unless" in clause:
        return "hypothetical"
    if not zero and clause & NEGATIONS:
        return "negated"
    if clause & CONDITIONS:
        return "hypothetical"
    if clause & FUTURES and not _only_the_month(words, lo, hi, clause):
        return "projected"
    if attributed:
        return "reported"
    return "estimated" if hedged or clause & ESTIMATES else "asserted"


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
            if not (near[0][:1].isdigit() or near[1][:1].isdigit()) and (
                near[0] not in _BEFORE_MONTH
            ):
                return False
    return True


def attribution(
    orths: Sequence[str], words: Sequence[str], start: int, end: int
) -> tuple[int, int] | None:
    """The token span of whom the sentence ``start:end`` attributes itself to.

    Recognises "according to X", "X said/says/reported ...", "..., said X",
    and a speaker before a colon ("The regional governor: around 4,000 ...").
    """
    # The loop acts on report verbs only: most sentences have none to look for.
    verbs = () if REPORT_VERBS.isdisjoint(words[start:end]) else range(start, end)
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
            and not (i > start and words[i - 1] == "an")  # "an estimated 5,000"
        ):
            # "X said" / "X say": the subject before the verb
            k = i
            while k > start and i - k < 8 and words[k - 1] not in _ATTRIBUTION_STOPS:
                k -= 1
            while k < i and words[k][:1].isdigit():
                k += 1  # a liveblog's "10:40" before the source
            subject = range(k, i)
            names_a_source = any(
                (orths[m][:1].isupper() and words[m] not in ("the", "a", "an"))
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
    return _speaker(orths, words, start, end)


def _speaker(
    orths: Sequence[str], words: Sequence[str], start: int, end: int
) -> tuple[int, int] | None:
    """ "12:30 The regional governor: around 4,000 people left ...", "- People
    displaced (district authorities): 51,000": a source noun before a colon."""
    k = start
    while k < end and (words[k][:1].isdigit() or words[k] in ("-", "*", "•")):
        k += 1  # a liveblog's "10:40", a bullet
    for colon in range(k, min(end, k + 10)):
        if words[colon] in (":", "):"):
            span = range(k, colon)
            if any(words[m] in _SOURCE_NOUNS for m in span) and not any(
                words[m][:1].isdigit() or words[m] in ("q", "a") for m in span
            ):
                return k, colon
            return None
    return None
