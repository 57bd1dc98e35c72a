"""Ingest throughput: corridor's full ingest against a bare sqlite3 baseline.

Generates N synthetic news reports (our own templates) as Markdown files with
front matter, then in one run:

- baseline: Python's sqlite3 reads each file, hashes it and inserts it, one
  transaction per file (the floor any SQLite ingest pays);
- corridor: ``corridor.ingest.batch.ingest`` into a fresh store (front matter,
  normalisation, duplicate check, evidence-log entry, one transaction per file).

Prints documents per second for each, the ratio, and corridor's peak RSS.
Usage: python benchmarks/ingest.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from corridor.ingest import batch
from corridor.store.engine import open_store

PLACES = ["east Aleppo", "Madaya", "Eastern Ghouta", "Mariupol", "Daraya", "Foua"]
SOURCES = [
    "the UN said",
    "according to local monitors",
    "aid workers reported",
    "officials claimed",
    "residents told reporters",
]
TEMPLATES = [
    "An estimated {n:,} people remain trapped in {place}, {source}.",
    "More than {m} aid trucks waited at the crossing outside {place} on {day}.",
    "Food stocks in {place} would last about {w} weeks, {source}.",
    "At least {k} people were killed in air strikes on {place} overnight.",
    "Between {n:,} and {n2:,} people fled {place} in recent days, {source}.",
    "Only {h} hospitals still function in {place}, doctors said.",
]


def report(rng: random.Random, i: int) -> str:
    place = rng.choice(PLACES)
    sentences = []
    for _ in range(rng.randint(8, 14)):
        n = rng.randint(5, 300) * 1000
        sentences.append(
            rng.choice(TEMPLATES).format(
                n=n,
                n2=n + rng.randint(1, 50) * 1000,
                m=rng.randint(5, 60),
                w=rng.randint(1, 8),
                k=rng.randint(2, 90),
                h=rng.randint(0, 8),
                place=place,
                source=rng.choice(SOURCES),
                day=rng.choice(["Monday", "Tuesday", "Friday"]),
            )
        )
    body = " ".join(sentences)
    return (
        f"---\npublisher: Synthetic Wire {i % 17}\npublished: 2016-"
        f"{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}\nkind: news\n---\n"
        f"Report {i}. {body}\n"
    )


def baseline(files: list[Path], db: Path) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("create table documents (id text primary key, source text, text text)")
    start = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "insert into documents values (?, ?, ?)",
            (hashlib.sha256(text.encode()).hexdigest(), str(path), text),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def corridor(files: list[Path], db: Path) -> tuple[float, int, int]:
    store = open_store(str(db))
    sources = [batch.Source(str(p), p) for p in files]
    start = time.perf_counter()
    new = rejected = 0
    for outcome in batch.ingest(store, sources, batch.Options()):
        new += len(outcome.new)
        rejected += outcome.error is not None
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, new, rejected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "reports")
        folder.mkdir()
        files = []
        for i in range(args.documents):
            path = folder / f"r{i:06d}.md"
            path.write_text(report(rng, i), encoding="utf-8")
            files.append(path)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files):,} documents, {size / 1e6:.1f} MB")
        base = baseline(files, Path(tmp, "baseline.db"))
        took, new, rejected = corridor(files, Path(tmp, "corridor.db"))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        peak_kb //= 1024
    print(f"baseline sqlite3: {len(files) / base:8.0f} documents/s ({base:.2f} s)")
    print(
        f"corridor ingest:  {new / took:8.0f} documents/s ({took:.2f} s, "
        f"{new:,} new, {rejected} rejected)"
    )
    print(f"ratio corridor/baseline: {base / took:.2f}")
    print(f"peak RSS (whole process): {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
