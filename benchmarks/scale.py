"""Scale: extraction throughput on 1 and 2 Dask workers, memory per worker, and
end-to-end documents per second into SQLite and PostgreSQL.

Generates a synthetic news corpus from our own templates (benchmarks/ingest.py's
generator), ingests it, then extracts it on a local Dask cluster of 1 worker and
of 2 workers (fresh stores, same documents) and prints documents per second,
the speed-up, and each worker's peak RSS. With --postgres URL_OF_EMPTY_DB the
end-to-end run (ingest + extract on 2 workers) is repeated into PostgreSQL.

    python benchmarks/scale.py [--documents 2000] [--postgres postgresql://...]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import report

from corridor.ingest import batch
from corridor.runners import extract_distributed
from corridor.store import evidence
from corridor.store.engine import Store, open_store


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(store: Store, files: list[Path]) -> float:
    start = time.perf_counter()
    for outcome in batch.ingest(
        store, [batch.Source(str(p), p) for p in files], batch.Options()
    ):
        assert outcome.error is None, outcome.error
    return time.perf_counter() - start


def extract(store: Store, workers: int) -> tuple[float, int, list[float]]:
    import warnings

    from distributed import Client, LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        )
    client = Client(cluster)
    try:
        client.run(lambda: __import__("corridor.extract").extract.Extractor())  # warm
        ids = evidence.documents_to_extract(store, redo=False)
        start = time.perf_counter()
        done = sum(
            1
            for _ in extract_distributed(
                store, ids, scheduler=cluster.scheduler_address, batch_size=50
            )
        )
        took = time.perf_counter() - start
        peaks = list(client.run(_rss_mb).values())
    finally:
        client.close()
        cluster.close()
    return took, done, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL db")
    args = parser.parse_args()
    rng = random.Random(2016)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        files = []
        for i in range(args.documents):
            path = folder / f"r{i:06d}.md"
            path.write_text(report(rng, i), encoding="utf-8")
            files.append(path)
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"corpus: {len(files):,} documents, {size:.1f} MB")
        rates = {}
        for workers in (1, 2):
            store = open_store(str(Path(tmp, f"w{workers}.db")))
            ingest_s = ingest(store, files)
            took, done, peaks = extract(store, workers)
            rates[workers] = done / took
            print(
                f"{workers} worker(s): extraction {done / took:7.1f} docs/s "
                f"({size / took:.2f} MB/s); peak RSS per worker "
                f"{', '.join(f'{p:.0f}' for p in peaks)} MB; SQLite end to end "
                f"{done / (ingest_s + took):7.1f} docs/s"
            )
            store.close()
        print(
            f"speed-up 2 workers / 1 worker: {rates[2] / rates[1]:.2f} "
            f"(target 1.8; {__import__('os').cpu_count()} cores)"
        )
        if args.postgres:
            store = open_store(args.postgres)
            ingest_s = ingest(store, files)
            took, done, _ = extract(store, 2)
            print(
                f"PostgreSQL end to end (ingest {len(files) / ingest_s:.0f} docs/s, "
                f"2 workers): {done / (ingest_s + took):7.1f} docs/s"
            )
            store.close()
    print(f"client process peak RSS: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
