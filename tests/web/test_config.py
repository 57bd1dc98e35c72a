"""Web options from the environment, the documentation of every one, and
``serve`` as the CLI will call it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from corridor.errors import ConfigError
from corridor.web import WebOptions
from tests.web.conftest import ROOT


def test_options_come_from_the_environment() -> None:
    options = WebOptions.from_env(
        {
            "CORRIDOR_SECRET_KEY": "k" * 32,
            "CORRIDOR_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
            "CORRIDOR_PUBLIC_READ": "1",
            "CORRIDOR_SECURE_COOKIES": "true",
            "CORRIDOR_WEB_DRAWS": "5000",
        }
    )
    assert options.public_read and options.secure_cookies
    assert options.draws == 5000
    assert options.tile_origin == "https://*.tiles.example.org"
    assert WebOptions.from_env({}) == WebOptions()


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"CORRIDOR_TILE_URL": "javascript:alert(1)"}, "CORRIDOR_TILE_URL must be"),
        ({"CORRIDOR_TILE_URL": "https://t.example.org/a.png"}, "{z}, {x} and {y}"),
        ({"CORRIDOR_SECRET_KEY": "short"}, "at least 32 characters, got 5"),
        ({"CORRIDOR_PUBLIC_READ": "maybe"}, "must be 1 or 0"),
        ({"CORRIDOR_WEB_DRAWS": "lots"}, "whole number, got 'lots'"),
        ({"CORRIDOR_WEB_DRAWS": "5"}, "between 100 and 1000000, got 5"),
    ],
)
def test_bad_options_say_what_was_expected(env: dict[str, str], words: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(words)):
        WebOptions.from_env(env)


def test_every_web_setting_is_documented() -> None:
    source = (ROOT / "src" / "corridor" / "web" / "config.py").read_text()
    names = set(re.findall(r"CORRIDOR_[A-Z_]+", source))
    documented = (ROOT / "docs" / "web.md").read_text()
    assert names and all(f"`{name}`" in documented for name in names)


def test_serve_runs_the_app_on_the_given_address(db: str, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "from corridor.settings import Settings\n"
        "from corridor.web import serve\n"
        f"serve(Settings(db={db!r}), '127.0.0.1', {port})\n"
    )
    env = {**os.environ, "CORRIDOR_SECRET_KEY": "k" * 40}
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/log/verify")
                break
            except httpx.ConnectError:
                assert process.poll() is None, process.stderr and process.stderr.read()
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        assert response.json()["verified"] is True
        assert "server" not in response.headers
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stderr:
            process.stderr.close()
