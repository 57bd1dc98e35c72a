"""Learned second opinions on each figure's indicator and modality.

The rules name an indicator, or none, for every figure a sentence holds, and
a modality for every claim. Two multinomial logistic regressions, trained on
the project's annotated passages (``tools/train_indicator_model.py``), read
the same figure through a few dozen plain features (the rules' choice, the
words next to the figure and around it, its kind and its size) and may
overrule the rules only when they are confident:

- a figure the rules dropped is kept when the indicator model names an
  indicator with probability at least ``KEEP``;
- a figure the rules named is renamed, or dropped, when the indicator model
  is at least ``REPLACE`` sure of something else;
- a claim's modality is changed when the modality model is at least
  ``MOOD`` sure of another.

The thresholds were chosen by cross-validation on the training passages.
The weights ship with the package as JSON (``indicator_model.json``,
``modality_model.json``); nothing is downloaded, and
``Extractor(rules_only=True)`` reads without them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

import numpy as np

from corridor.errors import ConfigError
from corridor.extract.numbers import Quantity

MODEL = Path(__file__).with_name("indicator_model.json")
MOODS = Path(__file__).with_name("modality_model.json")
NONE = "-"  # the class "not a figure to report"
WINDOW = 8  # words either side of the figure that enter its bag of words
KEEP = 0.6
REPLACE = 0.9
MOOD = 0.6

Model = TypeVar("Model", bound="LinearModel")
Weights = dict[str, list[tuple[int, float]]]
"""A feature -> its non-zero (class index, weight) pairs."""
_SHIPPED: dict[type, LinearModel] = {}  # class -> its shipped model, once read


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


def mood_features(
    mood: str,
    indicator: str,
    words: Sequence[str],
    at: int,
    start: int,
    end: int,
    hedged: bool,
    attributed: bool,
    zero: bool,
) -> list[str]:
    """A claim's features for its modality: what the rules decided, what they
    decided from (a hedge, an attribution, a zero), the indicator, the three
    words either side of the figure's core ``at``, and the sentence's words."""
    found = [
        f"m={mood}",
        f"i={indicator}",
        f"m|a={mood}|{attributed}",
        f"hedged={hedged}",
        f"attributed={attributed}",
        f"zero={zero}",
    ]
    for n in (1, 2, 3):
        for near, side in ((at + n, "a"), (at - n, "b")):
            if start <= near < end:
                word = words[near]
                found.append(f"{side}{n}={'#' if word[:1].isdigit() else word}")
    found.extend([f"s={w}" for w in set(words[start:end]) if w[:1].isalpha()])
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


class MoodChooser(Protocol):
    """What the extractor asks about each claim's modality."""

    def choose(self, mood: str, found: list[str]) -> str: ...


class LinearModel:
    """The weights of a multinomial logistic regression over string features.

    ``weights`` maps a feature to its non-zero ``(class index, weight)``
    pairs; a feature it does not know weighs nothing. ``thresholds`` are the
    settings of the decision (see the subclasses), saved with the weights.
    """

    THRESHOLDS: ClassVar[tuple[str, ...]] = ()
    SHIPPED: ClassVar[Path]

    def __init__(
        self,
        classes: Sequence[str],
        weights: Weights,
        bias: Sequence[float],
        **thresholds: float,
    ) -> None:
        if len(bias) != len(classes):
            raise ValueError("a model needs one bias per class")
        if set(thresholds) != set(self.THRESHOLDS):
            raise ValueError(f"a model needs the thresholds {self.THRESHOLDS}")
        self.classes = list(classes)
        self.thresholds = thresholds
        self._bias = np.asarray(bias, dtype=float)
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
    def load(cls: type[Model], path: Path | None = None) -> Model:
        """The model saved at ``path`` (the shipped one by default)."""
        path = path or cls.SHIPPED
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {
                name: [(int(c), float(w)) for c, w in pairs]
                for name, pairs in data["weights"].items()
            }
            thresholds = {t: float(data[t]) for t in cls.THRESHOLDS}
            return cls(data["classes"], weights, data["bias"], **thresholds)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(
                f"{path}: not a usable {cls.__name__} ({error}); "
                "run with --rules-only, or reinstall corridor"
            ) from error

    @classmethod
    def shipped(cls: type[Model]) -> Model:
        """The shipped model, read once per process and shared by every
        extractor (it is only read from)."""
        model = _SHIPPED.get(cls)
        if model is None:  # two threads may both read it: no harm done
            model = _SHIPPED[cls] = cls.load()
        assert isinstance(model, cls)
        return model

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": self.classes,
            "bias": [round(float(b), 4) for b in self._bias],
            **self.thresholds,
            "weights": {
                name: [[c, round(w, 4)] for c, w in pairs]
                for name, pairs in sorted(self._weights.items())
            },
        }

    def _scores(self, found: Sequence[str]) -> np.ndarray:
        get = self._rows.get
        rows = [r for r in map(get, found) if r is not None]
        return self._bias + self._matrix.take(rows, axis=0).sum(axis=0)

    def best(self, found: Sequence[str]) -> tuple[str, float]:
        """The likeliest class and its probability (the softmax's top only)."""
        name, scores, top = self._top(found)
        return name, self._sure(scores, top)

    def _top(self, found: Sequence[str]) -> tuple[str, np.ndarray, int]:
        """The likeliest class, the scores and its index: how sure the model
        is costs an exponential per class, and is needed only when the
        model disagrees with the rules."""
        scores = self._scores(found)
        top = int(scores.argmax())
        return self.classes[top], scores, top

    @staticmethod
    def _sure(scores: np.ndarray, top: int) -> float:
        return 1.0 / float(np.exp(scores - scores[top]).sum())


class IndicatorModel(LinearModel):
    """The second opinion on a figure's indicator (``-``: no figure)."""

    THRESHOLDS = ("keep", "replace")
    SHIPPED = MODEL

    def __init__(
        self,
        classes: Sequence[str],
        weights: Weights,
        bias: Sequence[float],
        keep: float = KEEP,
        replace: float = REPLACE,
    ) -> None:
        if NONE not in classes:
            raise ValueError("an indicator model needs the class '-'")
        super().__init__(classes, weights, bias, keep=keep, replace=replace)
        self.keep = keep
        self.replace = replace

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
        name, scores, top = self._top(features(q, rule, words, start, end))
        if name == (rule or NONE):
            return rule
        sure = self._sure(scores, top)
        if rule is None:
            return name if sure >= self.keep else None
        if sure >= self.replace:
            return None if name == NONE else name
        return rule


class ModalityModel(LinearModel):
    """The second opinion on a claim's modality."""

    THRESHOLDS = ("replace",)
    SHIPPED = MOODS

    def __init__(
        self,
        classes: Sequence[str],
        weights: Weights,
        bias: Sequence[float],
        replace: float = MOOD,
    ) -> None:
        super().__init__(classes, weights, bias, replace=replace)
        self.replace = replace

    def choose(self, mood: str, found: list[str]) -> str:
        """The modality to report: the rules' ``mood`` unless the model is
        sure of another, from ``mood_features``. Negation stays the rules':
        they read it from words in the text ("denied", "revised down"), and
        the training sets disagree on figures revised away (the conventions
        of tests/dev and tests/heldout2), so the model neither undoes it nor
        makes it (which cost nothing in cross-validation)."""
        if mood == "negated":
            return mood
        name, scores, top = self._top(found)
        if name in (mood, "negated"):
            return mood
        return name if self._sure(scores, top) >= self.replace else mood
