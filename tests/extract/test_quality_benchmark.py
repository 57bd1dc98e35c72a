"""benchmarks/extract_quality.py --against: two annotations scored as one
would score the extractor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "extract_quality.py"


def _quality():
    spec = importlib.util.spec_from_file_location("extract_quality", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


GOLD = [
    {
        "id": "p1",
        "text": "...",
        "claims": [
            "people.trapped 250000 250000 estimated",
            "people.killed 30 - reported",
        ],
        "events": ["corridor.announced", "convoy.entered"],
    },
    {"id": "p2", "text": "...", "claims": [], "events": []},
]
OTHER = [
    {"id": "p2", "claims": ["access.corridors 0 0 asserted"], "events": []},
    {
        "id": "p1",
        "claims": [
            "people.trapped 250000 250000 reported",
            "people.killed 30 30 reported",
        ],
        "events": ["corridor.announced", "corridor.announced"],
    },
]


def test_a_second_annotation_is_matched_by_id_with_the_extractors_rules() -> None:
    quality = _quality()
    result = quality.score(GOLD, quality.by_annotation(OTHER))
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    # claims: the trapped figure matches (its modality differs); 30 is not "30 or more"
    assert (tp["people.trapped"], fn["people.killed"], fp["people.killed"]) == (1, 1, 1)
    assert fp["access.corridors"] == 1
    assert result["agree"]["modality"] == [False]
    # events: one announcement each matches, one is extra, the convoy is missed
    assert tp["event:corridor.announced"] == 1
    assert fp["event:corridor.announced"] == 1
    assert fn["event:convoy.entered"] == 1


def test_an_annotation_scored_against_itself_agrees_fully() -> None:
    quality = _quality()
    result = quality.score(GOLD, quality.by_annotation(GOLD))
    assert not +result["fp"] and not +result["fn"]
