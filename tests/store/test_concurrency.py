"""Writers at the same time keep the evidence chain linear, on both backends."""

from __future__ import annotations

import threading
from pathlib import Path

from corridor.ingest import batch
from corridor.store import chain
from corridor.store.engine import open_store


def test_concurrent_ingests_keep_one_linear_chain(db: str, tmp_path: Path) -> None:
    writers, per_writer = 4, 25
    folders = []
    for writer in range(writers):
        folder = tmp_path / f"w{writer}"
        folder.mkdir()
        for i in range(per_writer):
            (folder / f"r{i}.txt").write_text(
                f"Writer {writer} report {i}: {i * 100} people fled."
            )
        folders.append(folder)
    open_store(db).close()  # migrate once, before the race
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def ingest(folder: Path) -> None:
        store = open_store(db)
        try:
            sources, _ = batch.collect([str(folder)])
            start.wait()
            for outcome in batch.ingest(store, sources, batch.Options()):
                assert outcome.error is None, outcome.error
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=ingest, args=(f,)) for f in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    store = open_store(db)
    with store.read() as conn:
        result = chain.verify(conn)
    store.close()
    assert result.ok, result.problem
    assert result.entries == writers * per_writer
