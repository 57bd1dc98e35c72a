"""Extraction on a real Dask cluster: same result as in-process, and a worker
killed mid-run leaves no duplicate and no gap."""

from __future__ import annotations

import os
import signal
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from corridor.extract import Extractor
from corridor.ingest import batch
from corridor.runners import extract_distributed, extract_stored
from corridor.store import chain, evidence, schema
from corridor.store.engine import Store, open_store

TEMPLATES = [
    "More than {n},000 people have fled the eastern districts, the UN said.",
    "At least {k} people were killed in air strikes on {day}, medics said.",
    "Food stocks would last about {w} weeks, according to local officials.",
    "An estimated {n}0,000 people remain trapped in the besieged area.",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as running:
            yield running


def corpus(store: Store, folder: Path, count: int) -> list[str]:
    folder.mkdir()
    for i in range(count):
        text = " ".join(
            t.format(
                n=i % 90 + 1,
                k=i % 40 + 2,
                w=i % 6 + 1,
                day=("Monday", "Tuesday")[i % 2],
            )
            for t in TEMPLATES
        )
        (folder / f"r{i:04d}.txt").write_text(f"Report {i}. {text}")
    sources, _ = batch.collect([str(folder)])
    for outcome in batch.ingest(store, sources, batch.Options()):
        assert outcome.error is None
    return evidence.documents_to_extract(store, redo=False)


def counts(store: Store) -> tuple[int, int, int]:
    with store.read() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (schema.extractions, schema.claims, schema.events)
        )


def test_cluster_extracts_what_one_process_does(
    cluster: object, tmp_path: Path, store: Store
) -> None:
    ids = corpus(store, tmp_path / "in", 60)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    outcomes = list(extract_distributed(store, ids, scheduler=address, batch_size=7))
    assert sorted(o.document_id for o in outcomes) == sorted(ids)
    distributed_counts = counts(store)
    again = list(extract_stored(store, Extractor(), ids))
    assert not any(o.changed for o in again)  # same output: nothing new stored
    assert counts(store) == distributed_counts
    redo = list(extract_distributed(store, ids, scheduler=address, batch_size=25))
    assert len(redo) == len(ids) and not any(o.changed for o in redo)
    assert counts(store) == distributed_counts
    with store.read() as conn:
        assert chain.verify(conn).ok


def test_killing_a_worker_mid_run_leaves_no_duplicate_and_no_gap(
    cluster: object, tmp_path: Path, store: Store
) -> None:
    from distributed import Client

    ids = corpus(store, tmp_path / "in", 300)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    with Client(address) as client:
        pids = client.run(os.getpid)
    seen: list[str] = []
    for outcome in extract_distributed(store, ids, scheduler=address, batch_size=10):
        seen.append(outcome.document_id)
        if len(seen) == 40:
            os.kill(next(iter(pids.values())), signal.SIGKILL)
    assert len(seen) == len(ids) == len(set(seen))
    extractions, _, _ = counts(store)
    assert extractions == len(ids)  # one extraction per document, none twice
    assert evidence.documents_to_extract(store, redo=False) == []
    with store.read() as conn:
        assert chain.verify(conn).ok


def test_extract_command_runs_on_a_local_cluster(
    run: object, tmp_path: Path, db: str
) -> None:
    store = open_store(db)
    corpus(store, tmp_path / "in", 12)
    store.close()
    result = run("extract", "--workers", "2")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("12 documents: ")
    both = run("extract", "--workers", "2", "--scheduler", "tcp://x:1")  # type: ignore[operator]
    assert both.exit_code == 2 and "not both" in both.stderr
