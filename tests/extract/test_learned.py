"""The learned second opinions on indicators and modality
(corridor.extract.learned) and the trainer that makes their shipped weights
(tools/train_models.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from corridor import __version__
from corridor.errors import ConfigError
from corridor.extract import INDICATORS, MODALITIES, Claim, Extractor
from corridor.extract.learned import (
    MOODS,
    NONE,
    IndicatorModel,
    ModalityModel,
    Weights,
    features,
    mood_features,
)
from corridor.extract.numbers import Quantity
from corridor.store import schema

TRAINER = Path(__file__).resolve().parents[2] / "tools" / "train_models.py"

# Two classes and one feature each: "-" (bias) and people.killed ("w=dead").
CLASSES = [NONE, "people.killed", "people.trapped"]


def _model(weights: Weights) -> IndicatorModel:
    return IndicatorModel(CLASSES, weights, [1.0, 0.0, 0.0], keep=0.6, replace=0.9)


def _figure(words: list[str], at: int) -> Quantity:
    return Quantity(at, at + 1, 30.0, 30.0, core=at)


def test_the_shipped_models_load_and_know_every_indicator_and_modality() -> None:
    model, moods = IndicatorModel.load(), ModalityModel.load()
    assert set(model.classes) == {NONE, *INDICATORS}
    assert set(moods.classes) == set(MODALITIES)
    assert len(model.digest) == len(moods.digest) == 12
    assert model.digest != moods.digest


def test_the_name_recorded_says_which_weights_read_and_fits_its_column() -> None:
    """Every stored extraction records ``Extractor.name`` in a column of 64
    characters (PostgreSQL refuses a longer one)."""
    width = schema.extractions.c.extractor.type.length
    rules, shipped = Extractor(rules_only=True).name, Extractor().name
    assert rules == f"corridor-rules {__version__}"
    assert shipped.startswith(f"{rules} + learned ") and len(shipped) <= width
    other = IndicatorModel(CLASSES, {"w=dead": [(1, 4.0)]}, [1.0, 0.0, 0.0])
    assert Extractor(model=other).name not in (rules, shipped)


def test_a_claims_modality_changes_only_when_the_model_is_sure() -> None:
    classes = ["asserted", "reported"]
    sure = ModalityModel(classes, {"s=say": [(1, 3.0)]}, [0.0, 0.0], replace=0.6)
    unsure = ModalityModel(classes, {"s=say": [(1, 0.2)]}, [0.0, 0.0], replace=0.6)
    words = ["300", "dead", ",", "medics", "say", "."]
    found = mood_features(
        "asserted", "people.killed", words, 0, 0, 6, False, False, False
    )
    assert {"m=asserted", "i=people.killed", "a1=dead", "s=say"} <= set(found)
    assert sure.choose("asserted", found) == "reported"  # p = 0.95
    assert unsure.choose("asserted", found) == "asserted"  # p = 0.55


def test_every_claim_is_asked_its_modality_once() -> None:
    asked: list[str] = []

    class Doubts:
        def choose(self, mood, found):
            asked.append(mood)
            return "estimated"

    text = "At least 30 people were killed and 1,200 fled on Tuesday."
    items = Extractor(rules_only=True, moods=Doubts()).extract(text)
    assert asked == ["asserted", "asserted"]
    assert {i.modality for i in items if isinstance(i, Claim)} == {"estimated"}


def test_a_figure_the_rules_dropped_is_kept_only_when_the_model_is_sure() -> None:
    words = ["30", "lay", "dead", "."]
    q = _figure(words, 0)
    sure = _model({"w=dead": [(1, 4.0)]})  # p(killed) = e^4 / (e^4 + e + 1)
    unsure = _model({"w=dead": [(1, 1.5)]})  # p(killed) = 0.55 < keep
    assert sure.choose(q, None, words, 0, 4) == "people.killed"
    assert unsure.choose(q, None, words, 0, 4) is None


def test_a_figure_the_rules_named_is_renamed_only_above_replace() -> None:
    words = ["30", "lay", "dead", "."]
    q = _figure(words, 0)
    rule = "people.trapped"
    renames = _model({"w=dead": [(1, 6.0)]})  # p(killed) = 0.99
    doubts = _model({"w=dead": [(1, 2.5)]})  # p(killed) = 0.77 < replace
    assert renames.choose(q, rule, words, 0, 4) == "people.killed"
    assert doubts.choose(q, rule, words, 0, 4) == rule
    drops = _model({"r=people.trapped": [(0, 5.0)]})  # sure it is no figure
    assert drops.choose(q, rule, words, 0, 4) is None


def test_features_name_the_rules_choice_the_neighbours_and_the_size() -> None:
    words = ["some", "30", "people", "lay", "dead", "."]
    found = features(Quantity(1, 2, 30.0, 30.0, core=1), None, words, 0, 6)
    assert {"r=-", "k=count", "mag=1", "a1=people", "b1=some", "w=dead"} <= set(found)
    assert "r=-|a1=people" in found
    infinite = Quantity(1, 2, float("inf"), float("inf"), core=1)
    assert not any(f.startswith("mag=") for f in features(infinite, None, words, 0, 6))


def test_every_figure_is_asked_once_and_the_answer_is_what_is_reported() -> None:
    asked: list[str | None] = []

    class Renames:
        def choose(self, q, rule, words, start, end):
            asked.append(rule)
            return "people.injured" if rule == "people.killed" else rule

    text = "At least 30 people were killed and 1,200 fled on Tuesday."
    items = Extractor(model=Renames()).extract(text)
    assert asked == ["people.killed", "people.displaced"]
    assert [i.indicator for i in items if isinstance(i, Claim)] == [
        "people.injured",
        "people.displaced",
    ]
    rules = Extractor(rules_only=True).extract(text)
    assert [i.indicator for i in rules if isinstance(i, Claim)] == [
        "people.killed",
        "people.displaced",
    ]


def test_a_broken_model_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text('{"classes": ["-"], "weights": {}}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"model\.json: not a usable IndicatorModel"):
        IndicatorModel.load(bad)
    with pytest.raises(ConfigError, match="--rules-only"):
        IndicatorModel.load(tmp_path / "missing.json")


def _trainer():
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("train_indicator_model", TRAINER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _decisions(a, b, rows) -> float:
    """How often two models' first choices agree on the traced rows."""
    same = sum(a.best(r[1])[0] == b.best(r[1])[0] for r in rows)
    return same / len(rows)


def test_the_shipped_weights_are_what_the_trainer_makes(tmp_path: Path) -> None:
    """Retrained here, each model decides as the shipped one on nearly every
    training item (libraries' float arithmetic may move a weight near the
    pruning threshold, nothing more): nobody edited the JSON by hand, and the
    training data still makes it."""
    trainer = _trainer()
    docs = trainer.load()
    rows = trainer.trace(docs)
    assert len(rows) > 3000
    (tmp_path / "i.json").write_text(trainer.dumps(trainer.fit_indicators(rows)))
    fresh, shipped = IndicatorModel.load(tmp_path / "i.json"), IndicatorModel.load()
    assert fresh.classes == shipped.classes
    assert fresh.thresholds == shipped.thresholds
    assert _decisions(fresh, shipped, rows) > 0.995
    moods = trainer.trace_moods(docs, shipped)
    assert len(moods) > 1500
    (tmp_path / "m.json").write_text(trainer.dumps(trainer.fit_moods(moods)))
    again, kept = ModalityModel.load(tmp_path / "m.json"), ModalityModel.load(MOODS)
    assert again.classes == kept.classes
    assert _decisions(again, kept, moods) > 0.995
    assert json.loads((tmp_path / "m.json").read_text())["replace"] == kept.replace


def test_the_trainer_never_reads_the_sets_that_judge() -> None:
    trainer = _trainer()
    assert not {"heldout4", "heldout4_second", "heldout5"} & set(trainer.TUNING)
