"""A learned second opinion on each figure's indicator.

The rules name an indicator, or none, for every figure a sentence holds. A
multinomial logistic regression, trained on the project's annotated passages
(``tools/train_indicator_model.py``), reads the same figure through a few
dozen plain features: the rules' choice, the words next to the figure and
around it, its kind and its size. It may overrule the rules only when it is
confident:

- a figure the rules dropped is kept when the model names an indicator with
  probability at least ``KEEP``;
- a figure the rules named is renamed, or dropped, when the model is at
  least ``REPLACE`` sure of something else.

Both thresholds were chosen by cross-validation on the training passages.
The weights ship with the package as JSON (``indicator_model.json``);
nothing is downloaded, and ``Extractor(rules_only=True)`` works without it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corridor.errors import ConfigError
from corridor.extract.numbers import Quantity

MODEL = Path(__file__).with_name("indicator_model.json")
NONE = "-"  # the class "not a figure to report"
WINDOW = 8  # words either side of the figure that enter its bag of words
KEEP = 0.6
REPLACE = 0.9


def features(
    q: Quantity, rule: str | None, words: Sequence[str], start: int, end: int
) -> list[str]:
    """The figure's features as strings, the same at training and in use.

    ``words`` are the paragraph's lower-cased tokens, ``start``-``end`` the
    sentence, ``rule`` what the rules decided.
    """
    said = f"r={rule or NONE}"
    found = [said, f"k={q.kind}", f"{said}|{q.kind}"]
    if q.vague:
        found.append("vague")
    if q.zero:
        found.append("zero")
    if q.hedged:
        found.append("hedged")
    if q.low is None or q.high is None:
        found.append("open")
    value = q.high if q.high is not None else q.low
    if value is not None and 0 < value < math.inf:  # "9999...9" is infinite
        found.append(f"mag={int(math.log10(value))}")
    # the three words after the figure and before it (a number is "#"), and
    # the nearest two each way with the rules' choice: when to doubt it
    for n in (1, 2, 3):
        for at, side in ((q.end + n - 1, "a"), (q.start - n, "b")):
            if start <= at < end:
                word = words[at]
                feature = f"{side}{n}={'#' if word[:1].isdigit() else word}"
                found.append(feature)
                if n < 3:
                    found.append(f"{said}|{feature}")
    around = words[max(start, q.start - WINDOW) : min(end, q.end + WINDOW)]
    found.extend([f"w={w}" for w in set(around) if w[:1].isalpha()])
    return found


class Chooser(Protocol):
    """What the extractor asks about each figure (a model, or a tracer)."""

    def choose(
        self,
        q: Quantity,
        rule: str | None,
        words: Sequence[str],
        start: int,
        end: int,
    ) -> str | None: ...


class IndicatorModel:
    """The weights of a multinomial logistic regression over ``features``.

    ``weights`` maps a feature to its non-zero ``(class index, weight)``
    pairs; a feature it does not know weighs nothing.
    """

    def __init__(
        self,
        classes: Sequence[str],
        weights: dict[str, list[tuple[int, float]]],
        bias: Sequence[float],
        keep: float = KEEP,
        replace: float = REPLACE,
    ) -> None:
        if len(bias) != len(classes) or NONE not in classes:
            raise ValueError("a model needs one bias per class and the class '-'")
        self.classes = list(classes)
        self._bias = np.asarray(bias, dtype=float)
        self.keep = keep
        self.replace = replace
        self._weights = weights
        canonical = json.dumps(self.to_json(), sort_keys=True).encode()
        self.digest = hashlib.sha256(canonical).hexdigest()[:12]
        """Names these weights in the evidence log (``Extractor.name``)."""
        self._rows = {name: n for n, name in enumerate(weights)}
        self._matrix = np.zeros((len(weights), len(classes)))
        for name, pairs in weights.items():
            for c, w in pairs:
                self._matrix[self._rows[name], c] = w

    @classmethod
    def load(cls, path: Path = MODEL) -> IndicatorModel:
        """The model saved at ``path`` (the shipped one by default)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {
                name: [(int(c), float(w)) for c, w in pairs]
                for name, pairs in data["weights"].items()
            }
            return cls(
                data["classes"], weights, data["bias"], data["keep"], data["replace"]
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(
                f"{path}: not a usable indicator model ({error}); "
                "run with --rules-only, or reinstall corridor"
            ) from error

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": self.classes,
            "bias": [round(float(b), 4) for b in self._bias],
            "keep": self.keep,
            "replace": self.replace,
            "weights": {
                name: [[c, round(w, 4)] for c, w in pairs]
                for name, pairs in sorted(self._weights.items())
            },
        }

    def _scores(self, found: Sequence[str]) -> np.ndarray:
        get = self._rows.get
        rows = [r for r in map(get, found) if r is not None]
        return self._bias + self._matrix.take(rows, axis=0).sum(axis=0)

    def probabilities(self, found: Sequence[str]) -> np.ndarray:
        """Each class's probability for a figure with these features."""
        scores = self._scores(found)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def choose(
        self,
        q: Quantity,
        rule: str | None,
        words: Sequence[str],
        start: int,
        end: int,
    ) -> str | None:
        """The indicator to report for figure ``q``: the rules' unless the
        model is sure of another (``None``: not a figure to report)."""
        scores = self._scores(features(q, rule, words, start, end))
        best = int(scores.argmax())
        name = self.classes[best]
        if name == (rule or NONE):
            return rule
        sure = 1.0 / np.exp(scores - scores[best]).sum()  # the softmax's top
        if rule is None:
            return name if sure >= self.keep else None
        if sure >= self.replace:
            return None if name == NONE else name
        return rule
