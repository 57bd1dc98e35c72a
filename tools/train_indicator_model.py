"""Train the extractor's learned second opinion on indicators.

Reads the annotated tuning passages (never the held-out sets that judge the
extractor: ``tests/heldout4/``, ``tests/heldout5/``), runs the rules over
each one, and records every figure the rules consider, with its features
(``corridor.extract.learned.features``) and the rules' choice. A figure's
label is the indicator of the gold claim with the same low and high in that
passage (the one the rules chose when several have that value), or ``-``
when no gold claim has its value. A multinomial logistic regression
(scikit-learn) is fitted to those labels; weights under ``PRUNE`` are dropped
(ten times fewer weights, the same cross-validated accuracy), and the rest
are written to ``src/corridor/extract/indicator_model.json``.

    .venv/bin/python tools/train_indicator_model.py           # write the model
    .venv/bin/python tools/train_indicator_model.py --cv      # 5-fold estimate
    .venv/bin/python tools/train_indicator_model.py --out F   # somewhere else
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml

from corridor.extract import Extractor
from corridor.extract.learned import MODEL, NONE, IndicatorModel, features
from corridor.extract.numbers import Quantity

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from extract_quality import _prf, _same, by_extractor, parse_claim, score  # noqa: E402

# The passages the rules were tuned on; the held-out sets stay out.
TUNING = ["gold", "dev", "heldout", "heldout2", "heldout3"]
C = 3.0  # inverse L2 strength, by cross-validation (0.3-10 tried)
PRUNE = 0.05
Row = tuple[int, list[str], str | None, str]  # passage, features, rules, label


def load(names: Sequence[str] = TUNING) -> list[dict]:
    docs: list[dict] = []
    for name in names:
        for path in sorted((ROOT / "tests" / name).rglob("*.yaml")):
            docs.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return docs


def _published(doc: dict) -> date | None:
    published = doc.get("published")
    return date.fromisoformat(published) if isinstance(published, str) else published


class _Tracer:
    """Records what the extractor asks of a model, and answers as the rules."""

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
    tracer = _Tracer()
    extractor = Extractor(model=tracer)
    rows: list[Row] = []
    for n, doc in enumerate(docs):
        tracer.asked = []
        extractor.extract(doc["text"], published=_published(doc), area=doc.get("area"))
        gold = [parse_claim(c) for c in doc.get("claims") or []]
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
            rows.append((n, found, rule, label))
    return rows


def fit(rows: list[Row]) -> IndicatorModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    x = vectors.fit_transform([dict.fromkeys(r[1], 1) for r in rows])
    regression = LogisticRegression(C=C, max_iter=5000)
    regression.fit(x, [r[3] for r in rows])
    weights: dict[str, list[tuple[int, float]]] = {}
    for j, name in enumerate(vectors.get_feature_names_out()):
        column = regression.coef_[:, j]
        pairs = [(c, float(w)) for c, w in enumerate(column) if abs(w) >= PRUNE]
        if pairs:
            weights[str(name)] = pairs
    classes = [str(c) for c in regression.classes_]
    return IndicatorModel(classes, weights, [float(b) for b in regression.intercept_])


def cross_validate(docs: list[dict], rows: list[Row], folds: int = 5) -> None:
    """Candidate accuracy and F1 (claims and events) on held-out folds."""
    order = list(range(len(docs)))
    random.Random(1).shuffle(order)
    rules = Extractor(rules_only=True)
    right_rules = right_model = 0
    f1 = {"rules": [0, 0, 0], "model": [0, 0, 0]}
    for k in range(folds):
        held = set(order[k::folds])
        model = fit([r for r in rows if r[0] not in held])
        for r in rows:
            if r[0] in held:
                p = model.probabilities(r[1])
                right_model += model.classes[int(p.argmax())] == r[3]
                right_rules += (r[2] or NONE) == r[3]
        test = [docs[n] for n in sorted(held)]
        for name, extractor in (("rules", rules), ("model", Extractor(model=model))):
            result = score(test, by_extractor(extractor))
            for i, key in enumerate(("tp", "fp", "fn")):
                f1[name][i] += sum(result[key].values())
        print(f"  fold {k + 1} of {folds} done", file=sys.stderr)
    print(f"figures: {len(rows)} in {len(docs)} passages")
    print(f"label accuracy: rules {right_rules / len(rows):.3f}", end=", ")
    print(f"the model's first choice {right_model / len(rows):.3f}")
    for name, (tp, fp, fn) in f1.items():
        p, r, f = _prf(tp, fp, fn)
        print(f"F1 (claims and events), {name}: {f:.3f} (P {p:.3f}, R {r:.3f})")


def dumps(model: IndicatorModel) -> str:
    """The model as JSON, one feature a line (a retrained model diffs well)."""
    data = model.to_json()
    weights = data.pop("weights")
    head = json.dumps(data, sort_keys=True)[:-1]
    lines = [
        f"  {json.dumps(name)}: {json.dumps(pairs)}" for name, pairs in weights.items()
    ]
    return head + ', "weights": {\n' + ",\n".join(lines) + "\n}}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write")
    parser.add_argument("--cv", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    docs = load()
    rows = trace(docs)
    if args.cv:
        cross_validate(docs, rows)
        return
    model = fit(rows)
    args.out.write_text(dumps(model), encoding="utf-8")
    print(f"{args.out}: {len(rows)} figures from {len(docs)} passages")


if __name__ == "__main__":
    main()
