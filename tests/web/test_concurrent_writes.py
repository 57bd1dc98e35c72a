"""Two ingests and the web server writing to one SQLite store at once: no write
is lost and the evidence chain stays one chain."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx

from corridor.store.engine import open_store
from corridor.web import add_user, create_token
from tests.test_cli_process import CORRIDOR

PER_INGEST = 400
UPLOADS = 30


def test_ingests_and_uploads_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    store = open_store(str(db))
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
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CORRIDOR_DB": str(db)}
    server = subprocess.Popen(
        [CORRIDOR, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/v1/log/verify", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
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
        statuses = []
        with httpx.Client(
            base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}
        ) as client:
            for i in range(UPLOADS):
                response = client.post(
                    "/api/v1/documents",
                    files={
                        "file": (
                            f"u{i}.txt",
                            f"Upload {i}: 40 people were killed.".encode(),
                            "text/plain",
                        )
                    },
                )
                statuses.append(response.status_code)
        outputs = [p.communicate(timeout=120) for p in ingests]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses == [201] * UPLOADS
    for process, (out, err) in zip(ingests, outputs, strict=True):
        assert process.returncode == 0, err
        assert f"{PER_INGEST} new, 0 already stored, 0 rejected" in out
    with sqlite3.connect(db) as conn:
        documents = conn.execute("select count(*) from documents").fetchone()[0]
    assert documents == 2 * PER_INGEST + UPLOADS
    verify = subprocess.run(
        [CORRIDOR, "--db", str(db), "log", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr
