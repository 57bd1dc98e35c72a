"""Export and import: a lossless round trip, refused when it would lose or forge."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corridor.cli import cli
from tests.conftest import Run, write
from tests.postgres import PostgresServer
from tests.store.conftest import Backend
from tests.store.test_chain import add_claim, build_store


def other(db: str):  # type: ignore[no-untyped-def]
    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)

    return run


def test_export_import_export_gives_identical_files_and_a_verified_log(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str], backend: Backend
) -> None:
    build_store(tmp_path / "in", run, keypair)
    add_claim(db)
    for flag in ([], ["--include-restricted"]):
        first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
        assert run("export", *flag, str(first)).exit_code == 0
        copy = other(backend.new())
        imported = copy("import", str(first))
        assert imported.exit_code == 0, imported.output
        assert "evidence log verified" in imported.stdout
        assert copy("export", *flag, str(second)).exit_code == 0
        assert first.read_bytes() == second.read_bytes()
        assert copy("log", "verify").exit_code == 0
    tables = {json.loads(line).get("table") for line in first.read_text().splitlines()}
    assert tables >= {"documents", "restricted", "witness_keys", "claims", "log"}


def test_import_refuses_a_store_that_holds_records(run: Run, tmp_path: Path) -> None:
    run("ingest", str(write(tmp_path / "a.txt", "Some report.")))
    run("export", str(tmp_path / "e.jsonl"))
    result = run("import", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 1 and "import needs an empty store" in result.stderr


def test_import_refuses_a_tampered_export_and_keeps_nothing(
    run: Run, tmp_path: Path, backend: Backend
) -> None:
    run("ingest", str(write(tmp_path / "a.txt", "About 275,000 people remain.")))
    run("export", str(tmp_path / "e.jsonl"))
    text = (tmp_path / "e.jsonl").read_text().replace("275,000", "175,000")
    (tmp_path / "e.jsonl").write_text(text)
    target = backend.new()
    result = other(target)("import", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 1
    assert "nothing imported, its evidence log does not verify" in result.stderr
    assert backend.sql(target, "select count(*) from documents") == [(0,)]


def test_import_names_the_bad_line(run: Run, tmp_path: Path, backend: Backend) -> None:
    run("ingest", str(write(tmp_path / "a.txt", "Some report.")))
    run("export", str(tmp_path / "e.jsonl"))
    lines = (tmp_path / "e.jsonl").read_text().splitlines()
    lines.insert(2, "{not json")
    (tmp_path / "bad.jsonl").write_text("\n".join(lines))
    result = other(backend.new())("import", str(tmp_path / "bad.jsonl"))
    assert result.exit_code == 1
    assert "bad.jsonl: line 3: not valid JSON" in result.stderr
    missing = other(backend.new())("import", str(tmp_path / "none.jsonl"))
    assert missing.exit_code == 1 and "none.jsonl: cannot be read" in missing.stderr


def test_redacted_import_still_verifies(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str], backend: Backend
) -> None:
    build_store(tmp_path / "in", run, keypair)
    run("export", str(tmp_path / "public.jsonl"))
    copy = other(backend.new())
    assert copy("import", str(tmp_path / "public.jsonl")).exit_code == 0
    assert copy("log", "verify").exit_code == 0


def test_a_store_moves_between_sqlite_and_postgresql_unchanged(
    tmp_path: Path, postgres: PostgresServer, keypair: tuple[str, str]
) -> None:
    sqlite_db = str(tmp_path / "field.db")
    build_store(tmp_path / "in", other(sqlite_db), keypair)
    add_claim(sqlite_db)
    exported = tmp_path / "field.jsonl"
    assert (
        other(sqlite_db)("export", "--include-restricted", str(exported)).exit_code == 0
    )
    shared = other(postgres.new_database())
    assert shared("import", str(exported)).exit_code == 0
    assert (
        shared(
            "export", "--include-restricted", str(tmp_path / "again.jsonl")
        ).exit_code
        == 0
    )
    assert (tmp_path / "again.jsonl").read_bytes() == exported.read_bytes()
    assert shared("log", "verify").stdout == other(sqlite_db)("log", "verify").stdout
