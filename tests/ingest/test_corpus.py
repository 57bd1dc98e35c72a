"""Corpora of articles in one file: JSON Lines and Parquet, record by record."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tests.conftest import Run
from tests.ingest.test_ingest import stored


def articles(count: int) -> list[dict[str, object]]:
    return [
        {
            "text": f"Article {i}: about {i * 100} people fled the old city.",
            "publisher": f"Wire {i % 3}",
            "published": f"2016-12-{i % 28 + 1:02d}",
            "kind": "news",
            "url": f"https://example.org/{i}",
            "extra": "ignored",
        }
        for i in range(count)
    ]


def test_json_lines_corpus_goes_in_record_by_record(
    run: Run, db: str, tmp_path: Path
) -> None:
    lines = [json.dumps(a) for a in articles(1200)]
    lines[7] = "{not json"
    lines[99] = json.dumps({"text": "x", "published": "12/99"})
    lines[500] = json.dumps({"publisher": "no text"})
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n\n")
    result = run("ingest", str(tmp_path / "feed.jsonl"))
    assert result.exit_code == 1
    assert "1197 new, 0 already stored, 3 rejected" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {tmp_path / 'feed.jsonl'}: line 8: not valid JSON (Expecting "
        "property name enclosed in double quotes)",
        f"Error: {tmp_path / 'feed.jsonl'}: line 100: field 'published' must be a "
        "date like 2016-08-01, got '12/99'",
        f"Error: {tmp_path / 'feed.jsonl'}: line 501: field 'text' is missing or empty",
    ]
    docs = stored(db)
    assert len(docs) == 1197
    first = next(d for d in docs if d["source"].endswith("feed.jsonl:1"))
    assert (first["publisher"], str(first["published"])) == ("Wire 0", "2016-12-01")
    again = run("ingest", str(tmp_path / "feed.jsonl"))
    assert "0 new, 1197 already stored, 3 rejected" in again.stdout
    assert run("log", "verify").exit_code == 0


def test_parquet_corpus_is_read_in_batches(run: Run, db: str, tmp_path: Path) -> None:
    pq.write_table(
        pa.Table.from_pylist(articles(700)),
        tmp_path / "archive.parquet",
        row_group_size=100,
    )
    result = run("ingest", str(tmp_path / "archive.parquet"), "--kind", "agency")
    assert result.exit_code == 0, result.output
    assert "700 new, 0 already stored, 0 rejected" in result.stdout
    assert {d["kind"] for d in stored(db)} == {"news"}  # the record's own kind wins


def test_broken_parquet_is_named(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    result = run("ingest", str(tmp_path / "bad.parquet"))
    assert result.exit_code == 1
    assert "bad.parquet: is not a readable Parquet file" in result.stderr
