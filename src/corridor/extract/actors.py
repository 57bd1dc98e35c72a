"""Actors: the parties that act in a report, by canonical name.

A small lexicon, matched on token texts as written ("Russian troops" ->
Russia, "government forces" -> Syrian government). The first actor of a
clause is the one a figure or event is given.
"""

from __future__ import annotations

from collections.abc import Sequence

ACTORS: dict[str, str] = {
    "Russia": "Russia",
    "Russian": "Russia",
    "Russians": "Russia",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Syrian government": "Syrian government",
    "Syrian army": "Syrian government",
    "Syrian forces": "Syrian government",
    "Syrian troops": "Syrian government",
    "government": "Syrian government",
    "government forces": "Syrian government",
    "government troops": "Syrian government",
    "pro-government": "Syrian government",
    "regime": "Syrian government",
    "Damascus": "Syrian government",
    "Assad": "Syrian government",
    "army": "Syrian government",
    "rebels": "rebels",
    "rebel": "rebels",
    "opposition": "rebels",
    "insurgents": "rebels",
    "jihadists": "rebels",
    "Nusra": "rebels",
    "UN": "UN",
    "U.N.": "UN",
    "United Nations": "UN",
    "OCHA": "UN",
    "WFP": "UN",
    "WHO": "UN",
    "UNICEF": "UN",
    "UNHCR": "UN",
    "ICRC": "ICRC",
    "Red Cross": "ICRC",
    "SARC": "SARC",
    "Red Crescent": "SARC",
    "MSF": "MSF",
    "Doctors Without Borders": "MSF",
    "Turkey": "Turkey",
    "Turkish": "Turkey",
    "Iran": "Iran",
    "Iranian": "Iran",
    "Ukraine": "Ukraine",
    "Ukrainian": "Ukraine",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Kurdish": "Kurdish forces",
    "YPG": "Kurdish forces",
    "Hezbollah": "Hezbollah",
}


def _forms() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, actor in ACTORS.items():
        words = tuple(phrase.replace("-", " - ").split())
        forms.setdefault(words[0], []).append((words, actor))
    for entries in forms.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return forms


class ActorFinder:
    """Finds actors in token sequences."""

    def __init__(self) -> None:
        self._forms = _forms()
        self._first = frozenset(self._forms)  # the first words of the actors

    def find(
        self, orths: Sequence[str], start: int, end: int
    ) -> list[tuple[int, int, str]]:
        """``(start, end, actor)`` for every actor named in ``orths[start:end]``."""
        found: list[tuple[int, int, str]] = []
        forms = self._forms
        if self._first.isdisjoint(orths[start:end]):
            return found  # most sentences name no actor
        i = start
        for k in [k for k in range(start, end) if orths[k] in forms]:
            if k < i:
                continue
            i = k
            for words, actor in forms[orths[i]]:
                n = len(words)
                if (
                    i + n <= end
                    and tuple(orths[i : i + n]) == words
                    and (i + n == end or orths[i + n] != "-")
                ):
                    found.append((i, i + n, actor))
                    i += n
                    break
        return found
