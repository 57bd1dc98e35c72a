"""Bounded memory: peak RSS of ingesting a JSON Lines corpus as it grows.

Each size runs in a fresh process (peak RSS only ever grows within one), so
the figures compare: flat peaks mean ingest streams instead of collecting.

    python benchmarks/corpus.py [--sizes 5000 20000 80000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CHILD = """
import resource, sys, time
from pathlib import Path
from corridor.ingest import batch
from corridor.store.engine import open_store
store = open_store(sys.argv[2])
start = time.perf_counter()
new = sum(len(o.new) for o in batch.ingest(
    store, [batch.Source(sys.argv[1], Path(sys.argv[1]))], batch.Options()))
took = time.perf_counter() - start
print(new, took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    from ingest import report  # benchmarks/ingest.py's generator

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 80000])
    args = parser.parse_args()
    rng = random.Random(2016)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            corpus = Path(tmp, f"corpus{size}.jsonl")
            with corpus.open("w", encoding="utf-8") as out:
                for i in range(size):
                    body = report(rng, i).split("---\n", 2)[2]
                    out.write(
                        json.dumps(
                            {
                                "text": body,
                                "publisher": "Wire",
                                "published": "2016-12-01",
                            }
                        )
                        + "\n"
                    )
            started = time.perf_counter()
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    str(corpus),
                    str(Path(tmp, f"{size}.db")),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            new, took, peak = result.stdout.split()
            print(
                f"{size:>7,} records ({corpus.stat().st_size / 1e6:5.1f} MB): "
                f"{int(new) / float(took):6.0f} docs/s, peak RSS {float(peak):5.0f} MB"
                f"  ({time.perf_counter() - started:.1f} s with start-up)"
            )


if __name__ == "__main__":
    main()
