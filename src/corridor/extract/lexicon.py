"""Helpers for the word lists the grammar modules keep."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """``"a b c"`` -> ``["a", "b", "c"]``: word lists stay compact and readable."""
    return text.split()
