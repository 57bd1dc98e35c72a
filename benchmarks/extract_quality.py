"""Extraction quality on the hand-annotated gold set under tests/gold/.

Reads every ``*.yaml`` under the folder (``tests/gold/`` by default, with
its ``holdout/``). Prints precision, recall and F1 per indicator and per event
type, and
overall (micro-averaged). A claim matches a gold claim when indicator, low
and high agree; an event when its type agrees (per document, one-to-one).
Modality and area agreement are reported on the matched claims that the
gold annotates. ``--show`` prints every miss and false alarm.

``--rules-only`` scores the rules without the learned second opinion on
indicators (``corridor.extract.learned``). Its model was trained on
``tests/gold``, ``tests/dev`` and the retired held-out sets, so only the
held-out sets that judge (``tests/heldout4``, ``tests/heldout5``) say how
much it helps.

``--against DIR`` scores a second, independent annotation of the same
passages (matched by ``id``) instead of the extractor, with the same
matching: how far two careful annotators agree is the ceiling to read the
extractor's figures against.

    .venv/bin/python benchmarks/extract_quality.py [--show] [--rules-only] [GOLD_DIR]
    .venv/bin/python benchmarks/extract_quality.py GOLD_DIR --against OTHER_DIR
"""

from __future__ import annotations

import argparse
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from corridor.extract import INDICATORS, Claim, Event, Extractor

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


@dataclass(frozen=True)
class GoldClaim:
    indicator: str
    low: float | None
    high: float | None
    modality: str | None
    area: str | None


def _number(field: str) -> float | None:
    return None if field == "-" else float(field)


def parse_claim(spec: str) -> GoldClaim:
    """``"people.trapped 250000 300000 estimated @East_Aleppo"`` -> GoldClaim."""
    fields = spec.split()
    area = next((f[1:].replace("_", " ") for f in fields if f.startswith("@")), None)
    rest = [f for f in fields if not f.startswith("@")]
    modality = rest[3] if len(rest) > 3 else None
    return GoldClaim(rest[0], _number(rest[1]), _number(rest[2]), modality, area)


def load(gold_dir: Path) -> list[dict]:
    docs: list[dict] = []
    for path in sorted(gold_dir.rglob("*.yaml")):
        docs.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return docs


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def _key(indicator: str, low: float | None, high: float | None) -> tuple:
    return (indicator, low, high)


@dataclass(frozen=True)
class Found:
    """What a scored source gave for one passage: claims and event types."""

    claims: list[Any]  # each with indicator, low, high, modality and area
    events: list[str]


def by_extractor(extractor: Extractor) -> Callable[[dict], Found]:
    def found(doc: dict) -> Found:
        published = doc.get("published")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        items = extractor.extract(
            doc["text"], published=published, area=doc.get("area")
        )
        return Found(
            [i for i in items if isinstance(i, Claim)],
            [i.event for i in items if isinstance(i, Event)],
        )

    return found


def by_annotation(other: list[dict]) -> Callable[[dict], Found]:
    """A second annotation of the same passages, looked up by ``id``."""
    index = {doc["id"]: doc for doc in other}

    def found(doc: dict) -> Found:
        if doc["id"] not in index:
            raise SystemExit(f"--against: no passage with id {doc['id']!r}")
        mine = index[doc["id"]]
        return Found(
            [parse_claim(c) for c in mine.get("claims") or []],
            list(mine.get("events") or []),
        )

    return found


def score(
    docs: list[dict], source: Callable[[dict], Found], show: bool = False
) -> dict:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    agree: dict[str, list[bool]] = defaultdict(list)
    for doc in docs:
        found = source(doc)
        claims = found.claims
        gold = [parse_claim(c) for c in doc.get("claims") or []]
        unmatched = list(claims)
        for g in gold:
            hit = next(
                (
                    c
                    for c in unmatched
                    if c.indicator == g.indicator
                    and _same(c.low, g.low)
                    and _same(c.high, g.high)
                ),
                None,
            )
            if hit is None:
                fn[g.indicator] += 1
                if show:
                    print(f"  MISS  {doc['id']}: {g}")
                continue
            unmatched.remove(hit)
            tp[g.indicator] += 1
            if g.modality:
                agree["modality"].append(hit.modality == g.modality)
                if show and hit.modality != g.modality:
                    print(f"  MOOD  {doc['id']}: {g.indicator}", end=" ")
                    print(f"{hit.modality} != {g.modality}")
            if g.area:
                agree["area"].append(hit.area == g.area)
        for c in unmatched:
            fp[c.indicator] += 1
            if show:
                print(f"  FALSE {doc['id']}: {c.indicator} {c.low} {c.high}", end=" ")
                print(f"| {getattr(c, 'quote', '(annotated)')[:90]}")
        events = Counter(found.events)
        expected = Counter(doc.get("events") or [])
        for kind in events | expected:
            both = min(events[kind], expected[kind])
            tp["event:" + kind] += both
            fp["event:" + kind] += events[kind] - both
            fn["event:" + kind] += expected[kind] - both
            if show and events[kind] != expected[kind]:
                print(f"  EVENT {doc['id']}: {kind}", end=" ")
                print(f"got {events[kind]} want {expected[kind]}")
    return {"tp": tp, "fp": fp, "fn": fn, "agree": agree}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(result: dict, n_docs: int) -> None:
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    print(f"gold documents: {n_docs}")
    print(
        f"{'indicator / event':32} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"
    )
    names = [*INDICATORS, *sorted(k for k in tp | fp | fn if k.startswith("event:"))]
    for name in names:
        gold, found = tp[name] + fn[name], tp[name] + fp[name]
        if not gold and not found:
            continue
        p, r, f = _prf(tp[name], fp[name], fn[name])
        print(f"{name:32} {gold:5d} {found:5d} {p:6.2f} {r:6.2f} {f:6.2f}")
    for label, keep in (
        ("claims (all indicators)", lambda k: not k.startswith("event:")),
        ("events (all types)", lambda k: k.startswith("event:")),
        ("overall (claims + events)", lambda k: True),
    ):
        t = sum(v for k, v in tp.items() if keep(k))
        f_ = sum(v for k, v in fp.items() if keep(k))
        n = sum(v for k, v in fn.items() if keep(k))
        p, r, f = _prf(t, f_, n)
        print(f"{label:32} {t + n:5d} {t + f_:5d} {p:6.2f} {r:6.2f} {f:6.2f}")
    for what, votes in result["agree"].items():
        if votes:
            print(
                f"{what} agreement on matched claims: {sum(votes)}/{len(votes)}"
                f" = {sum(votes) / len(votes):.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--show", action="store_true", help="print misses")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="DIR",
        help="score a second annotation of the same passages, not the extractor",
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="score the rules without the learned model (Extractor(rules_only=True))",
    )
    args = parser.parse_args()
    docs = load(args.gold)
    source = by_annotation(load(args.against)) if args.against else None
    extractor = Extractor(rules_only=args.rules_only)
    result = score(docs, source or by_extractor(extractor), show=args.show)
    report(result, len(docs))


if __name__ == "__main__":
    main()
