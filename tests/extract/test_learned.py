"""The learned second opinion on indicators (corridor.extract.learned) and
the trainer that makes its shipped weights (tools/train_indicator_model.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from corridor.errors import ConfigError
from corridor.extract import INDICATORS, Claim, Extractor
from corridor.extract.learned import MODEL, NONE, IndicatorModel, features
from corridor.extract.numbers import Quantity

TRAINER = Path(__file__).resolve().parents[2] / "tools" / "train_indicator_model.py"

# Two classes and one feature each: "-" (bias) and people.killed ("w=dead").
CLASSES = [NONE, "people.killed", "people.trapped"]


def _model(weights: dict[str, list[tuple[int, float]]]) -> IndicatorModel:
    return IndicatorModel(CLASSES, weights, [1.0, 0.0, 0.0], keep=0.6, replace=0.9)


def _figure(words: list[str], at: int) -> Quantity:
    return Quantity(at, at + 1, 30.0, 30.0, core=at)


def test_the_shipped_model_loads_and_knows_every_indicator() -> None:
    model = IndicatorModel.load()
    assert set(model.classes) == {NONE, *INDICATORS}
    assert len(model.digest) == 12
    assert Extractor().name.endswith(f"+ indicator model {model.digest}")
    assert " + " not in Extractor(rules_only=True).name


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
    with pytest.raises(ConfigError, match=r"model\.json: not a usable indicator model"):
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


def test_the_shipped_weights_are_what_the_trainer_makes(tmp_path: Path) -> None:
    """Retrained here, the model decides as the shipped one on nearly every
    training figure (libraries' float arithmetic may move a weight near the
    pruning threshold, nothing more): nobody edited the JSON by hand, and the
    training data still makes it."""
    trainer = _trainer()
    docs = trainer.load()
    rows = trainer.trace(docs)
    assert len(rows) > 3000
    out = tmp_path / "model.json"
    out.write_text(trainer.dumps(trainer.fit(rows)), encoding="utf-8")
    fresh, shipped = IndicatorModel.load(out), IndicatorModel.load(MODEL)
    assert fresh.classes == shipped.classes
    same = sum(
        fresh.classes[int(fresh.probabilities(r[1]).argmax())]
        == shipped.classes[int(shipped.probabilities(r[1]).argmax())]
        for r in rows
    )
    assert same / len(rows) > 0.995
    assert json.loads(out.read_text())["keep"] == shipped.keep


def test_the_trainer_never_reads_the_sets_that_judge() -> None:
    trainer = _trainer()
    assert not {"heldout4", "heldout4_second", "heldout5"} & set(trainer.TUNING)
