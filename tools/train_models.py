"""Train the extractor's learned second opinions on indicators and modality.

Reads the annotated tuning passages (never the held-out sets that judge the
extractor: ``tests/heldout4/``, ``tests/heldout5/``) and runs the extractor
over each one, recording what it asks a model:

- **indicators**: every figure the rules consider, with its features
  (``corridor.extract.learned.features``) and the rules' choice, read with
  the rules alone. Its label is the indicator of the gold claim with the same
  low and high in that passage (the one the rules chose when several have
  that value), or ``-`` when no gold claim has its value;
- **modality**: every claim reported, with ``mood_features``, read with the
  indicator model just trained (as the extractor runs). Its label is the
  modality of the gold claim it matches (indicator, low and high); a claim
  that matches none, or whose gold claim has no modality, is left out.

A multinomial logistic regression (scikit-learn) is fitted to each; weights
under ``PRUNE`` are dropped (ten times fewer weights, the same
cross-validated accuracy), and the rest are written next to
``corridor.extract.learned`` as ``indicator_model.json`` and
``modality_model.json``.

    .venv/bin/python tools/train_models.py           # write both models
    .venv/bin/python tools/train_models.py --cv      # 5-fold estimates
    .venv/bin/python tools/train_models.py --out DIR # somewhere else
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import yaml

from corridor.extract import Claim, Extractor
from corridor.extract.learned import (
    MODEL,
    MOODS,
    NONE,
    Chooser,
    IndicatorModel,
    LinearModel,
    ModalityModel,
    Weights,
    features,
)
from corridor.extract.numbers import Quantity

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from extract_quality import _prf, _same, by_extractor, parse_claim, score  # noqa: E402

# The passages the rules were tuned on; the held-out sets stay out.
TUNING = ["gold", "dev", "heldout", "heldout2", "heldout3"]
C = 3.0  # inverse L2 strength, by cross-validation (0.3-10 tried)
PRUNE = 0.05
Row = tuple[int, list[str], str, str]  # passage, features, the rules', label
Fitted = tuple[list[str], Weights, list[float]]  # classes, weights, biases


def load(names: Sequence[str] = TUNING) -> list[dict]:
    docs: list[dict] = []
    for name in names:
        for path in sorted((ROOT / "tests" / name).rglob("*.yaml")):
            docs.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return docs


def _published(doc: dict) -> date | None:
    published = doc.get("published")
    return date.fromisoformat(published) if isinstance(published, str) else published


def _extract(extractor: Extractor, doc: dict) -> None:
    extractor.extract(doc["text"], published=_published(doc), area=doc.get("area"))


def _gold(doc: dict) -> list:
    return [parse_claim(c) for c in doc.get("claims") or []]


class _Figures:
    """Records what the extractor asks the indicator model; answers as the rules."""

    def __init__(self) -> None:
        self.asked: list[tuple[list[str], str | None, float | None, float | None]]
        self.asked = []

    def choose(
        self,
        q: Quantity,
        rule: str | None,
        words: Sequence[str],
        start: int,
        end: int,
    ) -> str | None:
        self.asked.append((features(q, rule, words, start, end), rule, q.low, q.high))
        return rule


def trace(docs: list[dict]) -> list[Row]:
    """Every figure the rules consider in ``docs``, labelled from the gold."""
    tracer = _Figures()
    extractor = Extractor(rules_only=True, model=tracer)
    rows: list[Row] = []
    for n, doc in enumerate(docs):
        tracer.asked = []
        _extract(extractor, doc)
        gold = _gold(doc)
        free = [True] * len(gold)
        for found, rule, low, high in tracer.asked:
            same = [
                k
                for k, g in enumerate(gold)
                if free[k] and _same(g.low, low) and _same(g.high, high)
            ]
            label = NONE
            if same:
                k = next((k for k in same if gold[k].indicator == rule), same[0])
                free[k] = False
                label = gold[k].indicator
            rows.append((n, found, rule or NONE, label))
    return rows


class _Moods:
    """Records what the extractor asks the modality model; answers as the rules."""

    def __init__(self) -> None:
        self.asked: list[tuple[list[str], str]] = []

    def choose(self, mood: str, found: list[str]) -> str:
        self.asked.append((found, mood))
        return mood


def trace_moods(docs: list[dict], model: Chooser) -> list[Row]:
    """Every claim reported in ``docs`` (with ``model`` on indicators) that
    matches a gold claim with a modality, labelled with that modality."""
    tracer = _Moods()
    extractor = Extractor(rules_only=True, model=model, moods=tracer)
    rows: list[Row] = []
    for n, doc in enumerate(docs):
        tracer.asked = []
        items = extractor.extract(
            doc["text"], published=_published(doc), area=doc.get("area")
        )
        claims = [i for i in items if isinstance(i, Claim)]
        # one question per claim, in the order the claims were made; a later
        # sentence may mark an earlier claim negated, which the gold then says
        gold = _gold(doc)
        free = [True] * len(gold)
        for claim, (found, mood) in zip(claims, tracer.asked, strict=True):
            k = next(
                (
                    k
                    for k, g in enumerate(gold)
                    if free[k]
                    and g.indicator == claim.indicator
                    and _same(g.low, claim.low)
                    and _same(g.high, claim.high)
                ),
                None,
            )
            if k is not None:
                free[k] = False
                if gold[k].modality:
                    rows.append((n, found, mood, gold[k].modality))
    return rows


def fit(rows: list[Row]) -> Fitted:
    """Classes, pruned weights and biases of a regression fitted to ``rows``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    x = vectors.fit_transform([dict.fromkeys(r[1], 1) for r in rows])
    regression = LogisticRegression(C=C, max_iter=5000)
    regression.fit(x, [r[3] for r in rows])
    weights: Weights = {}
    for j, name in enumerate(vectors.get_feature_names_out()):
        column = regression.coef_[:, j]
        pairs = [(c, float(w)) for c, w in enumerate(column) if abs(w) >= PRUNE]
        if pairs:
            weights[str(name)] = pairs
    classes = [str(c) for c in regression.classes_]
    return classes, weights, [float(b) for b in regression.intercept_]


def fit_indicators(rows: list[Row]) -> IndicatorModel:
    return IndicatorModel(*fit(rows))


def fit_moods(rows: list[Row]) -> ModalityModel:
    return ModalityModel(*fit(rows))


def dumps(model: LinearModel) -> str:
    """The model as JSON, one feature a line (a retrained model diffs well)."""
    data = model.to_json()
    weights = data.pop("weights")
    head = json.dumps(data, sort_keys=True)[:-1]
    lines = [
        f"  {json.dumps(name)}: {json.dumps(pairs)}" for name, pairs in weights.items()
    ]
    return head + ', "weights": {\n' + ",\n".join(lines) + "\n}}\n"


def _accuracy(
    rows: list[Row], held: set[int], model: LinearModel, decide: Callable
) -> tuple[int, int, int]:
    """(rules right, model's decision right, rows) on the held-out passages."""
    rules = mine = n = 0
    for r in rows:
        if r[0] in held:
            rules += r[2] == r[3]
            mine += decide(model, r) == r[3]
            n += 1
    return rules, mine, n


def _indicator_decision(model: IndicatorModel, r: Row) -> str:
    name, sure = model.best(r[1])
    if name == r[2]:
        return name
    return name if sure >= (model.keep if r[2] == NONE else model.replace) else r[2]


def _mood_decision(model: ModalityModel, r: Row) -> str:
    return model.choose(r[2], r[1])


def cross_validate(docs: list[dict], folds: int = 5) -> None:
    """Decision accuracy and F1 (claims and events) on held-out folds."""
    rows = trace(docs)
    order = list(range(len(docs)))
    random.Random(1).shuffle(order)
    figures = [0, 0, 0]
    moods = [0, 0, 0]
    f1 = {"rules": [0, 0, 0], "models": [0, 0, 0]}
    for k in range(folds):
        held = set(order[k::folds])
        learnt = [d for n, d in enumerate(docs) if n not in held]
        indicators = fit_indicators([r for r in rows if r[0] not in held])
        mood_rows = trace_moods(learnt, indicators)
        modality = fit_moods(mood_rows)
        got = _accuracy(rows, held, indicators, _indicator_decision)
        figures = [a + b for a, b in zip(figures, got, strict=True)]
        tested = [d for n, d in enumerate(docs) if n in held]
        held_moods = trace_moods(tested, indicators)
        got = _accuracy(held_moods, set(range(len(tested))), modality, _mood_decision)
        moods = [a + b for a, b in zip(moods, got, strict=True)]
        both = Extractor(model=indicators, moods=modality)
        for name, extractor in (
            ("rules", Extractor(rules_only=True)),
            ("models", both),
        ):
            result = score(tested, by_extractor(extractor))
            for i, key in enumerate(("tp", "fp", "fn")):
                f1[name][i] += sum(result[key].values())
        print(f"  fold {k + 1} of {folds} done", file=sys.stderr)
    print(f"{len(docs)} passages, {figures[2]} figures, {moods[2]} matched claims")
    print(f"indicator right: rules {figures[0] / figures[2]:.3f}", end=", ")
    print(f"with the model {figures[1] / figures[2]:.3f}")
    print(
        f"modality right (of claims the indicator model reports): rules "
        f"{moods[0] / moods[2]:.3f}, with the model {moods[1] / moods[2]:.3f}"
    )
    for name, (tp, fp, fn) in f1.items():
        p, r, f = _prf(tp, fp, fn)
        print(f"F1 (claims and events), {name}: {f:.3f} (P {p:.3f}, R {r:.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=MODEL.parent, help="folder to write to"
    )
    parser.add_argument("--cv", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    docs = load()
    if args.cv:
        cross_validate(docs)
        return
    rows = trace(docs)
    indicators = fit_indicators(rows)
    (args.out / MODEL.name).write_text(dumps(indicators), encoding="utf-8")
    mood_rows = trace_moods(docs, indicators)
    (args.out / MOODS.name).write_text(dumps(fit_moods(mood_rows)), encoding="utf-8")
    print(f"{args.out}: {MODEL.name} from {len(rows)} figures", end=", ")
    print(f"{MOODS.name} from {len(mood_rows)} claims, in {len(docs)} passages")


if __name__ == "__main__":
    main()
