"""The web layer reuses a situation picture until something new is logged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from corridor.store.engine import open_store
from corridor.web import data

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def corridor(db: Path, *args: str) -> None:
    command = [str(Path(sys.executable).with_name("corridor")), "--db", str(db), *args]
    subprocess.run(command, check=True, capture_output=True, text=True)


def test_a_picture_is_reused_until_the_log_moves(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    corridor(db, "ingest", str(EXAMPLES / "2016-07-17-castello-road-cut.md"))
    corridor(db, "extract")
    store = open_store(str(db))
    try:
        first = data.situation(store, "east Aleppo")
        assert data.situation(store, "East Aleppo") is first
        assert data.situation(store, "east Aleppo", window=7) is not first

        corridor(db, "ingest", str(EXAMPLES / "2016-07-21-food-stocks.txt"))
        corridor(db, "extract")
        fresh = data.situation(store, "east Aleppo")
        assert fresh is not first
        assert (first.documents, fresh.documents) == (1, 2)
    finally:
        store.close()
