"""The evidence log catches every single change made behind its back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.store import chain, evidence, schema
from corridor.store.engine import database_url, open_store
from tests.conftest import Run, signed_report, write, write_json
from tests.store.conftest import Backend

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
def template(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> str:
    from click.testing import CliRunner

    from corridor.cli import cli
    from corridor.ingest.signing import new_key_pair

    db = backend.new()

    def run(*args: str) -> object:
        return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)

    folder = tmp_path_factory.mktemp("reports")
    build_store(folder, run, new_key_pair())  # type: ignore[arg-type]
    add_claim(db)
    return db


def verify(db: str) -> chain.Verification:
    store = open_store(db)
    try:
        with store.read() as conn:
            return chain.verify(conn)
    finally:
        store.close()


def test_intact_log_verifies_and_names_its_head(template: str) -> None:
    result = verify(template)
    assert result.ok, result.problem
    # 1 key + 4 reports + 1 witness report + 1 extraction + 1 claim + 1 event
    assert result.entries == 9
    assert len(result.head) == 64


def test_log_verify_command_exits_1_naming_the_first_altered_entry(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str], backend: Backend
) -> None:
    build_store(tmp_path / "in", run, keypair)
    ok = run("log", "verify")
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: 6 entries, head ")
    head = ok.stdout.split()[-1]
    backend.sql(
        db,
        "update log set record = replace(record, '2016-12-03', '2016-12-09') "
        "where seq = 4",
    )
    broken = run("log", "verify")
    assert broken.exit_code == 1
    assert "entry 4 was altered" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
    backend.sql(
        db,
        "delete from log where seq >= 4",
        "delete from restricted where document_id not in (select ref from log)",
        "delete from documents where id not in (select ref from log)",
    )
    truncated = run("log", "verify", "--expect-head", head)
    assert truncated.exit_code == 1 and "not " + head in truncated.stderr


def test_changing_a_stored_document_is_detected(
    template: str, backend: Backend
) -> None:
    db = backend.clone(template)
    backend.sql(
        db,
        "update documents set text = replace(text, 'about', 'over') "
        "where published = '2016-12-02'",
    )
    result = verify(db)
    assert not result.ok and "differs from its log entry" in (result.problem or "")


def test_changing_restricted_witness_fields_is_detected(
    template: str, backend: Backend
) -> None:
    db = backend.clone(template)
    backend.sql(db, "update restricted set fields = replace(fields, '36.2', '36.3')")
    result = verify(db)
    assert not result.ok and "restricted witness fields were changed" in (
        result.problem or ""
    )


# PostgreSQL text cannot hold NUL; anything else goes.
NOISE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=8,
)

mutations = st.one_of(
    st.tuples(st.just("modify"), st.integers(0, 8), st.sampled_from(COLUMNS), NOISE),
    st.tuples(st.just("delete"), st.integers(0, 8)),
    st.tuples(st.just("insert"), st.integers(0, 9), st.integers(0, 8), st.booleans()),
    st.tuples(st.just("swap"), st.integers(0, 8), st.integers(0, 8)),
)


def _changed(old: str, noise: str) -> str:
    """``old`` altered by ``noise``, no longer than it (columns have a width)."""
    new = (noise + old)[: len(old)]
    return new if new != old else ("x" if old[0] != "x" else "y") + old[1:]


def statements(rows: list[Any], mutation: tuple) -> list[tuple[str, dict[str, Any]]]:
    """The SQL that applies ``mutation`` to the log rows ``rows``."""
    action = mutation[0]
    if action == "modify":
        _, index, column, noise = mutation
        old = rows[index][COLUMNS.index(column)]
        if column == "seq":
            new: object = len(rows) + 10 + len(noise)
        elif column == "record":
            new = old[:-1] + ',"x":' + chain.canonical_json(noise) + "}"
        else:
            new = _changed(old, noise)
        return [
            (
                f"update log set {column} = :new where seq = :seq",
                {"new": new, "seq": rows[index][0]},
            )
        ]
    if action == "delete":
        return [("delete from log where seq = :seq", {"seq": rows[mutation[1]][0]})]
    if action == "insert":
        _, position, copy_of, rechain = mutation
        seq = position + 1
        entry = dict(zip(COLUMNS, rows[copy_of], strict=True))
        entry.update(seq=seq, ref="f" * 64)
        if rechain:  # a careful forger chains the new entry onto its predecessor
            prev = (
                rows[position - 1][COLUMNS.index("hash")] if position else chain.GENESIS
            )
            entry["prev_hash"] = prev
            entry["hash"] = chain.entry_hash(
                prev, seq, entry["kind"], entry["ref"], entry["at"], entry["record"]
            )
        else:
            entry["hash"] = "e" * 64
        return [
            ("update log set seq = -seq - 1 where seq >= :seq", {"seq": seq}),
            ("update log set seq = -seq where seq < 0", {}),
            (
                f"insert into log ({', '.join(COLUMNS)}) values "
                f"({', '.join(':' + c for c in COLUMNS)})",
                entry,
            ),
        ]
    _, first, second = mutation
    if first == second:
        second = (first + 1) % len(rows)
    a, b = rows[first], rows[second]
    swap = (
        "update log set kind = :kind, ref = :ref, at = :at, record = :record, "
        "prev_hash = :prev_hash, hash = :hash where seq = :seq"
    )
    return [
        ("update log set hash = 'swapping' where seq = :seq", {"seq": a[0]}),
        (swap, {**dict(zip(COLUMNS, a, strict=True)), "seq": b[0]}),
        (swap, {**dict(zip(COLUMNS, b, strict=True)), "seq": a[0]}),
    ]


def mutate(db: str, mutation: tuple) -> None:
    engine = sa.create_engine(database_url(db))
    try:
        with engine.begin() as conn:
            rows = list(
                conn.execute(
                    sa.text(f"select {', '.join(COLUMNS)} from log order by seq")
                )
            )
            for statement, params in statements(rows, mutation):
                conn.execute(sa.text(statement), params)
    finally:
        engine.dispose()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutation=mutations)
def test_any_single_change_to_the_log_is_detected(
    template: str, backend: Backend, mutation: tuple
) -> None:
    db = backend.clone(template)
    mutate(db, mutation)
    result = verify(db)
    assert not result.ok, f"{mutation} went unnoticed"
    assert result.problem
