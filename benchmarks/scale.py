"""Scale: extraction throughput on 1 and 2 Dask workers, where the CPU goes,
memory per worker, and end-to-end documents per second into SQLite and
PostgreSQL.

Generates a synthetic news corpus from our own templates (benchmarks/ingest.py's
generator) and, for each corpus size, ingests it into a fresh store and extracts
it with ``extract_distributed`` on a local Dask cluster of 1 worker, then again
(fresh store, same documents, same code) on 2 workers. Prints for each run:

- documents per second extracted *and stored*: from the call until the last
  batch is committed (the cluster is started and its extractors built before
  the clock starts, as a long-running cluster would have them);
- the same end to end, ingest included;
- CPU seconds per 1,000 documents in the process that writes (Dask's scheduler
  and the client included, since a local cluster runs them there) and in the
  workers, from the operating system's accounting, so the figures hold on a
  busy machine where wall-clock rates do not;
- then, on the same cluster, documents per second extracted on the cluster
  alone: the same batches, the same number in flight, the workers' same work
  (extracting and preparing the rows), the results shipped back and dropped,
  nothing written, with the CPU of the workers and of this process (Dask's
  scheduler and client); this is what the workers do without the writer;
- each worker's peak RSS.

Then the speed-up 2 workers / 1 worker, for both, and the ceiling the CPU
figures set on the second: with ``w`` worker and ``c`` writer CPU per
document, one worker runs at
``1/max(w, c)`` (the writer has a core of its own) and two share the two cores,
``2/(w + c)``, so on two cores the speed-up cannot pass ``2·max(w, c)/(w + c)``.
For reference, the same documents are also extracted and stored without Dask
by one process (``corridor extract``'s default), and the 2-worker rate is
compared with that too. With --postgres URL_OF_EMPTY_DB the end-to-end run on
2 workers is repeated into PostgreSQL (largest size only).

    python benchmarks/scale.py [--documents 2000 8000] [--postgres postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import report

from corridor.ingest import batch
from corridor.runners import extract_distributed
from corridor.runners.distributed import DEFAULT_BATCH, Item, _batches, extract_batch
from corridor.store import evidence
from corridor.store.engine import Store, open_store


@dataclass
class Run:
    documents: int
    seconds: float
    ingest_seconds: float
    writer_cpu: float
    worker_cpu: list[float]
    worker_rss_mb: list[float]
    cluster_seconds: float
    cluster_worker_cpu: list[float]
    cluster_client_cpu: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds

    @property
    def cluster_rate(self) -> float:
        return self.documents / self.cluster_seconds

    @property
    def end_to_end(self) -> float:
        return self.documents / (self.ingest_seconds + self.seconds)

    def per_1000(self, seconds: float) -> float:
        return seconds / self.documents * 1000


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def ingest(store: Store, files: list[Path]) -> float:
    start = time.perf_counter()
    for outcome in batch.ingest(
        store, [batch.Source(str(p), p) for p in files], batch.Options()
    ):
        assert outcome.error is None, outcome.error
    return time.perf_counter() - start


def cluster_only(client: Any, batches: list[list[Item]], workers: int) -> float:
    """Seconds for the cluster to extract ``batches`` and prepare their rows,
    results shipped back to this process and dropped: the workers' share of
    ``extract_distributed``, with the same batches and the same slots in flight,
    and no writer."""
    from distributed import as_completed

    pending = iter(batches)
    start = time.perf_counter()
    running = as_completed(
        [
            client.submit(extract_batch, b, False, pure=False)
            for b in islice(pending, 2 * workers)
        ]
    )
    for future in running:
        future.result()
        future.release()
        following = next(pending, None)
        if following is not None:
            running.add(client.submit(extract_batch, following, False, pure=False))
    return time.perf_counter() - start


def sequential(db: str, files: list[Path]) -> float:
    """Documents per second extracted and stored by ``corridor extract`` without
    Dask: one process, one core, extracting and writing in turn."""
    from corridor.extract import Extractor
    from corridor.runners.sequential import extract_stored

    store = open_store(db)
    try:
        ingest(store, files)
        extractor = Extractor()
        ids = evidence.documents_to_extract(store, redo=False)
        start = time.perf_counter()
        done = sum(1 for _ in extract_stored(store, extractor, ids))
        seconds = time.perf_counter() - start
        assert done == len(files), done
    finally:
        store.close()
    return done / seconds


def extract(db: str, files: list[Path], workers: int) -> Run:
    from distributed import Client, LocalCluster

    store = open_store(db)
    ingest_seconds = ingest(store, files)
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
        pids = client.run(os.getpid)
        processes = [psutil.Process(pid) for pid in pids.values()]
        writer = psutil.Process()
        ids = evidence.documents_to_extract(store, redo=False)
        batches = list(_batches(store, ids, DEFAULT_BATCH))
        cpu_before = _cpu(writer), [_cpu(p) for p in processes]
        start = time.perf_counter()
        done = sum(
            1
            for _ in extract_distributed(
                store, ids, scheduler=cluster.scheduler_address
            )
        )
        seconds = time.perf_counter() - start
        writer_cpu = _cpu(writer) - cpu_before[0]
        worker_cpu = [
            _cpu(p) - before for p, before in zip(processes, cpu_before[1], strict=True)
        ]
        # then the workers alone, on the same batches, now warm
        client_before, cluster_before = _cpu(writer), [_cpu(p) for p in processes]
        cluster_seconds = cluster_only(client, batches, workers)
        cluster_worker_cpu = [
            _cpu(p) - before
            for p, before in zip(processes, cluster_before, strict=True)
        ]
        cluster_client_cpu = _cpu(writer) - client_before
        peaks = list(client.run(_rss_mb).values())
        assert done == len(ids) == len(files), (done, len(ids))
    finally:
        client.close()
        cluster.close()
        store.close()
    return Run(
        done,
        seconds,
        ingest_seconds,
        writer_cpu,
        worker_cpu,
        peaks,
        cluster_seconds,
        cluster_worker_cpu,
        cluster_client_cpu,
    )


def describe(workers: int, run: Run) -> str:
    return (
        f"{workers} worker(s): {run.rate:7.1f} docs/s extracted and stored; "
        f"SQLite end to end (ingest {run.ingest_seconds:.1f} s included) "
        f"{run.end_to_end:7.1f} docs/s\n"
        f"    CPU per 1,000 docs: writer process {run.per_1000(run.writer_cpu):.2f} s, "
        f"workers {run.per_1000(sum(run.worker_cpu)):.2f} s "
        f"({', '.join(f'{run.per_1000(c):.2f}' for c in run.worker_cpu)}); "
        f"peak RSS per worker {', '.join(f'{p:.0f}' for p in run.worker_rss_mb)} MB\n"
        f"    on the cluster alone, nothing written: {run.cluster_rate:7.1f} docs/s "
        f"(CPU per 1,000 docs: workers "
        f"{run.per_1000(sum(run.cluster_worker_cpu)):.2f} s, scheduler and "
        f"client {run.per_1000(run.cluster_client_cpu):.2f} s)"
    )


def corpus(folder: Path, count: int) -> list[Path]:
    rng = random.Random(2016)
    folder.mkdir()
    files = []
    for i in range(count):
        path = folder / f"r{i:06d}.md"
        path.write_text(report(rng, i), encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL db")
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.documents:
            files = corpus(Path(tmp, f"corpus{count}"), count)
            size = sum(p.stat().st_size for p in files) / 1e6
            print(f"corpus: {len(files):,} documents, {size:.1f} MB; {cores} cores")
            runs = {
                n: extract(str(Path(tmp, f"{count}-{n}.db")), files, n) for n in (1, 2)
            }
            alone = sequential(str(Path(tmp, f"{count}-seq.db")), files)
            print(
                f"no Dask, one process extracting and writing in turn: "
                f"{alone:7.1f} docs/s extracted and stored"
            )
            for workers, run in runs.items():
                print(describe(workers, run))
            one, two = runs[1], runs[2]
            w, c = one.per_1000(sum(one.worker_cpu)), one.per_1000(one.writer_cpu)
            w2, c2 = two.per_1000(sum(two.worker_cpu)), two.per_1000(two.writer_cpu)
            print(
                f"speed-up 2 workers / 1 worker, extracted and stored: "
                f"{two.rate / one.rate:.2f} (target 1.8); the ceiling on 2 cores "
                f"for these CPU costs, "
                f"2·max(w, c)/(w + c) with w = {w:.2f}, c = {c:.2f}: "
                f"{2 * max(w, c) / (w + c):.2f}\n"
                f"    CPU-bound estimate for 2 idle cores (not a measurement): "
                f"1 worker {1000 / max(w, c):.0f} docs/s, 2 workers "
                f"{2000 / (w2 + c2):.0f} docs/s\n"
                f"speed-up 2 workers / 1 worker on the cluster alone, nothing "
                f"written: {two.cluster_rate / one.cluster_rate:.2f}\n"
                f"speed-up 2 workers, extracted and stored / one process without "
                f"Dask: {two.rate / alone:.2f}\n"
            )
        if args.postgres:
            run = extract(args.postgres, files, 2)
            print(
                f"PostgreSQL, {len(files):,} documents, 2 workers: {run.rate:7.1f} "
                f"docs/s extracted and stored; end to end (ingest "
                f"{len(files) / run.ingest_seconds:.0f} docs/s) "
                f"{run.end_to_end:7.1f} docs/s; writer CPU "
                f"{run.per_1000(run.writer_cpu):.2f} s per 1,000 docs"
            )
    print(f"client process peak RSS: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
