"""corridor serve and corridor user, run as a user runs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import Run
from tests.test_cli_process import CORRIDOR


def test_user_add_takes_the_password_from_the_environment_only(
    run: Run, monkeypatch: object
) -> None:
    no_terminal = run("user", "add", "amal", "--role", "analyst")
    assert no_terminal.exit_code == 1
    assert "set CORRIDOR_PASSWORD" in no_terminal.stderr
    monkeypatch.setenv("CORRIDOR_PASSWORD", "a long enough secret")  # type: ignore[attr-defined]
    assert run("user", "add", "amal", "--role", "analyst").stdout.strip() == (
        "created analyst amal"
    )
    again = run("user", "add", "amal", "--role", "viewer")
    assert again.exit_code == 1 and "already exists" in again.stderr
    token = run("user", "token", "amal", "--label", "nightly import").stdout.strip()
    assert len(token) > 30


def test_serve_without_users_refuses_other_addresses(run: Run) -> None:
    result = run("serve", "--host", "0.0.0.0")
    assert result.exit_code == 1 and "listens only on 127.0.0.1" in result.stderr


def test_serve_answers_over_real_http(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CORRIDOR_DB": str(tmp_path / "c.db")}
    server = subprocess.Popen(
        [CORRIDOR, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = None
        for _ in range(200):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/log/verify", timeout=2
                ) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "the server never answered"
        assert body["ok"] is True
    finally:
        server.terminate()
        server.wait(timeout=30)
