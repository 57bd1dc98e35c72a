"""The store and evidence-log suites run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from corridor.store.engine import database_url
from tests.postgres import PostgresServer


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    yield server
    server.stop()


class Backend:
    """Makes, copies and pokes at databases of one kind, bypassing corridor."""

    def __init__(self, name: str, folder: Path, server: PostgresServer | None) -> None:
        self.name, self.folder, self.server = name, folder, server

    def new(self) -> str:
        if self.server is not None:
            return self.server.new_database()
        return str(self.folder / f"{uuid.uuid4().hex}.db")

    def clone(self, template: str) -> str:
        if self.server is not None:
            return self.server.new_database(template=template.rsplit("/", 1)[1])
        with sqlite3.connect(template) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        copy = self.new()
        shutil.copy(template, copy)
        return copy

    def sql(self, db: str, *statements: str, **params: Any) -> list[Any]:
        """Run statements in one transaction, as someone tampering with the file
        would; returns the rows of the last one."""
        engine = sa.create_engine(database_url(db))
        try:
            with engine.begin() as conn:
                result = None
                for statement in statements:
                    result = conn.execute(sa.text(statement), params)
                return (
                    list(result) if result is not None and result.returns_rows else []
                )
        finally:
            engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Backend:
    server = (
        request.getfixturevalue("postgres") if request.param == "postgresql" else None
    )
    return Backend(request.param, tmp_path_factory.mktemp(request.param), server)


@pytest.fixture
def db(backend: Backend) -> str:
    return backend.new()
