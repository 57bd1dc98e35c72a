"""Format checks for the held-out extraction sets (tests/heldout2 to 5).

Only the format is checked here; the sets are never used to tune extraction.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corridor.extract.records import EVENT_TYPES, INDICATORS

HERE = Path(__file__).parent
# folder -> id prefix
SETS = {"heldout2": "h2-", "heldout3": "h3-", "heldout4": "h4-", "heldout5": "h5-"}
MODALITIES = {
    "asserted",
    "estimated",
    "reported",
    "projected",
    "hypothetical",
    "negated",
}
KINDS = {"news", "editorial", "agency", "witness"}


def _files(folder: str):
    return sorted((HERE / folder).glob("*.yaml"))


def _docs(folder: str):
    for path in _files(folder):
        for doc in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield path.name, doc


def _all_docs():
    for folder in SETS:
        for name, doc in _docs(folder):
            yield f"{folder}/{name}", doc


def _bound(value: str):
    return None if value == "-" else float(value)


@pytest.mark.parametrize("folder", sorted(SETS))
def test_set_size(folder):
    assert len(_files(folder)) >= 7
    assert len(list(_docs(folder))) >= 60


@pytest.mark.parametrize("folder,prefix", sorted(SETS.items()))
def test_ids_unique_and_prefixed(folder, prefix):
    ids = [doc["id"] for _, doc in _docs(folder)]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(prefix) for i in ids)


def test_ids_unique_across_sets():
    ids = [doc["id"] for _, doc in _all_docs()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "name,doc", list(_all_docs()), ids=lambda v: v if isinstance(v, str) else v["id"]
)
def test_document(name, doc):
    assert set(doc) == {"id", "kind", "published", "area", "text", "claims", "events"}
    assert doc["kind"] in KINDS
    words = len(doc["text"].split())
    assert 60 <= words <= 250, f"{doc['id']}: {words} words"
    for line in doc["claims"] or []:
        parts = line.split()
        assert len(parts) == 4, line
        indicator, low, high, modality = parts
        assert indicator in INDICATORS, line
        assert modality in MODALITIES, line
        lo, hi = _bound(low), _bound(high)
        assert lo is not None or hi is not None, line
        if lo is not None and hi is not None:
            assert lo <= hi, line
    for event in doc["events"] or []:
        assert event in EVENT_TYPES, event
