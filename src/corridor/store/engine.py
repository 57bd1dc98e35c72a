"""Opening a store: the engine, its connection settings, and migrations.

``--db`` takes a SQLite file path (the embedded default, ``corridor.db``) or a
database URL such as ``postgresql://user@host/db`` (driven by psycopg 3).
Every write transaction holds the one lock on the evidence-log head, so two
writers never extend the chain from the same entry: SQLite starts it with
``BEGIN IMMEDIATE`` (in WAL mode, with a busy timeout), PostgreSQL takes a
transaction-scoped advisory lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from corridor.errors import StoreError
from corridor.store import schema

SCHEMA_VERSION_KEY = "schema_version"
SQLITE_BUSY_TIMEOUT_MS = 30_000
CHAIN_LOCK_KEY = 7_242_016
"""PostgreSQL advisory lock taken by every write transaction (the chain head)."""


def _create(*tables: sa.Table) -> Callable[[Connection], None]:
    def migrate(conn: Connection) -> None:
        schema.metadata.create_all(conn, tables=list(tables))

    return migrate


MIGRATIONS: list[Callable[[Connection], None]] = [
    _create(
        schema.meta,
        schema.documents,
        schema.restricted,
        schema.witness_keys,
        schema.extractions,
        schema.claims,
        schema.events,
        schema.log,
    ),
    _create(schema.corrections, schema.users, schema.api_tokens),
    _create(schema.plans, schema.notifications, schema.acknowledgements),
]
"""Migration ``i`` takes the schema from version ``i`` to ``i + 1``. Append only."""

SCHEMA_VERSION = len(MIGRATIONS)


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL is kept, anything else is a SQLite path."""
    if "://" in db:
        for plain in ("postgresql://", "postgres://"):
            if db.startswith(plain):
                return "postgresql+psycopg://" + db.removeprefix(plain)
        return db
    return f"sqlite:///{Path(db).expanduser()}"


_WRITE = "corridor_write"  # execution option: this transaction writes


def _configure_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let us issue BEGIN ourselves (the driver's implicit BEGIN is DEFERRED).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front (no deadlock on upgrade);
        # readers keep a WAL snapshot and never wait for a writer.
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Store:
    """A migrated database. Use :meth:`transaction` for every write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any error.

        It holds the chain lock from its first statement, so appends to the
        evidence log from concurrent writers queue up instead of forking it.
        """
        with self.engine.execution_options(**{_WRITE: True}).begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})")
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def get_meta(self, conn: Connection, key: str) -> str | None:
        row = conn.execute(
            sa.select(schema.meta.c.value).where(schema.meta.c.key == key)
        ).first()
        return None if row is None else str(row[0])

    def set_meta(self, conn: Connection, key: str, value: str) -> None:
        if self.get_meta(conn, key) is None:
            conn.execute(schema.meta.insert().values(key=key, value=value))
        else:
            conn.execute(
                schema.meta.update().where(schema.meta.c.key == key).values(value=value)
            )

    def is_empty(self, conn: Connection) -> bool:
        return (
            conn.execute(
                sa.select(sa.func.count()).select_from(schema.log)
            ).scalar_one()
            == 0
        )

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str) -> Store:
    """Open (creating and migrating if needed) the store at ``db``."""
    url = database_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        parent = Path(url.removeprefix("sqlite:///")).parent
        if not parent.is_dir():
            raise StoreError(f"{db}: folder {str(parent)!r} does not exist")
    try:
        engine = sa.create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(
            f"--db {db!r} is not a SQLite path or a database URL we can use: {exc}"
        ) from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    store = Store(engine)
    try:
        _migrate(store)
    except (sa.exc.DatabaseError, sa.exc.InterfaceError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        shown = store.url if "://" in db else db
        raise StoreError(
            f"{shown}: cannot open the database: {reason.strip().splitlines()[0]}"
        ) from exc
    except BaseException:
        engine.dispose()  # a refused store leaves no connection open behind it
        raise
    return store


def _migrate(store: Store) -> None:
    with store.transaction() as conn:
        inspector = sa.inspect(conn)
        current = 0
        if inspector.has_table(schema.meta.name):
            raw = store.get_meta(conn, SCHEMA_VERSION_KEY)
            current = int(raw) if raw is not None else 0
        elif inspector.get_table_names():
            raise StoreError(
                f"{store.url}: holds tables that are not corridor's; use another --db"
            )
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{store.url}: schema version {current} is newer than this corridor "
                f"understands ({SCHEMA_VERSION}); upgrade corridor"
            )
        for version in range(current, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
            store.set_meta(conn, SCHEMA_VERSION_KEY, str(version + 1))
