"""Shared fixtures: one Extractor per test session (building it takes ~1 s)."""

from __future__ import annotations

import pytest
import spacy

from corridor.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def words():
    """Lower-cased spaCy tokens of a string, as the grammar reads them."""
    nlp = spacy.blank("en")

    def tokenize(text: str) -> list[str]:
        return [t.lower_ for t in nlp.tokenizer(text)]

    return tokenize
