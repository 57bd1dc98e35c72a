"""The quantity grammar: where a figure is, and what range it stands for.

The grammar reads lower-cased spaCy token texts, left to right::

    quantity := [prefix]* core [suffix] [unit]
    prefix   := bound ("more than", "up to", "nearly" ...) | hedge ("about", "some")
    core     := zero ("no", "not a single") | range | amount | vague
    range    := ["between" | "from"] amount ("to" | "-" | "and" | "or") amount
    amount   := digits [scale] | number-words [scale] | "a" scale
    vague    := "dozens" | "hundreds of thousands" | "several" [scale] | ...
    suffix   := "or more" | "plus" | "or so" | "odd"
    unit     := percent | duration | tonnes | money | age | time | distance

Bounds and vague words become ranges (DESIGN.md's table):

* "more than X", "over X", "at least X"  -> low X, high None
* "up to X", "fewer than X", "as many as X" -> low None, high X
* "nearly X", "almost X", "close to X"   -> low 0.9 X (rounded), high X
* "about X", "some X", "an estimated X"  -> low = high = X, hedged
* "dozens" 24-99, "scores" 40-199, "hundreds" 100-999, "thousands" 1,000-9,999,
  "tens of thousands" 10,000-99,999, "hundreds of thousands" 100,000-999,999,
  "millions" 1,000,000-9,999,999; "a handful" / "a few" 2-5, "a couple" 2,
  "several" 3-9; with a scale word the multiplier scales and the top is
  filled: "several hundred" 300-999, "a few dozen" 24-60 ("a few hundred" is
  "hundreds", 100-999); "many" needs a
  scale and means the plural: "many thousands" 1,000-9,999.

Durations are in days (hour 1/24, week 7, month 30, year 365). Figures that
are not amounts of anything an indicator counts (ages, clock times, money,
distances, page and phone numbers, years) come back with their own ``kind``
or not at all, so callers can drop them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from text_to_num import text2num

from corridor.extract.lexicon import lengths_by_first, words
from corridor.extract.quantifiers import (
    DISTANCE_AFTER,
    DURATION_DAYS,
    FRACTIONS,
    MONEY_AFTER,
    MONEY_BEFORE,
    MULTIPLIER_NEEDS_SCALE,
    NOT_FIGURE_BEFORE,
    NUMBER_WORDS,
    PERCENT,
    PREFIXES,
    RATE_NOUNS,
    RATES,
    SCALES,
    SHARE_FIRST,
    SHARES,
    SINGULAR_DURATIONS,
    TIME_AFTER,
    TONNES,
    TRAILING_BOUNDS,
    VAGUE_MULTIPLIERS,
    VAGUE_PLURALS,
    YEAR_NOUNS,
    ZEROS,
)


class Quantity(NamedTuple):
    """A figure found in a token sequence; ``end`` is exclusive. (A named
    tuple: made for every figure and every question, it is three times quicker
    to build than a frozen dataclass.)"""

    start: int
    end: int
    low: float | None
    high: float | None
    kind: str = "count"  # count percent duration tonnes money age time distance
    vague: bool = False
    hedged: bool = False
    zero: bool = False
    core: int = -1  # token index of the core amount (after any prefix)


_DIGITS = re.compile(
    r"^~?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k|m|mn|bn|million|billion)?$"
)
_DIGIT_RANGE = re.compile(r"^(\d[\d,.]*)[–—-](\d[\d,.]*)$")
_BARE_DIGITS = re.compile(r"^\+?\d+$")
# Thousands written the continental way: "40.000", "1.200.000" (not "1.500")
_DOTTED_THOUSANDS = re.compile(r"^(\d{2,3}(?:\.\d{3})+|\d(?:\.\d{3}){2,})$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")  # "1,5 million"
_THREE_DIGITS = re.compile(r"^\d{3}$")  # "15 000"
_YEAR = re.compile(r"^(19|20)\d\d$")

STARTERS = (
    frozenset(key[0] for key in (*PREFIXES, *VAGUE_PLURALS, *VAGUE_MULTIPLIERS))
    | NUMBER_WORDS
    | {z[0] for z in ZEROS}
    | {"a", "an", "one", "between", "from", "half"}
)


DIGIT_START = frozenset("0123456789~")
# The first word of every prefix and vague amount, and the lengths of the
# phrases it begins, longest first: the lengths worth looking up at a token.
_PHRASE_LENGTHS = lengths_by_first([*PREFIXES, *VAGUE_PLURALS, *VAGUE_MULTIPLIERS])
_ZERO_FIRST = frozenset(form[0] for form in ZEROS)
_ZEROS_BY_FIRST = {  # first word -> its forms, in the order of ZEROS
    first: [form for form in ZEROS if form[0] == first] for first in _ZERO_FIRST
}
_UNIT_FIRST = frozenset(form[0] for form in PERCENT)
# What a core (after the prefixes) can begin with, besides DIGIT_START: a cheap
# gate for the many starts that are none ("in", "some people", "at last").
_CORE_FIRST = (
    NUMBER_WORDS
    | _ZERO_FIRST
    | SHARE_FIRST
    | frozenset(FRACTIONS)
    | frozenset(key[0] for key in (*VAGUE_PLURALS, *VAGUE_MULTIPLIERS))
    | {"a", "an", "one", "between", "from", "-", "and"}
)


def could_start(word: str) -> bool:
    """Cheap gate: can a quantity begin at a token with this lower-cased text?"""
    return word in STARTERS or word[:1] in DIGIT_START


# Words that begin a quantity only before certain words: the first words of
# longer prefixes ("at least", "in excess of", "up to") before their second
# word, and "a" / "an" before a word a figure needs ("a dozen", "a week").
_AFTER_A = frozenset(
    words(
        "dozen hundred thousand million handful few couple quarter half third "
        "single hour day night week month year reported"
    )
)
_SECOND_WORDS: dict[str, frozenset[str]] = {
    **{
        first: frozenset(k[1] for k in PREFIXES if k[0] == first and len(k) > 1)
        for first in STARTERS - _CORE_FIRST
        if first[:1] not in DIGIT_START and (first,) not in PREFIXES
    },
    "a": _AFTER_A,
    "an": _AFTER_A,
}


def could_start_at(words: Sequence[str], i: int) -> bool:
    """``could_start`` for the token at ``i``, and for a word that begins a
    quantity only before certain words ("in" of "in excess of", "a" of "a
    dozen"), only before one of them."""
    word = words[i]
    if word[:1] in DIGIT_START:
        return True
    if word not in STARTERS:
        return False
    second = _SECOND_WORDS.get(word)
    return second is None or (i + 1 < len(words) and words[i + 1] in second)


def _phrase(words: Sequence[str], i: int, end: int, table: dict) -> tuple | None:
    if i >= end:
        return None
    for n in _PHRASE_LENGTHS.get(words[i], ()):
        key = tuple(words[i : i + n])
        if len(key) == n and i + n <= end and key in table:
            return key
    return None


def _digits(word: str) -> tuple[float, float] | None:
    """Value and scale of one digit token ("31,500", "1.2m", "50k"), else None."""
    if word.isdecimal():  # "1200": the digits ``_DIGITS`` reads, and only them
        return float(word), 1.0
    if "." in word and _DOTTED_THOUSANDS.match(word):
        return float(word.replace(".", "")), 1.0  # "40.000"
    match = _DIGITS.match(word)
    if not match:
        return None
    whole, frac, suffix = match.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    scale = SCALES.get(suffix, 1.0) if suffix else 1.0
    return value * scale, scale


def _spaced_thousands(words: Sequence[str], i: int, end: int) -> bool:
    """ "15 000 people": thousands set off by a space, as many witnesses write."""
    return (
        i + 1 < end
        and len(words[i + 1]) == 3
        and _BARE_DIGITS.match(words[i]) is not None
        and len(words[i]) <= 3
        and _THREE_DIGITS.match(words[i + 1]) is not None
        and not (i + 2 < end and words[i + 2][:1].isdigit())
    )


def _words_value(words: Sequence[str], i: int, end: int) -> tuple[float, int] | None:
    """Value of the longest run of number words at ``i`` ("fifty thousand")."""
    if words[i] in SCALES:
        return None
    j = i
    while j < end and (
        words[j] in NUMBER_WORDS
        or (words[j] in ("-", "and") and j + 1 < end and words[j + 1] in NUMBER_WORDS)
    ):
        j += 1
    while j > i:
        phrase = " ".join(words[i:j]).replace(" - ", "-")
        try:
            return float(text2num(phrase, "en")), j
        except ValueError:
            j -= 1
    return None


def _amount(words: Sequence[str], i: int, end: int) -> tuple[float, int, float] | None:
    """An exact amount at ``i``: (value, end index, scale applied)."""
    word = words[i]
    scale = 1.0
    if word[:1].isdigit() or word[:1] == "~":
        parsed = _digits(word)
        if parsed is None:
            scaled = i + 1 < end and words[i + 1] in SCALES
            if not (scaled and _DECIMAL_COMMA.match(word)):
                return None
            parsed = float(word.replace(",", ".")), 1.0  # "1,5 million"
        value, scale = parsed
        j = i + 1
        if j < end and len(words[j]) == 3 and _spaced_thousands(words, i, end):
            value, j = value * 1000 + float(words[i + 1]), i + 2  # "15 000"
    elif (fraction := _fraction(words, i, end)) is not None:
        return fraction
    elif word == "a" and i + 2 < end and words[i + 1] == "single":
        return 1.0, i + 2, 1.0
    elif word in ("a", "an") and i + 1 < end and words[i + 1] in SCALES:
        value, j = 1.0, i + 1
    elif (
        word in ("a", "an")
        and i + 1 < end
        and words[i + 1] in SINGULAR_DURATIONS
        # not a rate: "11 hours a day", "twice a month"
        and not (
            i > 0
            and (
                words[i - 1] in DURATION_DAYS
                or words[i - 1] in RATES
                or words[i - 1] in RATE_NOUNS
            )
        )
    ):
        return 1.0, i + 1, 1.0
    else:
        if word == "one" and i + 1 < end and words[i + 1] in ("of", "another"):
            return None
        if word in ("a", "an"):
            return None
        found = _words_value(words, i, end)
        if found is None:
            return None
        value, j = found
    if (
        j < end
        and words[j] in ("k", "m", "mn", "bn")
        and word[:1].isdigit()
        and scale == 1
    ):
        scale = SCALES[words[j]]
        value *= scale
        j += 1
    while j < end and words[j] in SCALES and words[j] not in ("k", "m", "mn", "bn"):
        scale *= SCALES[words[j]]
        value *= SCALES[words[j]]
        j += 1
    return value, j, scale


def _fraction(
    words: Sequence[str], i: int, end: int
) -> tuple[float, int, float] | None:
    """ "a quarter of a million", "half a million", "a half million"."""
    k = i + 1 if words[i] in ("a", "one") else i
    if k >= end or words[k] not in FRACTIONS:
        return None
    part = FRACTIONS[words[k]]
    k += 1
    for filler in ("of", "a"):
        if k < end and words[k] == filler:
            k += 1
    if k < end and words[k] in ("million", "billion", "thousand"):
        return part * SCALES[words[k]], k + 1, SCALES[words[k]]
    return None


def _has_dash(word: str) -> bool:
    """Can the token be a range in digits ("10-20")? Most have no dash."""
    return "-" in word or "\u2013" in word or "\u2014" in word


def _range_or_amount(
    words: Sequence[str], i: int, end: int
) -> tuple[float, float, int] | None:
    """``low, high, end`` of an amount or a range of two amounts."""
    between = words[i] in ("between", "from")
    k = i + 1 if between else i
    if k >= end:
        return None
    word = words[k]
    match = _DIGIT_RANGE.match(word) if _has_dash(word) else None
    if match:
        left, right = _digits(match.group(1)), _digits(match.group(2))
        if left and right and left[0] <= right[0]:
            return left[0], right[0], k + 1
    first = _amount(words, k, end)
    if first is None:
        return None
    low, j, low_scale = first
    joiners = ("and",) if words[i] == "between" else ("to", "-", "–", "—", "or")
    if j + 1 < end and words[j] in joiners:
        second = _amount(words, j + 1, end)
        if second is not None:
            high, j2, high_scale = second
            if high_scale > low_scale and low * high_scale <= high:
                low *= high_scale / low_scale
            if low <= high:
                return low, high, j2
    if between and words[i] == "between":
        return None
    return low, low, j


def _vague(words: Sequence[str], i: int, end: int) -> tuple[float, float, int] | None:
    key = _phrase(words, i, end, VAGUE_PLURALS)
    if key is not None:
        low, high = VAGUE_PLURALS[key]
        j = i + len(key)
        return low, high, j + 1 if j < end and words[j] == "of" else j
    key = _phrase(words, i, end, VAGUE_MULTIPLIERS)
    if key is None:
        return None
    low, high = VAGUE_MULTIPLIERS[key]
    j = i + len(key)
    scale_word = words[j].rstrip("s") if j < end else ""
    if scale_word in ("hundred", "thousand", "million", "dozen"):
        scale = SCALES[scale_word]
        j += 1
        if j < end and words[j] == "of":
            j += 1
        if key in (("a", "few"), ("few",)) and scale_word != "dozen":
            return scale, 10 * scale - 1, j  # "a few hundred" = "hundreds"
        top = high * scale if scale_word == "dozen" else (high + 1) * scale - 1
        return low * scale, top, j
    if key in MULTIPLIER_NEEDS_SCALE:
        return None
    return low, high, j


def _unit(words: Sequence[str], j: int, end: int) -> tuple[str, float, int]:
    """The unit after a core amount: (kind, factor, end index)."""
    if j < end and words[j] in _UNIT_FIRST:
        for form in PERCENT:
            if tuple(words[j : j + len(form)]) == form:
                return "percent", 1.0, j + len(form)
    k = j + 1 if j < end and words[j] == "-" else j
    if k < end and words[k] in DURATION_DAYS:
        factor, k = DURATION_DAYS[words[k]], k + 1
        after = words[k : k + 3]
        if (
            after[:2] == ["-", "old"]
            or after[:1] == ["old"]
            or after[:2] == ["of", "age"]
        ):
            return "age", factor, k
        return "duration", factor, k
    if j < end:
        word = words[j]
        if word in TONNES:
            return "tonnes", TONNES[word], j + 1
        if word == "metric" and j + 1 < end and words[j + 1] in TONNES:
            return "tonnes", 1.0, j + 2
        if word in MONEY_AFTER:
            return "money", 1.0, j + 1
        if word in TIME_AFTER:
            return "time", 1.0, j + 1
        if word in DISTANCE_AFTER:
            return "distance", 1.0, j + 1
    return "count", 1.0, j


def _zero(words: Sequence[str], i: int, end: int) -> int | None:
    if i >= end or words[i] not in _ZERO_FIRST:
        return None
    for form in _ZEROS_BY_FIRST[words[i]]:
        if tuple(words[i : i + len(form)]) == form and i + len(form) < end:
            if form[0] in _NEGATED_ZEROS and _NEGATORS.isdisjoint(words[i - 4 : i]):
                return None  # "a single shell", "anyone who left"
            if form == ("none",) and words[i + 1] == "of":
                return None  # "none of those routes": a partitive, read elsewhere
            return i + len(form)
    return None


_NEGATED_ZEROS = frozenset(("a", "anyone", "anybody"))
_NEGATORS = frozenset(("not", "n't", "never", "no", "without"))


def _not_a_figure(words: Sequence[str], i: int, j: int, end: int) -> bool:
    """Years, phone numbers and numbered things ("page 12", "Brigade 80")."""
    before = words[i - 1] if i > 0 else ""
    if before in NOT_FIGURE_BEFORE or before in MONEY_BEFORE:
        return True
    word = words[i]
    if _BARE_DIGITS.match(word):
        if _YEAR.match(word) and j - i == 1:
            after = words[j] if j < end else ""
            if after not in YEAR_NOUNS:
                return True
        if before[:1] == "+" or (before and _BARE_DIGITS.match(before)):
            return True
        if j < end and _BARE_DIGITS.match(words[j]):
            return True
    return False


def _share(words: Sequence[str], i: int, end: int) -> tuple[float, int] | None:
    """ "half of", "two-thirds of": a share, in percent, before "of"."""
    if words[i] not in SHARE_FIRST:
        return None
    if words[i] == "half" and i + 1 < end and words[i + 1] in ("the", "its", "their"):
        return SHARES[("half",)], i + 1  # "hold half the city"
    for n in (3, 2, 1):
        key = tuple(words[i : i + n])
        if key in SHARES and i + n < end and words[i + n] == "of":
            after = words[i + n + 1] if i + n + 1 < end else ""
            if after in ("a", "an") or after in SCALES:
                return None  # "a quarter of a million" is an amount
            return SHARES[key], i + n
    return None


_TRAILING_FIRST = frozenset(key[0] for key in TRAILING_BOUNDS)  # "or", "at" ...


def _trailing_bound(words: Sequence[str], j: int, end: int) -> tuple[str, int] | None:
    k = j + 1 if j < end and words[j] == "," else j
    if k + 2 > end or words[k] not in _TRAILING_FIRST:
        return None  # most figures: no bound after them
    key = tuple(words[k : k + 2])
    if len(key) == 2 and k + 2 <= end and key in TRAILING_BOUNDS:
        return TRAILING_BOUNDS[key], k + 2
    return None


_SUFFIX_FIRST = frozenset(("plus", "+", "or", "odd", "("))  # "or more", "(approx.)"


def parse_quantity(
    words: Sequence[str], i: int, end: int | None = None
) -> Quantity | None:
    """The quantity starting at token ``i``, or None if none starts there."""
    end = len(words) if end is None else end
    if i >= end or not could_start(words[i]):
        return None
    start, bound, hedged = i, "", False
    while i < end and words[i] in _PHRASE_LENGTHS:  # digits begin no prefix
        key = _phrase(words, i, end, PREFIXES)
        if key is None:
            break
        role = PREFIXES[key]
        if role == "hedge":
            hedged = True
        else:
            bound = role
        i += len(key)
    if i >= end or not (words[i] in _CORE_FIRST or words[i][:1] in DIGIT_START):
        return None
    if words[i][:1] == "~":
        hedged = True
    word = words[i]  # no zero and no share begins with a digit, as most figures do
    if (
        not bound
        and not hedged
        and word in _ZERO_FIRST
        and (z := _zero(words, i, end)) is not None
    ):
        return Quantity(start, z, 0.0, 0.0, zero=True, core=i)
    if word in SHARE_FIRST and (share := _share(words, i, end)) is not None:
        value, j = share
        low = None if bound == "upper" else value
        high = None if bound == "lower" else value
        if bound == "near":
            low = round(value * 0.9, 6)  # "nearly half" = 45 to 50
        return Quantity(start, j, low, high, "percent", hedged=hedged, core=i)
    vague = False
    core = _range_or_amount(words, i, end)
    if core is None:
        core = _vague(words, i, end)
        vague = core is not None
    if core is None:
        return None
    low, high, j = core
    if not vague and _not_a_figure(words, i, j, end):
        return None
    if j < end and words[j] == "-" and j + 1 < end and words[j + 1] in ("plus", "odd"):
        j += 1
    if j >= len(words) or words[j] not in _SUFFIX_FIRST:
        pass  # most figures: no suffix
    elif j < end and words[j] == "plus":
        bound, j = "lower", j + 1
    elif words[j] == "+" and not (j + 1 < end and words[j + 1][:1] in DIGIT_START):
        bound, j = "lower", j + 1  # "400,000+ people" (not "2 + 2")
    elif tuple(words[j : j + 2]) == ("or", "more"):
        bound, j = "lower", j + 2
    elif tuple(words[j : j + 2]) == ("or", "so") or words[j : j + 1] == ["odd"]:
        hedged, j = True, j + (1 if words[j] == "odd" else 2)
    elif tuple(words[j : j + 3]) in (("(", "approx", ")"), ("(", "approx.", ")")):
        hedged, j = True, j + 3  # "25,000 (approx.)"
    elif tuple(words[j : j + 4]) == ("(", "approx", ".", ")"):
        hedged, j = True, j + 4
    kind, factor, j = _unit(words, j, end)
    if (after := _trailing_bound(words, j, end)) is not None:
        bound, j = after  # "a week, maybe less", "50,000 at least"
    bottom: float | None = low * factor
    top: float | None = high * factor
    if bound == "lower" and not vague:
        top = None
    elif bound == "upper":
        bottom = None
    elif bound == "near":
        near = high * factor * 0.9
        # durations keep their fraction ("almost five years" = 1,642.5 days)
        bottom = (
            round(near, 6) if near < 9 or kind == "duration" else float(round(near))
        )
    return Quantity(start, j, bottom, top, kind, vague, hedged, False, i)  # core i


def find_quantities(
    words: Sequence[str],
    start: int = 0,
    end: int | None = None,
    blocked: frozenset[int] | set[int] = frozenset(),
    candidates: Sequence[int] | None = None,
) -> list[Quantity]:
    """Every quantity in ``words[start:end]``, left to right, not overlapping.

    ``candidates`` (token indices where ``could_start`` holds, ascending) saves
    the scan when the caller has it already."""
    end = len(words) if end is None else end
    found: list[Quantity] = []
    i = start
    if candidates is None:
        candidates = [k for k in range(start, end) if could_start(words[k])]
    for k in candidates:
        if k < i or k in blocked:
            continue
        quantity = parse_quantity(words, k, end)
        if quantity is not None and (
            not blocked or blocked.isdisjoint(range(quantity.core, quantity.end))
        ):
            found.append(quantity)
            i = quantity.end
    return found
