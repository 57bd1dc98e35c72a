"""The installed ``corridor`` command, run as a user runs it: a real process."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORRIDOR = shutil.which("corridor", path=str(Path(sys.executable).parent)) or "corridor"


def corridor(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CORRIDOR, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )  # type: ignore[call-overload]


def test_examples_ingest_piped_is_quiet_and_verifies(tmp_path: Path) -> None:
    for key in sorted((ROOT / "examples" / "keys").glob("*.pub")):
        added = corridor(
            "witness", "add", key.stem, key.read_text().strip(), cwd=tmp_path
        )
        assert added.returncode == 0, added.stderr
    result = corridor(
        "ingest",
        str(ROOT / "examples" / "reports"),
        str(ROOT / "examples" / "witness"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress bar when piped
    new = int(result.stdout.split()[0])
    assert new >= 20 and result.stdout.strip().endswith("0 rejected")
    assert (tmp_path / "corridor.db").exists()  # the default store, current folder
    verify = corridor("log", "verify", cwd=tmp_path)
    assert verify.returncode == 0 and verify.stdout.startswith(f"ok: {new + 3} entries")
    documents = corridor("documents", "--kind", "witness", "--json", cwd=tmp_path)
    assert '"valid"' in documents.stdout
    assert "example-contact" not in documents.stdout  # restricted fields stay out
    assert "36.17" not in documents.stdout


def test_progress_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    # A terminal has a size; a fresh pty is 0x0, which tqdm draws as nothing.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        result = subprocess.run(
            [CORRIDOR, "ingest", str(ROOT / "examples" / "reports")],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert b"doc/s" in shown or b"s/doc" in shown


def test_db_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    env = {**os.environ, "CORRIDOR_DB": str(target)}
    result = corridor("log", "verify", cwd=tmp_path, env=env)
    assert result.returncode == 0 and "ok: 0 entries" in result.stdout
    assert target.exists() and not (tmp_path / "corridor.db").exists()


def test_unusable_db_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "notadb.db").write_bytes(b"this is not a database at all" * 100)
    result = corridor("--db", "notadb.db", "documents", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: notadb.db: cannot open")
    missing = corridor("--db", "no/such/folder/x.db", "documents", cwd=tmp_path)
    assert missing.returncode == 1
    assert "folder 'no/such/folder' does not exist" in missing.stderr
