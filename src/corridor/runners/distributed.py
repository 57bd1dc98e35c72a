"""Extraction on a Dask distributed cluster, for archives too big for one process.

Documents stream to the workers in batches (at most two batches per worker in
flight, so memory stays bounded however large the store); each worker keeps one
extractor and turns what it finds into rows ready to insert, their log records
in canonical JSON included (:func:`evidence.prepare_extraction`). The results
come back in batches and are written here, by the one process that holds the
store, one transaction per batch: the writer only checks each document's latest
extraction, chains the log entries and inserts, so the workers, not the writer,
carry the per-document work. Writing is idempotent (an extraction equal to the
latest is not stored again), so a batch that Dask runs twice, because a worker
died under it, leaves no duplicate, and a rerun after a crash picks up only what
is missing.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from itertools import islice
from typing import Any

import sqlalchemy as sa

from corridor.extract import Extractor
from corridor.runners.sequential import ExtractOutcome, prepare
from corridor.store import evidence, schema
from corridor.store.engine import Store
from corridor.store.evidence import PreparedExtraction

DEFAULT_BATCH = 500

Item = tuple[str, str, dt.date | None, str | None, int]
"""A document as shipped to a worker: id, text, published, area, and the number
its extraction gets if it differs from the latest (one more than the latest)."""


def extract_batch(batch: Sequence[Item], rules_only: bool) -> list[PreparedExtraction]:
    """Run on a worker: extract each document of ``batch`` and prepare its rows.

    The extractor is built once per worker process and kept on the worker
    object (Dask's place for per-worker state), not in a module global.
    """
    from distributed import get_worker

    worker: Any = get_worker()
    extractors = getattr(worker, "corridor_extractors", None)
    if extractors is None:
        extractors = worker.corridor_extractors = {}
    extractor = extractors.get(rules_only)
    if extractor is None:
        extractor = extractors[rules_only] = Extractor(rules_only=rules_only)
    return [
        prepare(extractor, document_id, text, published, area, number=number)
        for document_id, text, published, area, number in batch
    ]


def _batches(
    store: Store, document_ids: Iterable[str], size: int
) -> Iterator[list[Item]]:
    docs = schema.documents
    ids = iter(document_ids)
    while chunk := list(islice(ids, size)):
        with store.read() as conn:
            rows = conn.execute(
                sa.select(docs.c.id, docs.c.text, docs.c.published, docs.c.area).where(
                    docs.c.id.in_(chunk)
                )
            ).all()
            latest = evidence.latest_extractions(conn, chunk)
        by_id = {
            r.id: (r.id, r.text, r.published, r.area, latest.get(r.id, (0, ""))[0] + 1)
            for r in rows
        }
        yield [by_id[i] for i in chunk if i in by_id]


def extract_distributed(
    store: Store,
    document_ids: Iterable[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH,
    rules_only: bool = False,
) -> Iterator[ExtractOutcome]:
    """Extract ``document_ids`` on the cluster at ``scheduler`` (``tcp://host:8786``),
    or on a local cluster of ``workers`` processes started for the run; with
    ``rules_only``, without the learned model (``Extractor(rules_only=True)``)."""
    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        with warnings.catch_warnings():
            # distributed warns about its dashboard and ports on start-up; we
            # start no dashboard, and the ports are its own business.
            warnings.simplefilter("ignore")
            if scheduler is None:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=40,
                    )
                )
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
        slots = max(2 * len(client.scheduler_info()["workers"]), 2)
        batches = _batches(store, document_ids, batch_size)

        def submit(batch: list[Item]) -> Any:
            return client.submit(extract_batch, batch, rules_only, pure=False)

        running = as_completed([submit(b) for b in islice(batches, slots)])
        for future in running:
            prepared: list[PreparedExtraction] = future.result()
            future.release()
            following = next(batches, None)
            if following is not None:
                running.add(submit(following))
            with store.transaction() as conn:  # one transaction per batch
                made = evidence.write_prepared(conn, prepared)
            for item, extraction in zip(prepared, made, strict=True):
                yield ExtractOutcome(
                    item.document_id, item.claims, item.events, extraction is not None
                )
