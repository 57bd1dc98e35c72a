"""Extraction speed: spaCy's tokenizer floor, corridor's extractor, quantulum3.

Runs in one process, on one core, over the same corpus of at least 5 MB:

1. spaCy's blank English tokenizer with the sentencizer alone (the floor);
2. corridor's full extractor (``Extractor.extract`` on every document), and
   its rules alone (``Extractor(rules_only=True)``, without the learned model);
3. quantulum3's parser, on a sample of the corpus (it is much slower).

Only the calls themselves are timed (the corpus is generated lazily, one
document at a time, outside the clock), in CPU time of this process: the
three run one after the other on a machine others may share, and wall-clock
time would charge each of them for whatever else ran meanwhile. Prints MB/s
for each and the ratios, and the process's resident memory at quarters of the
corpus: documents are generated and extracted one at a time, so memory should
stay flat as the corpus grows.

The corpus is built from the gold passages (tests/gold/) with every number
re-drawn and sentences and paragraphs shuffled within each document, so that
it is not one text repeated. It is far denser in figures than real reports
(nearly every sentence holds one), so it is a worst case for corridor, and
its small vocabulary flatters spaCy's tokenizer cache (the floor).

    .venv/bin/python benchmarks/extract_speed.py [--mb 5] [--sample-kb 200]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import psutil
import spacy
import yaml

from corridor.extract import Extractor

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"
_NUMBER = re.compile(r"\d[\d,]*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
Document = tuple[str, date | None, str | None]
_clock = time.process_time  # one core's time, not the machine's load


def _redraw(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(0).replace(",", "")
    value = rng.randint(1, 10 ** min(len(digits), 6))
    return f"{value:,}" if "," in match.group(0) else str(value)


def corpus(megabytes: float, seed: int = 7) -> Iterator[Document]:
    """Documents (text, published, area) until ``megabytes`` of UTF-8 text."""
    rng = random.Random(seed)
    docs = []
    for path in sorted(GOLD.glob("*.yaml")):
        docs.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    target, size = megabytes * 1_000_000, 0
    while size < target:
        doc = rng.choice(docs)
        paragraphs = []
        for paragraph in doc["text"].split("\n\n"):
            sentences = _SENTENCE.split(paragraph.strip())
            rng.shuffle(sentences)
            paragraphs.append(" ".join(sentences))
        rng.shuffle(paragraphs)
        text = _NUMBER.sub(lambda m: _redraw(m, rng), "\n\n".join(paragraphs))
        published = doc.get("published")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        size += len(text.encode("utf-8"))
        yield text, published, doc.get("area")


def _rss_mb() -> float:
    return psutil.Process(os.getpid()).memory_info().rss / 1e6


def timed(
    megabytes: float, run: Callable[[Document], object], seed: int = 7
) -> tuple[float, float, list[tuple[float, float]]]:
    """(MB read, seconds inside ``run``, [(MB read, RSS MB)] at quarters)."""
    size, seconds, memory = 0, 0.0, []
    marks = [megabytes * 1e6 * q for q in (0.25, 0.5, 0.75, 1.0)]
    for document in corpus(megabytes, seed):
        started = _clock()
        run(document)
        seconds += _clock() - started
        size += len(document[0].encode("utf-8"))
        if marks and size >= marks[0]:
            memory.append((size / 1e6, _rss_mb()))
            marks.pop(0)
    return size / 1e6, seconds, memory


def stream_extract(
    extractor: Extractor, megabytes: float
) -> tuple[float, float, list[tuple[float, float]], int]:
    """``extract_many`` over the corpus; the corpus's own making is not timed."""
    making = 0.0
    size = 0
    memory: list[tuple[float, float]] = []
    marks = [megabytes * 1e6 * q for q in (0.25, 0.5, 0.75, 1.0)]

    def documents() -> Iterator[Document]:
        nonlocal making, size
        source = corpus(megabytes)
        while True:
            started = _clock()
            document = next(source, None)
            making += _clock() - started
            if document is None:
                return
            size += len(document[0].encode("utf-8"))
            if marks and size >= marks[0]:
                memory.append((size / 1e6, _rss_mb()))
                marks.pop(0)
            yield document

    found = 0
    started = _clock()
    for items in extractor.extract_many(documents()):
        found += len(items)
    seconds = _clock() - started - making
    return size / 1e6, seconds, memory, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB")
    parser.add_argument("--sample-kb", type=float, default=200, help="quantulum3 text")
    args = parser.parse_args()

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def tokenize(document: Document) -> None:
        for _ in nlp(document[0]).sents:
            pass

    mb, seconds, _ = timed(args.mb, tokenize)
    floor = mb / seconds
    line = f"{mb:6.2f} MB {seconds:7.2f} s {floor:7.3f} MB/s"
    print(f"spaCy tokenizer + sentencizer:{line}")

    mb, seconds, _, found = stream_extract(Extractor(rules_only=True), args.mb)
    rules = mb / seconds
    line = f"{mb:6.2f} MB {seconds:7.2f} s {rules:7.3f} MB/s"
    print(f"corridor, rules only:        {line}")
    print(f"  ({found} claims and events, {found / mb:.0f} per MB)")

    mb, seconds, memory, found = stream_extract(Extractor(), args.mb)
    ours = mb / seconds
    line = f"{mb:6.2f} MB {seconds:7.2f} s {ours:7.3f} MB/s"
    print(f"corridor extractor:          {line}")
    print(f"  ({found} claims and events, {found / mb:.0f} per MB)")

    with warnings.catch_warnings():
        # quantulum3 warns at import that its optional classifier is missing.
        warnings.simplefilter("ignore")
        from quantulum3 import classifier
        from quantulum3 import parser as quantulum

        # Its optional classifier needs scikit-learn, which our dev tools now
        # install; its pickled model does not load under every scikit-learn.
        # Measure the parser as before: heuristic disambiguation.
        classifier.USE_CLF = False
        quantulum.parse("warm up: 3 people")  # loads its unit tables
        mb, seconds, _ = timed(
            args.sample_kb / 1000, lambda d: quantulum.parse(d[0]), 11
        )
    theirs = mb / seconds
    print(
        f"quantulum3 parser (sample):  {mb:6.2f} MB {seconds:7.2f} s {theirs:7.3f} MB/s"
    )

    print(f"corridor / tokenizer floor:  {ours / floor:6.2f}   (target >= 0.25)")
    print(f"  rules only / floor:        {rules / floor:6.2f}")
    print(f"corridor / quantulum3:       {ours / theirs:6.1f}x  (target >= 100x)")
    print(f"  rules only / quantulum3:   {rules / theirs:6.1f}x")
    print("resident memory while extracting (MB of corpus read -> RSS MB):")
    for read, rss in memory:
        print(f"  {read:6.2f} MB -> {rss:7.1f} MB")


if __name__ == "__main__":
    main()
