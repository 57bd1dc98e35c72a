"""`corridor extract` over the store and over files, through the real CLI."""

from __future__ import annotations

import codecs
import json
import sqlite3
from pathlib import Path

from tests.conftest import Run, write

REPORT = """---
publisher: Levant Wire
published: 2016-11-30
area: East Aleppo
---
More than 50,000 people have fled east Aleppo in the past week, according to the
Syrian Observatory. The UN said 31,500 people had been displaced.
"""

CLAIM_KEYS = {
    "type",
    "document",
    "indicator",
    "low",
    "high",
    "unit",
    "vague",
    "modality",
    "area",
    "actor",
    "attribution",
    "as_of",
    "start",
    "end",
    "quote",
}


def counts(db: str) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("extractions", "claims", "log")
        )  # type: ignore[return-value]


def test_extract_stores_claims_once_and_redo_changes_nothing(
    run: Run, db: str, tmp_path: Path
) -> None:
    run("ingest", str(write(tmp_path / "r.md", REPORT)))
    first = run("extract")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("1 documents: ")
    extractions, claims, entries = counts(db)
    assert (extractions, entries) == (1, 1 + 1 + claims + counts_events(db))
    assert claims >= 2
    again = run("extract")
    assert again.stdout.startswith("0 documents")
    redo = run("extract", "--redo")
    assert "(1 unchanged)" in redo.stdout
    assert counts(db) == (extractions, claims, entries)
    assert run("log", "verify").exit_code == 0


def test_extract_in_batches_stores_each_document_once_in_order(
    run: Run, db: str, tmp_path: Path
) -> None:
    for i in range(7):
        write(tmp_path / f"r{i}.md", REPORT.replace("31,500", f"{31_500 + i:,}"))
    assert run("ingest", str(tmp_path)).exit_code == 0
    first = run("extract", "--batch", "3", "--json")
    assert first.exit_code == 0, first.output
    lines = [json.loads(line) for line in first.stdout.splitlines()]
    assert len(lines) == 7 and all(line["changed"] for line in lines)
    with sqlite3.connect(db) as conn:
        numbers = conn.execute(
            "select document_id, number from extractions order by document_id"
        ).fetchall()
    assert sorted(n for _, n in numbers) == [1] * 7
    assert len({d for d, _ in numbers}) == 7
    redo = run("extract", "--redo", "--batch", "2")
    assert "(7 unchanged)" in redo.stdout
    assert run("log", "verify").exit_code == 0


def test_extract_batch_needs_stored_documents(run: Run, tmp_path: Path) -> None:
    result = run(
        "extract", "--json", "--batch", "5", str(write(tmp_path / "r.md", REPORT))
    )
    assert result.exit_code == 2
    assert "--batch" in result.stderr


def counts_events(db: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from events").fetchone()[0])


def test_claims_lists_figures_with_their_quotes(run: Run, tmp_path: Path) -> None:
    run("ingest", str(write(tmp_path / "r.md", REPORT)))
    run("extract")
    listed = run("claims", "--indicator", "people.displaced", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    figures = {(r["low"], r["high"]) for r in rows}
    assert (50000.0, None) in figures and (31500.0, 31500.0) in figures
    assert all(r["publisher"] == "Levant Wire" and r["quote"] for r in rows)
    table = run("claims", "--indicator", "people.displaced")
    assert ">=50,000" in table.stdout and "31,500" in table.stdout
    bad = run("claims", "--indicator", "people.fled")
    assert bad.exit_code == 2 and "--indicator" in bad.stderr


def test_extract_json_on_files_keeps_the_contract_and_stores_nothing(
    run: Run, db: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "r.md", REPORT)
    result = run("extract", "--json", str(path))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    claims = [r for r in rows if r["type"] == "claim"]
    assert claims
    for row in claims:
        assert set(row) == CLAIM_KEYS
        assert row["document"] == str(path)
        assert text[row["start"] : row["end"]] == row["quote"]
    assert not Path(db).exists() or counts(db)[1] == 0


def test_extract_json_dates_a_plain_text_report_by_its_date_line(
    run: Run, tmp_path: Path
) -> None:
    """Without front matter or sidecar, "on Tuesday" and every figure's as_of
    come from the date the report's header gives."""
    path = write(
        tmp_path / "r.txt",
        "Aleppo hospitals\nTuesday 13 December 2016 10.14 GMT\n\n"
        "At least 82 civilians were killed in east Aleppo on Monday.\n",
    )
    result = run("extract", "--json", str(path))
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["indicator"], row["low"], row["as_of"]) == (
        "people.killed",
        82.0,
        "2016-12-12",
    )


def test_extract_json_offsets_count_a_byte_order_mark_and_crlf_line_ends(
    run: Run, tmp_path: Path
) -> None:
    """Offsets index the text as Python reads the file in text mode: the BOM
    kept as a character, CRLF line ends read as one \\n."""
    path = tmp_path / "r.txt"
    body = REPORT.replace("\n", "\r\n")
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    result = run("extract", "--json", str(path))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    with path.open(encoding="utf-8") as handle:
        text = handle.read()
    assert text[0] == "\ufeff" and "\r" not in text and rows
    assert all(text[r["start"] : r["end"]] == r["quote"] for r in rows)
    assert {r["as_of"] for r in rows if r["type"] == "claim"} == {"2016-11-30"}


def test_extract_json_names_an_unreadable_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01binary")
    result = run("extract", "--json", str(tmp_path / "junk.txt"))
    assert result.exit_code == 1
    assert "junk.txt: looks like a binary file" in result.stderr


def test_extract_json_walks_a_folder_and_goes_on_past_a_bad_file(
    run: Run, tmp_path: Path
) -> None:
    """As with ingest: folders are walked, a file that cannot be read gets
    one error line and none of its records, the others are all printed, and
    the exit status says something failed."""
    write(tmp_path / "in" / "a.md", REPORT)
    write(tmp_path / "in" / "sub" / "b.txt", "Some 250,000 people remain trapped.\n")
    write(tmp_path / "in" / "notes.xyz", "At least 5 were killed.")
    (tmp_path / "in" / "junk.txt").write_bytes(b"\x00\x01binary")
    result = run("extract", "--json", str(tmp_path / "in"))
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {Path(r["document"]).name for r in rows} == {"a.md", "b.txt"}
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "junk.txt: looks like a binary file" in errors[0]
    assert "skipped 1 file(s) of other types" in result.stderr


def test_extract_json_reads_standard_input_and_refuses_an_oversized_file(
    run: Run, tmp_path: Path, monkeypatch
) -> None:
    result = run("extract", "--json", "-", input=REPORT)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["document"] for r in rows} == {"-"}
    assert {r["as_of"] for r in rows if r["type"] == "claim"} == {"2016-11-30"}
    monkeypatch.setenv("CORRIDOR_MAX_BYTES", "100")
    big = write(tmp_path / "big.md", REPORT)
    result = run("extract", "--json", str(big))
    assert result.exit_code == 1 and not result.stdout
    assert "big.md: is" in result.stderr and "over the" in result.stderr


def test_extract_files_without_json_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("extract", str(write(tmp_path / "r.md", REPORT)))
    assert result.exit_code == 2 and "need --json" in result.stderr
