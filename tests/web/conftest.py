"""A real store of the example reports, and a real uvicorn server over it."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from corridor.extract import Extractor
from corridor.ingest import batch
from corridor.ingest.keys import add_witness_key
from corridor.runners import extract_stored
from corridor.settings import Settings
from corridor.store import schema
from corridor.store.engine import Store, open_store
from corridor.web import WebOptions, add_user, create_app, create_token
from tests.postgres import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PASSWORD = "correct horse battery"
SECRET = "s" * 40


def restricted_values(store: Store) -> list[str]:
    """Every restricted witness value as it could be printed."""
    with store.read() as conn:
        rows = conn.execute(schema.restricted.select()).all()
    found: list[str] = []
    for row in rows:
        fields = json.loads(row.fields)
        for key in ("witness", "contact", "signature"):
            if key in fields:
                found.append(str(fields[key]))
        if "location" in fields:
            found.extend(str(v) for v in fields["location"].values())
    return found


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the web tests that run on both backends."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """The example reports, ingested and extracted once per session."""
    path = tmp_path_factory.mktemp("example") / "corridor.db"
    store = open_store(str(path))
    try:
        for key in sorted((EXAMPLES / "keys").glob("*.pub")):
            add_witness_key(store, key.stem, key.read_text().strip())
        sources, _ = batch.collect(
            [str(EXAMPLES / "reports"), str(EXAMPLES / "witness")]
        )
        outcomes = list(batch.ingest(store, sources, batch.Options()))
        assert not [o.error for o in outcomes if o.error]
        ids = [doc for o in outcomes for doc in o.new]
        list(extract_stored(store, extractor, ids))
    finally:
        store.close()
    return path


@pytest.fixture
def db(tmp_path: Path, example_db: Path) -> str:
    target = tmp_path / "corridor.db"
    shutil.copyfile(example_db, target)
    return str(target)


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    opened = open_store(db)
    yield opened
    opened.close()


@dataclass
class Server:
    url: str
    db: str
    app: Any

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture
def serve(db: str, extractor: Extractor) -> Iterator[Callable[..., Server]]:
    """Start uvicorn on a free loopback port: ``serve(**WebOptions fields)``."""
    started: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**options: Any) -> Server:
        options.setdefault("secret_key", SECRET)
        app = create_app(Settings(db=db, max_bytes=200_000), WebOptions(**options))
        app.state.extractor = extractor
        sock = _free_socket()
        config = uvicorn.Config(
            app, log_level="warning", ws="none", lifespan="on", access_log=False
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, args=([sock],), daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        started.append((server, thread))
        host, port = sock.getsockname()
        return Server(f"http://{host}:{port}", db, app)

    yield start
    for server, thread in started:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def server(serve: Callable[..., Server]) -> Server:
    """A server with no users: open to read, closed to writes."""
    return serve()


@dataclass
class Team:
    admin: str
    analyst: str
    witness: str
    viewer: str


@pytest.fixture
def team(store: Store) -> Team:
    """One user of each role (password PASSWORD) and an API token each."""
    tokens = {}
    for role in ("admin", "analyst", "witness", "viewer"):
        add_user(store, role, role, PASSWORD)
        tokens[role] = create_token(store, role, f"{role} script")
    return Team(**tokens)


def login(client: httpx.Client, name: str, password: str = PASSWORD) -> None:
    page = client.get("/login")
    token = csrf_of(page.text)
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token},
    )
    assert response.status_code == 303, response.text


def csrf_of(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]
