"""Helpers for the word lists the grammar modules keep."""

from __future__ import annotations

from collections.abc import Iterable


def words(text: str) -> list[str]:
    """``"a b c"`` -> ``["a", "b", "c"]``: word lists stay compact and readable."""
    return text.split()


def lengths_by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word -> the lengths of the phrases it begins, longest first: the
    only lengths worth looking up in a phrase table at a token."""
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
