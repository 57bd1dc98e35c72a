"""The evidence log catches every single change made behind its back."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.store import chain, evidence, schema
from corridor.store.engine import open_store
from tests.conftest import Run, signed_report, write, write_json

COLUMNS = ("seq", "kind", "ref", "at", "record", "prev_hash", "hash")


def build_store(folder: Path, run: Run, keypair: tuple[str, str]) -> None:
    """A store with documents, a witness key, a restricted report and a claim."""
    private, public = keypair
    run("witness", "add", "w-one", public)
    for day in range(1, 5):
        write(
            folder / f"r{day}.md",
            f"---\npublished: 2016-12-0{day}\n---\n"
            f"Report {day}: about {day * 1000} people fled east Aleppo.",
        )
    write_json(folder / "w.json", signed_report(private))
    assert run("ingest", str(folder)).exit_code == 0


def add_claim(db: str) -> None:
    store = open_store(db)
    with store.transaction() as conn:
        doc = conn.execute(schema.documents.select().limit(1)).first()
        assert doc is not None
        claim = {
            "indicator": "people.displaced",
            "low": 1000.0,
            "high": None,
            "unit": "people",
            "vague": False,
            "modality": "estimated",
            "area": "East Aleppo",
            "actor": None,
            "attribution": None,
            "as_of": None,
            "start": 0,
            "end": 10,
            "quote": "Report 1: ",
        }
        event = {
            "event": "corridor.opened",
            "modality": "asserted",
            "area": None,
            "actor": None,
            "attribution": None,
            "date": dt.date(2016, 12, 15),
            "count": None,
            "start": 0,
            "end": 6,
            "quote": "Report",
        }
        evidence.record_extraction(conn, doc.id, "test", [claim], [event])
    store.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from corridor.cli import cli
    from corridor.ingest.signing import new_key_pair

    folder = tmp_path_factory.mktemp("template")
    db = folder / "template.db"

    def run(*args: str) -> object:
        return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)

    build_store(folder / "reports", run, new_key_pair())  # type: ignore[arg-type]
    add_claim(str(db))
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return db


def verify(db: Path) -> chain.Verification:
    store = open_store(str(db))
    try:
        with store.read() as conn:
            return chain.verify(conn)
    finally:
        store.close()


def test_intact_log_verifies_and_names_its_head(template: Path) -> None:
    result = verify(template)
    assert result.ok, result.problem
    # 1 key + 4 reports + 1 witness report + 1 extraction + 1 claim + 1 event
    assert result.entries == 9
    assert len(result.head) == 64


def test_log_verify_command_exits_1_naming_the_first_altered_entry(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    build_store(tmp_path / "in", run, keypair)
    ok = run("log", "verify")
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: 6 entries, head ")
    head = ok.stdout.split()[-1]
    with sqlite3.connect(db) as conn:
        conn.execute(
            "update log set record = replace(record, '2016-12-03', "
            "'2016-12-09') where seq = 4"
        )
    broken = run("log", "verify")
    assert broken.exit_code == 1
    assert "entry 4 was altered" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
    with sqlite3.connect(db) as conn:
        conn.execute("delete from log where seq >= 4")
        conn.execute("delete from documents where id not in (select ref from log)")
    truncated = run("log", "verify", "--expect-head", head)
    assert truncated.exit_code == 1 and "not " + head in truncated.stderr


def test_changing_a_stored_document_is_detected(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    shutil.copy(template, db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "update documents set text = replace(text, 'about', 'over') "
            "where published = '2016-12-02'"
        )
    result = verify(db)
    assert not result.ok and "differs from its log entry" in (result.problem or "")


def test_changing_restricted_witness_fields_is_detected(
    template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    shutil.copy(template, db)
    with sqlite3.connect(db) as conn:
        conn.execute("update restricted set fields = replace(fields, '36.2', '36.3')")
    result = verify(db)
    assert not result.ok and "restricted witness fields were changed" in (
        result.problem or ""
    )


def _rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(f"select {', '.join(COLUMNS)} from log order by seq").fetchall()


mutations = st.one_of(
    st.tuples(
        st.just("modify"),
        st.integers(0, 8),
        st.sampled_from(COLUMNS),
        st.text(min_size=1, max_size=8),
    ),
    st.tuples(st.just("delete"), st.integers(0, 8)),
    st.tuples(st.just("insert"), st.integers(0, 9), st.integers(0, 8), st.booleans()),
    st.tuples(st.just("swap"), st.integers(0, 8), st.integers(0, 8)),
)


def mutate(conn: sqlite3.Connection, mutation: tuple) -> None:
    rows = _rows(conn)
    action = mutation[0]
    if action == "modify":
        _, index, column, noise = mutation
        old = rows[index][COLUMNS.index(column)]
        if column == "seq":
            new: object = len(rows) + 10 + len(noise)
        elif column == "record":
            new = old[:-1] + ',"x":' + chain.canonical_json(noise) + "}"
        else:
            new = old + noise
        conn.execute(
            f"update log set {column} = ? where seq = ?", (new, rows[index][0])
        )
    elif action == "delete":
        conn.execute("delete from log where seq = ?", (rows[mutation[1]][0],))
    elif action == "insert":
        _, position, copy_of, rechain = mutation
        seq = position + 1
        conn.execute("update log set seq = -seq - 1 where seq >= ?", (seq,))
        conn.execute("update log set seq = -seq where seq < 0")
        source = dict(zip(COLUMNS, rows[copy_of], strict=True))
        source["seq"] = seq
        source["ref"] = "f" * 64
        if rechain:  # a careful forger chains the new entry onto its predecessor
            prev = (
                rows[position - 1][COLUMNS.index("hash")] if position else chain.GENESIS
            )
            source["prev_hash"] = prev
            source["hash"] = chain.entry_hash(
                prev, seq, source["kind"], source["ref"], source["at"], source["record"]
            )
        else:
            source["hash"] = "e" * 64
        conn.execute(
            f"insert into log ({', '.join(COLUMNS)}) values (?,?,?,?,?,?,?)",
            tuple(source[c] for c in COLUMNS),
        )
    else:
        _, first, second = mutation
        if first == second:
            second = (first + 1) % len(rows)
        a, b = rows[first], rows[second]
        conn.execute("update log set hash = 'swapping' where seq = ?", (a[0],))
        for row, other in ((b, a), (a, b)):
            conn.execute(
                "update log set kind=?, ref=?, at=?, record=?, prev_hash=?, "
                "hash=? where seq=?",
                (*other[1:], row[0]),
            )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutation=mutations)
def test_any_single_change_to_the_log_is_detected(
    template: Path, tmp_path: Path, mutation: tuple
) -> None:
    db = Path(tempfile.mkdtemp(dir=tmp_path)) / "mutated.db"
    shutil.copy(template, db)
    with sqlite3.connect(db) as conn:
        mutate(conn, mutation)
    result = verify(db)
    assert not result.ok, f"{mutation} went unnoticed"
    assert result.problem
