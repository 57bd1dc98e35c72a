"""Ingest through the real CLI into a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.ingest import witness
from corridor.store import queries
from corridor.store.engine import open_store
from tests.conftest import Run, minimal_pdf, signed_report, write, write_json

REPORT = """---
publisher: Levant Wire
published: 2016-07-28
kind: news
title: Corridors announced
---
Russia said on Thursday it would open three humanitarian corridors out of east
Aleppo, where between 250,000 and 300,000 people are trapped.
"""


def stored(db: str) -> list[dict]:
    store = open_store(db)
    try:
        return queries.documents(store)
    finally:
        store.close()


def test_ingest_stores_a_report_with_its_front_matter(
    run: Run, db: str, tmp_path: Path
) -> None:
    result = run("ingest", str(write(tmp_path / "a.md", REPORT)))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 new, 0 already stored, 0 rejected")
    (doc,) = stored(db)
    assert doc["publisher"] == "Levant Wire"
    assert str(doc["published"]) == "2016-07-28"
    assert doc["title"] == "Corridors announced"
    assert doc["kind"] == "news"


def test_ingest_twice_stores_once_and_says_so(
    run: Run, db: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "a.md", REPORT)
    run("ingest", str(path))
    again = run("ingest", str(path))
    assert again.exit_code == 0
    assert "0 new, 1 already stored, 0 rejected" in again.stdout
    assert len(stored(db)) == 1
    verify = run("log", "verify")
    assert verify.exit_code == 0 and "ok: 1 entries" in verify.stdout


def test_same_text_with_other_line_endings_is_the_same_document(
    run: Run, db: str, tmp_path: Path
) -> None:
    write(tmp_path / "unix.txt", "Food for one month.\nNo more.\n")
    (tmp_path / "dos.txt").write_bytes(b"Food for one month.  \r\nNo more.\r\n\r\n")
    result = run("ingest", str(tmp_path / "unix.txt"), str(tmp_path / "dos.txt"))
    assert "1 new, 1 already stored" in result.stdout


def test_ingest_walks_folders_and_skips_other_files(
    run: Run, db: str, tmp_path: Path
) -> None:
    write(tmp_path / "in" / "a.txt", "One report about Aleppo.")
    write(tmp_path / "in" / "deeper" / "b.md", "Another report about Madaya.")
    write(tmp_path / "in" / ".hidden.txt", "Never read.")
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = run("ingest", str(tmp_path / "in"))
    assert result.exit_code == 0
    assert "2 new, 0 already stored, 0 rejected" in result.stdout
    assert "skipped 1 file(s)" in result.stderr


def test_ingest_reads_standard_input_with_flags(run: Run, db: str) -> None:
    result = run(
        "ingest",
        "-",
        "--publisher",
        "Desk",
        "--published",
        "2016-12-01",
        "--kind",
        "agency",
        input="Russia proposed four corridors.",
    )
    assert result.exit_code == 0, result.output
    (doc,) = stored(db)
    assert (doc["source"], doc["publisher"], doc["kind"]) == ("-", "Desk", "agency")


def test_metadata_precedence_front_matter_then_sidecar_then_flags(
    run: Run, db: str, tmp_path: Path
) -> None:
    write(tmp_path / "r.md", "---\npublisher: FromFrontMatter\n---\nText one.")
    write_json(
        tmp_path / "r.meta.json",
        {
            "publisher": "FromSidecar",
            "author": "Sidecar Author",
            "published": "2016-08-02",
        },
    )
    result = run(
        "ingest",
        str(tmp_path / "r.md"),
        "--publisher",
        "FromFlag",
        "--author",
        "Flag Author",
        "--url",
        "https://example.org/r",
    )
    assert result.exit_code == 0, result.output
    (doc,) = stored(db)
    assert doc["publisher"] == "FromFrontMatter"
    assert doc["author"] == "Sidecar Author"
    assert doc["url"] == "https://example.org/r"
    assert str(doc["published"]) == "2016-08-02"


def test_a_text_reports_date_line_is_its_publication_date_unless_told_otherwise(
    run: Run, db: str, tmp_path: Path
) -> None:
    text = "Hospitals hit\nPublished 13 December 2016\n\nThe last hospital was hit."
    write(tmp_path / "a.txt", text)
    write(tmp_path / "b.txt", text + " Twice.")  # the same text is stored once
    assert run("ingest", str(tmp_path / "a.txt")).exit_code == 0
    result = run("ingest", str(tmp_path / "b.txt"), "--published", "2016-12-14")
    assert result.exit_code == 0, result.output
    published = {
        doc["source"].rsplit("/", 1)[-1]: str(doc["published"]) for doc in stored(db)
    }
    assert published == {"a.txt": "2016-12-13", "b.txt": "2016-12-14"}


def test_html_main_text_is_taken_by_trafilatura(
    run: Run, db: str, tmp_path: Path
) -> None:
    body = " ".join(["Doctors said the last hospital in east Aleppo was hit."] * 6)
    page = (
        f"<html><head><title>Hospitals</title><meta name='date' "
        f"content='2016-11-20'></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Hospitals hit</h1><p>{body}</p></article>"
        f"<footer>Copyright notice and cookie policy</footer></body></html>"
    )
    write(tmp_path / "page.html", page)
    result = run("ingest", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    (doc,) = stored(db)
    assert str(doc["published"]) == "2016-11-20"
    store = open_store(db)
    with store.read() as conn:
        text = conn.exec_driver_sql("select text from documents").scalar_one()
    store.close()
    assert "last hospital" in text
    assert "cookie policy" not in text and "Sport" not in text


def test_pdf_text_layer_is_read(run: Run, db: str, tmp_path: Path) -> None:
    (tmp_path / "r.pdf").write_bytes(minimal_pdf("Some 400 wounded need evacuation."))
    result = run("ingest", str(tmp_path / "r.pdf"), "--published", "2016-12-01")
    assert result.exit_code == 0, result.output
    assert stored(db)[0]["characters"] == len("Some 400 wounded need evacuation.")


BAD_INPUTS = {
    "empty.txt": (b"", "is empty"),
    "blank.md": (b"  \n\n ", "is empty"),
    "junk.txt": (bytes(range(256)) * 4, "binary"),
    "latin1.txt": (
        "Alep, d\u00e9cembre: 35\u00a0000 \u00e9vacu\u00e9s".encode("latin-1"),
        "not valid UTF-8",
    ),
    "bad.json": (b'{"witness": "w", "text": ', "not valid JSON"),
    "bad.csv": (b'witness,text,observed_at\nw,"unclosed,2016-12-15\n', "not valid CSV"),
    "columns.csv": (b"who,what\nw,x\n", "CSV columns"),
    "scan.pdf": (minimal_pdf(None), "no text layer"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj\n<<", "not a readable PDF"),
    "date.md": (
        b"---\npublished: 08/01\n---\nText.",
        "field 'published' must be a date like 2016-08-01, got '08/01'",
    ),
    "yaml.md": (
        b"---\npublisher: [unclosed\n---\nText.",
        "front matter is not valid YAML",
    ),
    "kind.md": (b"---\nkind: rumour\n---\nText.", "field 'kind' must be one of"),
    "nodate.json": (
        b'{"text": "seen", "observed_at": "yesterday"}',
        "field 'observed_at' must be a date",
    ),
    "sig.json": (
        b'{"text": "seen", "observed_at": "2016-12-15", "witness": "w", '
        b'"signature": "not base64!"}',
        "field 'signature'",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_rejected_with_one_line_and_nothing_written(
    run: Run, db: str, tmp_path: Path, name: str
) -> None:
    raw, expected = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(raw)
    good = write(tmp_path / "good.txt", "A good report survives a bad neighbour.")
    result = run("ingest", str(tmp_path / name), str(good))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert name in errors[0] and expected in errors[0], errors[0]
    assert "1 new, 0 already stored, 1 rejected" in result.stdout
    assert [d["source"] for d in stored(db)] == [str(good)]


def test_file_over_the_size_limit_is_rejected(
    run: Run, db: str, tmp_path: Path
) -> None:
    write(tmp_path / "big.txt", "x" * 2048)
    result = run("ingest", str(tmp_path / "big.txt"), "--max-bytes", "1k")
    assert result.exit_code == 1
    assert "big.txt: is 2 KB, over the 1 KB limit" in result.stderr
    assert stored(db) == []


def test_size_limit_from_the_environment(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from corridor.cli import cli

    write(tmp_path / "big.txt", "x" * 4096)
    monkeypatch.setenv("CORRIDOR_MAX_BYTES", "2k")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path / "big.txt")])
    assert result.exit_code == 1 and "over the 2 KB limit" in result.stderr


def test_missing_file_is_named(run: Run, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 1
    assert "nowhere.txt: no such file or folder" in result.stderr


def test_bad_flag_is_refused_before_anything_is_read(
    run: Run, db: str, tmp_path: Path
) -> None:
    result = run("ingest", str(write(tmp_path / "a.txt", "x")), "--published", "08/01")
    assert result.exit_code == 1
    assert "--published must be a date like 2016-08-01, got '08/01'" in result.stderr


def test_a_bad_report_in_a_witness_file_rejects_the_whole_file(
    run: Run, db: str, tmp_path: Path, keypair: tuple[str, str]
) -> None:
    private, _ = keypair
    good = signed_report(private)
    bad = {"text": "no date"}
    write_json(tmp_path / "two.json", [good, bad])
    result = run("ingest", str(tmp_path / "two.json"))
    assert result.exit_code == 1
    assert "two.json: report 2: field 'observed_at' is missing" in result.stderr
    assert stored(db) == []


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_a_witness_file_of_more_than_10000_reports_is_refused(
    run: Run, db: str, tmp_path: Path, suffix: str
) -> None:
    count = witness.MAX_REPORTS + 1
    path = tmp_path / f"many.{suffix}"
    if suffix == "json":
        report = {"witness": "w-a", "observed_at": "2016-12-15", "text": "Buses left."}
        write_json(path, [report] * count)
    else:
        write(
            path, "witness,observed_at,text\n" + "w-a,2016-12-15,Buses left.\n" * count
        )
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {path}: holds 10,001 witness reports, more than the 10,000 one "
        "file may hold; split it into files of at most 10,000"
    )
    assert stored(db) == []


def test_witness_csv_rows_become_documents(run: Run, db: str, tmp_path: Path) -> None:
    csv_text = (
        "witness,lat,lon,area,observed_at,text\n"
        "w-a,36.2,37.1,east Aleppo,2016-12-15,First buses left at dawn.\n"
        'w-b,,,east Aleppo,2016-12-16,"Evacuation paused, buses stopped."\n'
    )
    write(tmp_path / "w.csv", csv_text)
    result = run("ingest", str(tmp_path / "w.csv"))
    assert result.exit_code == 0, result.output
    docs = stored(db)
    assert [d["kind"] for d in docs] == ["witness", "witness"]
    assert {d["signature"] for d in docs} == {"unsigned"}
    assert json.dumps(docs, default=str).count("36.2") == 0
