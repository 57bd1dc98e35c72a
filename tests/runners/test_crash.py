"""Killing corridor extract at any moment leaves no duplicate and no gap."""

from __future__ import annotations

import random
import sqlite3
import subprocess
from pathlib import Path

from tests.kill import kill_after
from tests.test_cli_process import CORRIDOR

KILLS = 80
FILES = 400


def _extracted(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            row = conn.execute("select count(distinct document_id) from extractions")
            return int(row.fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_sigkill_during_extract_leaves_one_extraction_per_document(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"r{i:04d}.txt").write_text(
            f"Report {i}: more than {i + 2},000 people fled, the UN said. At least "
            f"{i % 40 + 3} people were killed and {i % 9 + 2} hospitals were hit."
        )
    db = tmp_path / "corridor.db"
    ingest = subprocess.run(
        [CORRIDOR, "--db", str(db), "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    rng = random.Random(2016)
    done, partial = 0, 0
    for _ in range(KILLS):
        kill_after(  # small batches, so that 80 kills land in 400 documents
            [CORRIDOR, "--db", str(db), "extract", "--batch", "3"],
            lambda: _extracted(db),
            done + rng.randint(1, 4),
        )
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            twice = conn.execute(
                "select count(*) from (select document_id from extractions "
                "group by document_id having count(*) > 1)"
            ).fetchone()[0]
            orphans = conn.execute(
                "select count(*) from claims where extraction_id not in "
                "(select id from extractions)"
            ).fetchone()[0]
        assert twice == 0 and orphans == 0
        now = _extracted(db)
        assert now >= done
        partial += 0 < now < FILES
        done = now
    verify = subprocess.run(
        [CORRIDOR, "--db", str(db), "log", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr
    final = subprocess.run(
        [CORRIDOR, "--db", str(db), "extract"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert final.returncode == 0, final.stderr
    assert final.stdout.startswith(f"{FILES - done} documents")
    assert _extracted(db) == FILES
    assert partial >= KILLS // 2, "the kills did not land during the extractions"
