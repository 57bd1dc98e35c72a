"""The publication date a plain-text report states in its header.

A report pasted or saved as text often keeps its date line ("Published
13 December 2016", "Tuesday 13 December 2016 10.14 GMT", "Updated: Dec. 13,
2016") or a wire dateline ("BEIRUT, 28 November 2016 (Reuters) -",
"(Damascus, 13 December 2016) -"). Without a publication date, "on Tuesday"
and "last week" cannot be resolved and no figure gets an ``as_of``, so a
text file without front matter or sidecar takes its date from there.

Only the first few lines are read, and only a line that is *about* the date
counts: a date alone (with a label such as "Published", a weekday, a time),
a byline ending in a date, or a dateline at the start of a paragraph. A date
inside a sentence ("On 22 July 1993 the UN counted ...") is an event's date,
not the report's, and is left to the extractor.
"""

from __future__ import annotations

import datetime as dt
import re

HEADER_LINES = 8
"""Non-empty lines looked at from the top of the text."""
HEADER_CHARS = 2_000
"""Characters looked at from the top: a first line of a whole page is not a header."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE = (
    r"(?:"
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}"  # 13 December 2016
    r"|"
    + rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}".replace("?P<", "?P<us_")  # Dec. 13, 2016
    + r"|"
    r"(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)"  # 2016-12-13
    r")"
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
_TIME = (
    r"(?:(?:,|\s+at|\s*[-|\u2013\u2014])?\s*\d{1,2}[:.]\d\d(?::\d\d)?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:[a-z]{2,4}|utc|gmt)(?:[+-]\d{1,2}(?::?\d\d)?)?)?"
    r"|t\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?)?"
)
_LABEL = (
    r"(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated|issued|"
    r"released|released\s+on|reporting\s+period\s+ending)(?:\s+on)?\s*:?\s*)?"
)
_BYLINE = r"(?:by\s+[^,\n]{1,60},\s*)?"
_DATE_LINE = re.compile(
    rf"^[\s*_#>(\[]*{_BYLINE}{_LABEL}{_WEEKDAY}{_DATE}{_TIME}[\s*_)\].|]*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^\(?[A-Z][\w .'/-]{{1,40}},\s*{_WEEKDAY}{_DATE}\)?\s*(?:\([^()\n]{{1,40}}\)\s*)?"
    r"[-\u2013\u2014:]",
    re.IGNORECASE,
)


def published_in_header(text: str) -> dt.date | None:
    """The date the header of ``text`` gives the report, or None."""
    seen = 0
    for line in text[:HEADER_CHARS].splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > HEADER_LINES:
            break
        match = _DATE_LINE.match(line) or _DATELINE.match(line)
        if match is not None:
            day = _date(match)
            if day is not None:
                return day
    return None


def _date(match: re.Match[str]) -> dt.date | None:
    """The date a match of ``_DATE`` names, or None for one that does not exist."""
    parts = match.groupdict()
    for prefix in ("", "us_", "iso_"):
        if parts.get(prefix + "year"):
            month = parts[prefix + "month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                return dt.date(
                    int(parts[prefix + "year"]), number, int(parts[prefix + "day"])
                )
            except ValueError:  # 31 February
                return None
    return None
