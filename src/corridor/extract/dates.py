"""Dates: find date expressions in a sentence and resolve them.

Relative expressions ("last week", "in recent days", "on Tuesday", "two days
ago") are resolved against the publication date, never against today; with
no publication date they resolve to None. Explicit dates ("15 December",
"Dec. 15, 2016", "July 2016") go to dateparser with the publication date as
its ``RELATIVE_BASE``. Each mention has a role: ``"at"`` (the date a figure
or event refers to) or ``"since"`` (the start of a period: "since July").
The tokens of every mention are not figures ("15" in "15 December").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

import dateparser

from corridor.extract.lexicon import words

MONTHS: dict[str, int] = {
    **{
        name: n
        for n, name in enumerate(
            words(
                "january february march april may june july august september "
                "october november december"
            ),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            words("jan feb mar apr may jun jul aug sep oct nov dec"),
            start=1,
        )
    },
    "sept": 9,
    "jan.": 1,
    "feb.": 2,
    "aug.": 8,
    "sep.": 9,
    "sept.": 9,
    "oct.": 10,
    "nov.": 11,
    "dec.": 12,
}
WEEKDAYS: dict[str, int] = {
    name: n
    for n, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
# Relative expressions -> days before the publication date.
RELATIVE: dict[tuple[str, ...], int] = {
    ("yesterday",): 1,
    ("today",): 0,
    ("tonight",): 0,
    ("last", "night"): 1,
    ("this", "morning"): 0,
    ("this", "week"): 0,
    ("this", "month"): 0,
    ("earlier", "this", "week"): 0,
    ("earlier", "this", "month"): 0,
    ("in", "recent", "days"): 0,
    ("in", "recent", "weeks"): 0,
    ("in", "the", "past", "few", "days"): 0,
    ("over", "the", "past", "few", "days"): 0,
    ("in", "the", "last", "few", "days"): 0,
    ("over", "the", "weekend"): 0,
    ("last", "week"): 7,
    ("last", "weekend"): 7,
    ("last", "month"): 30,
    ("a", "week", "ago"): 7,
    ("a", "month", "ago"): 30,
}
# First word -> the lengths of the expressions it starts, longest first.
_RELATIVE_LENGTHS: dict[str, list[int]] = {
    first: sorted({len(k) for k in RELATIVE if k[0] == first}, reverse=True)
    for first in {k[0] for k in RELATIVE}
}
_RELATIVE_FIRST = frozenset(_RELATIVE_LENGTHS)
_SMALL_WORDS = words("zero one two three four five six seven eight nine ten")
SINCE = frozenset({"since", "from"})
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_YEAR_BEFORE = frozenset(
    {
        "in",
        "since",
        "by",
        "of",
        "until",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "during",
        "from",
    }
)
_MONTH_BEFORE = _YEAR_BEFORE | {"on", "last", "this", "next", "end", "-", "mid-"}
_AGO_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
_SMALL = {w: n for n, w in enumerate(_SMALL_WORDS)}
_DIGITS = frozenset("0123456789")
GATE = _RELATIVE_FIRST | set(MONTHS) | set(WEEKDAYS) | set(_SMALL_WORDS)


class DateMention(NamedTuple):
    """A date expression in a token sequence; ``end`` is exclusive. (A named
    tuple, like ``Quantity``: quicker to build than a frozen dataclass.)"""

    start: int
    end: int
    date: date | None
    role: str  # "at" or "since"


def could_start(word: str) -> bool:
    """Cheap gate: can a date expression begin at this lower-cased token?"""
    return word in GATE or word[:1] in _DIGITS


# Words that are dates alone (months, weekdays, "yesterday"), and the first
# words of longer relative expressions with the words that may come second
_NAMES = frozenset([*MONTHS, *WEEKDAYS, *(key[0] for key in RELATIVE if len(key) == 1)])
_RELATIVE_SECOND: dict[str, frozenset[str]] = {
    first: frozenset(key[1] for key in RELATIVE if key[0] == first and len(key) > 1)
    for first in _RELATIVE_FIRST - _NAMES
}
# and the words that may come third after two that begin only longer
# expressions: "in the" is a date only as "in the past/last few days"
_RELATIVE_THIRD: dict[tuple[str, ...], frozenset[str]] = {
    pair: frozenset(key[2] for key in RELATIVE if key[:2] == pair and len(key) > 2)
    for pair in {key[:2] for key in RELATIVE if len(key) > 2} - RELATIVE.keys()
}


_DAY_RANGE = frozenset(("-", "–", "and", "to"))  # "15-16 Dec", "15 and 16 May"


def could_start_at(lowers: Sequence[str], i: int) -> bool:
    """``could_start`` for the token at ``i``, looking on: a relative
    expression needs its second word ("in" of "in recent days"), and its
    third after two that start no shorter one ("in the past few days"), a number
    "ago" after its unit ("two weeks ago"), digits a day or a year too ("15
    December", "in 2016"). Most numbers and most "in" and "a" start no date."""
    word = lowers[i]
    if word in _NAMES:
        return True
    if word[:1] not in _DIGITS and word not in _SMALL:
        second = _RELATIVE_SECOND.get(word)
        if second is None or i + 1 >= len(lowers) or lowers[i + 1] not in second:
            return False
        third = _RELATIVE_THIRD.get((word, lowers[i + 1]))
        return third is None or (i + 2 < len(lowers) and lowers[i + 2] in third)
    if i + 2 < len(lowers) and lowers[i + 2] in ("ago", "earlier"):
        return True  # "two weeks ago", "3 days earlier"
    if word in _SMALL or len(word) > 4:
        return False  # a day or a year has four characters at most
    if len(word) == 4 and _YEAR.match(word):
        return True
    # a day starts a date only before its month or a range ("15-16 Dec")
    after = lowers[i + 1] if i + 1 < len(lowers) else ""
    return (after in MONTHS or after in _DAY_RANGE) and bool(_DAY.match(word))


def _quick(expression: str, published: date | None) -> tuple[date | None] | None:
    """ "15 december [2016]", "december [2016]" read without dateparser (the
    same answer: the publication year when none is given, day 1 when no day),
    or None for anything else."""
    parts = expression.split()
    year = int(parts.pop()) if parts and _YEAR.match(parts[-1]) else None
    if year is None and published is None:
        return (None,)
    day = int(parts.pop(0)) if len(parts) == 2 and parts[0].isdigit() else 1
    if len(parts) != 1 or parts[0] not in MONTHS:
        return None
    try:
        return (date(year or published.year, MONTHS[parts[0]], day),)  # type: ignore[union-attr]
    except ValueError:
        return (None,)


class DateReader:
    """Finds and resolves date expressions; caches dateparser's answers."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, date | None], date | None] = {}

    def parse(self, expression: str, published: date | None) -> date | None:
        """An explicit date expression resolved by dateparser, or None."""
        key = (expression, published)
        if key not in self._cache and (quick := _quick(expression, published)):
            return quick[0]
        if key not in self._cache:
            settings: dict = {"PREFER_DAY_OF_MONTH": "first"}
            if published is not None:
                settings["RELATIVE_BASE"] = datetime(
                    published.year, published.month, published.day
                )
            elif not re.search(r"(19|20)\d\d", expression):
                self._cache[key] = None
                return None
            try:
                parsed = dateparser.parse(
                    expression, languages=["en"], settings=settings
                )
            except (ValueError, OverflowError, TypeError):
                parsed = None
            self._cache[key] = parsed.date() if parsed else None
        return self._cache[key]

    def find(
        self,
        orths: Sequence[str],
        lowers: Sequence[str],
        start: int,
        end: int,
        published: date | None,
        candidates: Sequence[int] | None = None,
    ) -> list[DateMention]:
        """Every date expression in tokens ``start:end``, left to right.

        ``candidates`` (ascending token indices where ``could_start`` holds)
        saves the scan when the caller has them already."""
        found: list[DateMention] = []
        i = start
        if candidates is None:
            candidates = [k for k in range(start, end) if could_start(lowers[k])]
        for k in candidates:
            if k < i:
                continue
            mention = self._at(orths, lowers, k, end, published)
            if mention is not None:
                found.append(mention)
                i = mention.end
        return found

    def _at(
        self,
        orths: Sequence[str],
        lowers: Sequence[str],
        i: int,
        end: int,
        published: date | None,
    ) -> DateMention | None:
        word = lowers[i]
        before = lowers[i - 1] if i > 0 else ""
        role = "since" if before in SINCE else "at"
        for n in _RELATIVE_LENGTHS.get(word, ()):
            key = tuple(lowers[i : i + n])
            if i + n <= end and key in RELATIVE:
                when = published - timedelta(days=RELATIVE[key]) if published else None
                return DateMention(i, i + n, when, role)
        if word in WEEKDAYS and orths[i][:1].isupper():
            when = None
            if published is not None:
                if before == "next":
                    ahead = (WEEKDAYS[word] - published.weekday()) % 7 or 7
                    when = published + timedelta(days=ahead)
                else:
                    back = (published.weekday() - WEEKDAYS[word]) % 7
                    when = published - timedelta(days=back)
            return DateMention(i, i + 1, when, role)
        if (
            i + 2 < end
            and lowers[i + 2] in ("ago", "earlier")
            and lowers[i + 1] in _AGO_UNITS
            and before not in ("than", "over", "least")  # "more than two months ago"
        ):
            count = _SMALL.get(word) or (int(word) if word.isdigit() else None)
            if count is not None:
                back = count * _AGO_UNITS[lowers[i + 1]]
                when = published - timedelta(days=back) if published else None
                return DateMention(i, i + 3, when, "at")
        return self._explicit(orths, lowers, i, end, published, role)

    def _explicit(
        self,
        orths: Sequence[str],
        lowers: Sequence[str],
        i: int,
        end: int,
        published: date | None,
        role: str,
    ) -> DateMention | None:
        word = lowers[i]
        j = i
        if _DAY.match(word) and i + 1 < end:
            # "15 December", "15-16 Dec" (the date is the first day)
            k = i + 1
            if lowers[k] in _DAY_RANGE and k + 1 < end and _DAY.match(lowers[k + 1]):
                k += 2
            if k < end and lowers[k] in MONTHS and orths[k][:1].isupper():
                j = k + 1
                text = f"{_DAY.match(word).group(1)} {lowers[k].rstrip('.')}"  # type: ignore[union-attr]
            else:
                return None
        elif word in MONTHS and orths[i][:1].isupper():
            j = i + 1
            if (
                j < end
                and _DAY.match(lowers[j])
                and not (j + 1 < end and lowers[j + 1] in ("%", "per"))
            ):
                text = f"{lowers[j].rstrip('stndrh')} {word.rstrip('.')}"
                j += 1
            elif (j < end and _YEAR.match(lowers[j])) or (
                i > 0 and lowers[i - 1] in _MONTH_BEFORE
            ):
                text = word.rstrip(".")
            else:
                return None
        elif _YEAR.match(word) and (i == 0 or lowers[i - 1] in _YEAR_BEFORE):
            return DateMention(i, i + 1, None, role)
        else:
            return None
        if j < end and lowers[j] == "," and j + 1 < end and _YEAR.match(lowers[j + 1]):
            j += 1
        if j < end and _YEAR.match(lowers[j]):
            text += " " + lowers[j]
            j += 1
        return DateMention(i, j, self.parse(text, published), role)
