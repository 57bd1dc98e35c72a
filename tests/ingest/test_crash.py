"""Killing ingest at any moment loses nothing and leaves the log verifiable."""

from __future__ import annotations

import random
import sqlite3
import subprocess
from pathlib import Path

from corridor.store import chain
from corridor.store.engine import open_store
from tests.kill import kill_after
from tests.test_cli_process import CORRIDOR

KILLS = 120
FILES = 1500


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def test_sigkill_during_ingest_leaves_a_consistent_store(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"r{i:04d}.txt").write_text(
            f"Report {i}: about {i * 10} people fled the eastern districts."
        )
    db = tmp_path / "corridor.db"
    rng = random.Random(2016)
    stored_before = 0
    partial = []
    for _ in range(KILLS):
        # Kill once a random number of further documents has gone in, so the
        # kill lands mid-ingest rather than before it starts or after it ends.
        kill_after(
            [CORRIDOR, "--db", str(db), "ingest", str(folder)],
            lambda: _count(db),
            stored_before + rng.randint(1, 20),
        )
        if not db.exists():
            continue
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            documents = conn.execute("select count(*) from documents").fetchone()[0]
            entries = conn.execute("select count(*) from log").fetchone()[0]
        assert documents == entries  # every stored document has its log entry
        assert documents >= stored_before  # nothing stored is ever lost
        stored_before = documents
        partial.append(0 < documents < FILES)
        store = open_store(str(db))
        try:
            with store.read() as conn:
                result = chain.verify(conn)
        finally:
            store.close()
        assert result.ok, result.problem
    final = subprocess.run(
        [CORRIDOR, "--db", str(db), "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert final.returncode == 0, final.stderr
    new, already = int(final.stdout.split()[0]), int(final.stdout.split()[2])
    assert new + already == FILES and already == stored_before
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(distinct id) from documents").fetchone() == (
            FILES,
        )
    assert sum(partial) >= KILLS // 2, "the kills did not land during the ingests"
