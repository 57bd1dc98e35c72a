"""Two ingests and the web server writing to one store at once, on SQLite and on
PostgreSQL: no write is lost or stored twice, and the evidence chain stays one
linear chain."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from corridor.store import schema
from corridor.store.chain import GENESIS
from corridor.store.engine import Store, open_store
from corridor.web import add_user, create_token
from tests.test_cli_process import CORRIDOR

PER_INGEST = 400
GUARD_SECONDS = 10
"""How long a writer holds the lock, at most, waiting for a read to get past it."""
UPLOADERS = 3
UPLOADS_EACH = 10


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres").new_database())
    return str(tmp_path / "shared.db")


@contextmanager
def serving(db: str) -> Iterator[str]:
    """`corridor serve` over ``db`` on a free loopback port; yields its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [CORRIDOR, "serve", "--port", str(port)],
        env={**os.environ, "CORRIDOR_DB": db},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/v1/log/verify", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _upload(client: httpx.Client, name: str, statuses: dict[str, int]) -> None:
    body = f"{name}: {len(statuses) + 40} people were killed."
    response = client.post(
        "/api/v1/documents",
        files={"file": (f"{name}.txt", body.encode(), "text/plain")},
    )
    statuses[f"{name}.txt"] = response.status_code


def _uploads_while(
    base: str, token: str, uploader: int, running: list[subprocess.Popen[str]]
) -> dict[str, int]:
    """One script uploading reports one after another, at least UPLOADS_EACH and
    on until the ingests have finished; the status of each file name."""
    statuses: dict[str, int] = {}
    with httpx.Client(
        base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        deadline = time.monotonic() + 600  # a guard against a hung ingest
        while len(statuses) < UPLOADS_EACH or (
            any(p.poll() is None for p in running) and time.monotonic() < deadline
        ):
            _upload(client, f"u{uploader}-{len(statuses)}", statuses)
    return statuses


def linear_chain_problems(store: Store) -> list[str]:
    """What keeps the log from being one chain with one entry per stored row:
    a gap in ``seq``, an entry whose ``prev_hash`` is not the previous entry's
    hash, two entries on one predecessor (a fork), a record logged twice, or a
    count of entries that differs from the count of logged rows."""
    log = schema.log
    with store.read() as conn:
        entries = conn.execute(
            sa.select(
                log.c.seq, log.c.prev_hash, log.c.hash, log.c.kind, log.c.ref
            ).order_by(log.c.seq)
        ).all()
        rows = {
            kind: int(
                conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            )
            for kind, table in schema.LOGGED_TABLES.items()
        }
    problems = []
    previous = GENESIS
    for expected, entry in enumerate(entries, start=1):
        if entry.seq != expected:
            problems.append(f"entry {expected} missing: next is {entry.seq}")
            break
        if entry.prev_hash != previous:
            problems.append(f"entry {entry.seq} does not follow entry {expected - 1}")
        previous = entry.hash
    forks = [h for h, n in Counter(e.prev_hash for e in entries).items() if n > 1]
    if forks:
        problems.append(f"{len(forks)} entries have more than one successor")
    twice = [k for k, n in Counter((e.kind, e.ref) for e in entries).items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} records are logged more than once")
    logged = Counter(e.kind for e in entries)
    for kind, count in rows.items():
        if logged[kind] != count:
            problems.append(f"{count} {kind} rows but {logged[kind]} log entries")
    return problems


def test_ingests_and_uploads_at_once_lose_nothing(
    shared_db: str, tmp_path: Path
) -> None:
    store = open_store(shared_db)
    add_user(store, "amal", "analyst", "a long enough secret")
    token = create_token(store, "amal", "concurrency test")
    store.close()
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for i in range(PER_INGEST):
            (folder / f"{name}{i:03d}.txt").write_text(
                f"Desk {name}, report {i}: about {i + 1},000 people fled the east."
            )
        folders.append(folder)
    env = {**os.environ, "CORRIDOR_DB": shared_db}
    statuses: dict[str, int] = {}
    with serving(shared_db) as base:
        with httpx.Client(
            base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}
        ) as client:  # the first upload loads the extractor: before the race
            _upload(client, "warm-up", statuses)
        ingests = [
            subprocess.Popen(
                [CORRIDOR, "ingest", str(f)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for f in folders
        ]
        with ThreadPoolExecutor(UPLOADERS) as pool:
            for sent in pool.map(
                lambda n: _uploads_while(base, token, n, ingests), range(UPLOADERS)
            ):
                statuses.update(sent)
        outputs = [p.communicate(timeout=300) for p in ingests]
    assert set(statuses.values()) == {201}, statuses
    for process, (out, err) in zip(ingests, outputs, strict=True):
        assert process.returncode == 0, err
        assert f"{PER_INGEST} new, 0 already stored, 0 rejected" in out

    ingested = {
        str(f / f"{f.name}{i:03d}.txt") for f in folders for i in range(PER_INGEST)
    }
    store = open_store(shared_db)
    try:
        with store.read() as conn:
            sources = Counter(
                conn.execute(sa.select(schema.documents.c.source)).scalars()
            )
            extracted = Counter(
                conn.execute(
                    sa.select(schema.documents.c.source).join(
                        schema.extractions,
                        schema.extractions.c.document_id == schema.documents.c.id,
                    )
                ).scalars()
            )
        assert set(sources) == ingested | set(statuses)  # no write lost
        assert max(sources.values()) == 1  # none stored twice
        assert extracted == Counter(list(statuses))  # each upload extracted once
        assert linear_chain_problems(store) == []
    finally:
        store.close()
    verify = subprocess.run(
        [CORRIDOR, "--db", shared_db, "log", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr


@pytest.mark.parametrize(
    "shared_db",
    [
        "sqlite",
        "postgresql",
    ],
    indirect=True,
)
def test_the_server_reads_while_a_writer_holds_the_lock(shared_db: str) -> None:
    """A long write (a big ingest, an extraction) must not stop the server from
    answering reads: WAL on SQLite and MVCC on PostgreSQL let readers go on."""
    store = open_store(shared_db)
    holding, answered = threading.Event(), threading.Event()
    outlasted: list[bool] = []

    def writer() -> None:
        with store.transaction():
            holding.set()
            outlasted.append(answered.wait(timeout=GUARD_SECONDS))

    try:
        with serving(shared_db) as base:
            thread = threading.Thread(target=writer)
            thread.start()
            assert holding.wait(timeout=60)
            response = httpx.get(f"{base}/api/v1/documents", timeout=120)
            answered.set()
            thread.join(timeout=120)
    finally:
        store.close()
    assert response.status_code == 200, response.text
    assert outlasted == [True], "the read waited for the writer to finish"
