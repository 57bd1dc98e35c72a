"""Format checks for the second held-out extraction set (tests/heldout2).

Only the format is checked here; the set is never used to tune extraction.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corridor.extract.records import EVENT_TYPES, INDICATORS

HELDOUT2 = Path(__file__).parent / "heldout2"
MODALITIES = {
    "asserted",
    "estimated",
    "reported",
    "projected",
    "hypothetical",
    "negated",
}
KINDS = {"news", "editorial", "agency", "witness"}
FILES = sorted(HELDOUT2.glob("*.yaml"))


def _docs():
    for path in FILES:
        for doc in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield path.name, doc


def _bound(value: str):
    return None if value == "-" else float(value)


def test_set_size():
    assert len(FILES) >= 7
    assert len(list(_docs())) >= 60


def test_ids_unique_and_prefixed():
    ids = [doc["id"] for _, doc in _docs()]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("h2-") for i in ids)


@pytest.mark.parametrize(
    "name,doc", list(_docs()), ids=lambda v: v if isinstance(v, str) else v["id"]
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
