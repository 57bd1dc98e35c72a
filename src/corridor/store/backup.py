"""Backups: a consistent copy of a live store, and a restore that verifies.

SQLite is copied with its online backup API (a consistent snapshot while
others keep writing); PostgreSQL with ``pg_dump --format=custom`` and back with
``pg_restore``. A backup is written under a temporary name and moved into
place. A restore goes only into a new or empty store, and is undone unless its
evidence log verifies: restoring never overwrites what a user stored.
Moving a store between SQLite and PostgreSQL is ``export`` / ``import``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from corridor.errors import ConfigError, InputError, IntegrityError, NotEmptyError
from corridor.store import chain, schema
from corridor.store.engine import Store, database_url, open_store
from corridor.store.transfer import is_redacted

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _sqlite_path(store: Store) -> str | None:
    return store.engine.url.database if store.engine.dialect.name == "sqlite" else None


def _libpq_url(store: Store) -> str:
    """The store's URL as pg_dump and pg_restore take it (password included)."""
    return store.engine.url.set(drivername="postgresql").render_as_string(
        hide_password=False
    )


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigError(
            f"{name} not found: install PostgreSQL's client tools "
            "(apt-get install postgresql-client)"
        )
    return found


def backup(store: Store, target: Path) -> int:
    """Write a backup of ``store`` to ``target``; returns its size in bytes."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(f"{target}: folder {str(folder)!r} does not exist")
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        path = _sqlite_path(store)
        if path is not None:
            source = sqlite3.connect(path)
            copy = sqlite3.connect(tmp)
            try:
                source.backup(copy)
            finally:
                copy.close()
                source.close()
        else:
            result = subprocess.run(
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    tmp,
                    _libpq_url(store),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise ConfigError(f"pg_dump failed: {result.stderr.strip()}")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target.stat().st_size


def restore(db: str, source: Path) -> int:
    """Restore the backup ``source`` into the new or empty store ``db``; returns
    the number of evidence-log entries, verified."""
    try:
        with source.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise InputError(str(source), f"cannot be read: {exc.strerror}") from None
    url = database_url(db)
    sqlite = url.startswith("sqlite")
    if head.startswith(SQLITE_MAGIC) != sqlite or not (
        head.startswith(SQLITE_MAGIC) or head.startswith(PG_MAGIC)
    ):
        kind = (
            "a SQLite backup"
            if head.startswith(SQLITE_MAGIC)
            else "a PostgreSQL backup"
            if head.startswith(PG_MAGIC)
            else "not a corridor backup"
        )
        raise InputError(
            str(source),
            f"is {kind}, which cannot be restored into "
            f"{'SQLite' if sqlite else 'PostgreSQL'} (move stores "
            "between the two with export and import)",
        )
    store = open_store(db)
    try:
        with store.read() as conn:
            if not store.is_empty(conn):
                raise NotEmptyError(
                    f"{store.url} already holds records; restore "
                    "needs a new or empty --db"
                )
        if sqlite:
            _restore_sqlite(store, source)
        else:
            _restore_postgres(store, source)
        with store.read() as conn:
            result = chain.verify(conn, redacted=is_redacted(store, conn))
        if not result.ok:
            _empty(store)
            raise IntegrityError(
                f"{source}: nothing restored, its evidence log does "
                f"not verify: {result.problem}"
            )
        return result.entries
    finally:
        store.close()


def _restore_sqlite(store: Store, source: Path) -> None:
    path = _sqlite_path(store)
    assert path is not None
    store.engine.dispose()
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        backup_db.backup(target)
    except sqlite3.DatabaseError as exc:
        raise InputError(
            str(source), f"is not a readable SQLite backup: {exc}"
        ) from None
    finally:
        target.close()
        backup_db.close()


def _restore_postgres(store: Store, source: Path) -> None:
    _empty(store)  # the schema comes from the dump itself
    result = subprocess.run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            _libpq_url(store),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        _empty(store)
        raise InputError(str(source), f"pg_restore failed: {result.stderr.strip()}")


def _empty(store: Store) -> None:
    """Drop every corridor table (used only on a store that was empty)."""
    with store.transaction() as conn:
        schema.metadata.drop_all(conn)
