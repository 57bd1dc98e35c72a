"""Migrations: an old store opens, upgrades in place and keeps its records."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from corridor.errors import StoreError
from corridor.store import chain, schema
from corridor.store.engine import MIGRATIONS, SCHEMA_VERSION, open_store
from tests.conftest import Run, write
from tests.store.conftest import Backend


def test_a_version_1_store_upgrades_and_keeps_its_log(
    run: Run, db: str, tmp_path: Path, backend: Backend
) -> None:
    run("ingest", str(write(tmp_path / "a.txt", "About 275,000 people remain.")))
    newer = [
        t
        for t in schema.metadata.sorted_tables
        if t.name
        in (
            "corrections",
            "users",
            "api_tokens",
            "plans",
            "notifications",
            "acknowledgements",
        )
    ]
    backend.sql(
        db,
        *[f"DROP TABLE {t.name}" for t in reversed(newer)],
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
    )
    store = open_store(db)
    try:
        with store.read() as conn:
            assert store.get_meta(conn, "schema_version") == str(SCHEMA_VERSION)
            assert sa.inspect(conn).has_table("plans")
            assert chain.verify(conn).entries == 1
    finally:
        store.close()
    assert SCHEMA_VERSION == len(MIGRATIONS) == 3


def test_a_store_from_a_newer_corridor_is_refused(db: str, backend: Backend) -> None:
    open_store(db).close()
    backend.sql(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        open_store(db)


def test_a_database_of_someone_else_is_refused(tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(tmp_path / "theirs.db") as conn:
        conn.execute("create table invoices (id integer)")
    with pytest.raises(StoreError, match="holds tables that are not corridor's"):
        open_store(str(tmp_path / "theirs.db"))
