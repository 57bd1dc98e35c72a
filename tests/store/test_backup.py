"""Backup and restore on both backends: the restored store is the same store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from corridor.cli import cli
from tests.conftest import Run
from tests.store.conftest import Backend
from tests.store.test_chain import add_claim, build_store


def at(db: str):  # type: ignore[no-untyped-def]
    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)

    return run


def test_restore_gives_back_the_same_store_with_a_verified_log(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str], backend: Backend
) -> None:
    build_store(tmp_path / "in", run, keypair)
    add_claim(db)
    backed = run("backup", str(tmp_path / "store.backup"))
    assert backed.exit_code == 0, backed.output
    assert (tmp_path / "store.backup").stat().st_mode & 0o077 == 0
    copy = at(backend.new())
    restored = copy("restore", str(tmp_path / "store.backup"))
    assert restored.exit_code == 0, restored.output
    assert "9 evidence-log entries, verified" in restored.stdout
    run("export", "--include-restricted", str(tmp_path / "original.jsonl"))
    copy("export", "--include-restricted", str(tmp_path / "restored.jsonl"))
    original = (tmp_path / "original.jsonl").read_bytes()
    assert original == (tmp_path / "restored.jsonl").read_bytes()
    again = copy("restore", str(tmp_path / "store.backup"))
    assert again.exit_code == 1 and "restore needs a new or empty" in again.stderr


def test_restore_refuses_a_backup_of_the_other_kind(
    run: Run, tmp_path: Path, backend: Backend
) -> None:
    (tmp_path / "junk.backup").write_bytes(b"not a backup at all")
    result = at(backend.new())("restore", str(tmp_path / "junk.backup"))
    assert result.exit_code == 1 and "not a corridor backup" in result.stderr


def test_a_tampered_sqlite_backup_restores_nothing(
    tmp_path: Path, keypair: tuple[str, str]
) -> None:
    original = str(tmp_path / "field.db")
    build_store(tmp_path / "in", at(original), keypair)
    at(original)("backup", str(tmp_path / "b.db"))
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("update documents set text = 'rewritten' where kind = 'news'")
    target = str(tmp_path / "restored.db")
    result = at(target)("restore", str(tmp_path / "b.db"))
    assert result.exit_code == 1
    assert "nothing restored, its evidence log does not verify" in result.stderr
    with sqlite3.connect(target) as conn:
        tables = conn.execute("select name from sqlite_master where type='table'")
        assert list(tables) == []
